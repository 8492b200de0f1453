"""The layer conformance cases, one module per layer family (keras/src/layers' grouping).

Each module defines `CASES = [case(...), ...]`; generate_layers.py runs them all. Ids are
"<family>/<what>" and unique across modules.
"""
import importlib
import os
import pkgutil
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Spec:
    id: str
    make: object                       # (keras module=keras 3) -> a fresh layer
    input_shapes: list                 # one shape per input (with the batch dimension)
    class_name: str = ""               # the keras.layers class make() makes
    kwargs: dict = None                # its arguments (case() only)
    multi_input: bool = False          # call with a list (merging layers)
    cell: bool = False                 # an RNN cell: called as cell(inputs[0], inputs[1:])
    initial_state: bool = False        # an RNN: called as rnn(inputs[0], initial_state=inputs[1:])
    # Inputs passed as separate positional arguments, build(*shapes) and call(*inputs)
    # (MultiHeadAttention's query, value, key) instead of one list; the C++ side still calls
    # the layer on the list.
    positional: bool = False
    call_kwargs: dict = None           # constant keyword arguments of the call (flags)
    # Keyword arguments that are arrays: name -> (shape, dtype); bool ones are masks with
    # position 0 of the last axis always set (no query attends to nothing).
    kwarg_inputs: dict = None
    training: bool = False             # also record training mode (deterministic layers only)
    grads: bool = True
    losses: bool = False               # also record layer.losses after an ordinary call
    dtype: str = "float32"             # of the inputs
    input_range: tuple = None          # uniform in [lo, hi) (integers: [lo, hi))
    mask: bool = False                 # a random (batch, time) mask on the first input
    zero_steps: bool = False           # some steps of the first input all zeros (for Masking)
    atol: float = 1e-5
    rtol: float = 1e-4
    grad_atol: float = 1e-4
    grad_rtol: float = 1e-3
    notes: str = field(default="")


def case(id, class_name, kwargs=None, input_shape=None, inputs=None, **options):
    """One layer under one configuration.

    case("core/dense_relu", "Dense", dict(units=3, activation="relu"), input_shape=(2, 5))
    case("merging/add", "Add", inputs=[(2, 3), (2, 3)])        # several inputs: a list
    case("rnn/lstm_cell", "LSTMCell", dict(units=3), inputs=[(2, 5), (2, 3), (2, 3)], cell=True)
    case("attention/mha", "MultiHeadAttention", dict(num_heads=2, key_dim=3),
         inputs=[(2, 4, 5), (2, 6, 5)], positional=True,
         call_kwargs=dict(use_causal_mask=True), kwarg_inputs=dict(attention_mask=((2, 4, 6), "bool")))
    """
    import keras
    kwargs = dict(kwargs or {})
    cls = getattr(keras.layers, class_name)
    multi = inputs is not None and not options.get("initial_state", False)
    shapes = [tuple(s) for s in inputs] if inputs is not None else [tuple(input_shape)]

    def make(k=keras):
        return (cls if k is keras else getattr(k.layers, class_name))(**kwargs)

    return Spec(id=id, make=make, class_name=class_name, kwargs=kwargs,
                input_shapes=shapes, multi_input=multi, **options)


def weight_value(rng, variable):
    """A known value for one weight: variances positive, counts as Keras keeps them."""
    # (tf-keras variables have a name "<path>:0" and a TensorFlow dtype.)
    name = getattr(variable, "path", variable.name).split("/")[-1].split(":")[0]
    dtype = getattr(variable.dtype, "as_numpy_dtype", variable.dtype)
    shape = tuple(variable.shape)
    if "variance" in name:
        return rng.uniform(0.5, 1.5, shape).astype(dtype)
    if name == "count":
        return np.asarray(rng.integers(1, 50), dtype=dtype).reshape(shape)
    if "int" in str(np.dtype(dtype)):
        return rng.integers(0, 3, shape).astype(dtype)
    return (rng.standard_normal(shape) * 0.5).astype(dtype)


def input_value(rng, shape, spec):
    if spec.dtype.startswith("int"):
        lo, hi = spec.input_range or (0, 5)
        return rng.integers(lo, hi, shape).astype(spec.dtype)
    lo_hi = spec.input_range
    if lo_hi:
        return rng.uniform(lo_hi[0], lo_hi[1], shape).astype(spec.dtype)
    return rng.standard_normal(shape).astype(spec.dtype)


def all_specs():
    specs = []
    package = os.path.dirname(os.path.abspath(__file__))
    for module in sorted(m.name for m in pkgutil.iter_modules([package])):
        specs += importlib.import_module(f"layer_cases.{module}").CASES
    ids = [s.id for s in specs]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate layer case ids: {duplicates}"
    return specs
