#!/usr/bin/env python3
"""Generates Keras 3 `.weights.h5` files for tests/io/test_weights_h5.cpp, and checks that Keras
loads the files keraspp writes.

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_weights.py <build_dir>/oracle
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_weights.py --check <job.json>

Generate: each case builds a small model from layers keraspp has, with every name given (so
nothing depends on Keras's name counters), sets deterministic weights, saves
`model.save_weights(<case>.weights.h5)` and records inputs and `model.predict` outputs. The C++
test builds the same architecture by case id, loads Keras's file and must reproduce the outputs;
it also saves its own file and compares its HDF5 layout with `layout` below.

Check (run by the C++ test on files it wrote): job.json is
    {"cases": [{"id": case id, "weights": our .weights.h5, "inputs": [npy, ...],
                "outputs": [npy, ...]}, ...]}
with paths absolute; for each, Keras builds the case's model, load_weights(ours), predicts the
inputs and compares with our outputs (|diff| <= 1e-5 + 1e-4 |ours|). Prints one line per case,
exits non-zero on any mismatch or load failure.

Output of generate, under the directory given on the command line:
    weights.json = {"version": 1, "keras": ..., "cases": {id: case}}
        case = {"file": "weights_data/<id>.weights.h5", "inputs": [npy, ...],
                "outputs": [npy, ...], "layout": [entry, ...]}
        entry = {"path": "/layers/dense/vars", "kind": "group", "attrs": {"name": "fc1"}}
              | {"path": "/layers/dense/vars/0", "kind": "dataset", "shape": [6, 8],
                 "dtype": "float32", "attrs": {}}
        (every group and dataset below the root, sorted by path; string attributes only)
        "hostile": {what: file}: sequential_mlp's file with layers/dense/vars/0 replaced by a
            string dataset, a soft link, an external link or a dataset stored in an external
            file; "bomb", a lone dataset "big" declaring 4 GiB and storing almost nothing;
            "nan" / "nan_legacy": sequential_mlp saved by Keras with two NaN in fc1's kernel, by
            save_weights (.weights.h5) and by model.save (legacy full-model .h5)
    weights_data/<id>.weights.h5, weights_data/<id>_in<i>.npy, weights_data/<id>_out<i>.npy,
    weights_data/hostile_*.h5
"""
import json
import os
import shutil
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import h5py  # noqa: E402
import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

BATCH = 3


def sequential_mlp():
    # Dense layers with and without bias around weight-less Dropout / Activation / Identity:
    # keys dense, dense_1, dense_2 in list order, empty groups for the weight-less layers, and no
    # group for the Input (Sequential.layers leaves it out).
    return keras.Sequential([
        keras.Input((6,), name="features"),
        layers.Dense(8, activation="relu", name="fc1"),
        layers.Dropout(0.5, name="drop"),
        layers.Dense(5, activation="tanh", use_bias=False, name="fc2"),
        layers.Activation("sigmoid", name="squash"),
        layers.Identity(name="same"),
        layers.Dense(3, name="logits"),
    ], name="mlp")


def functional_shared():
    # Two inputs and two Dense branches through one shared layer: Functional.layers includes
    # both InputLayers, and the shared layer is stored once.
    a = keras.Input((4,), name="a")
    b = keras.Input((4,), name="b")
    shared = layers.Dense(5, activation="relu", name="shared")
    left = layers.Dense(3, name="left")(shared(a))
    right = layers.Dense(2, activation="sigmoid", name="right")(shared(layers.Dense(4, name="lift")(b)))
    return keras.Model([a, b], [left, right], name="two_branch")


def nested_sequential():
    # A Sequential used as a layer of a functional model, between reshaping layers: its layers
    # are stored under layers/sequential/layers/..., with the block's own (empty) vars group.
    block = keras.Sequential([
        keras.Input((6,), name="block_in"),
        layers.Dense(4, activation="relu", name="inner1"),
        layers.Dense(4, name="inner2"),
    ], name="block")
    x_in = keras.Input((2, 3), name="grid")
    x = layers.Flatten(name="flat")(x_in)
    x = block(x)
    x = layers.Reshape((2, 2), name="square")(x)
    x = layers.Flatten(name="flat_again")(x)
    out = layers.Dense(2, name="head")(x)
    return keras.Model(x_in, out, name="outer")


def attention_block():
    # MultiHeadAttention (cross, then gated self-attention) and EinsumDense: the projections'
    # variables under query_dense / key_dense / _gate_dense / value_dense / output_dense, and the
    # empty _softmax and _dropout_layer groups named by Keras's counters (hence clear_session).
    tokens = keras.Input((4, 5), name="tokens")
    context = keras.Input((6, 3), name="context")
    x = layers.MultiHeadAttention(2, 3, output_shape=6, name="cross")(tokens, context)
    x = layers.MultiHeadAttention(2, 2, use_gate=True, name="self")(x, x)
    out = layers.EinsumDense("abc,cd->abd", (None, 2), bias_axes="d", name="head")(x)
    return keras.Model([tokens, context], out, name="attention")


CASES = {"sequential_mlp": sequential_mlp, "functional_shared": functional_shared,
         "nested_sequential": nested_sequential, "attention_block": attention_block}


def set_weights(model):
    # Distinct, deterministic values per variable, in model.weights order.
    for k, v in enumerate(model.weights):
        n = int(np.prod(v.shape))
        value = 0.5 * np.sin(np.arange(n) * 0.7 + 0.3 * (k + 1)).reshape(v.shape)
        v.assign(value.astype(v.dtype))


