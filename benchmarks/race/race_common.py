"""What the Python sides of the MLP benchmark share (keras_mlp.py, torch_mlp.py): the data,
the initial weights, the clock, the peak RSS and the one JSON line run_mlp.py reads.
NumPy only, so importing it loads no framework."""
import gzip
import json
import os
import resource
import time

import numpy as np

BATCH = 128
LATENCY_CALLS = 1000
DATA_DIR = os.environ.get("KERAS_FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist"
LAYER_NAMES = ["kernel_0", "bias_0", "kernel_1", "bias_1", "kernel_2", "bias_2"]


def read_idx(path):
    """An IDX file (gzipped) as a NumPy array: magic 0x0000 <dtype 0x08 = uint8> <rank>, then
    one big-endian int32 per dimension, then the data."""
    with gzip.open(path, "rb") as f:
        raw = f.read()
    if raw[:3] != b"\x00\x00\x08":
        raise ValueError(f"{path}: not an IDX file of uint8 (magic {raw[:4].hex()})")
    rank = raw[3]
    shape = tuple(int(d) for d in np.frombuffer(raw, ">i4", rank, 4))
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * rank).reshape(shape)


def load_fashion_mnist():
    """(x_train, y_train, x_test, y_test): x float32 (N, 784) scaled to [0, 1], y int64."""
    def split(prefix):
        x = read_idx(os.path.join(DATA_DIR, f"{prefix}-images-idx3-ubyte.gz"))
        y = read_idx(os.path.join(DATA_DIR, f"{prefix}-labels-idx1-ubyte.gz"))
        x = x.reshape(-1, 784).astype(np.float32)
        x /= 255.0  # in place: no second float copy in the peak RSS
        return x, y.astype(np.int64)
    return (*split("train"), *split("t10k"))


def load_weights(directory):
    """The driver's initial weights, in Keras's order: kernel (in, out), bias, per layer."""
    return [np.load(os.path.join(directory, name + ".npy")) for name in LAYER_NAMES]


def median_seconds(calls, fn):
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[calls // 2]


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # KiB on Linux


def accuracy(probs, labels):
    return float(np.mean(np.argmax(np.asarray(probs), axis=1) == labels))


def emit(**figures):
    """The one line of figures run_mlp.py reads (the last line of stdout)."""
    print(json.dumps(figures), flush=True)
