"""What generate_layer_files.py (Keras 3) and generate_tf_keras_layer_files.py (tf-keras 2)
share: per layer family of tests/keras_oracle/layer_cases, one functional model with a branch
per layer class, built with the given Keras module `k`, its files and its --check. Imports no
Keras itself, so each generator runs in its own virtual environment.

A branch is the first case of its class that a functional model can hold and this Keras can
build: an RNN cell runs inside RNN over 3 steps; value_mask / key_mask arrays are masks a
model's Inputs do not carry (left out); a case with an attention_mask array is left to the
layer oracle. Every input has batch size 2.

Manifest (<name>.json): {"version": 1, "keras": ..., "families": {family: {<format key>: file,
    "inputs": [file], "outputs": [file], "classes": [class name]}}, "uncovered": {class: why}}
Check job: {"cases": [{"id", "file" (a model file) or "json" + "weights" (Model.to_json and a
weights file), "inputs": [file], "outputs": [file]}]} with absolute paths; Keras loads each,
calls it on the inputs and compares with the outputs within 1e-5 + 1e-4 |ours|; one line per
case; exits non-zero on any failure.
"""
import json
import os
import sys
import zlib

import numpy as np
from keras_files_common import close
from layer_cases import all_specs, input_value, weight_value

BATCH = 2


def branch(k, spec, index):
    """(inputs, outputs, class name) of one layer's branch; raises when this Keras cannot build
    the case or a model cannot hold it."""
    if "attention_mask" in (spec.kwarg_inputs or {}):
        raise ValueError("attention_mask arrays stay with the layer oracle")
    layer = spec.make(k)
    cls = spec.class_name or type(layer).__name__
    name = f"b{index}_"
    shapes = [s[1:] for s in spec.input_shapes]
    if spec.cell:
        inputs = [k.Input((3,) + shapes[0], dtype=spec.dtype, name=name + "x")]
        outputs = k.layers.RNN(layer, name=name + "rnn")(inputs[0])
    else:
        inputs = [k.Input(s, dtype=spec.dtype if i == 0 or spec.multi_input else "float32",
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


def family_model(k, family, specs):
    inputs, outputs, specs_used, classes, missed = [], [], [], [], {}
    for spec in specs:
        if spec.class_name in classes:
            continue
        try:
            ins, outs, cls = branch(k, spec, len(classes))
        except Exception as e:  # noqa: BLE001 - the next case of the class may fit
            missed.setdefault(spec.class_name, f"{spec.id}: {type(e).__name__}: {str(e)[:200]}")
            continue
        inputs += ins
        outputs += outs
        specs_used += [(spec, j) for j in range(len(ins))]  # which input of its branch
        classes.append(cls)
        missed.pop(cls, None)
    model = k.Model(inputs, outputs, name=family) if classes else None
    return model, specs_used, classes, missed


def generate(k, out, name, save, alone=()):
    """Every family's model, its weights set to known values, saved by `save(model, stem)`
    (which returns {format key: file name under out/}); inputs, outputs and the manifest
    <name>.json written under out/<name>/. The classes in `alone` get a family of their own,
    "<family>_<class>"."""
    files = os.path.join(out, name)
    os.makedirs(files, exist_ok=True)
    by_family = {}
    for spec in all_specs():
        family = spec.id.split("/")[0]
        if spec.class_name in alone:
            family += "_" + spec.class_name
        by_family.setdefault(family, []).append(spec)
    families, missed_all, covered = {}, {}, set()
    for family, specs in sorted(by_family.items()):
        k.backend.clear_session()
        model, specs_used, classes, missed = family_model(k, family, specs)
        covered.update(classes)
        for cls, why in missed.items():
            missed_all.setdefault(cls, why)
        if model is None:
            continue
        rng = np.random.default_rng(zlib.crc32(family.encode()))
        for v in model.weights:
            v.assign(weight_value(rng, v))
        # A branch's first input (all of them for a merging layer) as the case draws it; an
        # RNN's initial states are standard normal.
        xs = [input_value(rng, (BATCH,) + tuple(t.shape[1:]), spec)
              if j == 0 or spec.multi_input else
              rng.standard_normal((BATCH,) + tuple(t.shape[1:])).astype("float32")
              for t, (spec, j) in zip(model.inputs, specs_used)]
        ys = model.predict(xs, verbose=0)
        ys = ys if isinstance(ys, list) else [ys]
        entry = {key: f"{name}/{file}" for key, file in save(model, os.path.join(files, family))
                 .items()}
        entry.update({"classes": classes, "inputs": [], "outputs": []})
        for what, arrays in (("inputs", xs), ("outputs", ys)):
            for i, a in enumerate(arrays):
                file = f"{name}/{family}_{what[:-1]}{i}.npy"
                np.save(os.path.join(out, file), np.asarray(a))
                entry[what].append(file)
        families[family] = entry
        print(f"{family}: {len(classes)} layers, {len(xs)} inputs, {len(ys)} outputs")
    uncovered = {c: why for c, why in missed_all.items() if c not in covered}
    for cls, why in sorted(uncovered.items()):
        print(f"not in a file: {cls} ({why})")
    with open(os.path.join(out, name + ".json"), "w") as f:
        json.dump({"version": 1, "keras": k.__version__, "families": families,
                   "uncovered": uncovered}, f, indent=1)


def check(k, job_path, load_file):
    with open(job_path) as f:
        job = json.load(f)
    bad = 0
    for case in job["cases"]:
        k.backend.clear_session()
        label = f'{case["id"]} {os.path.basename(case.get("file", case.get("weights", "")))}'
        try:
            if "json" in case:
                with open(case["json"]) as f:
                    model = k.models.model_from_json(f.read())
                model.load_weights(case["weights"])
            else:
                model = load_file(case["file"])
        except Exception as e:  # noqa: BLE001 - reported, and the run fails
            print(label, f"LOAD FAILED: {type(e).__name__}: {str(e)[:400]}")
            bad += 1
            continue
        xs = [np.load(p) for p in case["inputs"]]
        got = model(xs if len(xs) > 1 else xs[0], training=False)
        got = [np.asarray(g) for g in (got if isinstance(got, (list, tuple)) else [got])]
        wrong = [i for i, (g, p) in enumerate(zip(got, case["outputs"])) if not close(g, np.load(p))]
        if len(got) != len(case["outputs"]):
            wrong.append(f"{len(got)} outputs, ours {len(case['outputs'])}")
        print(label, "OK" if not wrong else f"MISMATCH in outputs {wrong}")
        bad += bool(wrong)
    sys.exit(1 if bad else 0)
