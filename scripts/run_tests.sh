#!/usr/bin/env bash
# The test command (CI runs exactly this, via .ci/run). Steps, each announced by a [step] line
# and timed:
#   deps        the Debian packages (scripts/install_deps.sh)
#   format      every C++ file is clang-formatted (.clang-format; scripts/check_format.sh)
#   oracle      Keras 3 + JAX (CPU) and tf-keras 2 + TensorFlow (CPU) in venvs under the build
#               directory, and the conformance cases generated with them (tests/keras_oracle/generate_*.py)
#   blas        build with -Werror (KERASPP_WERROR) and run the whole suite through ctest
#   reference   the blas build's suite again with KERAS_BACKEND=reference (every build compiles
#               the reference and strict backends in, so this runs the very code a reference-only
#               build has; that configuration itself, without OpenBLAS, is built by `sanitize`),
#               but the slow examples (Fashion-MNIST, addition RNN, transformer: they train on blas)
#               and Keras loading the layer files we write (it checks the writers, not a backend)
#   onednn      the suite again with KERAS_BACKEND=onednn (convolution and average pooling on
#               oneDNN, the rest on blas), but the slow examples and Python Keras's checks of the
#               files we write, as strict
#   strict      the suite again with KERAS_BACKEND=strict: the test backend whose memory the core
#               can reach only through read/write (without those slow examples and Python Keras's
#               checks of the files we write, which run on blas; the whole-model ones on
#               reference too)
#   install     install the blas build, then build and run tests/consumer against it with
#               find_package (what a user's project does)
#   subdir      configure tests/consumer with add_subdirectory(keraspp): only the library may
#               come along, no tests, examples or tools
#   sanitize    a clang-14 AddressSanitizer + UndefinedBehaviorSanitizer build of the
#               reference-only configuration, running the whole suite on reference and strict
#               (see sanitize_build) but Python Keras's checks of the files we write
#   fuzz        libFuzzer (from the same build) on the config loader, the .npy reader and the
#               .keras archive reader (tests/fuzz), from a seed corpus made of the oracle's files,
#               for a bounded time (KERASPP_FUZZ_SECONDS per target, default 30; see fuzz_step)
# A failing build stops the script; failing tests are reported and the remaining steps still run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${KERASPP_BUILD_DIR:-$root/build}"
jobs="${KERASPP_JOBS:-2}"
oracle="$build/oracle"
status=0

# run_step NAME FUNCTION [ARGS...]: announces, runs and times one step.
run_step() {
  local name="$1"; shift
  local start=$SECONDS
  echo "[step] $name"
  "$@"
  echo "[step] $name done in $((SECONDS - start)) s"
}

# configure DIR [CMAKE ARGS...]: configures keraspp into DIR, showing the log only on failure.
configure() {
  local dir="$1"; shift
  mkdir -p "$dir"
  cmake -S "$root" -B "$dir" "$@" > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; exit 1; }
}

deps_step() {
  "$root/scripts/install_deps.sh" clang-format clang-14 libclang-rt-14-dev
}

format_step() {
  "$root/scripts/check_format.sh" || status=1
}

# The libFuzzer programs of tests/fuzz (built by sanitize_build, run by fuzz_step).
fuzz_targets=(fuzz_model_config fuzz_npy fuzz_keras_archive)

# The slow examples (they train on blas), and the files Python Keras checks (Keras loading the
# files we write: minutes of Python, the writers' code runs in the other io tests too).
slow_examples='^examples/(fashion_mnist_(mlp|cnn|lstm)|addition_rnn|transformer_classifier)$'
keras_checks='^io/test_model_files_keras.cpp$|^io/test_tf_keras_files.cpp$|^io/test_(tf_keras_)?layer_files(_keras)?_check.cpp$'
# The suite on strict skips both (see the header).
strict_skips="$slow_examples|$keras_checks"

strict_step() {
  (cd "$build/blas" && KERAS_BACKEND=strict \
     ctest --output-on-failure -j "$jobs" -E "$strict_skips") || status=1
}

