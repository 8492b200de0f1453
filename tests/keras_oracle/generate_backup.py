#!/usr/bin/env python3
"""Generates the Keras cases of keras.callbacks.BackupAndRestore for
tests/callbacks/test_backup_and_restore_keras.cpp, and checks that Keras resumes from the
backups keraspp writes.

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_backup.py <build_dir>/oracle
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_backup.py --check <job.json>

Generate: one small model (Sequential: Dense(5, tanh) "hidden", Dense(2) "out"; Adam, mse, mae)
with fixed initial weights and data, trained EPOCHS epochs with shuffle=False in three ways:
  - uninterrupted;
  - with BackupAndRestore and a callback raising RuntimeError part way (as Keras's own test
    does), after which the backup directory is copied into the oracle;
  - resumed: fit again, same model and callback, which restores the backup and runs the rest.
Two cases: "epoch" (save_freq="epoch", interrupted at the end of epoch INTERRUPT_EPOCH) and
"batch" (save_freq=2, interrupted after INTERRUPT_BATCHES batches, so the backup is from the
middle of training and resuming repeats the batches after it).

Check (run by the C++ test on a backup directory it wrote): job.json is
    {"oracle": <oracle dir>, "cases": [{"id": "epoch" | "batch", "backup_dir": ours,
                                        "history": {key: [per resumed epoch]}}]}
For each, Keras builds the model with the initial weights, fits with
BackupAndRestore(backup_dir) and compares the epochs it runs and their logs with ours
(|diff| <= 1e-5 + 1e-4 |ours|). Prints "<id> OK" per case, exits non-zero on any mismatch.

Output of generate, under the directory given on the command line:
    backup.json = {"version": 1, "keras": ..., "epochs": EPOCHS, "batch_size": ...,
        "x": npy, "y": npy, "initial_weights": [npy, ...]   (model.get_weights() order),
        "uninterrupted": {"history": {key: [...]}, "final_weights": [npy, ...],
                          "iterations": int},
        "cases": {id: {"save_freq": "epoch" | int, "interrupt": {"epochs": n} | {"batches": n},
                       "backup": {"weights": file, "metadata": {...}},
                       "resumed": {"epochs": [...], "history": {...},
                                   "final_weights": [npy, ...], "iterations": int}}}}
    backup_data/*.npy, backup_data/<id>/latest.weights.h5, backup_data/<id>/training_metadata.json
"""
import json
import os
import shutil
import sys
import tempfile

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

EPOCHS = 5
BATCH_SIZE = 8       # 20 samples: batches of 8, 8 and 4
INTERRUPT_EPOCH = 3  # "epoch": raise after the 3rd epoch ends (its backup is written first)
INTERRUPT_BATCHES = 5  # "batch": raise after the 5th batch; save_freq=2 backed up after the 4th
CASES = {"epoch": ("epoch", {"epochs": INTERRUPT_EPOCH}),
         "batch": (2, {"batches": INTERRUPT_BATCHES})}


class Interrupt(keras.callbacks.Callback):
    """Raises once `epochs` epochs or `batches` batches have ended (Keras's test's callback)."""

    def __init__(self, epochs=None, batches=None):
        super().__init__()
        self.epochs, self.batches = epochs, batches
        self.epoch_count = self.batch_count = 0

    def on_epoch_end(self, epoch, logs=None):
        self.epoch_count += 1
        if self.epochs is not None and self.epoch_count == self.epochs:
            raise RuntimeError("EpochInterruption")

    def on_train_batch_end(self, batch, logs=None):
        self.batch_count += 1
        if self.batches is not None and self.batch_count == self.batches:
            raise RuntimeError("StepsInterruption")


def data():
    rng = np.random.default_rng(20261203)
    x = rng.uniform(-1, 1, (20, 4)).astype("float32")
    y = rng.uniform(-1, 1, (20, 2)).astype("float32")
    weights = [(0.5 * rng.normal(size=s)).astype("float32") for s in ((4, 5), (5,), (5, 2), (2,))]
    return x, y, weights


def make_model(weights):
    keras.utils.clear_session()
    model = keras.Sequential([
        keras.Input((4,), name="features"),
        layers.Dense(5, activation="tanh", name="hidden"),
        layers.Dense(2, name="out"),
    ], name="backup_mlp")
    model.set_weights(weights)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.05), loss="mse",
                  metrics=["mae"], run_eagerly=True)
    return model


