{{/* The release's name for every object (the release name alone when it names the chart). */}}
{{- define "cardcoop.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "cardcoop.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "cardcoop.labels" -}}
{{ include "cardcoop.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "cardcoop.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ required "image.tag must be pinned" .Values.image.tag }}
{{- end -}}
{{- end -}}

{{- define "cardcoop.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "cardcoop.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}

{{- define "cardcoop.cnpgCluster" -}}
{{- default (printf "%s-pg" (include "cardcoop.fullname" .)) .Values.postgresql.cnpg.clusterName -}}
{{- end -}}

{{/*
DATABASE_URL and DATABASE_READ_URL, for the app and the migration Job. With CloudNativePG they
come from the operator's <cluster>-app Secret: `uri` points at the -rw service; the read URL is
built from the same credentials towards -ro (the operator generates alphanumeric passwords, safe
in a URL). CNPG_APP_USER/CNPG_APP_PASSWORD exist only to be spliced in by Kubernetes ($(…)).
*/}}
{{- define "cardcoop.databaseEnv" -}}
{{- if eq .Values.postgresql.mode "cloudnativepg" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "cardcoop.cnpgCluster" . }}-app
      key: uri
{{- if .Values.postgresql.cnpg.readReplicas }}
- name: CNPG_APP_USER
  valueFrom:
    secretKeyRef:
      name: {{ include "cardcoop.cnpgCluster" . }}-app
      key: username
- name: CNPG_APP_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "cardcoop.cnpgCluster" . }}-app
      key: password
- name: DATABASE_READ_URL
  value: postgresql://$(CNPG_APP_USER):$(CNPG_APP_PASSWORD)@{{ include "cardcoop.cnpgCluster" . }}-ro:5432/app
{{- end }}
{{- else if eq .Values.postgresql.mode "external" -}}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "postgresql.external.existingSecret is required" .Values.postgresql.external.existingSecret }}
      key: {{ .Values.postgresql.external.urlKey }}
{{- if .Values.postgresql.external.readUrlKey }}
- name: DATABASE_READ_URL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.external.existingSecret }}
      key: {{ .Values.postgresql.external.readUrlKey }}
{{- end }}
{{- else }}
{{- fail "postgresql.mode must be cloudnativepg or external" }}
{{- end }}
{{- end -}}

{{- define "cardcoop.redisEnv" -}}
{{- if or (eq .Values.redis.mode "external") (eq .Values.redis.mode "sentinel") -}}
- name: REDIS_URL
  valueFrom:
    secretKeyRef:
      name: {{ required "redis.external.existingSecret is required" .Values.redis.external.existingSecret }}
      key: {{ .Values.redis.external.urlKey }}
{{- if eq .Values.redis.mode "sentinel" }}
- name: REDIS_SENTINELS
  value: {{ required "redis.sentinel.sentinels is required in sentinel mode" (join "," .Values.redis.sentinel.sentinels) | quote }}
- name: REDIS_SENTINEL_MASTER
  value: {{ .Values.redis.sentinel.masterName | quote }}
{{- end }}
{{- else }}
{{- fail "redis.mode must be external or sentinel" }}
{{- end }}
{{- end -}}

{{/* The pod's and container's security settings, shared by the app and the migration Job. */}}
{{- define "cardcoop.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "cardcoop.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end -}}
