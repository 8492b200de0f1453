#!/usr/bin/env python3
"""Generates the Keras conformance cases for the built-in layers (tests/conformance/
test_keras_layers.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_layers.py <build_dir>/oracle

The cases are listed per layer family in tests/keras_oracle/layer_cases/*.py (each module has a
`CASES` list made with `layer_cases.case(...)`). For each, the real Keras 3 layer is built on the
JAX backend, its weights are set to known random values, and recorded are:
  - the layer as `keras.saving.serialize_keras_object` writes it (the C++ side deserializes it
    through its registry, so every case also checks from_config and build_config);
  - the weights (layer.weights order), the inputs;
  - the outputs in inference mode, and the gradient of sum(out_i * w_i) with respect to each
    floating input and each trainable weight (w_i: fixed random arrays of the outputs' shapes);
  - with `training=True`: the same in training mode, and the non-trainable weights after that
    call (BatchNormalization's moving statistics);
  - with `losses=True`: layer.losses after an ordinary call in each mode (stateless_call runs
    `call` alone, without the activity regularizer that Layer.__call__ applies).
  - with `mask=True`: a random (batch, time) mask on the first input, passed to `call` where it
    takes one (Keras fills `mask` from the input's _keras_mask); and for every case, the masks
    of the outputs, layer.compute_mask(inputs, input mask) (null where none).

Output, under the directory given on the command line:
    layers.json           {"keras": ..., "jax": ..., "cases": [case...]}
    layers_data/*.npy     the arrays, named <case number>_<what>.npy
An RNN cell case (`cell=True`) is called as Keras calls a cell, cell(x, [states]), and its
outputs recorded flattened: [output, *new_states], what the C++ cell's call_list returns.
A `positional` case (MultiHeadAttention) is built with build(*shapes) and called with its inputs
as separate arguments; `call_kwargs` (flags) and `kwarg_inputs` (arrays such as attention_mask)
are passed as keywords and recorded in the case, the arrays as files. A list-called case
(Attention) takes `call_kwargs` as keywords too, and `kwarg_inputs` value_mask / key_mask as the
second and third entries of its `mask` list.
    case = {"id", "class_name", "serialized", "inputs": [file], "weights": [file],
            "weight_paths": [str], "trainable": [bool], "modes": [mode...],
            "atol", "rtol", "grad_atol", "grad_rtol"}
    case["input_mask"] = file (with mask=True)
    mode = {"training": bool, "outputs": [file], "output_weights": [file] (the w_i),
            "output_masks": [file | null],
            "input_grads": [file | null], "weight_grads": [file] (trainable weights, in order),
            "non_trainable_after": [file] (training mode only), "losses": [file] (if asked)}
    (positional cases and cases with keywords add "positional": bool, "call_kwargs": {...},
    "kwarg_inputs": {name: file})

Each case draws from its own NumPy generator seeded by its id, so adding a case changes no other.
Only needs keras, jax and numpy.
"""
import json
import multiprocessing
import os
import sys
import zlib

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Most of a case's second is XLA compiling its few small programs: compile fast (LLVM -O0), as
# the other generators do. Measured: 183 s -> 125 s for the 304 cases on 2 cores; 572 of the
# 2573 arrays change in the last bits (at most 3.8e-6 absolute, 4.6e-5 relative where |x| >
# 0.01), all within the tests' tolerances.
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                           " --xla_backend_optimization_level=0").strip()

import numpy as np  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
from keras.src.backend.common.masking import get_keras_mask, set_keras_mask  # noqa: E402

assert keras.backend.backend() == "jax", "set KERAS_BACKEND=jax"
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import layer_cases  # noqa: E402
from layer_cases import all_specs, input_value, weight_value  # noqa: E402


class Writer:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        os.makedirs(os.path.join(out_dir, "layers_data"), exist_ok=True)

    def save(self, index, what, array):
        name = f"layers_data/{index:04d}_{what}.npy"
        np.save(os.path.join(self.out_dir, name), np.asarray(array))
        return name


def as_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def kwarg_input_value(rng, shape, dtype):
    """A keyword array: bool / int masks with key position 0 always allowed (a query that may
    attend to nothing is computed differently by Keras's fused and explicit paths), or floats."""
    if dtype == "bool" or dtype.startswith("int"):
        mask = rng.random(shape) < 0.6
        mask[..., 0] = True
        return mask.astype(dtype)
    return rng.standard_normal(shape).astype(dtype)


