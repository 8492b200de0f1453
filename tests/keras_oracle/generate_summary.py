#!/usr/bin/env python3
"""Generates Keras's own model.summary() text for a few models
(tests/models/test_summary_oracle.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_summary.py <build_dir>/oracle

Each case builds a model with real Keras 3 from the layers keraspp has, with every name given
explicitly (so nothing depends on Keras's global name counters), and captures model.summary()
through print_fn. The C++ test builds the same models by case id and compares: the "Total /
Trainable / Non-trainable params" lines exactly, the "Model:" line exactly, and every table row
cell by cell with runs of whitespace collapsed (our column widths may differ from rich's).

Output, under the directory given on the command line:
    summary.json = {"version": 1, "keras": ..., "cases": {id: summary text}}
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# rich (which renders the table) and Keras's default widths follow the terminal; a fixed,
# wide one keeps the captured text the same wherever it is generated and never wraps a cell.
os.environ["COLUMNS"] = "200"

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

# Wide enough that rich never wraps a cell: the C++ side prints each cell on one line.
LINE_LENGTH = 160


def mlp():
    # Sequential MLP with an Input, biases on and off, and one frozen layer: the frozen kernel
    # and bias must move from "Trainable" to "Non-trainable".
    model = keras.Sequential([
        keras.Input((20,), name="features"),
        layers.Dense(64, activation="relu", name="hidden1"),
        layers.Dropout(0.5, name="drop"),
        layers.Dense(32, activation="relu", use_bias=False, name="hidden2"),
        layers.Dense(10, activation="softmax", name="probs"),
    ], name="mlp")
    model.get_layer("hidden1").trainable = False
    return model


def multi_io():
    # Functional, two inputs and two outputs, one layer shared by both branches: rows get the
    # "Connected to" column, and the shared layer's weights are counted once.
    image = keras.Input((12,), name="image")
    meta = keras.Input((4,), name="meta")
    shared = layers.Dense(8, activation="relu", name="shared")
    h = layers.Dense(6, name="trunk")(shared(image))
    m = shared(layers.Dense(12, name="lift")(meta))
    label = layers.Dense(3, activation="softmax", name="label")(h)
    score = layers.Dense(1, name="score")(layers.Activation("tanh", name="squash")(m))
    return keras.Model([image, meta], [label, score], name="multi_io")


def nested():
    # A functional model used as a layer inside another, frozen as a whole, next to a Flatten /
    # Reshape chain: the inner model is one row whose params all count as non-trainable.
    inner_in = keras.Input((6,), name="inner_in")
    inner_out = layers.Dense(5, activation="relu", name="inner_dense")(inner_in)
    encoder = keras.Model(inner_in, inner_out, name="encoder")
    encoder.trainable = False
    x_in = keras.Input((2, 3), name="grid")
    x = layers.Flatten(name="flat")(x_in)
    x = encoder(x)
    x = layers.Reshape((5, 1), name="column")(x)
    x = layers.Flatten(name="flat_again")(x)
    out = layers.Dense(2, name="head")(x)
    return keras.Model(x_in, out, name="outer")


def sequential_nested():
    # A Sequential holding a Sequential: Keras shows the inner one as a single row.
    block = keras.Sequential([
        keras.Input((7,), name="block_in"),
        layers.Dense(4, name="block_dense"),
        layers.Identity(name="block_identity"),
    ], name="block")
    return keras.Sequential([keras.Input((7,), name="top_in"), block,
                             layers.Dense(3, use_bias=False, name="top_dense")], name="stack")


def mlp_compiled():
    # Compiled, not trained: the optimizer is not built yet, so Keras prints no
    # "Optimizer params" line and leaves its variables out of the total.
    model = mlp()
    model.compile(optimizer="adam", loss="mse")
    return model


def mlp_trained():
    # After one training step the optimizer is built: "Optimizer params" counts its variables
    # (iterations, learning_rate, Adam's two slots per trainable weight) and the total
    # includes them.
    model = mlp_compiled()
    model.train_on_batch(np.zeros((2, 20), "float32"), np.zeros((2, 10), "float32"))
    return model


CASES = {"mlp": mlp, "multi_io": multi_io, "nested": nested,
         "sequential_nested": sequential_nested, "mlp_compiled": mlp_compiled,
         "mlp_trained": mlp_trained}


def capture(model):
    parts = []
    model.summary(line_length=LINE_LENGTH,
                  print_fn=lambda text, line_break=False: parts.append(text))
    return "".join(parts)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    cases = {}
    for case_id, make in CASES.items():
        keras.utils.clear_session()
        cases[case_id] = capture(make())
    manifest = {"version": 1, "keras": keras.__version__, "cases": cases}
    with open(os.path.join(out_dir, "summary.json"), "w") as f:
        json.dump(manifest, f, indent=1, ensure_ascii=False)
    print(f"summary: {len(cases)} cases -> {out_dir}/summary.json")


if __name__ == "__main__":
    main()
