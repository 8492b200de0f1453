#!/usr/bin/env bash
# The main demo: builds keraspp (blas backend) and runs the demo program.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KERASPP_BUILD_DIR:-$root/build}/blas"
"$root/scripts/install_deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" -j 2 --target train_tiny
"$build/examples/train_tiny"
