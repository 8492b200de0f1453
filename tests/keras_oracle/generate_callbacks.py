#!/usr/bin/env python3
"""Generates the Keras conformance cases for the learning-rate and logging callbacks
(tests/callbacks/test_callbacks_oracle.cpp): ReduceLROnPlateau and LearningRateScheduler
driven over scripted epochs on a compiled model, and CSVLogger's files.

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_callbacks.py <build_dir>/oracle

Writes callbacks.json:
    {"version": 1, "keras": ...,
     "reduce_lr": [{"id", "options": ReduceLROnPlateau kwargs, "initial_lr", "monitor",
                    "values": [value or null per epoch (null: the monitor is not logged)],
                    "epochs": [{"lr", "logged_lr", "wait", "cooldown_counter"}], "printed"}],
     "scheduler": [{"id", "schedule": a name test_callbacks_oracle.cpp implements alike,
                    "verbose", "initial_lr", "epochs": [{"lr", "logged_lr"}], "printed"}],
     "csv": [{"id", "separator", "append", "existing": file content before the run or null
              (no file), "logs": [logs per epoch], "content": the file afterwards}]}
Rates are float(optimizer.learning_rate) (float32 values as Python floats), exact.
"""
import contextlib
import io
import json
import math
import os
import sys
import tempfile
import warnings

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

REDUCE_LR = [
    ("patience_2", dict(monitor="val_loss", factor=0.5, patience=2), 0.1,
     [1.0, 0.9, 0.95, 0.92, 0.91, 0.95, 0.96, 0.97, 0.5, 0.6]),
    ("cooldown_min_lr", dict(monitor="val_loss", factor=0.2, patience=1, cooldown=2,
                             min_lr=0.01), 0.1, [1.0] * 12),
    ("max_mode_min_delta", dict(monitor="val_accuracy", mode="max", patience=1, min_delta=0.05,
                                factor=0.3), 0.05, [0.5, 0.52, 0.6, 0.62, 0.7, 0.69, 0.9]),
    ("loss_auto_verbose", dict(monitor="loss", patience=1, verbose=1, factor=0.25), 0.01,
     [2.0, 2.0, 1.0, 1.5, 1.5, 1.5]),
    ("missing_monitor", dict(monitor="val_loss", patience=1, factor=0.5), 0.2,
     [1.0, None, 1.2, None, 1.3, 0.1]),
    ("min_lr_reached", dict(monitor="val_loss", patience=1, factor=0.5, min_lr=0.03), 0.1,
     [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6]),
    ("negative_min_delta_defaults", dict(min_delta=-0.01, patience=3), 0.001,
     [1.0, 1.005, 1.02, 1.03, 1.04, 1.05, 1.06, 1.07]),
]

# The schedules, by the names the C++ test implements them under.
SCHEDULES = {
    "halve_even_epochs": lambda epoch, lr: lr * 0.5 if epoch > 0 and epoch % 2 == 0 else lr,
    "exponential": lambda epoch, lr: 0.1 * math.exp(-0.3 * epoch),
    "epoch_only": lambda epoch: 0.01 * (epoch + 1),  # Keras's old one-argument form
}
SCHEDULER = [("halve_even_epochs", 0, 0.1, 6), ("exponential", 1, 0.02, 5),
             ("epoch_only", 0, 0.5, 4)]

CSV = [
    ("with_validation", ",", False, None,
     [{"loss": 0.6931471824645996, "accuracy": 0.5, "val_loss": 0.7, "val_accuracy": 0.25},
      {"loss": 0.5, "accuracy": 0.75, "val_loss": 0.625, "val_accuracy": 0.5}]),
    ("no_validation", ",", False, None,
     [{"loss": 1.0, "mae": 0.10000000149011612}, {"loss": 0.25, "mae": 1e-05}]),
    ("tab_separator", "\t", False, None, [{"loss": 3.0, "val_loss": 4.0}] * 3),
    ("special_values", ",", False, None,
     [{"loss": float("nan"), "b": float("inf"), "c": -float("inf"), "d": 1e16,
       "e": 123456789.0, "f": 0.0, "g": -2.5e-07}]),
    ("separator_in_values", ".", False, None, [{"loss": 0.5, "val_loss": 1.0}]),
    ("append_after_header", ",", True, "epoch,loss,val_loss\r\n0,1.0,NA\r\n",
     [{"loss": 0.5}, {"loss": 0.25}]),
    ("append_empty_file", ",", True, "", [{"loss": 0.5}]),
    ("append_no_file", ";", True, None, [{"loss": 0.5, "val_loss": 0.75}]),
    # An array-valued metric (Precision at several thresholds, a per-class F1): Keras logs the
    # float32 array and writes the str of each element, quoted twice.
    ("array_values", ",", False, None,
     [{"loss": 0.5, "precision": [0.1, 1e-05, 0.3333333432674408, 1.0],
       "val_precision": [123456789.0, 0.0001, float("nan")], "f1": [0.5]},
      {"loss": 0.25, "precision": [2.5, -0.0, 1e6, 999999.0],
       "val_precision": [float("inf"), 0.00011, 65536.0], "f1": [0.75]}]),
]


