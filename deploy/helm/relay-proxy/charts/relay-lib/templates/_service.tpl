{{/* The ClusterIP Service of a service: `http` (SDK-facing for sdk-gateway and sse-fanout) and, when PROMETHEUS_PORT differs, `metrics`. */}}
{{- define "relay-lib.service" -}}
{{- $ctx := .ctx -}}
{{- $values := $ctx.Values }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "relay-lib.fullname" $ctx }}
  labels:
    {{- include "relay-lib.labels" $ctx | nindent 4 }}
  {{- with $values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $values.service.type }}
  selector:
    {{- include "relay-lib.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $values.service.port | default $values.port }}
      targetPort: http
      protocol: TCP
    {{- if and $values.metrics.port (ne (int $values.metrics.port) (int $values.port)) }}
    - name: metrics
      port: {{ $values.metrics.port }}
      targetPort: metrics
      protocol: TCP
    {{- end }}
{{- end -}}
