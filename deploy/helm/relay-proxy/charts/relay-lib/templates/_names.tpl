{{/*
Names and labels. Every object of a service is named <release>-<component> (just <release> when
the release name already contains the component), so the umbrella's Ingress can name the Services of
its subcharts.
*/}}

{{/* <release>-<name>, or <release> when it already contains <name>; 63 characters at most. Args: (dict "ctx" . "name" "sdk-gateway") */}}
{{- define "relay-lib.nameFor" -}}
{{- if contains .name .ctx.Release.Name -}}
{{- .ctx.Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .ctx.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* The name of this chart's objects. Arg: the chart context. */}}
{{- define "relay-lib.fullname" -}}
{{- include "relay-lib.nameFor" (dict "ctx" . "name" .Chart.Name) -}}
{{- end -}}

{{/* The Secret the umbrella chart creates for PROXY_KEY, AUTH_SECRET and REDIS_PASSWORD. */}}
{{- define "relay-lib.secretName" -}}
{{- include "relay-lib.nameFor" (dict "ctx" . "name" "relay-proxy") -}}
{{- end -}}

{{- define "relay-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "relay-lib.labels" -}}
{{ include "relay-lib.selectorLabels" . }}
app.kubernetes.io/component: {{ .Chart.Name }}
app.kubernetes.io/part-of: relay-proxy
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{/* <registry>/<repositoryPrefix><chart>:<tag>, unless image.repository names the image. */}}
{{- define "relay-lib.image" -}}
{{- $global := .Values.global.image -}}
{{- $repository := .Values.image.repository | default (printf "%s%s" $global.repositoryPrefix .Chart.Name) -}}
{{- $tag := .Values.image.tag | default $global.tag | default .Chart.AppVersion -}}
{{- if $global.registry -}}
{{- printf "%s/%s:%s" $global.registry $repository $tag -}}
{{- else -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{/* True when a boolean variable is set to a Go strconv.ParseBool true spelling (spec/configuration.md §1). Args: a value. */}}
{{- define "relay-lib.isTrue" -}}
{{- if has (toString .) (list "1" "t" "T" "TRUE" "true" "True") -}}true{{- end -}}
{{- end -}}