def model_with_lr(lr):
    keras.backend.clear_session()
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr), loss="mse")
    return model


def lr_of(model):
    return float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))


def reduce_lr_case(case_id, options, initial_lr, values):
    model = model_with_lr(initial_lr)
    cb = keras.callbacks.ReduceLROnPlateau(**options)
    cb.set_model(model)
    printed = io.StringIO()
    epochs = []
    with contextlib.redirect_stdout(printed), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        cb.on_train_begin({})
        for epoch, value in enumerate(values):
            logs = {"loss": 0.0}
            if value is not None:
                logs[options.get("monitor", "val_loss")] = value
            cb.on_epoch_end(epoch, logs)
            epochs.append({"lr": lr_of(model), "logged_lr": logs["learning_rate"],
                           "wait": cb.wait, "cooldown_counter": cb.cooldown_counter})
    return {"id": case_id, "options": options, "initial_lr": initial_lr,
            "monitor": options.get("monitor", "val_loss"), "values": values, "epochs": epochs,
            "printed": printed.getvalue()}


def scheduler_case(name, verbose, initial_lr, n):
    model = model_with_lr(initial_lr)
    cb = keras.callbacks.LearningRateScheduler(SCHEDULES[name], verbose=verbose)
    cb.set_model(model)
    printed = io.StringIO()
    epochs = []
    with contextlib.redirect_stdout(printed):
        for epoch in range(n):
            cb.on_epoch_begin(epoch, {})
            lr = lr_of(model)
            logs = {"loss": 0.0}
            cb.on_epoch_end(epoch, logs)
            epochs.append({"lr": lr, "logged_lr": logs["learning_rate"]})
    return {"id": name, "schedule": name, "verbose": verbose, "initial_lr": initial_lr,
            "epochs": epochs, "printed": printed.getvalue()}


def csv_case(case_id, separator, append, existing, logs_per_epoch):
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "log.csv")
        if existing is not None:
            with open(path, "w", newline="") as f:
                f.write(existing)
        cb = keras.callbacks.CSVLogger(path, separator=separator, append=append)
        cb.on_train_begin({})
        for epoch, logs in enumerate(logs_per_epoch):
            # Lists stand for the float32 arrays Keras logs for array-valued metrics.
            cb.on_epoch_end(epoch, {k: np.array(v, dtype="float32") if isinstance(v, list) else v
                                    for k, v in logs.items()})
        cb.on_train_end({})
        with open(path, newline="") as f:
            content = f.read()
    # JSON has no NaN or infinity: those travel as strings.
    def encode(v):
        if isinstance(v, list):
            return [encode(e) for e in v]
        return v if math.isfinite(v) else repr(v)

    encoded = [{k: encode(v) for k, v in logs.items()} for logs in logs_per_epoch]
    return {"id": case_id, "separator": separator, "append": append, "existing": existing,
            "logs": encoded, "content": content}


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    manifest = {"version": 1, "keras": keras.__version__,
                "reduce_lr": [reduce_lr_case(*c) for c in REDUCE_LR],
                "scheduler": [scheduler_case(*c) for c in SCHEDULER],
                "csv": [csv_case(*c) for c in CSV]}
    path = os.path.join(out_dir, "callbacks.json")
    with open(path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1, allow_nan=False)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(REDUCE_LR)} ReduceLROnPlateau, {len(SCHEDULER)} LearningRateScheduler "
          f"and {len(CSV)} CSVLogger cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
