#!/usr/bin/env bash
# The op micro-benchmark: keraspp (blas backend) next to a raw cblas_sgemm on the same GEMM
# shapes and next to libtorch (Debian libtorch-dev) on the same ops, at 1 and 2 threads.
# Usage: scripts/run_benchmarks.sh [rounds]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KERASPP_BUILD_DIR:-$root/build}/bench"
"$root/scripts/install_deps.sh" libtorch-dev
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DKERASPP_BACKEND=blas \
      -DKERASPP_BUILD_BENCHMARKS=ON -DKERASPP_BUILD_TESTS=OFF -DKERASPP_BUILD_EXAMPLES=OFF > /dev/null
cmake --build "$build" -j 2 --target bench_ops
for threads in 1 2; do
  "$build/benchmarks/bench_ops" "$threads" "$@"
done
