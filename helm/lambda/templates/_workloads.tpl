{{/*
Objects every long-running app has, one define per kind; each template file renders exactly one
of them for one component. All take the dict described in _pod.tpl, plus:
  autoscaling   the app's autoscaling values (nil when the app has no HPA)
*/}}

{{- define "lambda.deployment" -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  {{- include "lambda.metadata" . | nindent 2 }}
spec:
  {{- if not (and .autoscaling .autoscaling.enabled) }}
  replicas: {{ int .values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "lambda.selectorLabels" . | nindent 6 }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    {{- include "lambda.podTemplate" (merge (dict "probes" true) .) | nindent 4 }}
{{- end -}}

{{- define "lambda.service" -}}
apiVersion: v1
kind: Service
metadata:
  {{- include "lambda.metadata" (merge (dict "extra" .values.service.annotations) .) | nindent 2 }}
spec:
  type: {{ .values.service.type }}
  selector:
    {{- include "lambda.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ int .values.service.port }}
      targetPort: http
      protocol: TCP
{{- end -}}

{{- define "lambda.serviceAccount" -}}
{{- $annotations := deepCopy .root.Values.serviceAccount.annotations -}}
{{- if .hook }}
{{- $annotations = merge $annotations (include "lambda.hookAnnotations" (dict "weight" "-10") | fromYaml) -}}
{{- end -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  {{- include "lambda.metadata" (merge (dict "extra" $annotations) .) | nindent 2 }}
automountServiceAccountToken: {{ .root.Values.serviceAccount.automountServiceAccountToken }}
{{- end -}}

{{- define "lambda.podDisruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  {{- include "lambda.metadata" . | nindent 2 }}
spec:
  maxUnavailable: {{ .values.podDisruptionBudget.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "lambda.selectorLabels" . | nindent 6 }}
{{- end -}}

{{- define "lambda.hpa" -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  {{- include "lambda.metadata" . | nindent 2 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "lambda.componentName" . }}
  minReplicas: {{ int .autoscaling.minReplicas }}
  maxReplicas: {{ int .autoscaling.maxReplicas }}
  metrics:
    {{- with .autoscaling.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ int . }}
    {{- end }}
    {{- with .autoscaling.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ int . }}
    {{- end }}
{{- end -}}

{{/*
Ingress: the app's port from Prometheus (metricsNamespaceSelector) and from the release's own pods
(helm test); the apps with an API (ingest, serving, reconciliation) also from apiClients (anyone when empty). Egress: DNS, plus
everything (allowExternalEgress) or extraEgress.
*/}}
{{- define "lambda.networkPolicy" -}}
{{- $np := .root.Values.networkPolicy -}}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  {{- include "lambda.metadata" . | nindent 2 }}
spec:
  podSelector:
    matchLabels:
      {{- include "lambda.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- if and (include "lambda.usesApiKeys" .app) (not $np.apiClients) }}
    - ports:
        - port: http
          protocol: TCP
    {{- else }}
    - ports:
        - port: http
          protocol: TCP
      from:
        - namespaceSelector:
            matchLabels:
              {{- toYaml $np.metricsNamespaceSelector | nindent 14 }}
        - podSelector:
            matchLabels:
              app.kubernetes.io/instance: {{ .root.Release.Name }}
        {{- if include "lambda.usesApiKeys" .app }}
        {{- toYaml $np.apiClients | nindent 8 }}
        {{- end }}
    {{- end }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    {{- if $np.allowExternalEgress }}
    - {}
    {{- else }}
    {{- with $np.extraEgress }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
    {{- end }}
{{- end -}}
