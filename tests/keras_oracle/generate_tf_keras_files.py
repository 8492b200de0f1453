#!/usr/bin/env python3
"""Saves models with tf-keras 2 (Keras 2 on TensorFlow) as legacy .h5 files for
tests/io/test_tf_keras_files.cpp, and checks that tf-keras loads the .h5 files keraspp writes.
Runs in its own virtual environment (tensorflow-cpu and tf-keras; TensorFlow pins its own
keras and numpy, so it stays out of the Keras 3 one): scripts/run_tests.sh makes build/venv-tf.

Usage:
    <venv-tf>/bin/python tests/keras_oracle/generate_tf_keras_files.py <build_dir>/oracle
    <venv-tf>/bin/python tests/keras_oracle/generate_tf_keras_files.py --check <job.json>

Generate: as generate_keras_files.py for Keras 3: each case builds a small model from layers
keraspp has, compiles it, trains it two epochs on fixed data (no shuffling) so the optimizer
has state, and saves it with model.save("<case>.h5") and model.save_weights("<case>_weights.h5")
(the legacy HDF5 weights file). Then it records the predictions and one more epoch's loss
and metrics.

Output, under the directory given on the command line:
    tf_keras_files/<case>.h5, <case>_weights.h5, <case>_{x,y,predictions}.npy
    tf_keras_files.json = {"version": 1, "tf_keras": ..., "tensorflow": ..., "cases": {id:
        {"file", "weights", "x", "y", "predictions", "batch_size", "next_epoch"}}}

Check: the job.json of generate_keras_files.py; tf_keras.models.load_model(file), predict and
evaluate's loss compared with ours (one epoch of fit runs; its loss is not compared: see
below).
"""
import json
import os
import sys

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import tf_keras as keras  # noqa: E402
from keras_files_common import check, data, record_case  # noqa: E402
from tf_keras import layers  # noqa: E402


def classifier_sequential():
    model = keras.Sequential([
        keras.Input((6,), name="features"),
        layers.Dense(10, activation="relu", name="hidden"),
        layers.Dense(3, name="logits"),
        layers.Activation("softmax", name="probs"),
    ], name="clf")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model, data(6, 3, 2, classes=True)


def regression_functional():
    x = keras.Input((6,), name="x")
    h = layers.Reshape((2, 3), name="pairs")(x)
    h = layers.Dense(4, activation="tanh", name="h")(h)
    h = layers.Flatten(name="flat")(h)
    y = layers.Dense(2, name="y")(h)
    model = keras.Model(x, y, name="reg")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse",
                  metrics=["mae"])
    return model, data(6, 2, 1)


def rmsprop_sequential():
    model = keras.Sequential([
        keras.Input((4,)),
        layers.Dense(5, activation="sigmoid"),
        layers.Dense(1),
    ], name="rms")
    # momentum and centered: three slots per variable, whose order a positional
    # set_weights must get right.
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01, momentum=0.5,
                                                     centered=True), loss="mae")
    return model, data(4, 1, 3)


CASES = {"classifier_sequential": classifier_sequential,
         "regression_functional": regression_functional,
         "rmsprop_sequential": rmsprop_sequential}


def main(out):
    files = os.path.join(out, "tf_keras_files")
    os.makedirs(files, exist_ok=True)
    cases = {}
    for name, build in CASES.items():
        keras.backend.clear_session()
        keras.utils.set_random_seed(7)
        model, (x, y) = build()
        model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
        model.save(os.path.join(files, name + ".h5"))
        model.save_weights(os.path.join(files, name + "_weights.h5"))
        cases[name] = record_case(files, name, model, x, y,
                                  {"file": name + ".h5", "weights": name + "_weights.h5"})
    manifest = {"version": 1, "tf_keras": keras.__version__, "tensorflow": tf.__version__,
                "cases": cases}
    with open(os.path.join(out, "tf_keras_files.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {len(cases)} tf-keras models (.h5 and _weights.h5) to {files}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        # tf-keras cannot take a Keras 3 optimizer state (the layout Model::save writes by
        # default, as Keras 3 does): its loader warns and starts a fresh optimizer, so the next
        # epoch's loss is compared only for files saved for tf-keras (the job says so);
        # evaluate checks the compiled loss in both. Nor does it compile
        # a metric saved by name as compile would ("accuracy" becomes the exact-equality
        # function, "mae" is reported as "mean_absolute_error"), so metrics are not compared.
        check(sys.argv[2], keras.models.load_model, keras.backend.clear_session,
              optimizer_state=False, metrics=False)
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        sys.exit(__doc__)
