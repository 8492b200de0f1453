#!/usr/bin/env python3
"""Every built-in layer through every Keras 3 file format, both ways (tests/io/
test_layer_files_keras.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_layer_files.py <build_dir>/oracle
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_layer_files.py --check <job.json>

Generate: for each layer family of tests/keras_oracle/layer_cases (one module each), one
functional model with a branch per layer class: the first case of that class that a functional
model can hold (an RNN cell inside keras.layers.RNN; cases with masks or keyword arrays left to
the layer oracle) gets its own Inputs (batch size 2 for all) and its outputs become model
outputs. Its weights are set to known random values, then it is saved as <family>.keras,
<family>.h5 (legacy) and <family>.weights.h5, and its predictions on random inputs recorded.
The C++ test loads each file, reproduces the predictions, saves the model in each format
itself and runs --check.

Output, under the directory given on the command line:
    layer_files/<family>.{keras,h5,weights.h5}, <family>_in<k>.npy, <family>_out<k>.npy
    layer_files.json = {"version": 1, "keras": ..., "families": {family: {"keras", "h5",
        "weights", "inputs": [file], "outputs": [file], "classes": [class name]}},
        "uncovered": {class name: why}}

Check: job.json = {"cases": [{"id", "file" (.keras / .h5) or "json" + "weights" (a config
from Model.to_json and a .weights.h5), "inputs": [file], "outputs": [file]}]} with absolute
paths; for each, Keras loads the model (model_from_json + load_weights for the pair), predicts
the inputs and compares with the outputs within 1e-5 + 1e-4 |ours|. One line per case; exits
non-zero on any failure.
"""
import json
import os
import sys
import zlib

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate_layers import all_specs, input_value, weight_value  # noqa: E402
from keras_files_common import close  # noqa: E402

BATCH = 2


def branch(spec, index):
    """(inputs, outputs, class name) of one layer's branch, or raises when a functional model
    cannot hold this case."""
    # (value_mask / key_mask arrays are masks on the inputs, which a model's Inputs do not
    # carry: left out. An attention_mask would be an input of its own: left to the layer oracle.)
    if "attention_mask" in (spec.kwarg_inputs or {}):
        raise ValueError("attention_mask arrays stay with the layer oracle")
    layer = spec.make()
    cls = spec.class_name or type(layer).__name__
    name = f"b{index}_"
    shapes = [s[1:] for s in spec.input_shapes]
    if spec.cell:  # a cell runs inside an RNN over 3 steps of its input
        inputs = [keras.Input((3,) + shapes[0], dtype=spec.dtype, name=name + "x")]
        outputs = keras.layers.RNN(layer, name=name + "rnn")(inputs[0])
    else:
        inputs = [keras.Input(s, dtype=spec.dtype if i == 0 or spec.multi_input else "float32",
                              name=f"{name}x{i}") for i, s in enumerate(shapes)]
        kwargs = dict(spec.call_kwargs or {})
        if spec.initial_state:
            outputs = layer(inputs[0], initial_state=inputs[1:], **kwargs)
        elif spec.positional:
            outputs = layer(*inputs, **kwargs)
        elif spec.multi_input:
            outputs = layer(inputs, **kwargs)
        else:
            outputs = layer(inputs[0], **kwargs)
    outputs = list(outputs) if isinstance(outputs, (list, tuple)) else [outputs]
    return inputs, outputs, cls


def family_model(family, specs):
    inputs, outputs, specs_used, classes, uncovered = [], [], [], [], {}
    for spec in specs:
        cls = spec.class_name
        if cls in classes:
            continue
        try:
            ins, outs, cls = branch(spec, len(classes))
        except Exception as e:  # noqa: BLE001 - the next case of the class may fit
            uncovered.setdefault(cls, f"{spec.id}: {type(e).__name__}: {str(e)[:200]}")
            continue
        inputs += ins
        outputs += outs
        specs_used += [spec] * len(ins)
        classes.append(cls)
        uncovered.pop(cls, None)
    return keras.Model(inputs, outputs, name=family), specs_used, classes, uncovered