onednn_step() {
  (cd "$build/blas" && KERAS_BACKEND=onednn \
     ctest --output-on-failure -j "$jobs" -E "$strict_skips") || status=1
}

reference_step() {
  (cd "$build/blas" && KERAS_BACKEND=reference \
     ctest --output-on-failure -j "$jobs" -E "$slow_examples|^io/test_(tf_keras_)?layer_files(_keras)?_check.cpp$") || status=1
}

# make_venv DIR CHECK PACKAGES...: a venv with PACKAGES unless CHECK already imports in it.
make_venv() {
  local venv="$1" check="$2"; shift 2
  # (Keras 3 picks TensorFlow unless told otherwise; tf-keras needs the legacy switch.)
  if ! KERAS_BACKEND=jax TF_USE_LEGACY_KERAS=1 "$venv/bin/python" -c "$check" 2>/dev/null; then
    echo "[oracle] creating $venv with $*"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q --disable-pip-version-check "$@"
  fi
}

# run_generator GENERATOR: one tests/keras_oracle/generate_*.py into $oracle; its output is
# kept apart and shown whole when it ends, so generators running side by side stay readable.
run_generator() {
  local gen="$1" name log start=$SECONDS rc=0
  name="$(basename "$gen")"
  log="$oracle/logs/$name.log"
  if [[ "$name" == generate_tf_keras_* ]]; then
    TF_USE_LEGACY_KERAS=1 TF_CPP_MIN_LOG_LEVEL=3 "$build/venv-tf/bin/python" "$gen" "$oracle" \
      > "$log" 2>&1 || rc=$?
  else
    # (JAX's persistent compilation cache, shared with the checks the suite runs: see
    # tests/keras_oracle/oracle.cpp.)
    KERAS_BACKEND=jax JAX_PLATFORMS=cpu JAX_COMPILATION_CACHE_DIR="$oracle/jax_cache" \
      JAX_PERSISTENT_CACHE_MIN_COMPILE_TIME_SECS=0 JAX_PERSISTENT_CACHE_MIN_ENTRY_SIZE_BYTES=0 \
      "$build/venv/bin/python" "$gen" "$oracle" > "$log" 2>&1 || rc=$?
  fi
  echo "[oracle] $name: $([ $rc -eq 0 ] && echo ok || echo "FAILED ($rc)") in $((SECONDS - start)) s"
  cat "$log"
  return $rc
}

oracle_step() {
  # Pinned so the expected values are reproducible. tf-keras 2 (TensorFlow's Keras 2, for the
  # legacy .h5 round trips) has a venv of its own: TensorFlow pins its own keras and numpy.
  # Both are made side by side (the downloads dominate).
  # (tensorboard: its event reader checks the TensorBoard callback's files.)
  make_venv "$build/venv" "import keras, jax, numpy, h5py, tensorboard" \
    "keras==3.15.1" "jax[cpu]==0.10.2" "numpy<3" "h5py" "tensorboard==2.21.0" &
  local keras_pid=$!
  make_venv "$build/venv-tf" "import tf_keras, h5py" \
    "tensorflow-cpu==2.21.0" "tf-keras==2.21.0" "h5py" &
  wait $keras_pid
  wait $!
  mkdir -p "$oracle/logs"
  # The generators are independent single-process Python programs: $jobs run at a time, the
  # slowest first (fit and layers take minutes, the rest seconds).
  local gens=() gen running=0 failed=0
  gens+=("$root/tests/keras_oracle/generate_fit.py" "$root/tests/keras_oracle/generate_layers.py")
  for gen in "$root"/tests/keras_oracle/generate_*.py; do
    [[ " ${gens[*]} " == *" $gen "* ]] || gens+=("$gen")
  done
  for gen in "${gens[@]}"; do
    if [ $running -ge "$jobs" ]; then
      wait -n || failed=1
      running=$((running - 1))
    fi
    run_generator "$gen" &
    running=$((running + 1))
  done
  while [ $running -gt 0 ]; do
    wait -n || failed=1
    running=$((running - 1))
  done
  [ $failed -eq 0 ] || { echo "[oracle] a generator failed (see above)"; exit 1; }
}