def make_inputs(model):
    inputs = []
    for i, t in enumerate(model.inputs):
        shape = (BATCH,) + tuple(t.shape[1:])
        n = int(np.prod(shape))
        inputs.append(np.cos(np.arange(n) * 0.37 + i).reshape(shape).astype("float32"))
    return inputs


def as_list(y):
    return list(y) if isinstance(y, (list, tuple)) else [y]


def layout(path):
    entries = []

    def attrs_of(obj):
        out = {}
        for k, v in obj.attrs.items():
            out[k] = v.decode() if isinstance(v, bytes) else str(v)
        return out

    def visit(name, obj):
        entry = {"path": "/" + name, "attrs": attrs_of(obj)}
        if isinstance(obj, h5py.Dataset):
            entry.update(kind="dataset", shape=list(obj.shape), dtype=str(obj.dtype))
        else:
            entry["kind"] = "group"
        entries.append(entry)

    with h5py.File(path, "r") as f:
        assert not f.attrs, "Keras 3 writes no root attributes"
        f.visititems(visit)
    return sorted(entries, key=lambda e: e["path"])


def hostile(out_dir, mlp_file):
    """Damaged copies of sequential_mlp's file, each holding one thing a loader must refuse
    (the C++ side expects an IOError naming it), and a lone "shape bomb" dataset."""
    files = {}

    def variant(name, edit):
        rel = f"weights_data/hostile_{name}.weights.h5"
        shutil.copy(mlp_file, os.path.join(out_dir, rel))
        with h5py.File(os.path.join(out_dir, rel), "r+") as f:
            vars_group = f["layers/dense/vars"]
            shape = vars_group["0"].shape
            del vars_group["0"]
            edit(vars_group, shape)
        files[name] = rel

    variant("string_dtype", lambda g, shape: g.create_dataset(
        "0", data=np.full(shape, "x", dtype=object), dtype=h5py.string_dtype()))
    variant("soft_link", lambda g, shape: g.__setitem__(
        "0", h5py.SoftLink("/layers/dense_2/vars/0")))
    variant("external_link", lambda g, shape: g.__setitem__(
        "0", h5py.ExternalLink("/etc/hostname", "/data")))
    variant("external_storage", lambda g, shape: g.create_dataset(
        "0", shape=shape, dtype="float32", external=[("/etc/hostname", 0, h5py.h5f.UNLIMITED)]))
    # 4 GiB declared, next to nothing stored: chunked, compressed, never written.
    rel = "weights_data/hostile_bomb.h5"
    with h5py.File(os.path.join(out_dir, rel), "w") as f:
        f.create_dataset("big", shape=(1 << 20, 1 << 10), dtype="float32", chunks=(1024, 1024),
                         compression="gzip")
    files["bomb"] = rel
    # NaN weights, as Keras itself saves them (a model whose training diverged).
    keras.utils.clear_session()
    model = CASES["sequential_mlp"]()
    set_weights(model)
    kernel = model.get_layer("fc1").kernel
    value = np.array(kernel.numpy())
    value[0, 0] = value[2, 3] = np.nan
    kernel.assign(value)
    files["nan"] = "weights_data/hostile_nan.weights.h5"
    model.save_weights(os.path.join(out_dir, files["nan"]))
    files["nan_legacy"] = "weights_data/hostile_nan_legacy.h5"
    model.save(os.path.join(out_dir, files["nan_legacy"]))
    return files


def generate(out_dir):
    data_dir = os.path.join(out_dir, "weights_data")
    shutil.rmtree(data_dir, ignore_errors=True)
    os.makedirs(data_dir)
    cases = {}
    for case_id, make in CASES.items():
        keras.utils.clear_session()
        model = make()
        set_weights(model)
        rel = f"weights_data/{case_id}.weights.h5"
        model.save_weights(os.path.join(out_dir, rel))
        inputs = make_inputs(model)
        outputs = as_list(model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0))
        case = {"file": rel, "inputs": [], "outputs": [],
                "layout": layout(os.path.join(out_dir, rel))}
        for kind, arrays in (("in", inputs), ("out", outputs)):
            for i, a in enumerate(arrays):
                name = f"weights_data/{case_id}_{kind}{i}.npy"
                np.save(os.path.join(out_dir, name), np.ascontiguousarray(a, dtype="float32"))
                case["inputs" if kind == "in" else "outputs"].append(name)
        cases[case_id] = case
    manifest = {"version": 1, "keras": keras.__version__, "cases": cases,
                "hostile": hostile(out_dir, os.path.join(out_dir, cases["sequential_mlp"]["file"]))}
    tmp = os.path.join(out_dir, "weights.json.tmp")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1)
    os.replace(tmp, os.path.join(out_dir, "weights.json"))
    print(f"weights: {len(cases)} cases -> {out_dir}/weights.json")


def check(job_path):
    with open(job_path) as f:
        job = json.load(f)
    bad = 0
    for case in job["cases"]:
        keras.utils.clear_session()
        model = CASES[case["id"]]()
        try:
            model.load_weights(case["weights"])
        except Exception as e:  # noqa: BLE001 - reported, and the run fails
            print(case["id"], f"LOAD FAILED: {type(e).__name__}: {e}")
            bad += 1
            continue
        inputs = [np.load(p) for p in case["inputs"]]
        got = as_list(model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0))
        want = [np.load(p) for p in case["outputs"]]
        ok = len(got) == len(want) and all(
            g.shape == w.shape and np.all(np.abs(g - w) <= 1e-5 + 1e-4 * np.abs(w))
            for g, w in zip(got, want))
        print(case["id"], "OK" if ok else "MISMATCH")
        bad += not ok
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2])
    elif len(sys.argv) == 2:
        generate(sys.argv[1])
    else:
        sys.exit(__doc__)
