{{/* PodDisruptionBudget: voluntary disruptions (node drains) take at most maxUnavailable pods at a time. */}}
{{- define "relay-lib.pdb" -}}
{{- $ctx := .ctx -}}
{{- $values := $ctx.Values -}}
{{- if $values.pdb.enabled }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "relay-lib.fullname" $ctx }}
  labels:
    {{- include "relay-lib.labels" $ctx | nindent 4 }}
spec:
  {{- if $values.pdb.minAvailable }}
  minAvailable: {{ $values.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $values.pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "relay-lib.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- end -}}

{{/* HorizontalPodAutoscaler (autoscaling/v2) on CPU and, optionally, memory or extra metrics. */}}
{{- define "relay-lib.hpa" -}}
{{- $ctx := .ctx -}}
{{- $values := $ctx.Values -}}
{{- if and (hasKey $values "autoscaling") $values.autoscaling.enabled }}
{{- $scaling := $values.autoscaling }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "relay-lib.fullname" $ctx }}
  labels:
    {{- include "relay-lib.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "relay-lib.fullname" $ctx }}
  minReplicas: {{ $scaling.minReplicas }}
  maxReplicas: {{ $scaling.maxReplicas }}
  metrics:
    {{- with $scaling.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $scaling.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $scaling.extraMetrics }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $scaling.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}

{{/* ServiceMonitor of the Prometheus Operator (monitoring.coreos.com/v1), when enabled. */}}
{{- define "relay-lib.servicemonitor" -}}
{{- $ctx := .ctx -}}
{{- $values := $ctx.Values -}}
{{- $monitor := $values.global.serviceMonitor -}}
{{- if $monitor.enabled }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "relay-lib.fullname" $ctx }}
  labels:
    {{- include "relay-lib.labels" $ctx | nindent 4 }}
    {{- with $monitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "relay-lib.selectorLabels" $ctx | nindent 6 }}
  endpoints:
    - port: {{ ternary "metrics" "http" (and (not (empty $values.metrics.port)) (ne (int $values.metrics.port) (int $values.port))) }}
      path: /metrics
      interval: {{ $monitor.interval }}
      scrapeTimeout: {{ $monitor.scrapeTimeout }}
      {{- if and (hasKey $values "tls") $values.tls.enabled (or (empty $values.metrics.port) (eq (int $values.metrics.port) (int $values.port))) }}
      scheme: https
      tlsConfig:
        insecureSkipVerify: true
      {{- end }}
{{- end }}
{{- end -}}

{{/* Every object of a service; each service chart's only template calls this. */}}
{{- define "relay-lib.service-objects" -}}
{{ include "relay-lib.configmap" . }}
{{ include "relay-lib.deployment" . }}
{{ include "relay-lib.service" . }}
{{ include "relay-lib.pdb" . }}
{{ include "relay-lib.hpa" . }}
{{ include "relay-lib.servicemonitor" . }}
{{- end -}}