def main(out):
    files = os.path.join(out, "layer_files")
    os.makedirs(files, exist_ok=True)
    by_family = {}
    for spec in all_specs():
        by_family.setdefault(spec.id.split("/")[0], []).append(spec)
    families, uncovered, covered = {}, {}, set()
    for family, specs in sorted(by_family.items()):
        keras.utils.clear_session()
        model, specs_used, classes, missed = family_model(family, specs)
        covered.update(classes)
        for c, why in missed.items():
            uncovered.setdefault(c, why)
        if not classes:
            continue
        rng = np.random.default_rng(zlib.crc32(family.encode()))
        for v in model.weights:
            v.assign(weight_value(rng, v))
        xs = [input_value(rng, (BATCH,) + tuple(t.shape[1:]), spec)
              if i == 0 or spec.multi_input or spec.cell else
              rng.standard_normal((BATCH,) + tuple(t.shape[1:])).astype("float32")
              for i, (t, spec) in enumerate(zip(model.inputs, specs_used))]
        ys = model.predict(xs, verbose=0)
        ys = ys if isinstance(ys, list) else [ys]
        entry = {"keras": f"layer_files/{family}.keras", "h5": f"layer_files/{family}.h5",
                 "weights": f"layer_files/{family}.weights.h5", "classes": classes,
                 "inputs": [], "outputs": []}
        model.save(os.path.join(out, entry["keras"]))
        model.save(os.path.join(out, entry["h5"]))
        model.save_weights(os.path.join(out, entry["weights"]))
        for what, arrays in (("in", xs), ("out", ys)):
            for k, a in enumerate(arrays):
                name = f"layer_files/{family}_{what}{k}.npy"
                np.save(os.path.join(out, name), np.asarray(a))
                entry["inputs" if what == "in" else "outputs"].append(name)
        families[family] = entry
        print(f"{family}: {len(classes)} layers, {len(xs)} inputs, {len(ys)} outputs")
    uncovered = {c: why for c, why in uncovered.items() if c not in covered}
    for cls, why in sorted(uncovered.items()):
        print(f"not in a file: {cls} ({why})")
    with open(os.path.join(out, "layer_files.json"), "w") as f:
        json.dump({"version": 1, "keras": keras.__version__, "families": families,
                   "uncovered": uncovered}, f, indent=1)


def load_case(case):
    if "json" in case:
        with open(case["json"]) as f:
            model = keras.models.model_from_json(f.read())
        model.load_weights(case["weights"])
        return model
    if case["file"].endswith(".h5"):
        # Keras 3.15's legacy loader turns every string in a layer config that names a Keras
        # function into that function: Attention's score_mode "dot" becomes keras.ops.dot and
        # the layer refuses it, in Keras's own .h5 files as in ours. Mapping the name to itself
        # keeps the string (measured on this generator's own attention.h5).
        return keras.models.load_model(case["file"], compile=False, custom_objects={"dot": "dot"})
    return keras.models.load_model(case["file"], compile=False)


def check(job_path):
    with open(job_path) as f:
        job = json.load(f)
    bad = 0
    for case in job["cases"]:
        keras.utils.clear_session()
        label = f'{case["id"]} {os.path.basename(case.get("file", case.get("weights", "")))}'
        try:
            model = load_case(case)
        except Exception as e:  # noqa: BLE001 - reported, and the run fails
            print(label, f"LOAD FAILED: {type(e).__name__}: {str(e)[:400]}")
            bad += 1
            continue
        xs = [np.load(p) for p in case["inputs"]]
        # An eager call (predict would compile each model once, for one batch).
        got = model(xs if len(xs) > 1 else xs[0], training=False)
        got = [np.asarray(g) for g in (got if isinstance(got, (list, tuple)) else [got])]
        wrong = [k for k, (g, p) in enumerate(zip(got, case["outputs"]))
                 if not close(g, np.load(p))]
        if len(got) != len(case["outputs"]):
            wrong.append(f"{len(got)} outputs, ours {len(case['outputs'])}")
        print(label, "OK" if not wrong else f"MISMATCH in outputs {wrong}")
        bad += bool(wrong)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        sys.exit(__doc__)
