#!/usr/bin/env bash
# The main demo: builds keraspp (blas backend) and trains the Fashion-MNIST MLP of the Keras
# documentation (examples/fashion_mnist_mlp.cpp), printing Keras's progress bar.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KERASPP_BUILD_DIR:-$root/build}/blas"
"$root/scripts/install_deps.sh"
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" -j 2 --target fashion_mnist_mlp
"$build/examples/fashion_mnist_mlp"