def call_masks(spec, mask, kw_arrays=None):
    """The `mask` argument Keras fills from the inputs' masks: a list for several inputs, the
    first input's `mask`, the others' from `kwarg_inputs` named value_mask / key_mask (the
    second and third inputs of Attention's [query, value, key])."""
    if not spec.multi_input:
        return mask
    others = [(kw_arrays or {}).get(name) for name in ("value_mask", "key_mask")]
    return [mask] + [others[i] if i < 2 else None for i in range(len(spec.input_shapes) - 1)]


def output_masks(layer, spec, xs, mask, outs, writer, index, tag, kw_arrays=None):
    inputs = xs if spec.multi_input else xs[0]  # (an RNN's mask follows its sequences)
    masks = (layer.compute_mask(inputs, call_masks(spec, mask, kw_arrays))
             if layer.supports_masking else None)
    masks = as_list(masks) if masks is not None else []
    masks += [None] * (len(outs) - len(masks))
    return [None if m is None else writer.save(index, f"{tag}_mask{k}", np.asarray(m))
            for k, m in enumerate(masks[:len(outs)])]


def run_mode(layer, spec, xs, training, rng, writer, index, mask=None, kw_arrays=None):
    trainable = [v.value for v in layer.trainable_variables]
    non_trainable = [v.value for v in layer.non_trainable_variables]
    float_inputs = [i for i, x in enumerate(xs) if np.issubdtype(x.dtype, np.floating)]

    def forward(tv, fx):
        args = list(xs)
        for i, v in zip(float_inputs, fx):
            args[i] = v
        # Only layers whose call() takes `training` are given it (Keras's own rule).
        kwargs = {"training": training} if layer._call_has_training_arg else {}
        masks = call_masks(spec, mask, kw_arrays)
        if layer._call_has_mask_arg and any(m is not None for m in as_list(masks)):
            kwargs["mask"] = masks
        if spec.initial_state:  # rnn(sequences, initial_state=[states]); C++: rnn({x, states})
            out, ntv = layer.stateless_call(tv, non_trainable, args[0], initial_state=args[1:],
                                            **kwargs)
            return as_list(out), ntv
        if spec.cell:  # cell(inputs, states) -> (output, new_states), flattened
            out, ntv = layer.stateless_call(tv, non_trainable, args[0], args[1:], **kwargs)
            return keras.tree.flatten(out), ntv
        if spec.positional:
            extra = dict(spec.call_kwargs or {}, **(kw_arrays or {}))
            if mask is not None:  # MultiHeadAttention reads the query's mask off the tensor
                set_keras_mask(args[0], mask)
                # Layer.__call__ fills query_mask from it (GroupQueryAttention takes it so).
                if "query_mask" in layer._call_signature.parameters:
                    extra["query_mask"] = mask
            out, ntv = layer.stateless_call(tv, non_trainable, *args, **extra, **kwargs)
            if mask is not None:  # what Layer.__call__ then attaches to the outputs
                layer._set_mask_metadata(args[0], out, mask)
            return as_list(out), ntv
        out, ntv = layer.stateless_call(tv, non_trainable, args if spec.multi_input else args[0],
                                        **dict(spec.call_kwargs or {}), **kwargs)
        return as_list(out), ntv

    outs, ntv = forward(trainable, [xs[i] for i in float_inputs])
    ws = [rng.standard_normal(np.shape(o)).astype("float32") for o in outs]
    tag = "train" if training else "infer"
    mode = {"training": training,
            "outputs": [writer.save(index, f"{tag}_out{k}", o) for k, o in enumerate(outs)],
            "output_weights": [writer.save(index, f"{tag}_w{k}", w) for k, w in enumerate(ws)]}
    if spec.positional:  # the masks the call itself attached to its outputs
        mode["output_masks"] = [
            None if get_keras_mask(o) is None
            else writer.save(index, f"{tag}_mask{k}", np.asarray(get_keras_mask(o)))
            for k, o in enumerate(outs)]
    elif not spec.cell:
        mode["output_masks"] = output_masks(layer, spec, xs, mask, outs, writer, index, tag,
                                            kw_arrays)
    if spec.grads:
        def target(tv, fx):
            o, _ = forward(tv, fx)
            return sum(jnp.sum(a.astype("float32") * w) for a, w in zip(o, ws))
        g_tv, g_x = jax.grad(target, argnums=(0, 1))(trainable, [xs[i] for i in float_inputs])
        input_grads = [None] * len(xs)
        for i, g in zip(float_inputs, g_x):
            input_grads[i] = writer.save(index, f"{tag}_dx{i}", g)
        mode["input_grads"] = input_grads
        mode["weight_grads"] = [writer.save(index, f"{tag}_dw{k}", g) for k, g in enumerate(g_tv)]
    if spec.losses:
        # An ordinary call: it would update the layer's own state (use it on stateless layers).
        kwargs = {"training": training} if layer._call_has_training_arg else {}
        if spec.positional:
            layer(*xs, **dict(spec.call_kwargs or {}, **(kw_arrays or {})), **kwargs)
        else:
            layer(xs if spec.multi_input else xs[0], **kwargs)
        mode["losses"] = [writer.save(index, f"{tag}_loss{k}", v)
                          for k, v in enumerate(layer.losses)]
    if training:
        mode["non_trainable_after"] = [writer.save(index, f"{tag}_state{k}", v)
                                       for k, v in enumerate(ntv)]
    return mode


