{{/*
The pod template every workload shares. Takes a dict:
  root          the chart root ($)
  component     ingest | speed | serving | reconciliation | batch-archive | batch-recompute | batch-migrate
  app           the image and config to use: ingest | speed | batch | serving | reconciliation
  values        the workload's values (resources, probes, podAnnotations, ...)
  shared        the app-level values (logLevel, nodeFlags, extraEnv, scheduling); for batch: .Values.batch
  args          container args (the batch subcommand)
  probes        true for long-running workloads (liveness/startup /healthz, readiness /readyz)
  restartPolicy for Job pods
*/}}
{{- define "lambda.podTemplate" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $stores := splitList "," (include "lambda.appStores" .app) -}}
{{- $apiKeys := and (include "lambda.usesApiKeys" .app) (include "lambda.hasApiKeys" $root) -}}
{{- $clickhouseCa := and (has "clickhouse" $stores) $v.clickhouse.caCert.existingSecret -}}
metadata:
  labels:
    {{- include "lambda.labels" . | nindent 4 }}
    {{- with .values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- $annotations := deepCopy (default dict .values.podAnnotations) }}
  {{- /* Roll the pods when a Secret the chart renders changes. */}}
  {{- if include "lambda.createCredentialsSecret" $root }}
  {{- $_ := set $annotations "checksum/credentials" (include (print $root.Template.BasePath "/credentials-secret.yaml") $root | sha256sum) }}
  {{- end }}
  {{- if and $apiKeys (not $v.apiKeys.existingSecret) }}
  {{- $_ := set $annotations "checksum/api-keys" (include (print $root.Template.BasePath "/api-keys-secret.yaml") $root | sha256sum) }}
  {{- end }}
  {{- with $annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  serviceAccountName: {{ include "lambda.serviceAccountName" . }}
  automountServiceAccountToken: {{ $v.serviceAccount.automountServiceAccountToken }}
  enableServiceLinks: false
  {{- with $v.image.pullSecrets }}
  imagePullSecrets:
    {{- range . }}
    - name: {{ . | quote }}
    {{- end }}
  {{- end }}
  securityContext:
    {{- toYaml $v.podSecurityContext | nindent 4 }}
  {{- with .restartPolicy }}
  restartPolicy: {{ . }}
  {{- end }}
  {{- with .values.terminationGracePeriodSeconds }}
  terminationGracePeriodSeconds: {{ int . }}
  {{- end }}
  {{- with .shared.priorityClassName }}
  priorityClassName: {{ . | quote }}
  {{- end }}
  {{- with .shared.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .shared.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .shared.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- $selector := include "lambda.selectorLabels" . | fromYaml }}
  {{- with .values.topologySpreadConstraints }}
  topologySpreadConstraints:
    {{- range . }}
    {{- $constraint := deepCopy . }}
    {{- if not (hasKey $constraint "labelSelector") }}
    {{- $_ := set $constraint "labelSelector" (dict "matchLabels" $selector) }}
    {{- end }}
    - {{- toYaml $constraint | nindent 6 }}
    {{- end }}
  {{- end }}
  containers:
    - name: {{ .app }}
      image: {{ include "lambda.image" . | quote }}
      imagePullPolicy: {{ $v.image.pullPolicy }}
      {{- with .shared.nodeFlags }}
      {{- /* The image's ENTRYPOINT with the flags before the script: Node refuses V8 flags such as
             --heap-growing-percent in NODE_OPTIONS. */}}
      command:
        {{- toYaml (concat (list "node") . (list "--enable-source-maps" "main.js")) | nindent 8 }}
      {{- end }}
      {{- with .args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      ports:
        - name: http
          containerPort: {{ int $v.containerPort }}
          protocol: TCP
      env:
        {{- include "lambda.env" . | nindent 8 }}
      {{- if .probes }}
      startupProbe:
        httpGet:
          path: /healthz
          port: http
        {{- toYaml .values.probes.startup | nindent 8 }}
      livenessProbe:
        httpGet:
          path: /healthz
          port: http
        {{- toYaml .values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet:
          path: /readyz
          port: http
        {{- toYaml .values.probes.readiness | nindent 8 }}
      {{- end }}
      resources:
        {{- toYaml .values.resources | nindent 8 }}
      securityContext:
        {{- toYaml $v.containerSecurityContext | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
        {{- if $apiKeys }}
        - name: api-keys
          mountPath: {{ include "lambda.apiKeysDir" $root }}
          readOnly: true
        {{- end }}
        {{- if $clickhouseCa }}
        - name: clickhouse-ca
          mountPath: {{ include "lambda.clickhouseCaDir" $root }}
          readOnly: true
        {{- end }}
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: {{ $v.tmpVolume.sizeLimit }}
        {{- with $v.tmpVolume.medium }}
        medium: {{ . }}
        {{- end }}
    {{- if $apiKeys }}
    - name: api-keys
      secret:
        secretName: {{ include "lambda.apiKeysSecretName" $root | quote }}
        defaultMode: 0440
        items:
          - key: {{ $v.apiKeys.existingSecretKey | quote }}
            path: {{ $v.apiKeys.existingSecretKey | quote }}
    {{- end }}
    {{- if $clickhouseCa }}
    - name: clickhouse-ca
      secret:
        secretName: {{ $v.clickhouse.caCert.existingSecret | quote }}
        defaultMode: 0444
        items:
          - key: {{ $v.clickhouse.caCert.key | quote }}
            path: {{ $v.clickhouse.caCert.key | quote }}
    {{- end }}
{{- end -}}
