{{/* Name of the chart, or nameOverride. */}}
{{- define "underlay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name for the release's objects; 63 characters at most (DNS label). */}}
{{- define "underlay.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "underlay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "underlay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "underlay.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "underlay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "underlay.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "underlay.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name is required when serviceAccount.create is false: name the ServiceAccount Underlay runs as." .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the tokens and the session secret: the user's, or the chart's. */}}
{{- define "underlay.secretName" -}}
{{- default (include "underlay.fullname" .) .Values.auth.existingSecret }}
{{- end }}

{{/* ClusterRole/ClusterRoleBinding names are cluster-wide: qualified by the release's namespace. */}}
{{- define "underlay.clusterName" -}}
{{- printf "%s-%s" (include "underlay.fullname" .) .Release.Namespace | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "underlay.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* A list or a comma-separated string → "a,b". */}}
{{- define "underlay.csv" -}}
{{- if kindIs "slice" . }}{{ join "," . }}{{ else }}{{ default "" . }}{{ end }}
{{- end }}

{{/* auth.roleMap as UNDERLAY_ROLE_MAP: a string as given, a map as "group=role,…" sorted by group. */}}
{{- define "underlay.roleMap" -}}
{{- $m := .Values.auth.roleMap }}
{{- if kindIs "map" $m }}
{{- $pairs := list }}
{{- range $group := keys $m | sortAlpha }}
{{- $pairs = append $pairs (printf "%s=%s" $group (index $m $group)) }}
{{- end }}
{{- join "," $pairs }}
{{- else }}
{{- default "" $m }}
{{- end }}
{{- end }}

{{/* Addresses whose identity headers Underlay believes. */}}
{{- define "underlay.trustedProxies" -}}
{{- if .Values.oauth2Proxy.enabled }}127.0.0.1{{ else }}{{ include "underlay.csv" .Values.auth.proxy.trustedProxies }}{{ end }}
{{- end }}

{{/*
Refuses values Underlay could not start with, or should not: each failure is one sentence saying
which value and what to do. Included by the Deployment, so any render (and --show-only) checks it.
*/}}
{{- define "underlay.validate" -}}
{{- $auth := .Values.auth }}
{{- if not (has $auth.mode (list "token" "proxy")) }}
{{- fail "auth.mode must be token or proxy: Underlay launches privileged pods on your nodes and refuses to listen without authentication. Set auth.mode=token with auth.tokens.admin (or auth.existingSecret), or auth.mode=proxy with oauth2Proxy.enabled=true or auth.proxy.trustedProxies." }}
{{- end }}
{{- if not .Values.image.repository }}
{{- fail "image.repository is required: push the image built from the repository's Dockerfile and set image.repository (and image.tag) to it." }}
{{- end }}
{{- range $key, $token := $auth.tokens }}
{{- if and $token (lt (len $token) 16) }}
{{- fail (printf "auth.tokens.%s must be at least 16 characters (use e.g. `openssl rand -hex 24`)." $key) }}
{{- end }}
{{- end }}
{{- if and $auth.sessionSecret (lt (len $auth.sessionSecret) 16) }}
{{- fail "auth.sessionSecret must be at least 16 characters; leave it empty to let the chart generate one." }}
{{- end }}
{{- if and (eq $auth.mode "token") (not $auth.existingSecret) (not (or $auth.tokens.admin $auth.tokens.operator $auth.tokens.viewer)) }}
{{- fail "auth.mode=token needs a token: set auth.tokens.admin (and optionally operator and viewer), or name a Secret holding them in auth.existingSecret." }}
{{- end }}
{{- if and (eq $auth.mode "proxy") (not .Values.oauth2Proxy.enabled) (not (include "underlay.trustedProxies" .)) }}
{{- fail "auth.mode=proxy needs to know which proxy to believe: set oauth2Proxy.enabled=true (a sidecar), or list your proxy's addresses in auth.proxy.trustedProxies." }}
{{- end }}
{{- if and .Values.oauth2Proxy.enabled (ne $auth.mode "proxy") }}
{{- fail "oauth2Proxy.enabled=true needs auth.mode=proxy: the sidecar signs people in and passes their user and groups headers." }}
{{- end }}
{{- if and .Values.oauth2Proxy.enabled (not .Values.oauth2Proxy.existingSecret) }}
{{- fail "oauth2Proxy.existingSecret is required with oauth2Proxy.enabled: a Secret with keys client-id, client-secret and cookie-secret." }}
{{- end }}
{{- if not (has $auth.defaultRole (list "viewer" "operator" "admin" "none")) }}
{{- fail "auth.defaultRole must be viewer, operator, admin or none." }}
{{- end }}
{{- if and (gt (int .Values.replicaCount) 1) (not .Values.database.existingSecret) }}
{{- fail "replicaCount above 1 needs PostgreSQL: set database.existingSecret to a Secret holding DATABASE_URL; the embedded store belongs to one pod." }}
{{- end }}
{{- if and .Values.debugNamespace.create (eq .Values.debugNamespace.name .Release.Namespace) }}
{{- fail "debugNamespace.name is the release's namespace: run debug pods in a namespace of their own (the default underlay-system), or set debugNamespace.create=false and label it yourself." }}
{{- end }}
{{- end }}

{{/*
The session secret of the chart's Secret: the value given, else the one kept from the previous
release, else a new random one — made once per render (kept in .Values) so that the Secret and the
Deployment's checksum see the same value.
*/}}
{{- define "underlay.sessionSecret" -}}
{{- if not (hasKey .Values "__sessionSecret") }}
{{- $name := include "underlay.secretName" . }}
{{- $previous := dig "data" "session-secret" "" (lookup "v1" "Secret" .Release.Namespace $name | default dict) }}
{{- $_ := set .Values "__sessionSecret" (.Values.auth.sessionSecret | default ($previous | b64dec) | default (randAlphaNum 48)) }}
{{- end }}
{{- .Values.__sessionSecret }}
{{- end }}

{{/*
checksum/auth: changes when any auth setting changes. With tokens in the values it is keyed with
the session secret (sha256 of key, sha256 of key and settings: the HMAC construction's nesting),
so nobody who reads the Deployment can test a guessed token against it. With auth.existingSecret
the tokens are not in the values and there is nothing secret to hash.
*/}}
{{- define "underlay.authChecksum" -}}
{{- $settings := toJson (omit .Values.auth "sessionSecret") }}
{{- if .Values.auth.existingSecret }}
{{- $settings | sha256sum }}
{{- else }}
{{- $key := include "underlay.sessionSecret" . }}
{{- printf "%s\n%s" $key (printf "%s\n%s" $key $settings | sha256sum) | sha256sum }}
{{- end }}
{{- end }}