def fit(model, x, y, callbacks):
    return model.fit(x, y, batch_size=BATCH_SIZE, epochs=EPOCHS, shuffle=False, verbose=0,
                     callbacks=callbacks)


def as_floats(history):
    return {k: [float(v) for v in vs] for k, vs in history.history.items()}


def save_arrays(out, prefix, arrays):
    names = []
    for i, a in enumerate(arrays):
        name = f"backup_data/{prefix}{i}.npy"
        np.save(os.path.join(out, name), a)
        names.append(name)
    return names


def generate(out):
    shutil.rmtree(os.path.join(out, "backup_data"), ignore_errors=True)
    os.makedirs(os.path.join(out, "backup_data"))
    x, y, weights = data()
    manifest = {"version": 1, "keras": keras.__version__, "epochs": EPOCHS,
                "batch_size": BATCH_SIZE,
                "x": save_arrays(out, "x", [x])[0], "y": save_arrays(out, "y", [y])[0],
                "initial_weights": save_arrays(out, "initial_", weights), "cases": {}}

    model = make_model(weights)
    history = fit(model, x, y, [])
    manifest["uninterrupted"] = {
        "history": as_floats(history),
        "final_weights": save_arrays(out, "uninterrupted_final_", model.get_weights()),
        "iterations": int(model.optimizer.iterations.numpy())}

    for case, (save_freq, interrupt) in CASES.items():
        work = tempfile.mkdtemp(prefix="keraspp_backup_")
        backup_dir = os.path.join(work, "backup")
        model = make_model(weights)
        callback = keras.callbacks.BackupAndRestore(backup_dir, save_freq=save_freq)
        try:
            fit(model, x, y, [callback, Interrupt(**interrupt)])
            raise AssertionError("the interruption did not happen")
        except RuntimeError:
            pass
        kept = os.path.join(out, "backup_data", case)
        shutil.copytree(backup_dir, kept)
        with open(os.path.join(kept, "training_metadata.json")) as f:
            metadata = json.load(f)
        history = fit(model, x, y, [callback])
        assert not os.path.exists(backup_dir), "delete_checkpoint=True removes the backup"
        shutil.rmtree(work)
        manifest["cases"][case] = {
            "save_freq": save_freq, "interrupt": interrupt,
            "backup": {"weights": f"backup_data/{case}/latest.weights.h5",
                       "metadata_file": f"backup_data/{case}/training_metadata.json",
                       "metadata": metadata},
            "resumed": {"epochs": history.epoch, "history": as_floats(history),
                        "final_weights": save_arrays(out, f"{case}_final_", model.get_weights()),
                        "iterations": int(model.optimizer.iterations.numpy())}}

    with open(os.path.join(out, "backup.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {len(manifest['cases'])} BackupAndRestore cases to {out}")


def check(job_path):
    with open(job_path) as f:
        job = json.load(f)
    with open(os.path.join(job["oracle"], "backup.json")) as f:
        manifest = json.load(f)
    x, y = (np.load(os.path.join(job["oracle"], manifest[k])) for k in ("x", "y"))
    weights = [np.load(os.path.join(job["oracle"], w)) for w in manifest["initial_weights"]]
    bad = 0
    for case in job["cases"]:
        model = make_model(weights)
        try:
            history = fit(model, x, y, [keras.callbacks.BackupAndRestore(case["backup_dir"])])
        except Exception as e:  # noqa: BLE001 - reported, and the run fails
            print(case["id"], f"RESUME FAILED: {type(e).__name__}: {e}")
            bad += 1
            continue
        got, want = as_floats(history), case["history"]
        ok = got.keys() == want.keys() and all(
            len(got[k]) == len(want[k]) and
            np.all(np.abs(np.array(got[k]) - want[k]) <= 1e-5 + 1e-4 * np.abs(want[k]))
            for k in want)
        print(case["id"], "OK" if ok else f"MISMATCH: keras {got} ours {want}")
        bad += not ok
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) == 2:
        generate(sys.argv[1])
    else:
        sys.exit(__doc__)
