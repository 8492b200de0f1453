"""What generate_keras_files.py (Keras 3) and generate_tf_keras_files.py (tf-keras 2) share:
the fixed training data, the record of one saved case (predictions and the next epoch's
history), the tolerance, and the --check loop over the files keraspp wrote. Imports no Keras:
each generator runs in its own virtual environment with its own Keras."""
import json
import os
import sys
import warnings

import numpy as np


def data(n_in, n_out, seed, classes=False):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, (24, n_in)).astype("float32")
    if classes:
        y = rng.integers(0, n_out, (24,)).astype("int32")
    else:
        y = rng.uniform(-1, 1, (24, n_out)).astype("float32")
    return x, y


def record_case(files, name, model, x, y, saved):
    """After the model was trained and saved as `saved` ({manifest key: file name under
    files/}): saves x, y and the model's predictions, trains one more epoch and returns the
    manifest entry with that epoch's history values."""
    predictions = model.predict(x, verbose=0)
    history = model.fit(x, y, batch_size=8, epochs=1, shuffle=False, verbose=0)
    for part, value in (("x", x), ("y", y), ("predictions", predictions)):
        np.save(os.path.join(files, f"{name}_{part}.npy"), value)
    entry = {key: f"{os.path.basename(files)}/{file}" for key, file in saved.items()}
    entry.update({
        "x": f"{os.path.basename(files)}/{name}_x.npy",
        "y": f"{os.path.basename(files)}/{name}_y.npy",
        "predictions": f"{os.path.basename(files)}/{name}_predictions.npy",
        "batch_size": 8,
        "next_epoch": {k: float(v[0]) for k, v in history.history.items()},
    })
    return entry


def close(got, want):
    got, want = np.asarray(got), np.asarray(want)
    return got.shape == want.shape and bool(np.all(np.abs(got - want) <= 1e-5 + 1e-4 * np.abs(want)))


def check(job_path, load, clear_session, optimizer_state=True, metrics=True):
    """The --check mode: for each case of job.json, load(file) with this Keras, predict x,
    evaluate x, y (the compiled loss and metrics) and fit one epoch, compared with keraspp's
    values. The next epoch's history is compared only when this Keras restores the saved
    optimizer state (`optimizer_state`), and evaluate's and the next epoch's metrics (beside
    the loss) when it compiles them as keraspp does (`metrics`); the job's own "optimizer_state" / "metrics"
    override them (files written for this Keras). One line per case; exits non-zero on any
    failure."""
    with open(job_path) as f:
        job = json.load(f)
    optimizer_state = job.get("optimizer_state", optimizer_state)
    metrics = job.get("metrics", metrics)
    bad = 0
    for case in job["cases"]:
        clear_session()
        label = f'{case["id"]} {os.path.basename(case["file"])}'
        try:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                model = load(case["file"])
        except Exception as e:  # noqa: BLE001 - reported, and the run fails
            print(label, f"LOAD FAILED: {type(e).__name__}: {e}")
            bad += 1
            continue
        x, y = np.load(case["x"]), np.load(case["y"])
        # Keras 3 warns, and goes on, when a group its saver would have written is missing or
        # holds another number of variables: the file then differs from Keras's own.
        problems = [f"Keras warned: {w.message}" for w in caught
                    if "Skipping variable loading" in str(w.message)]
        if not close(model.predict(x, verbose=0), np.load(case["predictions"])):
            problems.append("predictions differ")
        evaluated = model.evaluate(x, y, batch_size=case["batch_size"], verbose=0,
                                   return_dict=True)
        for key, want in case.get("evaluate", {}).items():
            if not metrics and key != "loss":
                continue
            if key not in evaluated or not close(evaluated[key], want):
                problems.append(f"evaluate {key}: Keras {evaluated.get(key)}, ours {want}")
        history = model.fit(x, y, batch_size=case["batch_size"], epochs=1, shuffle=False,
                            verbose=0).history
        for key, want in case["next_epoch"].items() if optimizer_state else ():
            if not metrics and key != "loss":
                continue
            if key not in history or not close(history[key][0], want):
                problems.append(f"next-epoch {key}: Keras {history.get(key)}, ours {want}")
        print(label, "OK" if not problems else "MISMATCH: " + "; ".join(problems))
        bad += bool(problems)
    sys.exit(1 if bad else 0)
