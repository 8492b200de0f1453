"""The race: one of the models of race_common.py (the Keras documentation's MLP, the Keras
"Simple MNIST convnet", the same with Conv-BN-ReLU blocks, an LSTM) on Fashion-MNIST (Adam 1e-3,
sparse categorical crossentropy, batch 128, shuffled each epoch, x in [0, 1]) in keraspp and in
its peers, each system in a process of its own, all in interleaved rounds (round 1 runs every
system, then round 2, ...); the table shows each figure's median over the rounds.

Every system starts from the same weights (Keras's default initializers drawn from a fixed
seed), written here as .npy files, and reads the same Fashion-MNIST IDX files. Each prints one
JSON line: train samples/s over a whole epoch after a warm-up one (race_common.WARMUP_SAMPLES:
the warm-up compiles where a system compiles), predict samples/s at batch 128 over the 10k test
images (warm), batch-1 latency (median of 1000 calls through its fastest public API), peak RSS
(ru_maxrss) and test accuracy after the 2 epochs.

Usage (scripts/run_benchmarks.sh runs it with the right paths and environment):
  python run_race.py --model cnn --bin BUILD/benchmarks/race --python VENV/bin/python [--rounds 5]
"""
import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import time

import race_common as common

HERE = os.path.dirname(os.path.abspath(__file__))
THREADS = 2
FIGURES = ["train_samples_per_s", "predict_samples_per_s", "latency_us", "peak_rss_mib",
           "test_accuracy"]
# keraspp_race's own products alone (the MLP), as ceilings (see products_limits).
PRODUCTS = ["forward_products_samples_per_s", "step_products_samples_per_s"]


