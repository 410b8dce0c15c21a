#!/usr/bin/env bash
# Installs what the deploy checks (tools/deploy) need, idempotently, from the registries this
# project may use — never a prebuilt binary download:
#   - helm          built from source with `go install` through the Go module proxy → .tools/bin/helm
#   - promtool and prometheus, from Debian's `prometheus` package (apt-get)
#   - the Kubernetes OpenAPI spec (api/openapi-spec/swagger.json of the k8s.io/kubernetes module)
#     and the prometheus-operator CRDs (ServiceMonitor, PrometheusRule), both Go module zips from
#     the Go module proxy, copied into .tools/schemas/ for offline validation.
# Anything already present at the pinned version is skipped. Usage: tools/deploy/install-tools.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

HELM_VERSION=v3.22.0
KUBERNETES_VERSION=v1.36.3
PROMETHEUS_OPERATOR_VERSION=v0.85.0

tools="$root/.tools"
mkdir -p "$tools/bin" "$tools/schemas"
say() { printf 'install-tools: %s\n' "$*"; }

need_go() {
  command -v go >/dev/null || {
    echo "install-tools: go is required (the Go module proxy is how helm and the schemas arrive)" >&2
    exit 1
  }
}

# --- helm -------------------------------------------------------------------------------------
# Built like helm's own Makefile: version metadata, and the default Kubernetes version for
# `helm template`/`helm lint` taken from the client-go that helm's go.mod pins (else it says 1.20).
helm_stamp="$tools/bin/.helm.stamp"
if [ -x "$tools/bin/helm" ] && [ -f "$helm_stamp" ] && [ "$(cat "$helm_stamp")" = "$HELM_VERSION" ]; then
  say "helm $HELM_VERSION present"
else
  need_go
  helm_mod=$(cd "$tools" && GOFLAGS=-mod=mod go mod download -json "helm.sh/helm/v3@$HELM_VERSION" | sed -n 's/^\t"GoMod": "\(.*\)",$/\1/p')
  client_go=$(sed -n 's/^\tk8s.io\/client-go v0\.\([0-9]*\)\..*/\1/p' "$helm_mod" | head -1)
  [ -n "$client_go" ] || { echo "install-tools: cannot read k8s.io/client-go from $helm_mod" >&2; exit 1; }
  say "building helm $HELM_VERSION (Kubernetes 1.$client_go) with go install (a few minutes on 2 cores)"
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  for pkg in pkg/lint/rules pkg/chartutil; do
    ldflags="$ldflags -X helm.sh/helm/v3/$pkg.k8sVersionMajor=1 -X helm.sh/helm/v3/$pkg.k8sVersionMinor=$client_go"
  done
  GOBIN="$tools/bin" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
  echo "$HELM_VERSION" > "$helm_stamp"
fi

# --- promtool and prometheus ------------------------------------------------------------------
if command -v promtool >/dev/null && command -v prometheus >/dev/null; then
  say "promtool and prometheus present ($(prometheus --version 2>&1 | head -1))"
else
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo -n true 2>/dev/null || {
      echo "install-tools: apt-get needs root; run: sudo apt-get install -y --no-install-recommends prometheus" >&2
      exit 1
    }
    sudo="sudo -n"
  fi
  say "installing Debian's prometheus package (promtool, prometheus)"
  # The package's maintainer scripts would start a system Prometheus on :9090; the tests run
  # their own on a free port, so forbid service starts for this install only (policy-rc.d).
  policy=/usr/sbin/policy-rc.d
  added_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null
    $sudo chmod +x "$policy"
    added_policy=true
  fi
  cleanup_policy() { if [ "$added_policy" = true ]; then $sudo rm -f "$policy"; fi; }
  trap cleanup_policy EXIT
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  cleanup_policy
  trap - EXIT
fi

# --- offline API schemas ----------------------------------------------------------------------
module_dir() { # module@version → its extracted directory in the module cache (downloads if needed)
  need_go
  # GOFLAGS=-mod=mod: run outside any Go module; the go command verifies the zip via the checksum db.
  (cd "$tools" && GOFLAGS=-mod=mod go mod download -json "$1" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
}

k8s_dir="$tools/schemas/kubernetes-$KUBERNETES_VERSION"
if [ -s "$k8s_dir/swagger.json" ]; then
  say "Kubernetes $KUBERNETES_VERSION OpenAPI spec present"
else
  say "fetching the Kubernetes $KUBERNETES_VERSION OpenAPI spec (k8s.io/kubernetes module zip, ~20 MB)"
  src=$(module_dir "k8s.io/kubernetes@$KUBERNETES_VERSION")
  mkdir -p "$k8s_dir"
  cp "$src/api/openapi-spec/swagger.json" "$k8s_dir/swagger.json.tmp"
  chmod u+w "$k8s_dir/swagger.json.tmp"
  mv "$k8s_dir/swagger.json.tmp" "$k8s_dir/swagger.json"
fi

po_dir="$tools/schemas/prometheus-operator-$PROMETHEUS_OPERATOR_VERSION"
if [ -s "$po_dir/monitoring.coreos.com_servicemonitors.yaml" ] && [ -s "$po_dir/monitoring.coreos.com_prometheusrules.yaml" ]; then
  say "prometheus-operator $PROMETHEUS_OPERATOR_VERSION CRDs present"
else
  say "fetching the prometheus-operator $PROMETHEUS_OPERATOR_VERSION CRDs (module zip, ~4 MB)"
  src=$(module_dir "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION")
  mkdir -p "$po_dir"
  for crd in servicemonitors prometheusrules podmonitors; do
    install -m 0644 "$src/example/prometheus-operator-crd/monitoring.coreos.com_$crd.yaml" "$po_dir/"
  done
fi

# The tests find everything through this one file.
cat > "$tools/deploy-tools.json" <<JSON
{
  "helm": "$tools/bin/helm",
  "helmVersion": "$HELM_VERSION",
  "promtool": "$(command -v promtool)",
  "prometheus": "$(command -v prometheus)",
  "kubernetesVersion": "$KUBERNETES_VERSION",
  "kubernetesSwagger": "$k8s_dir/swagger.json",
  "prometheusOperatorVersion": "$PROMETHEUS_OPERATOR_VERSION",
  "prometheusOperatorCrds": "$po_dir"
}
JSON
say "ready: $("$tools/bin/helm" version --short), $(promtool --version 2>&1 | head -1)"
