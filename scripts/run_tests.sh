#!/usr/bin/env bash
# The test command: installs what it needs, builds the blas (default) and reference
# configurations, generates the Keras conformance cases with real Keras 3 (JAX, CPU) in a
# virtual environment under build/, and runs the Catch2 suite through ctest for both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KERASPP_BUILD_DIR:-$root/build}"
jobs="${KERASPP_JOBS:-2}"

"$root/scripts/install_deps.sh"

# The oracle: Keras 3 on JAX from PyPI, pinned so the expected values are reproducible.
venv="$build/venv"
if ! "$venv/bin/python" -c "import keras, jax, numpy, h5py" 2>/dev/null; then
  echo "[oracle] creating $venv with Keras 3 and JAX (CPU)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check \
    "keras==3.15.1" "jax[cpu]==0.10.2" "numpy<3" "h5py"
fi
oracle="$build/oracle"
mkdir -p "$oracle"
for gen in "$root"/tests/keras_oracle/generate_*.py; do
  [ -e "$gen" ] || continue
  echo "[oracle] $(basename "$gen")"
  KERAS_BACKEND=jax JAX_PLATFORMS=cpu "$venv/bin/python" "$gen" "$oracle"
done

status=0
for backend in blas reference; do
  dir="$build/$backend"
  echo "[build] $backend -> $dir"
  cmake -S "$root" -B "$dir" -DCMAKE_BUILD_TYPE=Release -DKERASPP_BACKEND="$backend" \
        -DKERASPP_ORACLE_DIR="$oracle" > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
  cmake --build "$dir" -j "$jobs"
  echo "[test] $backend"
  (cd "$dir" && ctest --output-on-failure -j "$jobs") || status=1
done
exit $status
