{{/*
Configuration of a service: non-secret variables in a ConfigMap (loaded with envFrom), secrets as
secretKeyRef env entries. Every name is a variable the service reads (spec/configuration.md §2; the
deploy tests compare them with the services' configuration readers).

$spec, built by each service chart:
  ctx        the service chart's context
  configEnv  dict of service-specific non-secret variables (empty values are left out)
  secretEnv  list of (dict "name" NAME "from" <key of global: proxyKey or authSecret> "required" bool):
             the secrets this service reads, and whether it cannot start without them
*/}}

{{/* REDIS_ADDRESS from global.redis (spec/configuration.md §5): comma-separated nodes, rediss:// for TLS. */}}
{{- define "relay-lib.redisAddress" -}}
{{- $redis := .Values.global.redis -}}
{{- if not $redis.addresses -}}
{{- fail "global.redis.addresses: at least one Redis node (host:port) is required (REDIS_ADDRESS)" -}}
{{- end -}}
{{- if and (gt (len $redis.addresses) 1) (ne (int $redis.db) 0) -}}
{{- fail "global.redis.db: must be 0 with Redis Cluster (several addresses)" -}}
{{- end -}}
{{- printf "%s%s" (ternary "rediss://" "" (eq (toString $redis.tls) "true")) (join "," $redis.addresses) -}}
{{- end -}}

{{/* The ConfigMap data: shared variables, the service's own, then global.config and config. */}}
{{- define "relay-lib.configData" -}}
{{- $ctx := .ctx -}}
{{- $values := $ctx.Values -}}
{{- $data := dict "REDIS_ADDRESS" (include "relay-lib.redisAddress" $ctx) "REDIS_DB" (toString (int $values.global.redis.db)) "PORT" (toString (int $values.port)) "SHUTDOWN_TIMEOUT" (toString (int $values.shutdownTimeoutSeconds)) -}}
{{- with $values.global.redis.username }}{{ $_ := set $data "REDIS_USERNAME" (toString .) }}{{ end -}}
{{- with $values.metrics.port }}{{ $_ := set $data "PROMETHEUS_PORT" (toString (int .)) }}{{ end -}}
{{- range $name, $value := .configEnv }}{{ if not (eq (toString $value) "") }}{{ $_ := set $data $name (toString $value) }}{{ end }}{{ end -}}
{{- range $name, $value := $values.global.config }}{{ $_ := set $data $name (toString $value) }}{{ end -}}
{{- range $name, $value := $values.config }}{{ $_ := set $data $name (toString $value) }}{{ end -}}
{{- range $name, $value := $data }}
{{ $name }}: {{ $value | quote }}
{{- end -}}
{{- end -}}

{{- define "relay-lib.configmap" -}}
{{- $ctx := .ctx }}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "relay-lib.fullname" $ctx }}
  labels:
    {{- include "relay-lib.labels" $ctx | nindent 4 }}
data:
  {{- include "relay-lib.configData" . | trim | nindent 2 }}
{{- end -}}

{{/* One secret variable: where it comes from, or nothing. Args: (dict "ctx" . "name" "PROXY_KEY" "source" .Values.global.proxyKey "required" true) */}}
{{- define "relay-lib.secretEnvEntry" -}}
{{- $source := .source -}}
{{- if $source.existingSecret }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ $source.existingSecret }}
      key: {{ $source.existingSecretKey | default .name }}
{{- else if $source.value }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ include "relay-lib.secretName" .ctx }}
      key: {{ .name }}
{{- else if .required }}
{{- fail (printf "%s needs %s: set %s.value or %s.existingSecret" .ctx.Chart.Name .name .path .path) }}
{{- end }}
{{- end -}}

{{/* The env entries of the secrets: REDIS_PASSWORD (every service) and the service's own. */}}
{{- define "relay-lib.secretEnv" -}}
{{- $ctx := .ctx -}}
{{- $global := $ctx.Values.global -}}
{{- $redis := $global.redis -}}
{{- include "relay-lib.secretEnvEntry" (dict "ctx" $ctx "name" "REDIS_PASSWORD" "path" "global.redis.password" "source" (dict "value" $redis.password "existingSecret" $redis.existingSecret "existingSecretKey" $redis.existingSecretKey) "required" false) }}
{{- range .secretEnv }}
{{- include "relay-lib.secretEnvEntry" (dict "ctx" $ctx "name" .name "path" (printf "global.%s" .from) "source" (index $global .from) "required" .required) }}
{{- end }}
{{- end -}}

{{/* A checksum of everything the pods read, so a change rolls them. */}}
{{- define "relay-lib.configChecksum" -}}
{{- $global := .ctx.Values.global -}}
{{- $secrets := dict "p" $global.proxyKey "a" $global.authSecret "r" $global.redis.password "rs" $global.redis.existingSecret -}}
{{- printf "%s\n%s" (include "relay-lib.configData" .) (toJson $secrets) | sha256sum -}}
{{- end -}}
