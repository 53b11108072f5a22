#!/usr/bin/env bash
# Installs what dockgen's e2e suite needs (buildah, debootstrap), only when it
# is missing. Idempotent; needs root (as on the project's machines and CI).
#
#   bash e2e/setup.sh
#   go test -tags e2e -v -timeout 30m ./e2e/...
set -euo pipefail

missing=()
command -v buildah >/dev/null 2>&1 || missing+=(buildah)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)

if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "e2e/setup.sh: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  echo "e2e/setup.sh: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# The node stand-in fetches Node 22 and npm from the npm registry with the
# machine's npm; the golang stand-in copies the machine's Go.
for tool in npm go tar; do
  command -v "$tool" >/dev/null 2>&1 || { echo "e2e/setup.sh: $tool not found" >&2; exit 1; }
done
echo "e2e/setup.sh: $(buildah --version); $(debootstrap --version)"
