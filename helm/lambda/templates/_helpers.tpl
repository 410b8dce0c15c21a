{{/*
Names and labels. A "component" is one workload: ingest, speed, serving, reconciliation,
batch-archive, batch-recompute, batch-migrate (and test). Helpers that need one take a dict:
  (dict "root" $ "component" "ingest")
*/}}

{{- define "lambda.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "lambda.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "lambda.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object name of one component: <fullname>-<component>, e.g. prod-lambda-ingest. */}}
{{- define "lambda.componentName" -}}
{{- printf "%s-%s" (include "lambda.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: name and instance only (immutable once deployed). */}}
{{- define "lambda.selectorLabels" -}}
app.kubernetes.io/name: {{ printf "%s-%s" (include "lambda.name" .root) .component | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Standard labels of every object of a component. */}}
{{- define "lambda.labels" -}}
{{ include "lambda.selectorLabels" . }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: {{ include "lambda.name" .root }}
app.kubernetes.io/version: {{ include "lambda.imageTag" .root | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ include "lambda.chart" .root }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* metadata.annotations of every object (commonAnnotations plus extra ones passed as .extra). */}}
{{- define "lambda.annotations" -}}
{{- $all := merge (deepCopy (default dict .extra)) (deepCopy .root.Values.commonAnnotations) -}}
{{- with $all }}
annotations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
The common metadata block: name, namespace, labels, annotations. Optional keys of the dict:
namespace, extraLabels (dict), extra (annotations dict).
*/}}
{{- define "lambda.metadata" -}}
name: {{ include "lambda.componentName" . }}
namespace: {{ default .root.Release.Namespace .namespace }}
labels:
  {{- include "lambda.labels" . | nindent 2 }}
  {{- with .extraLabels }}
  {{- toYaml . | nindent 2 }}
  {{- end }}
{{- include "lambda.annotations" . }}
{{- end -}}

{{- define "lambda.imageTag" -}}
{{- default .Chart.AppVersion .Values.image.tag -}}
{{- end -}}

{{/* Image of one app (ingest, speed, batch, serving, reconciliation). */}}
{{- define "lambda.image" -}}
{{- $img := .root.Values.image -}}
{{- $repo := printf "%s%s" $img.repositoryPrefix .app -}}
{{- if $img.registry }}{{ $repo = printf "%s/%s" $img.registry $repo }}{{ end -}}
{{- if $img.digest -}}
{{- printf "%s@%s" $repo $img.digest -}}
{{- else -}}
{{- printf "%s:%s" $repo (include "lambda.imageTag" .root) -}}
{{- end -}}
{{- end -}}

{{- define "lambda.serviceAccountName" -}}
{{- if .root.Values.serviceAccount.create -}}
{{- include "lambda.componentName" . -}}
{{- else -}}
default
{{- end -}}
{{- end -}}

{{/* Name of the Secret the chart creates for store passwords. */}}
{{- define "lambda.credentialsSecretName" -}}
{{- include "lambda.componentName" (dict "root" . "component" "credentials") -}}
{{- end -}}

{{/* Whether the chart has to create the credentials Secret (some password given inline). */}}
{{- define "lambda.createCredentialsSecret" -}}
{{- $v := .Values -}}
{{- if or (and $v.kafka.sasl.password (not $v.kafka.sasl.existingSecret)) (and $v.clickhouse.password (not $v.clickhouse.existingSecret)) (and $v.cassandra.password (not $v.cassandra.existingSecret)) -}}
true
{{- end -}}
{{- end -}}

{{- define "lambda.apiKeysSecretName" -}}
{{- if .Values.apiKeys.existingSecret -}}
{{- .Values.apiKeys.existingSecret -}}
{{- else -}}
{{- include "lambda.componentName" (dict "root" . "component" "api-keys") -}}
{{- end -}}
{{- end -}}

{{- define "lambda.hasApiKeys" -}}
{{- if or .Values.apiKeys.existingSecret .Values.apiKeys.hashedKeysJson -}}
true
{{- end -}}
{{- end -}}

{{/* Stores each app connects to (mirrors apps/<app>/src/config.ts). */}}
{{- define "lambda.appStores" -}}
{{- $stores := dict
  "ingest" (list "kafka")
  "speed" (list "kafka" "cassandra")
  "batch" (list "kafka" "clickhouse" "cassandra")
  "serving" (list "cassandra")
  "reconciliation" (list "kafka" "clickhouse" "cassandra") -}}
{{- get $stores . | join "," -}}
{{- end -}}

{{- define "lambda.usesApiKeys" -}}
{{- if has . (list "ingest" "serving" "reconciliation") }}true{{ end -}}
{{- end -}}

{{/* Mount paths of the files the apps read. */}}
{{- define "lambda.apiKeysDir" -}}/etc/lambda/api-keys{{- end -}}
{{- define "lambda.clickhouseCaDir" -}}/etc/lambda/clickhouse-ca{{- end -}}

{{/*
Annotations of a pre-install/pre-upgrade hook. Takes (dict "weight" "-10" "deletePolicy" "...").
Hooks run before the release's own objects exist, so what the migration Job needs (its
ServiceAccount, the chart's credentials Secret) is a hook too, with a lower weight.
*/}}
{{- define "lambda.hookAnnotations" -}}
helm.sh/hook: pre-install,pre-upgrade
helm.sh/hook-weight: {{ .weight | quote }}
helm.sh/hook-delete-policy: {{ default "before-hook-creation" .deletePolicy }}
{{- end -}}