# The Release build of the blas backend with warnings as errors, and the whole suite. Both
# builds here compile the library and the tests in batches (KERASPP_UNITY_BUILD): from scratch
# that takes 5.8 instead of 9.4 minutes on 2 cores.
blas_step() {
  local dir="$build/blas"
  # The MLP benchmark (scripts/run_benchmarks.sh) does not run in CI but builds here, so it
  # cannot rot: its C++ programs but the libtorch one (libtorch-dev would cost CI over a
  # minute), and its Python scripts byte-compiled.
  configure "$dir" -DCMAKE_BUILD_TYPE=Release -DKERASPP_BACKEND=blas -DKERASPP_WERROR=ON \
            -DKERASPP_ORACLE_DIR="$oracle" -DKERASPP_BUILD_BENCHMARKS=ON \
            -DKERASPP_BENCHMARKS_LIBTORCH=OFF -DKERASPP_UNITY_BUILD=ON
  cmake --build "$dir" -j "$jobs"
  PYTHONPYCACHEPREFIX="$build/pycache" python3 -m py_compile "$root"/benchmarks/race/*.py \
    || status=1
  (cd "$dir" && ctest --output-on-failure -j "$jobs") || status=1
}

install_step() {
  local prefix="$build/install" dir="$build/consumer"
  rm -rf "$prefix"
  cmake --install "$build/blas" --prefix "$prefix" > "$build/install.log"
  # A fresh consumer build each time: a stale cache could hide a broken package.
  rm -rf "$dir"
  cmake -S "$root/tests/consumer" -B "$dir" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_PREFIX_PATH="$prefix" > "$dir.configure.log" 2>&1 \
    || { cat "$dir.configure.log"; status=1; return; }
  cmake --build "$dir" -j "$jobs" || { status=1; return; }
  "$dir/consumer" || status=1
}

subdir_step() {
  local dir="$build/consumer-subdir"
  rm -rf "$dir"
  cmake -S "$root/tests/consumer" -B "$dir" -DKERASPP_SOURCE="$root" -DKERASPP_BACKEND=reference \
        > "$dir.configure.log" 2>&1 || { cat "$dir.configure.log"; status=1; return; }
  # The consumer's build offers its own target and the library, nothing of keraspp's own.
  local targets
  # (help also lists object files, e.g. "... src/core/tensor.o"; those are not targets.)
  targets="$(cmake --build "$dir" --target help | awk '$1 == "..." && $2 !~ /[\/.]/ {print $2}')"
  local want
  for want in consumer keraspp; do
    grep -qx "$want" <<< "$targets" || { echo "[subdir] target $want missing"; status=1; }
  done
  local extra
  extra="$(grep -vxE 'all|clean|depend|edit_cache|rebuild_cache|consumer|keraspp' <<< "$targets" || true)"
  if [ -n "$extra" ]; then
    echo "[subdir] add_subdirectory(keraspp) brought in targets of its own:" $extra
    status=1
  fi
}

# One clang-14 build serves both the sanitized suite and the fuzzers: the reference-only
# configuration (no OpenBLAS; no examples, no header checks) with AddressSanitizer +
# UndefinedBehaviorSanitizer, the library also instrumented for libFuzzer's coverage
# (fuzzer-no-link; only the fuzz targets link libFuzzer's main). Building it once instead of a
# GCC sanitizer build and a clang fuzz build saves about 8 CPU-minutes of CI. -O1: -O0 makes "a
# deep chain does not overflow the stack" fail (tape nodes are destroyed recursively and -O0
# frames with ASan redzones are too big for 20000 of them).
sanitize_build() {
  local dir="$build/asan"
  local flags="-fsanitize=address,undefined,fuzzer-no-link -fno-omit-frame-pointer"
  flags="$flags -fno-sanitize-recover=undefined"
  configure "$dir" -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
            -DCMAKE_BUILD_TYPE=None -DCMAKE_CXX_FLAGS="-O1 -g1 $flags" \
            -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DKERASPP_BACKEND=reference \
            -DKERASPP_NATIVE_ARCH=OFF -DKERASPP_BUILD_EXAMPLES=OFF -DKERASPP_BUILD_TOOLS=ON \
            -DKERASPP_BUILD_FUZZERS=ON -DKERASPP_INSTALL=OFF -DKERASPP_ORACLE_DIR="$oracle" \
            -DKERASPP_UNITY_BUILD=ON
  cmake --build "$dir" -j "$jobs" --target keraspp_tests "${fuzz_targets[@]}"
}

sanitize_step() {
  local dir="$build/asan"
  sanitize_build
  # allocator_may_return_null: a refused allocation returns null, as glibc's does, so the tests
  # of absurd sizes see the library's error instead of ASan's report.
  (cd "$dir" && ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:allocator_may_return_null=1 \
     UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -E "$keras_checks") || status=1
  # And on strict, whose staging code (host copies around every kernel) is the sanitizers' kind
  # of code.
  (cd "$dir" && KERAS_BACKEND=strict \
     ASAN_OPTIONS=detect_leaks=1:strict_string_checks=1:allocator_may_return_null=1 \
     UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     ctest --output-on-failure -j "$jobs" -E "$strict_skips") || status=1
}

# The fuzz targets of tests/fuzz, each run for KERASPP_FUZZ_SECONDS from a fresh seed corpus
# (tests/fuzz/make_seed_corpus.py: the oracle's configs, .npy files and .keras archives, the
# Keras corpus's configs, a few crafted files). A finding — a sanitizer report, a crash, an
# exception that is not a keras error, a timeout, an allocation past the limits below — fails the
# step; the input that caused it is saved under $build/fuzz/findings/<target>/ (replay it with
# `$build/asan/tests/fuzz/<target> FILE`). The targets come from the sanitize step's build and
# run side by side.
# ASan refuses single allocations over 256 MiB (max_allocation_size_mb) and returns null
# (allocator_may_return_null): the library must turn that into a keras error, and a config
# declaring a huge layer fails fast instead of filling memory. libFuzzer's rss_limit_mb catches
# what ASan cannot: many allocations together.
fuzz_step() {
  local bin="$build/asan/tests/fuzz" dir="$build/fuzz" seconds="${KERASPP_FUZZ_SECONDS:-30}"
  local corpus="$dir/corpus" targets=("${fuzz_targets[@]}")
  sanitize_build > /dev/null  # (up to date after the sanitize step)
  rm -rf "$corpus"
  local python="$build/venv/bin/python"  # has h5py, for the Keras corpus's configs
  [ -x "$python" ] || python=python3
  "$python" "$root/tests/fuzz/make_seed_corpus.py" "$oracle" "$root/../shared/keras-corpus" \
    "$corpus"
  local target pids=()
  for target in "${targets[@]}"; do
    local findings="$dir/findings/$target"
    rm -rf "$findings" && mkdir -p "$findings"
    ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1:max_allocation_size_mb=256 \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
      "$bin/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 \
      -print_final_stats=1 -artifact_prefix="$findings/" \
      "$corpus/${target#fuzz_}" > "$dir/$target.log" 2>&1 &
    pids+=($!)
  done
  local i
  for i in "${!targets[@]}"; do
    target="${targets[$i]}"
    if wait "${pids[$i]}"; then
      echo "[fuzz] $target: no findings ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' \
        "$dir/$target.log" | grep -o '[0-9]*$') inputs in ${seconds} s)"
    else
      echo "[fuzz] $target: FINDING (inputs saved in $dir/findings/$target/)"
      tail -n 60 "$dir/$target.log"
      status=1
    fi
  done
}

# KERASPP_STEPS picks steps (e.g. KERASPP_STEPS="install subdir" after a blas build).
all_steps="deps format oracle blas reference onednn strict install subdir sanitize fuzz"
steps=" ${KERASPP_STEPS:-$all_steps} "
for step in $all_steps; do
  [[ "$steps" == *" $step "* ]] || continue
  run_step "$step" "${step}_step"
done
[ $status -eq 0 ] && echo "[tests] all steps passed" || echo "[tests] FAILED (see above)"
exit $status
