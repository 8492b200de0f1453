#!/usr/bin/env bash
# Installs the Debian packages keraspp builds and tests with (as root), skipping apt when all
# are present. Usage: scripts/install_deps.sh [extra packages...]
set -euo pipefail
packages=(build-essential cmake pkg-config libxtensor-dev libxtensor-blas-dev libxsimd-dev
          libopenblas-dev libdnnl-dev catch2 nlohmann-json3-dev libhdf5-dev zlib1g-dev libzip-dev
          dataset-fashion-mnist python3 python3-venv python3-pip "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[deps] installing: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "[deps] all Debian packages present"
fi
