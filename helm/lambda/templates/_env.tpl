{{/*
The environment of one app's container, as validated at start by libs/config (sections.ts).
Takes (dict "root" $ "component" ... "app" ... "values" <workload values> "shared" <app-level values>).
Only the stores an app connects to get their settings and credentials.
*/}}
{{- define "lambda.env" -}}
{{- $root := .root -}}
{{- $v := $root.Values -}}
{{- $stores := splitList "," (include "lambda.appStores" .app) -}}
- name: LAMBDA_ENV
  value: {{ $v.environment | quote }}
- name: LOG_LEVEL
  value: {{ default $v.logLevel .shared.logLevel | quote }}
- name: HTTP_HOST
  value: "0.0.0.0"
- name: HTTP_PORT
  value: {{ int $v.containerPort | quote }}
- name: SHUTDOWN_TIMEOUT_MS
  value: {{ mul (max 1 (sub (int .values.terminationGracePeriodSeconds) 5)) 1000 | quote }}
- name: MIGRATE_ON_START
  value: "false"
- name: METRICS_PREFIX
  value: {{ $v.metricsPrefix | quote }}
{{- with $v.otlpEndpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
{{- end }}
{{- if has "kafka" $stores }}
- name: KAFKA_BROKERS
  value: {{ join "," $v.kafka.brokers | quote }}
- name: KAFKA_TOPIC_PARTITIONS
  value: {{ int $v.kafka.topicPartitions | quote }}
- name: KAFKA_SSL
  value: {{ $v.kafka.ssl | quote }}
{{- with $v.kafka.sasl.mechanism }}
- name: KAFKA_SASL_MECHANISM
  value: {{ . | quote }}
{{- end }}
{{- with $v.kafka.sasl.username }}
- name: KAFKA_SASL_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- include "lambda.passwordEnv" (dict "root" $root "name" "KAFKA_SASL_PASSWORD" "store" $v.kafka.sasl "key" "kafka-password") }}
{{- end }}
{{- if has "clickhouse" $stores }}
- name: CLICKHOUSE_URL
  value: {{ $v.clickhouse.url | quote }}
- name: CLICKHOUSE_DATABASE
  value: {{ $v.clickhouse.database | quote }}
- name: CLICKHOUSE_USERNAME
  value: {{ $v.clickhouse.username | quote }}
{{- include "lambda.passwordEnv" (dict "root" $root "name" "CLICKHOUSE_PASSWORD" "store" $v.clickhouse "key" "clickhouse-password") }}
{{- if $v.clickhouse.caCert.existingSecret }}
- name: CLICKHOUSE_CA_CERT
  value: {{ printf "%s/%s" (include "lambda.clickhouseCaDir" $root) $v.clickhouse.caCert.key | quote }}
{{- end }}
{{- end }}
{{- if has "cassandra" $stores }}
- name: CASSANDRA_CONTACT_POINTS
  value: {{ join "," $v.cassandra.contactPoints | quote }}
- name: CASSANDRA_LOCAL_DC
  value: {{ $v.cassandra.localDataCenter | quote }}
- name: CASSANDRA_KEYSPACE
  value: {{ $v.cassandra.keyspace | quote }}
- name: CASSANDRA_REPLICATION_FACTOR
  value: {{ int $v.cassandra.replicationFactor | quote }}
- name: CASSANDRA_SSL
  value: {{ $v.cassandra.ssl | quote }}
{{- with $v.cassandra.username }}
- name: CASSANDRA_USERNAME
  value: {{ . | quote }}
{{- end }}
{{- include "lambda.passwordEnv" (dict "root" $root "name" "CASSANDRA_PASSWORD" "store" $v.cassandra "key" "cassandra-password") }}
{{- end }}
{{- if and (include "lambda.usesApiKeys" .app) (include "lambda.hasApiKeys" $root) }}
- name: API_KEYS_FILE
  value: {{ printf "%s/%s" (include "lambda.apiKeysDir" $root) $v.apiKeys.existingSecretKey | quote }}
{{- end }}
{{- with .shared.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* One password variable from the store's existingSecret, else from the chart's Secret, else none. */}}
{{- define "lambda.passwordEnv" -}}
{{- if .store.existingSecret }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .store.existingSecret | quote }}
      key: {{ .store.existingSecretPasswordKey | quote }}
{{- else if .store.password }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "lambda.credentialsSecretName" .root | quote }}
      key: {{ .key | quote }}
{{- end }}
{{- end -}}