def systems(args, weights):
    """(label, command, extra environment) of every contestant, ours first. The 1-thread and
    -march=native rows of keraspp run for the MLP only (its targets name them); the onednn row
    for the other models."""
    py, bin_dir, model = args.python, args.bin, args.model
    keras_py = [py, os.path.join(HERE, "keras_race.py"), model, weights, str(THREADS)]
    blas2 = {"OPENBLAS_NUM_THREADS": str(THREADS)}
    ours = [os.path.join(bin_dir, "keraspp_race"), model, weights]
    mlp = model == "mlp"
    # libtorch's best setting: for the MLP's products, 1 intra-op thread with OpenBLAS on 2
    # (2 intra-op threads on top are much slower); its convolutions and LSTM run on its own
    # intra-op threads.
    torch_threads = 1 if mlp else THREADS
    return [
        ("keraspp, blas, 2 threads", ours, {"KERAS_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2"}),
    ] + ([
        ("keraspp, blas, 1 thread", ours, {"KERAS_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}),
    ] if mlp else [
        # The onednn backend runs the convolutions (the MLP's products it leaves to blas).
        ("keraspp, onednn, 2 threads", ours,
         {"KERAS_BACKEND": "onednn", "KERAS_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2"}),
    ]) + ([
        ("keraspp, blas, 2 threads, -march=native build",
         [os.path.join(args.native_bin, "keraspp_race"), model, weights],
         {"KERAS_NUM_THREADS": "2", "OPENBLAS_NUM_THREADS": "2"}),
    ] if args.native_bin and mlp else []) + [
        (f"libtorch C++ ({torch_threads} intra-op + 2 OpenBLAS threads)",
         [os.path.join(bin_dir, "libtorch_race"), model, weights, str(torch_threads)], blas2),
        ("Keras 3 + JAX (TensorFlow import blocked)", keras_py, {"KERAS_BACKEND": "jax", **blas2}),
        ("Keras 3 + TensorFlow", keras_py, {"KERAS_BACKEND": "tensorflow", **blas2}),
        ("Keras 3 + PyTorch (TensorFlow import blocked)", keras_py,
         {"KERAS_BACKEND": "torch", **blas2}),
        ("PyTorch 2 (Python)",
         [py, os.path.join(HERE, "torch_race.py"), model, weights, str(THREADS)], blas2),
    ]


def run_json(command, extra_env, timeout=900):
    """Runs one contestant; its figures (the last stdout line) or {"error": ...}."""
    # (PYTHONDONTWRITEBYTECODE: no __pycache__ of race_common.py in the source tree.)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **extra_env}
    start = time.perf_counter()
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        return {"error": f"exit {done.returncode}: " + " | ".join(tail)}
    figures = json.loads(lines[-1])
    figures["wall_s"] = time.perf_counter() - start
    return figures


def median_of(results, key):
    values = [r[key] for r in results if key in r]
    return statistics.median(values) if values else None


def fmt(value, digits=0):
    return "–" if value is None else f"{value:,.{digits}f}"


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="mlp", choices=common.MODELS)
    parser.add_argument("--bin", required=True,
                        help="dir with keraspp_race, libtorch_race, mlp_limits")
    parser.add_argument("--python", required=True, help="the venv's python (keras, jax, tf, torch)")
    parser.add_argument("--native-bin", default=None,
                        help="dir with a keraspp_race built with KERASPP_NATIVE_ARCH=ON (an extra "
                        "row, MLP only)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--work", default=None, help="where the initial weights go")
    args = parser.parse_args()
    weights = os.path.abspath(args.work or os.path.join(args.bin, "weights", args.model))
    common.write_weights(args.model, weights)

    load_before = os.getloadavg()[0]
    contestants = systems(args, weights)
    results = {label: [] for label, _, _ in contestants}
    limits = []
    for r in range(1, args.rounds + 1):
        for label, command, env in contestants:
            figures = run_json(command, env)
            results[label].append(figures)
            shown = figures.get("error") or ", ".join(
                f"{k} {figures[k]:,.{4 if k == 'test_accuracy' else 0}f}" for k in FIGURES
            ) + f" ({figures['wall_s']:.0f} s)"
            print(f"[round {r}] {label}: {shown}", flush=True)
        limits.append(run_json([os.path.join(args.bin, "mlp_limits"), str(THREADS)], {}))
        print(f"[round {r}] limits: {json.dumps(limits[-1])}", flush=True)

    report(args, results, limits, (load_before, os.getloadavg()[0]))


def keraspp_revision():
    done = subprocess.run(["git", "-C", HERE, "describe", "--always", "--dirty"],
                          capture_output=True, text=True)
    return done.stdout.strip() or "?"


def report(args, results, limits, load):
    ok = {label: [r for r in runs if "error" not in r] for label, runs in results.items()}
    med = {label: {k: median_of(runs, k) for k in FIGURES + PRODUCTS}
           for label, runs in ok.items()}
    ours = [label for label in med if label.startswith("keraspp")]
    peers = [label for label in med if label not in ours and med[label]["train_samples_per_s"]]
    limit_ok = [x for x in limits if "error" not in x]
    core = limit_ok[0]["openblas_core"] if limit_ok else "?"
    versions = sorted({v for runs in ok.values() for r in runs
                       for v in r.get("version", "").split(", ") if v})
    apis = {label: "/".join(sorted({r.get("latency_api", "") for r in runs}))
            for label, runs in ok.items()}

    print()
    title = {"mlp": "MLP", "cnn": "CNN (the Keras \"Simple MNIST convnet\")",
             "cnn_bn": "CNN with Conv-BN-ReLU blocks", "lstm": "LSTM(128)"}[args.model]
    print(f"## {title} on Fashion-MNIST, {args.rounds} interleaved rounds, medians")
    print()
    print(f"- date: {datetime.date.today().isoformat()}; CPU: {cpu_model()}, "
          f"{os.cpu_count()} logical CPUs; {platform.platform()}; load average (1 min) "
          f"{load[0]:.1f} before the run, {load[1]:.1f} after (other processes share the CPUs)")
    backends = sorted({r["backend"] for label in ours for r in ok[label] if "backend" in r})
    also = " (keraspp also at 1)" if args.model == "mlp" else ""
    print(f"- threads: {THREADS} for every system{also}; keraspp: Release, "
          f"{' / '.join(backends) or 'blas'}; OpenBLAS core: {core} "
          f"(OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', 'unset')}, "
          f"OPENBLAS_L2_SIZE={os.environ.get('OPENBLAS_L2_SIZE', 'unset')})")
    if limit_ok:
        print(f"- OpenBLAS: {limit_ok[0]['openblas_config']}")
    print(f"- versions: keraspp {keraspp_revision()}; Python {platform.python_version()}; "
          + "; ".join(versions))
    print(f"- Keras on JAX and on PyTorch: TensorFlow's import blocked (sys.modules stub), "
          f"reported as: {sorted({r.get('tensorflow', '?') for l, rs in ok.items() if 'blocked' in l for r in rs})}")
    print()
    print("| system | train samples/s | predict samples/s (batch 128) | batch-1 latency µs "
          "| peak RSS MiB | test accuracy | batch-1 API |")
    print("|---|---|---|---|---|---|---|")
    for label, m in med.items():
        if not ok[label]:
            print(f"| {label} | failed: {results[label][-1]['error']} | | | | | |")
            continue
        print(f"| {label} | {fmt(m['train_samples_per_s'])} | {fmt(m['predict_samples_per_s'])} "
              f"| {fmt(m['latency_us'], 1)} | {fmt(m['peak_rss_mib'])} "
              f"| {fmt(m['test_accuracy'], 4)} | {apis[label]} |")

    if peers:
        print()
        print("Ours / best peer (each figure's best peer named). Throughput: higher is better, "
              "a ratio above 1 means keraspp is faster. Latency and RSS: lower is better, a "
              "ratio below 1 means keraspp is faster / smaller.")
        print()
        print("| figure | best peer | peer value | " + " | ".join(ours) + " |")
        print("|---|---|---|" + "---|" * len(ours))
        for key, better, unit in [("train_samples_per_s", max, "samples/s"),
                                  ("predict_samples_per_s", max, "samples/s"),
                                  ("latency_us", min, "µs"), ("peak_rss_mib", min, "MiB")]:
            best = better(peers, key=lambda p: med[p][key])
            peer_value = med[best][key]
            ratios = " | ".join(f"{med[o][key] / peer_value:.2f}x" if med[o][key] else "–"
                                for o in ours)
            direction = "higher is better" if better is max else "lower is better"
            digits = 0 if unit == "samples/s" else 1
            print(f"| {key} ({direction}) | {best} | {fmt(peer_value, digits)} {unit} | {ratios} |")

    two, one = (med.get("keraspp, blas, 2 threads"), med.get("keraspp, blas, 1 thread"))
    if two and one and two["train_samples_per_s"] and one["train_samples_per_s"]:
        print()
        print(f"keraspp 2 threads / 1 thread, training: "
              f"{two['train_samples_per_s'] / one['train_samples_per_s']:.2f}")

    if limit_ok:
        gemm = statistics.median(x["gemm_samples_per_s"] for x in limit_ok)
        peak = statistics.median(x["fma_peak_gflops"] for x in limit_ok)
        square = statistics.median(x["sgemm_large_gflops"] for x in limit_ok)
        print()
        print(f"Limits ({THREADS} threads, medians of {len(limit_ok)}, benchmarks/race/mlp_limits.cpp):")
        if args.model == "mlp":
            print(f"- GEMM-only samples/s: {gemm:,.0f} (the 8 cblas_sgemm calls of one "
                  f"training step at batch 128: 3 forward, 3 weight gradients, 2 input gradients)")
            if two and two["train_samples_per_s"]:
                print(f"  keraspp 2 threads trains at {two['train_samples_per_s'] / gemm:.0%} of it")
        print(f"- FMA peak: {peak:,.0f} GFLOP/s, measured by a register-only "
              f"{limit_ok[0]['fma_isa']} FMA loop on {THREADS} threads "
              f"(cblas_sgemm 2048³ reaches {square:,.0f} GFLOP/s)")
    else:
        print(f"\nLimits: mlp_limits failed: {limits[-1].get('error')}")
    products_limits(med, peers)


def products_limits(med, peers):
    """keraspp's matrix products alone (keraspp_race times them through ops::matmul): what its
    predict and training figures, and their 2-thread scaling, are bounded by on this machine."""
    two, one = (med.get("keraspp, blas, 2 threads"), med.get("keraspp, blas, 1 thread"))
    if not (two and one and two.get("forward_products_samples_per_s")
            and one["forward_products_samples_per_s"]):
        return
    fwd2, fwd1 = two["forward_products_samples_per_s"], one["forward_products_samples_per_s"]
    step2, step1 = two["step_products_samples_per_s"], one["step_products_samples_per_s"]
    print(f"- keraspp's products alone (keraspp_race; ops::matmul on the trained kernels, batch "
          f"128, medians of 201): the 3 forward products {fwd2:,.0f} samples/s on 2 threads, "
          f"{fwd1:,.0f} on 1 ({fwd2 / fwd1:.2f}x); the 8 of a training step (through a "
          f"GradientTape) {step2:,.0f} on 2 threads, {step1:,.0f} on 1 ({step2 / step1:.2f}x)")
    if two["predict_samples_per_s"]:
        line = (f"  keraspp 2 threads predicts at {two['predict_samples_per_s'] / fwd2:.0%} of "
                f"its forward products alone")
        if peers:
            best = max(med[p]["predict_samples_per_s"] for p in peers)
            line += f"; 1.3x the best peer's predict would be {1.3 * best / fwd2:.0%} of them"
        print(line)
    if two["train_samples_per_s"]:
        print(f"  keraspp 2 threads trains at {two['train_samples_per_s'] / step2:.0%} of its "
              f"training-step products alone")


if __name__ == "__main__":
    main()
