#!/usr/bin/env python3
"""Generates Keras's own model configs (model.to_json()) for a few models
(tests/models/test_model_config.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_configs.py <build_dir>/oracle

Each case builds a functional or Sequential model with real Keras 3 from the layers keraspp has,
naming every layer and input (so nothing depends on Keras's global name counters). The C++ test
builds the same models by case id and requires its to_json() to equal Keras's value for value,
then rebuilds each model from Keras's JSON with model_from_json.

Output, under the directory given on the command line:
    configs.json = {"version": 1, "keras": ..., "cases": {id: model.to_json() text},
                    "compile_configs": {id: json.dumps(model.get_compile_config())},
                    "clones": {id: keras.models.clone_model(model).to_json()},
                    "tanh_clones": {id: the same with clone_function tanh_dense}}
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
from keras import layers  # noqa: E402


def mlp_functional():
    x = keras.Input((4,), name="x")
    h = layers.Dense(3, activation="relu", name="d1")(x)
    h = layers.Dropout(0.5, name="drop")(h)
    y = layers.Dense(2, name="d2")(h)
    return keras.Model(x, y, name="f1")


def shared_nested_multi_io():
    # Dict inputs, list outputs, a layer called twice, a functional model used as a layer.
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    shared = layers.Dense(3, name="shared")
    inner_in = keras.Input((3,), name="inner_in")
    inner = keras.Model(inner_in, layers.Dense(2, name="inner_d")(inner_in), name="inner")
    ya = layers.Identity(name="after_inner")(inner(shared(a)))
    yb = shared(b)
    return keras.Model({"a": a, "b": b}, [ya, yb], name="f2")


def nested_sequential():
    a = keras.Input((4,), name="a")
    seq = keras.Sequential([keras.Input((4,), name="sin"), layers.Dense(2, name="sd")],
                           name="seq")
    z = seq(a)
    return keras.Model([a], {"z": z}, name="f3")


def sequential():
    return keras.Sequential([
        keras.Input((2, 3), name="grid"),
        layers.Flatten(name="flat"),
        layers.Dense(4, activation="tanh", use_bias=False, name="hidden"),
        layers.Reshape((2, 2), name="square"),
        layers.Activation("softmax", name="probs"),
    ], name="seq_model")


def constrained():
    # Dense's kernel_constraint / bias_constraint, as objects and as a name.
    return keras.Sequential([
        keras.Input((4,), name="features"),
        layers.Dense(3, kernel_constraint=keras.constraints.MaxNorm(max_value=3, axis=[0]),
                     bias_constraint="non_neg", name="d1"),
        layers.Dense(2, kernel_constraint=keras.constraints.MinMaxNorm(0.5, 2.0, rate=0.25),
                     bias_constraint=keras.constraints.UnitNorm(axis=None), name="d2"),
    ], name="constrained")


CASES = {
    "mlp_functional": mlp_functional,
    "shared_nested_multi_io": shared_nested_multi_io,
    "nested_sequential": nested_sequential,
    "sequential": sequential,
    "constrained": constrained,
}


def compiled():
    # get_compile_config() after compile() calls that spell losses, metrics and weights in
    # Keras's different ways.
    out = {}
    m = mlp_functional()
    m.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse",
              metrics=["mae", keras.metrics.BinaryAccuracy(threshold=0.3)])
    out["adam_mse"] = m.get_compile_config()
    m.compile(optimizer="sgd", loss=keras.losses.Huber(delta=2.0), loss_weights=[0.5],
              metrics=["accuracy"], weighted_metrics=["mse"])
    out["sgd_huber"] = m.get_compile_config()
    m.compile(optimizer="adam", loss=keras.losses.mean_squared_error)
    out["function_loss"] = m.get_compile_config()
    a = keras.Input((4,), name="a")
    two = keras.Model(a, {"o1": layers.Dense(1, name="o1")(a), "o2": layers.Dense(1, name="o2")(a)},
                      name="two")
    two.compile(optimizer="rmsprop", loss={"o1": "mse", "o2": "mae"},
                loss_weights={"o1": 1.0, "o2": 0.2}, metrics={"o1": ["mae"]})
    out["dict_outputs"] = two.get_compile_config()
    return {k: json.dumps(v) for k, v in out.items()}


def tanh_dense(layer):
    # A clone_function: every Dense comes back with a tanh activation, other layers as
    # Keras's default clone (the class rebuilt from its config).
    config = layer.get_config()
    if isinstance(layer, layers.Dense):
        config["activation"] = "tanh"
    return layer.__class__.from_config(config)


def clones():
    # keras.models.clone_model's configs (new layers from configs, the same names and topology).
    plain = {name: keras.models.clone_model(build()).to_json() for name, build in CASES.items()}
    tanh = {name: keras.models.clone_model(build(), clone_function=tanh_dense).to_json()
            for name, build in CASES.items()}
    return plain, tanh


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    # The JSON text itself: key order is part of what the test compares.
    cases = {name: build().to_json() for name, build in CASES.items()}
    plain_clones, tanh_clones = clones()
    manifest = {"version": 1, "keras": keras.__version__, "cases": cases,
                "compile_configs": compiled(), "clones": plain_clones,
                "tanh_clones": tanh_clones}
    with open(os.path.join(out_dir, "configs.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {len(cases)} model configs to {out_dir}/configs.json")


if __name__ == "__main__":
    main()
