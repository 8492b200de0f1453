#!/usr/bin/env python3
"""Saves models with custom objects and Lambda layers with real Keras 3, for
tests/io/test_custom_objects_keras.cpp.

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_custom_objects.py <build_dir>/oracle

- A model with a custom layer registered as "Custom>MyDense" (register_keras_serializable),
  compiled with a custom loss "Custom>ScaledMSE", saved as .keras and as legacy .h5: the C++
  test loads it with C++ twins of both classes (registered, or passed as custom_objects) and must
  predict Keras's predictions and evaluate Keras's loss; without them, a ValueError naming the
  class, the layer and the file.
- A model with a Lambda layer in each form Keras has written its function: Keras 3's
  "__lambda__" dict (to_json, .keras, .h5), Keras 3's named registered function (to_json), and
  Keras 1/2's [bytecode, defaults, closure] list (func_dump, as Keras 2's Lambda.get_config
  wrote it): the C++ test must refuse each one, never running it.

Output, under the directory given on the command line:
    custom_objects/{my_dense.keras, my_dense.h5, lambda.keras, lambda.h5, x.npy, y.npy,
                    predictions.npy}
    custom_objects.json = {"version": 1, "keras": ..., "my_dense": {"keras", "h5", "x", "y",
        "predictions", "loss", "units"}, "lambda_files": [...], "lambda_json": {form: text}}
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers, ops  # noqa: E402
from keras.src.utils import python_utils  # noqa: E402


@keras.saving.register_keras_serializable(package="Custom")
class MyDense(layers.Layer):
    """tanh(x @ kernel + bias); the C++ twin is in the test."""

    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units),
                                      initializer="glorot_uniform", name="kernel")
        self.bias = self.add_weight(shape=(self.units,), initializer="random_normal",
                                    name="bias")

    def call(self, x):
        return ops.tanh(ops.matmul(x, self.kernel) + self.bias)

    def get_config(self):
        return {**super().get_config(), "units": self.units}


@keras.saving.register_keras_serializable(package="Custom")
class ScaledMSE(keras.losses.Loss):
    """scale * mean((y_true - y_pred)^2, axis=-1)."""

    def __init__(self, scale=1.0, name="scaled_mse", **kwargs):
        super().__init__(name=name, **kwargs)
        self.scale = scale

    def call(self, y_true, y_pred):
        return self.scale * ops.mean(ops.square(y_true - y_pred), axis=-1)

    def get_config(self):
        return {**super().get_config(), "scale": self.scale}


@keras.saving.register_keras_serializable(package="Custom")
def double_it(x):
    return x * 2.0


def my_dense_model():
    model = keras.Sequential([
        keras.Input((4,), name="x"),
        MyDense(3, name="my_dense"),
        layers.Dense(2, name="out"),
    ], name="custom_seq")
    model.compile(optimizer="sgd", loss=ScaledMSE(scale=3.0))
    return model


def lambda_model(function):
    x = keras.Input((3,), name="x")
    y = layers.Lambda(function, name="my_lambda")(x)
    return keras.Model(x, layers.Dense(2, name="d")(y), name="with_lambda")


def keras2_lambda_json(model_json):
    # Keras 1/2 wrote a lambda as func_dump's (code, defaults, closure) with
    # function_type "lambda"; the rest of the layer config is the same.
    config = json.loads(model_json)
    for layer in config["config"]["layers"]:
        if layer["class_name"] == "Lambda":
            layer["config"]["function"] = list(python_utils.func_dump(lambda t: t + 1.0))
            layer["config"]["function_type"] = "lambda"
    return json.dumps(config)


def main():
    out = sys.argv[1]
    files = os.path.join(out, "custom_objects")
    os.makedirs(files, exist_ok=True)
    keras.utils.set_random_seed(11)
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (8, 4)).astype("float32")
    y = rng.uniform(-1, 1, (8, 2)).astype("float32")
    model = my_dense_model()
    model.save(os.path.join(files, "my_dense.keras"))
    model.save(os.path.join(files, "my_dense.h5"))
    np.save(os.path.join(files, "x.npy"), x)
    np.save(os.path.join(files, "y.npy"), y)
    np.save(os.path.join(files, "predictions.npy"), model.predict(x, verbose=0))
    loss = float(model.evaluate(x, y, batch_size=8, verbose=0))

    lam = lambda_model(lambda t: t + 1.0)
    lam.save(os.path.join(files, "lambda.keras"))
    lam.save(os.path.join(files, "lambda.h5"))
    keras3_json = lam.to_json()
    manifest = {
        "version": 1,
        "keras": keras.__version__,
        "my_dense": {"keras": "custom_objects/my_dense.keras", "h5": "custom_objects/my_dense.h5",
                     "x": "custom_objects/x.npy", "y": "custom_objects/y.npy",
                     "predictions": "custom_objects/predictions.npy", "loss": loss, "units": 3},
        "lambda_files": ["custom_objects/lambda.keras", "custom_objects/lambda.h5"],
        "lambda_json": {
            "keras3_lambda": keras3_json,
            "keras3_named_function": lambda_model(double_it).to_json(),
            "keras2_bytecode_list": keras2_lambda_json(keras3_json),
        },
    }
    with open(os.path.join(out, "custom_objects.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote custom-object and Lambda models to {files}")


if __name__ == "__main__":
    main()
