"""What the Python sides of the race share (keras_race.py, torch_race.py): the models' names
and schedules, the data, the initial weights, the clock, the peak RSS and the one JSON line
run_race.py reads. NumPy only, so importing it loads no framework.

The models (run_race.py's --model), all on Fashion-MNIST with x in [0, 1], Adam 1e-3 and sparse
categorical crossentropy, batch 128:
  mlp     the Keras documentation's MLP: 784-512-256-10, relu, softmax
  cnn     the Keras "Simple MNIST convnet": Conv2D 32 3x3 relu, MaxPooling2D 2, Conv2D 64 3x3
          relu, MaxPooling2D 2, Flatten, Dropout 0.5, Dense 10 softmax
  cnn_bn  the same with Conv-BN-ReLU blocks: Conv2D without bias, BatchNormalization (Keras's
          momentum 0.99, epsilon 1e-3), ReLU
  lstm    each image as 28 steps of 28 features: LSTM 128, Dense 10 softmax
"""
import gzip
import json
import os
import resource
import time

import numpy as np

BATCH = 128
LATENCY_CALLS = 1000
DATA_DIR = os.environ.get("KERAS_FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist"
MODELS = ["mlp", "cnn", "cnn_bn", "lstm"]

# Samples of the warm-up epoch (it compiles and warms up; the next, whole epoch is timed). The
# MLP warms up on a whole epoch as it always has; the others on 40 batches of 128 and one of 96
# (the timed epoch's last batch: 60000 = 468 * 128 + 96, so JAX and TensorFlow compile both
# shapes before the clock starts), a fraction of the time: a convolutional epoch takes minutes
# on some peers.
WARMUP_SAMPLES = {"mlp": 60000, "cnn": 5216, "cnn_bn": 5216, "lstm": 5216}


def input_shape(model):
    """One sample's shape, channels last (torch_race.py moves the channels first)."""
    return {"mlp": (784,), "lstm": (28, 28)}.get(model, (28, 28, 1))


def weight_names(model):
    """The initial weights' file names, in Keras's get_weights order."""
    conv = {"cnn": ["kernel_0", "bias_0", "kernel_1", "bias_1"],
            "cnn_bn": ["kernel_0", "gamma_0", "beta_0", "mean_0", "variance_0",
                       "kernel_1", "gamma_1", "beta_1", "mean_1", "variance_1"]}
    if model in conv:
        return conv[model] + ["kernel_2", "bias_2"]
    if model == "lstm":
        return ["kernel_0", "recurrent_kernel_0", "bias_0", "kernel_1", "bias_1"]
    return ["kernel_0", "bias_0", "kernel_1", "bias_1", "kernel_2", "bias_2"]


def initial_weights(model, seed=20261203):
    """Keras's default initializers, drawn here so every system starts from the same point:
    glorot_uniform kernels, U(-l, l) with l = sqrt(6 / (fan_in + fan_out)) (a convolution's fans
    are taps * channels), orthogonal recurrent kernels, zero biases (the LSTM's forget gate 1,
    unit_forget_bias), BatchNormalization's ones and zeros. {name: array}, Keras's layouts."""
    rng = np.random.default_rng(seed)

    def glorot(shape, fan_in, fan_out):
        limit = np.sqrt(6.0 / (fan_in + fan_out))
        return rng.uniform(-limit, limit, shape).astype(np.float32)

    def dense(i, n_in, n_out):
        return {f"kernel_{i}": glorot((n_in, n_out), n_in, n_out),
                f"bias_{i}": np.zeros(n_out, np.float32)}

    w = {}
    if model == "mlp":
        for i, (n_in, n_out) in enumerate(zip([784, 512, 256], [512, 256, 10])):
            w.update(dense(i, n_in, n_out))
    elif model in ("cnn", "cnn_bn"):
        for i, (c_in, c_out) in enumerate([(1, 32), (32, 64)]):
            w[f"kernel_{i}"] = glorot((3, 3, c_in, c_out), 9 * c_in, 9 * c_out)
            if model == "cnn":
                w[f"bias_{i}"] = np.zeros(c_out, np.float32)
            else:
                w.update({f"gamma_{i}": np.ones(c_out, np.float32),
                          f"beta_{i}": np.zeros(c_out, np.float32),
                          f"mean_{i}": np.zeros(c_out, np.float32),
                          f"variance_{i}": np.ones(c_out, np.float32)})
        w.update(dense(2, 5 * 5 * 64, 10))
    elif model == "lstm":
        units = 128
        w["kernel_0"] = glorot((28, 4 * units), 28, 4 * units)
        q, r = np.linalg.qr(rng.normal(size=(4 * units, units)))
        q *= np.sign(np.diag(r))  # Keras's orthogonal: the sign of R's diagonal, transposed
        w["recurrent_kernel_0"] = np.ascontiguousarray(q.T, dtype=np.float32)
        bias = np.zeros(4 * units, np.float32)
        bias[units:2 * units] = 1.0  # gate order i, f, c, o
        w["bias_0"] = bias
        w.update(dense(1, units, 10))
    else:
        raise ValueError(f"unknown model {model!r}; expected one of {MODELS}")
    return w


def write_weights(model, directory):
    os.makedirs(directory, exist_ok=True)
    for name, array in initial_weights(model).items():
        np.save(os.path.join(directory, name + ".npy"), array)


def load_weights(model, directory):
    """The driver's initial weights, in Keras's get_weights order."""
    return [np.load(os.path.join(directory, name + ".npy")) for name in weight_names(model)]


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


def load_fashion_mnist(model="mlp"):
    """(x_train, y_train, x_test, y_test): x float32 (N, *input_shape(model)) scaled to [0, 1],
    y int64."""
    def split(prefix):
        x = read_idx(os.path.join(DATA_DIR, f"{prefix}-images-idx3-ubyte.gz"))
        y = read_idx(os.path.join(DATA_DIR, f"{prefix}-labels-idx1-ubyte.gz"))
        x = x.reshape(-1, *input_shape(model)).astype(np.float32)
        x /= 255.0  # in place: no second float copy in the peak RSS
        return x, y.astype(np.int64)
    return (*split("train"), *split("t10k"))


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
    """The one line of figures run_race.py reads (the last line of stdout)."""
    print(json.dumps(figures), flush=True)
