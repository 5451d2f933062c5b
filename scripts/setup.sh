#!/usr/bin/env bash
# Installs what vanban needs on a fresh Debian machine (as root), skipping what is present.
set -euo pipefail
need=()
command -v cargo >/dev/null 2>&1 || need+=(cargo rustc)
command -v cc >/dev/null 2>&1 || need+=(gcc libc6-dev)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${need[@]}"
fi
