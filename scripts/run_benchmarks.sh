#!/usr/bin/env bash
# The benchmarks, as one command each (the README's "Benchmarks" section shows their tables):
#   scripts/run_benchmarks.sh [mlp|cnn|cnn_bn|lstm] [--rounds N]   the race on one model (default
#       mlp): the Keras documentation's MLP, the Keras "Simple MNIST convnet", the same with
#       Conv-BN-ReLU blocks, or an LSTM, on Fashion-MNIST in keraspp, libtorch C++, Keras 3 on
#       JAX / TensorFlow / PyTorch and PyTorch 2, in interleaved rounds (default 5; the MLP takes
#       about 10 minutes on 2 cores), plus the limits (for the MLP, raw cblas_sgemm on the same
#       GEMMs; the FMA peak); benchmarks/race/run_race.py
#   scripts/run_benchmarks.sh ops [rounds]          the op micro-benchmark bench_ops at 1 and 2
#       threads: our ops next to a raw cblas_sgemm and libtorch on the same shapes
# It installs what it needs: Debian's libtorch-dev (scripts/install_deps.sh) and, for the MLP
# race, a venv at build/venv-bench with the pinned PyPI packages below (about 5 GB: PyPI's torch
# wheel brings its CUDA libraries along).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_root="${KERASPP_BUILD_DIR:-$root/build}"
build="$build_root/bench"
mode=mlp
case "${1:-}" in mlp | cnn | cnn_bn | lstm | ops) mode="$1"; shift ;; esac

# The development and CI machines set these on some CPUs for old OpenBLAS builds; a user's
# machine has neither, so the benchmarks run with OpenBLAS's own choice of kernels (the report
# prints the core it chose). Unset here only, never in the tests or CI.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE

"$root/scripts/install_deps.sh" libtorch-dev
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKERASPP_BACKEND=blas \
      -DKERASPP_BUILD_BENCHMARKS=ON -DKERASPP_BUILD_TESTS=OFF -DKERASPP_BUILD_EXAMPLES=OFF \
      -DKERASPP_UNITY_BUILD=ON > /dev/null

if [ "$mode" = ops ]; then
  cmake --build "$build" -j 2 --target bench_ops
  for threads in 1 2; do
    "$build/benchmarks/bench_ops" "$threads" "$@"
  done
  exit 0
fi

venv="$build_root/venv-bench"
if ! "$venv/bin/python" -c "import keras, jax, tensorflow, torch, numpy" 2>/dev/null; then
  echo "[bench] creating $venv with Keras 3, JAX, TensorFlow and PyTorch (CPU)"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check "keras==3.15.1" "jax[cpu]==0.10.2" \
    "tensorflow-cpu==2.21.0" "torch==2.15.0" "numpy<3"
fi
cmake --build "$build" -j 2 --target keraspp_race libtorch_race mlp_limits
# The default build runs kernels chosen at run time for the CPU; for the MLP a second build
# compiled for this machine alone (-march=native) runs beside it, to show the portable one loses
# nothing.
native_args=()
if [ "$mode" = mlp ]; then
  native="$build_root/bench-native"
  cmake -S "$root" -B "$native" -DCMAKE_BUILD_TYPE=Release -DKERASPP_BACKEND=blas \
        -DKERASPP_NATIVE_ARCH=ON -DKERASPP_BUILD_BENCHMARKS=ON -DKERASPP_BENCHMARKS_LIBTORCH=OFF \
        -DKERASPP_BUILD_TESTS=OFF -DKERASPP_BUILD_EXAMPLES=OFF -DKERASPP_BUILD_TOOLS=OFF > /dev/null
  cmake --build "$native" -j 2 --target keraspp_race
  native_args=(--native-bin "$native/benchmarks/race")
fi
"$venv/bin/python" "$root/benchmarks/race/run_race.py" --model "$mode" \
  --bin "$build/benchmarks/race" "${native_args[@]}" --python "$venv/bin/python" "$@"