def run_case(spec, index, writer):
    rng = np.random.default_rng(zlib.crc32(spec.id.encode()))
    layer = spec.make()
    shapes = spec.input_shapes
    # A cell (and an RNN given initial states) is built from its step input's shape alone.
    if spec.positional:
        layer.build(*shapes)
    else:
        layer.build(shapes if spec.multi_input and not spec.cell else shapes[0])
    for v in layer.weights:
        v.assign(weight_value(rng, v))
    xs = [input_value(rng, s, spec) for s in shapes]
    batch_time = shapes[0][:2]
    if spec.zero_steps:  # whole steps of zeros, where Masking(0.0) masks
        xs[0] = np.where((rng.random(batch_time) < 0.35)[..., None], 0, xs[0]).astype(xs[0].dtype)
    # Drawn after the inputs, and only by cases that have them: other cases' data stay as they were.
    kw_arrays = {name: kwarg_input_value(rng, shape, dtype)
                 for name, (shape, dtype) in sorted((spec.kwarg_inputs or {}).items())}
    mask = None
    if spec.mask:  # padded steps anywhere, the first row unpadded
        mask = rng.random(batch_time) >= 0.35
        mask[0, :] = True
    entry = {
        "id": spec.id, "class_name": layer.__class__.__name__,
        "serialized": keras.saving.serialize_keras_object(layer),
        "multi_input": spec.multi_input or spec.initial_state,
        "inputs": [writer.save(index, f"x{i}", x) for i, x in enumerate(xs)],
        "weights": [writer.save(index, f"weight{k}", v.numpy()) for k, v in enumerate(layer.weights)],
        "weight_paths": [v.path for v in layer.weights],
        "trainable": [bool(v.trainable) for v in layer.weights],
        "atol": spec.atol, "rtol": spec.rtol, "grad_atol": spec.grad_atol,
        "grad_rtol": spec.grad_rtol,
    }
    if mask is not None:
        entry["input_mask"] = writer.save(index, "mask", mask)
    if spec.positional or spec.call_kwargs or spec.kwarg_inputs:
        entry["positional"] = spec.positional
        entry["call_kwargs"] = dict(spec.call_kwargs or {})
        entry["kwarg_inputs"] = {name: writer.save(index, f"kw_{name}", a)
                                 for name, a in kw_arrays.items()}
    entry["modes"] = [run_mode(layer, spec, xs, False, rng, writer, index, mask, kw_arrays)]
    if spec.training:
        entry["modes"].append(run_mode(layer, spec, xs, True, rng, writer, index, mask,
                                       kw_arrays))
    return entry


def run_shard(job):
    """The cases i with i % shards == shard (a worker process's share), as (i, entry) pairs."""
    out_dir, shard, shards = job
    writer = Writer(out_dir)
    return [(i, run_case(spec, i, writer)) for i, spec in enumerate(all_specs())
            if i % shards == shard]


def main(out_dir):
    # Each case seeds its own generator from its id, so the cases can run in any process: a
    # few worker processes (KERASPP_ORACLE_JOBS, default 2) share them, as the cases take a
    # second or so each, most of it JAX compiling on one core.
    jobs = max(1, int(os.environ.get("KERASPP_ORACLE_JOBS", min(2, os.cpu_count() or 1))))
    shards = [(out_dir, k, jobs) for k in range(jobs)]
    if jobs == 1:
        parts = [run_shard(shards[0])]
    else:
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            parts = pool.map(run_shard, shards)
    cases = [entry for _, entry in sorted((p for part in parts for p in part), key=lambda p: p[0])]
    path = os.path.join(out_dir, "layers.json")
    with open(path + ".tmp", "w") as f:
        json.dump({"keras": keras.__version__, "jax": jax.__version__, "cases": cases}, f,
                  default=lambda o: list(o) if isinstance(o, tuple) else str(o))
    os.replace(path + ".tmp", path)
    print(f"wrote {len(cases)} layer cases to {path} ({jobs} processes)")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
