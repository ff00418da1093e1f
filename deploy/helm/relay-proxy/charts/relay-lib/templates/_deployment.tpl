{{/*
The Deployment of a service. Probes follow spec/sdk-api.md §9.2 (decision 13): liveness /healthz,
readiness /readyz, never /health, so a SaaS outage never restarts or de-routes a pod. The startup
probe covers the up to 60 s a service waits for Redis before it listens (spec/configuration.md §3).
preStop waits before SIGTERM so endpoints and the ingress stop sending first; the grace period covers
that delay plus SHUTDOWN_TIMEOUT.
*/}}
{{- define "relay-lib.probe" -}}
httpGet:
  path: {{ .path }}
  port: http
  scheme: {{ ternary "HTTPS" "HTTP" .tls }}
periodSeconds: {{ .probe.periodSeconds }}
timeoutSeconds: {{ .probe.timeoutSeconds }}
failureThreshold: {{ .probe.failureThreshold }}
{{- with .probe.successThreshold }}
successThreshold: {{ . }}
{{- end }}
{{- end -}}

{{- define "relay-lib.deployment" -}}
{{- $ctx := .ctx -}}
{{- $values := $ctx.Values -}}
{{- $tls := and (hasKey $values "tls") $values.tls.enabled -}}
{{- $autoscaled := and (hasKey $values "autoscaling") $values.autoscaling.enabled }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "relay-lib.fullname" $ctx }}
  labels:
    {{- include "relay-lib.labels" $ctx | nindent 4 }}
spec:
  {{- if not $autoscaled }}
  replicas: {{ $values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "relay-lib.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "relay-lib.labels" $ctx | nindent 8 }}
        {{- with $values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        checksum/config: {{ include "relay-lib.configChecksum" . }}
        {{- if $values.metrics.podAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/path: /metrics
        prometheus.io/port: {{ $values.metrics.port | default $values.port | quote }}
        {{- end }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- with $values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.serviceAccountName }}
      serviceAccountName: {{ . }}
      {{- end }}
      automountServiceAccountToken: false
      {{- with $values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      terminationGracePeriodSeconds: {{ add $values.preStopDelaySeconds $values.shutdownTimeoutSeconds 5 }}
      securityContext:
        {{- toYaml $values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ $ctx.Chart.Name }}
          image: {{ include "relay-lib.image" $ctx }}
          imagePullPolicy: {{ $values.image.pullPolicy | default $values.global.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $values.port }}
              protocol: TCP
            {{- if and $values.metrics.port (ne (int $values.metrics.port) (int $values.port)) }}
            - name: metrics
              containerPort: {{ $values.metrics.port }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "relay-lib.fullname" $ctx }}
          {{- $secretEnv := include "relay-lib.secretEnv" . | trim }}
          {{- if or $secretEnv .extraEnv $values.extraEnv }}
          env:
            {{- with $secretEnv }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- with .extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $values.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          {{- end }}
          startupProbe:
            {{- include "relay-lib.probe" (dict "path" "/healthz" "tls" $tls "probe" $values.probes.startup) | nindent 12 }}
          livenessProbe:
            {{- include "relay-lib.probe" (dict "path" "/healthz" "tls" $tls "probe" $values.probes.liveness) | nindent 12 }}
          readinessProbe:
            {{- include "relay-lib.probe" (dict "path" "/readyz" "tls" $tls "probe" $values.probes.readiness) | nindent 12 }}
          lifecycle:
            preStop:
              exec:
                command: ["sleep", {{ $values.preStopDelaySeconds | quote }}]
          resources:
            {{- toYaml $values.resources | nindent 12 }}
          securityContext:
            {{- toYaml $values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if $tls }}
            - name: tls
              mountPath: /etc/relay-proxy/tls
              readOnly: true
            {{- end }}
            {{- with $values.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir: {}
        {{- if $tls }}
        - name: tls
          secret:
            secretName: {{ required (printf "%s: tls.secretName is required when tls.enabled is true" $ctx.Chart.Name) $values.tls.secretName }}
        {{- end }}
        {{- with $values.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      affinity:
        {{- if $values.affinity }}
        {{- toYaml $values.affinity | nindent 8 }}
        {{- else }}
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "relay-lib.selectorLabels" $ctx | nindent 20 }}
        {{- end }}
{{- end -}}
