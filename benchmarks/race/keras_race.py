"""One of the race's models (race_common.py) in Keras 3, on the backend KERAS_BACKEND names (jax,
tensorflow or torch), timed as run_race.py times every system; prints one JSON line.

Usage: KERAS_BACKEND=jax python keras_race.py MODEL WEIGHTS_DIR [THREADS=2]

On jax and torch, TensorFlow is kept out: keras.utils.set_random_seed imports it wherever it is
installed, to seed tf.random too (keras/src/utils/rng_utils.py), which costs about 3 s and
several hundred MiB of RSS for nothing on these backends. A None entry in sys.modules blocks it
(Keras then treats TensorFlow as not installed); the JSON line says so ("tensorflow":
"blocked", or "imported" on the tensorflow backend)."""
import os
import sys
import time

import race_common as common

BACKEND = os.environ.get("KERAS_BACKEND", "jax")
MODEL = sys.argv[1]
THREADS = int(sys.argv[3]) if len(sys.argv) > 3 else 2


if BACKEND != "tensorflow":
    # Python's documented way to block an import: a None entry in sys.modules makes
    # `import tensorflow` raise ModuleNotFoundError and importlib.util.find_spec return None,
    # which Keras (and torch._dynamo, which probes for it) read as "not installed".
    sys.modules["tensorflow"] = None
if BACKEND == "jax":
    os.environ.setdefault("JAX_PLATFORMS", "cpu")
    os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") + " --xla_cpu_multi_thread_eigen="
                               f"{'true' if THREADS > 1 else 'false'} "
                               f"intra_op_parallelism_threads={THREADS}")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402  (after the hook and the thread settings)

if BACKEND == "tensorflow":
    import tensorflow as tf
    tf.config.threading.set_intra_op_parallelism_threads(THREADS)
    tf.config.threading.set_inter_op_parallelism_threads(THREADS)
    backend_version = tf.__version__
elif BACKEND == "torch":
    import torch
    torch.set_num_threads(THREADS)
    backend_version = torch.__version__
else:
    import jax
    backend_version = jax.__version__


def build_model():
    layers = keras.layers
    if MODEL == "mlp":
        body = [layers.Dense(512, activation="relu"), layers.Dense(256, activation="relu")]
    elif MODEL == "cnn":
        body = [layers.Conv2D(32, 3, activation="relu"), layers.MaxPooling2D(2),
                layers.Conv2D(64, 3, activation="relu"), layers.MaxPooling2D(2),
                layers.Flatten(), layers.Dropout(0.5)]
    elif MODEL == "cnn_bn":
        body = []
        for filters in (32, 64):
            body += [layers.Conv2D(filters, 3, use_bias=False), layers.BatchNormalization(),
                     layers.ReLU(), layers.MaxPooling2D(2)]
        body += [layers.Flatten(), layers.Dropout(0.5)]
    elif MODEL == "lstm":
        body = [layers.LSTM(128)]
    else:
        raise ValueError(f"unknown model {MODEL!r}; expected one of {common.MODELS}")
    return keras.Sequential([keras.Input(common.input_shape(MODEL)), *body,
                             layers.Dense(10, activation="softmax")])


def main():
    x_train, y_train, x_test, y_test = common.load_fashion_mnist(MODEL)
    keras.utils.set_random_seed(1)  # the shuffling
    model = build_model()
    model.set_weights(common.load_weights(MODEL, sys.argv[2]))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=1e-3),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])

    # A warm-up epoch (it compiles on jax and tensorflow), then a whole one, timed.
    fit = dict(batch_size=common.BATCH, epochs=1, shuffle=True, verbose=0)
    warmup = common.WARMUP_SAMPLES[MODEL]
    model.fit(x_train[:warmup], y_train[:warmup], **fit)
    start = time.perf_counter()
    model.fit(x_train, y_train, **fit)
    train_s = time.perf_counter() - start

    model.predict(x_test, batch_size=common.BATCH, verbose=0)
    start = time.perf_counter()
    probs = model.predict(x_test, batch_size=common.BATCH, verbose=0)
    predict_s = time.perf_counter() - start

    # Batch 1: predict_on_batch (compiled where the backend compiles) and calling the model;
    # each warmed, the faster counts.
    one = x_test[:1]
    candidates = {"predict_on_batch": lambda: model.predict_on_batch(one),
                  "model(x)": lambda: keras.ops.convert_to_numpy(model(one, training=False))}
    latency = {}
    for name, fn in candidates.items():
        for _ in range(50):
            fn()
        latency[name] = common.median_seconds(common.LATENCY_CALLS, fn)
    best = min(latency, key=latency.get)

    common.emit(system=f"keras-{BACKEND}", model=MODEL, version=f"keras {keras.__version__}, "
                f"{BACKEND} {backend_version}", latency_api=best, threads=THREADS,
                tensorflow="imported" if sys.modules.get("tensorflow") else "blocked",
                train_samples_per_s=len(x_train) / train_s,
                predict_samples_per_s=len(x_test) / predict_s,
                latency_us=1e6 * latency[best], peak_rss_mib=common.peak_rss_mib(),
                test_accuracy=common.accuracy(probs, y_test))


if __name__ == "__main__":
    main()
