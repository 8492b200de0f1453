#!/usr/bin/env python3
"""Saves .keras archives with real Keras 3 for tests/io/test_keras_archive.cpp.

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_keras_files.py <build_dir>/oracle

Each case builds a small model from layers keraspp has, compiles it, trains it two epochs on
fixed data (no shuffling) so the optimizer has state, and saves it as <case>.keras. Then it
records Keras's predictions of the saved model and trains one more epoch, recording that
epoch's loss: the C++ test loads the archive, must reproduce the predictions, and continuing
fit must give the same next-epoch loss (the optimizer state came along).

Output, under the directory given on the command line:
    keras_files/<case>.keras, keras_files/<case>_{x,y,predictions}.npy
    keras_files.json = {"version": 1, "keras": ..., "cases": {id: {"file", "x", "y",
        "predictions", "batch_size", "next_epoch_loss", "metrics": {name: value}}}}
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402


def data(n_in, n_out, seed, classes=False):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (24, n_in)).astype("float32")
    if classes:
        y = rng.integers(0, n_out, (24,)).astype("int32")
    else:
        y = rng.uniform(-1, 1, (24, n_out)).astype("float32")
    return x, y


def regression_functional():
    x = keras.Input((5,), name="x")
    h = layers.Dense(8, activation="tanh", name="h")(x)
    y = layers.Dense(2, name="y")(h)
    model = keras.Model(x, y, name="reg")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse",
                  metrics=["mae"])
    return model, data(5, 2, 1)


def classifier_sequential():
    model = keras.Sequential([
        keras.Input((6,), name="features"),
        layers.Dense(10, activation="relu", name="hidden"),
        layers.Dense(3, activation="softmax", name="probs"),
    ], name="clf")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model, data(6, 3, 2, classes=True)


def constrained():
    # Constraints in the saved config: the loaded model must apply them while it trains on.
    x = keras.Input((4,), name="x")
    h = layers.Dense(6, activation="relu", name="h",
                     kernel_constraint=keras.constraints.MaxNorm(max_value=0.4),
                     bias_constraint="non_neg")(x)
    y = layers.Dense(1, name="y", kernel_constraint=keras.constraints.UnitNorm())(h)
    model = keras.Model(x, y, name="constrained")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.2), loss="mse")
    return model, data(4, 1, 3)


CASES = {"regression_functional": regression_functional,
         "classifier_sequential": classifier_sequential,
         "constrained": constrained}


def main():
    out = sys.argv[1]
    files = os.path.join(out, "keras_files")
    os.makedirs(files, exist_ok=True)
    cases = {}
    for name, build in CASES.items():
        keras.utils.set_random_seed(7)
        model, (x, y) = build()
        model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
        path = os.path.join(files, name + ".keras")
        model.save(path)
        predictions = model.predict(x, verbose=0)
        history = model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
        for part, value in (("x", x), ("y", y), ("predictions", predictions)):
            np.save(os.path.join(files, f"{name}_{part}.npy"), value)
        cases[name] = {
            "file": f"keras_files/{name}.keras",
            "x": f"keras_files/{name}_x.npy",
            "y": f"keras_files/{name}_y.npy",
            "predictions": f"keras_files/{name}_predictions.npy",
            "batch_size": 8,
            "next_epoch": {k: float(v[0]) for k, v in history.history.items()},
        }
    manifest = {"version": 1, "keras": keras.__version__, "cases": cases}
    with open(os.path.join(out, "keras_files.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {len(cases)} .keras archives to {files}")


if __name__ == "__main__":
    main()
