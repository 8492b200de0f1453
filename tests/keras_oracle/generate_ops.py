#!/usr/bin/env python3
"""Generates the Keras conformance cases for keras::ops (tests/conformance/test_keras_ops.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_ops.py <build_dir>/oracle

Every op declared in keras/core/ops/*.hpp (keras.random excepted) is run through the real
`keras.ops` on the JAX backend (CPU) with random inputs from a fixed NumPy seed, and for every
case with a floating input the gradient of `sum(op(*xs) * w)` with respect to each floating input
is taken with `jax.grad` (w: a fixed random weight of the output's shape). Cases are jitted in
groups (compiling is what costs time); non-float inputs and Python scalars are constants.

Output, under the directory given on the command line:
    ops.json            the manifest (format below)
    ops_data/NNNNN.bin  one array per file: raw little-endian bytes in C order (bool: 1 byte)

Manifest:
    {"version": 1, "keras": ..., "jax": ..., "numpy": ..., "epsilon": 1e-07, "cases": [case...]}
    case = {
      "id": "conv/07_2d_same_strided",    unique, "<op>/<nn>_<tag>"
      "op": "conv",                        the keras.ops name (the C++ op table's key)
      "inputs": [array | weak],            positional inputs, in keras.ops order
      "kwargs": {...},                     keyword arguments as the C++ table reads them
      "output": array | [array...],        a list for ops returning several tensors (split)
      "weight": file | [file...] | null,   w, of the output's shape; float64 when the output is
                                           float64, else float32
      "grads": [file | null, ...]          d sum(op * w) / d input; null for non-float inputs
                                           (or when "weight" is null: no gradient check)
    }
    array = {"dtype": "float32", "shape": [2, 3], "file": "ops_data/00012.bin"}
    weak  = {"weak": true, "dtype": "float32" | "int32", "value": 2.5}
            a Python scalar passed to keras.ops as is (a C++ `double`/`int` argument).

Float32 values round-trip exactly since the files hold the raw bytes.
Only needs keras, jax and numpy. Runs in about 30 s on one core. Deterministic: two runs write
identical files. Argument combinations that Keras itself rejects (e.g. sigmoid of int32) and
results in dtypes keraspp does not have (sum of uint8 is uint32) are listed as skipped.
"""
import json
import os
import sys
import time
import warnings

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Each case is one small jitted computation: compile fast (LLVM -O0; results are IEEE the same).
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                           " --xla_backend_optimization_level=0").strip()

import numpy as np  # noqa: E402
import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import keras  # noqa: E402
from keras import ops  # noqa: E402

assert keras.backend.backend() == "jax", "set KERAS_BACKEND=jax"
# jax.nn.softmax of an int32 tensor casts -inf to int32 inside JAX (the result is right).
warnings.filterwarnings("ignore", "invalid value encountered in cast", RuntimeWarning)
warnings.filterwarnings("ignore", "You are using a softmax over axis", UserWarning)

RNG = np.random.default_rng(20240611)

# Cases with float64/int64 inputs run with JAX's x64 mode on. Keras's JAX backend also maps
# every 64-bit result of its promotion rules to 32 bits (keras.src.backend.common.dtypes.
# BIT64_TO_BIT32_DTYPE, "aligned with JAX's default"), so that sin(float64) is float32 there
# while exp(float64) is float64. For those cases Keras's rules are used as its TensorFlow backend
# has them (64-bit kept), which is what keraspp, having float64 and int64, follows.
from keras.src.backend.common import dtypes as _keras_dtypes  # noqa: E402
_BIT64_JAX = dict(_keras_dtypes.BIT64_TO_BIT32_DTYPE)
_BIT64_KEPT = dict(_BIT64_JAX, int64="int64", float64="float64")


class x64_mode:
    def __init__(self, on):
        self.on = on
        self.ctx = jax.enable_x64(on) if hasattr(jax, "enable_x64") else \
            __import__("jax.experimental", fromlist=["enable_x64"]).enable_x64(on)

    def __enter__(self):
        self.ctx.__enter__()
        _keras_dtypes.BIT64_TO_BIT32_DTYPE.clear()
        _keras_dtypes.BIT64_TO_BIT32_DTYPE.update(_BIT64_KEPT if self.on else _BIT64_JAX)

    def __exit__(self, *exc):
        _keras_dtypes.BIT64_TO_BIT32_DTYPE.clear()
        _keras_dtypes.BIT64_TO_BIT32_DTYPE.update(_BIT64_JAX)
        return self.ctx.__exit__(*exc)


SUPPORTED_DTYPES = {"float32", "float64", "int32", "int64", "uint8", "bool"}


class Weak:
    """A Python scalar argument (weakly typed in Keras's promotion rules)."""

    def __init__(self, value):
        self.value = value

    def dtype(self):
        return "float32" if isinstance(self.value, float) else "int32"


# ----------------------------------------------------------------------------- inputs
def randn(*shape, scale=1.0, dtype="float32"):
    return np.asarray(RNG.standard_normal(shape) * scale).astype(dtype)


def unif(lo, hi, *shape, dtype="float32"):
    return np.asarray(RNG.uniform(lo, hi, shape)).astype(dtype)


def randint(lo, hi, *shape, dtype="int32"):
    return np.asarray(RNG.integers(lo, hi, shape)).astype(dtype)


def randbool(*shape):
    return np.asarray(RNG.random(shape) < 0.5)


def nonzero(*shape, lo=0.5, hi=2.0, dtype="float32"):
    mag = RNG.uniform(lo, hi, shape)
    sign = np.where(RNG.random(shape) < 0.5, -1.0, 1.0)
    return np.asarray(mag * sign).astype(dtype)


def quantized(*shape, step=0.5, lo=-2, hi=2):
    """Floats on a coarse grid, so comparisons see ties."""
    return np.asarray(RNG.integers(int(lo / step), int(hi / step) + 1, shape) * step).astype(
        "float32")


EDGE = np.array([0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 1.5, 2.5, -2.5, 3.7, -3.7, 1e-30, 1e30,
                 np.inf, -np.inf, np.nan], dtype="float32")
# Large magnitudes (gradients are checked on these, so no kinks such as 0: the subgradient
# chosen there differs between Keras's backends; EDGE, checked without gradients, has them).
LARGE = np.array([-100.0, -30.0, -20.0, -10.0, -3.0, -1e-3, 1e-3, 3.0, 10.0, 20.0, 30.0,
                  100.0], dtype="float32")
LARGE30 = np.array([-30.0, -25.0, -20.0, -10.0, -1.0, -1e-3, 1e-3, 1.0, 10.0, 20.0, 25.0, 30.0],
                   dtype="float32")


# ----------------------------------------------------------------------------- writer
# Other generators write into the same oracle directory: this one owns ops.json and ops_data/.
DATA_SUBDIR = "ops_data"


class Writer:
    def __init__(self, out_dir):
        self.out_dir = out_dir
        self.data_dir = os.path.join(out_dir, DATA_SUBDIR)
        os.makedirs(self.data_dir, exist_ok=True)
        for name in os.listdir(self.data_dir):
            if name.endswith(".bin"):
                os.remove(os.path.join(self.data_dir, name))
        self.count = 0

    def array(self, a):
        a = np.asarray(a)
        dtype = str(a.dtype)
        name = "%s/%05d.bin" % (DATA_SUBDIR, self.count)
        self.count += 1
        if dtype == "bool":
            raw = a.astype(np.uint8)
        else:
            raw = a.astype(a.dtype.newbyteorder("<"))
        with open(os.path.join(self.out_dir, name), "wb") as f:
            f.write(np.ascontiguousarray(raw).tobytes())
        return {"dtype": dtype, "shape": [int(d) for d in a.shape], "file": name}


CASES = []  # (op, tag, inputs, kwargs, fn, grad, x64)
COUNTERS = {}


def case(op, inputs, kwargs=None, fn=None, grad=True, x64=False, tag=""):
    """Registers a case. `fn(*inputs)` defaults to keras.ops.<op>(*inputs, **kwargs)."""
    kwargs = dict(kwargs or {})
    for x in inputs:
        if isinstance(x, np.ndarray) and not x64:
            assert str(x.dtype) not in ("float64", "int64"), (op, tag, "needs x64=True")
    CASES.append((op, tag, inputs, kwargs, fn, grad, x64))


def is_float_input(x):
    return isinstance(x, np.ndarray) and np.issubdtype(x.dtype, np.floating)


class Prepared:
    """A traced-but-not-yet-run case: `compute(fargs)` is traceable; `record()` writes it."""

    def __init__(self, op, tag, inputs, kwargs, fn, grad, x64):
        if fn is None:
            f = getattr(ops, op)
            fn = lambda *xs: f(*xs, **kwargs)  # noqa: E731
        self.op, self.tag, self.inputs, self.kwargs, self.x64 = op, tag, inputs, kwargs, x64
        self.args = [x.value if isinstance(x, Weak) else x for x in inputs]
        self.float_idx = [i for i, x in enumerate(inputs) if is_float_input(x)]
        self.fn = fn
        self.fargs = [self.args[i] for i in self.float_idx]
        # Raises here for argument combinations Keras rejects.
        out_struct = jax.eval_shape(self.call, *self.fargs)
        self.multi = isinstance(out_struct, (list, tuple))
        structs = list(out_struct) if self.multi else [out_struct]
        all_finite = all(np.all(np.isfinite(a)) for a in self.fargs)
        self.do_grad = bool(grad and self.float_idx and all_finite)
        self.weights = None
        if self.do_grad:
            self.weights = [unif(0.5, 1.5, *o.shape, dtype="float64" if o.dtype == np.float64
                                 else "float32") for o in structs]

    def call(self, *fxs):  # the floating inputs are traced; the rest are constants
        xs = list(self.args)
        for i, v in zip(self.float_idx, fxs):
            xs[i] = v
        return self.fn(*xs)

    def compute(self, fargs):
        """(output, grads): the forward pass and d sum(y * w) / d each floating input."""
        if not self.do_grad:
            return self.call(*fargs), None

        def target(*fxs):
            y = self.call(*fxs)
            ys = y if self.multi else [y]
            return sum(jnp.sum(yi * w) for yi, w in zip(ys, self.weights)), y
        vg = jax.value_and_grad(target, argnums=tuple(range(len(fargs))), has_aux=True)
        (_, out), g = vg(*fargs)
        return out, g

    def record(self, writer, out, g):
        op, tag = self.op, self.tag
        outs = [np.asarray(o) for o in (out if self.multi else [out])]
        grads = [None] * len(self.inputs)
        if g is not None:
            for i, gi in zip(self.float_idx, g):
                gi = np.asarray(gi)
                assert gi.shape == self.args[i].shape and gi.dtype == self.args[i].dtype, (
                    op, tag, gi.shape, gi.dtype)
                grads[i] = gi
        n = COUNTERS.get(op, 0)
        COUNTERS[op] = n + 1
        cid = "%s/%02d%s" % (op, n, ("_" + tag) if tag else "")
        rec = {"id": cid, "op": op, "inputs": [], "kwargs": self.kwargs}
        for x in self.inputs:
            if isinstance(x, Weak):
                rec["inputs"].append({"weak": True, "dtype": x.dtype(), "value": x.value})
            else:
                rec["inputs"].append(writer.array(x))
        out_recs = [writer.array(o) for o in outs]
        rec["output"] = out_recs if self.multi else out_recs[0]
        if self.weights is None:
            rec["weight"] = None
        else:
            wf = [writer.array(w)["file"] for w in self.weights]
            rec["weight"] = wf if self.multi else wf[0]
        rec["grads"] = [writer.array(gi)["file"] if gi is not None else None for gi in grads]
        return rec


def run_group(group):
    """Runs several cases as one jitted computation (compiling once is what costs)."""
    fn = jax.jit(lambda all_fargs: [p.compute(f) for p, f in zip(group, all_fargs)])
    return fn([p.fargs for p in group])


GROUP_SIZE = 24


# ----------------------------------------------------------------------------- cases
def creation_cases():
    for shape, dtype in [([2, 3], "float32"), ([4], "int32"), ([], "float32"), ([2, 1, 3], "bool")]:
        case("zeros", [], {"shape": shape, "dtype": dtype}, tag=dtype)
        case("ones", [], {"shape": shape, "dtype": dtype}, tag=dtype)
    case("zeros", [], {"shape": [3, 2]}, tag="default_dtype")
    case("ones", [], {"shape": [3]}, tag="default_dtype")
    case("full", [], {"shape": [2, 3], "fill_value": 2.5, "dtype": "float32"})
    case("full", [], {"shape": [3], "fill_value": 7, "dtype": "int32"})
    case("full", [], {"shape": [2, 2], "fill_value": -1.25}, tag="default_dtype")
    case("full", [], {"shape": [2, 2], "fill_value": 1, "dtype": "bool"})
    for x in [randn(2, 3), randint(-5, 5, 4), randbool(2, 2)]:
        case("zeros_like", [x], tag=str(x.dtype))
        case("ones_like", [x], tag=str(x.dtype))
    case("full_like", [randn(2, 3)], {"fill_value": 3.5})
    case("full_like", [randint(-5, 5, 3, 2)], {"fill_value": 4}, tag="int32")
    case("full_like", [randint(-5, 5, 3)], {"fill_value": 2.7}, tag="int32_fraction")
    case("full_like", [randn(2, 2, 2)], {"fill_value": -1e-3}, tag="3d")

    def arange(**kw):
        return lambda: ops.arange(**kw)
    for kw, tag in [({"start": 5}, "stop_only"), ({"start": 2, "stop": 11, "step": 3}, "step3"),
                    ({"start": -3, "stop": 4, "step": 1}, "negative_start"),
                    ({"start": 10, "stop": 0, "step": -2}, "negative_step"),
                    ({"start": 0.5, "stop": 3.0, "step": 0.25, "dtype": "float32"}, "float"),
                    ({"start": 0.5, "stop": 3.0, "step": 0.25}, "float_inferred"),
                    ({"start": 0, "stop": 2, "step": 0.5}, "float_step_inferred"),
                    ({"start": 4.0}, "float_stop_only"),
                    ({"start": 0, "stop": 5, "step": 1, "dtype": "float32"}, "int_args_float"),
                    ({"start": 1, "stop": 2, "step": 5}, "single")]:
        case("arange", [], kw, fn=arange(**kw), tag=tag)
    for kw, tag in [({"N": 3}, "square"), ({"N": 3, "M": 4}, "wide"),
                    ({"N": 4, "M": 3, "k": 1}, "k1"), ({"N": 4, "M": 4, "k": -2}, "k_neg"),
                    ({"N": 3, "dtype": "int32"}, "int32"), ({"N": 2, "M": 5, "k": 7}, "k_out")]:
        case("eye", [], kw, tag=tag)

    x = unif(-9.9, 9.9, 3, 4)
    case("cast", [x], {"dtype": "int32"}, tag="f32_to_i32")
    case("cast", [np.array([0.0, -0.0, 0.5, -2.0, np.nan], "float32")], {"dtype": "bool"},
         tag="f32_to_bool")
    case("cast", [randint(-100, 100, 5)], {"dtype": "float32"}, tag="i32_to_f32")
    case("cast", [randbool(3, 2)], {"dtype": "float32"}, tag="bool_to_f32")
    case("cast", [randint(0, 256, 6)], {"dtype": "uint8"}, tag="i32_to_u8")
    case("cast", [randint(0, 256, 6, dtype="uint8")], {"dtype": "int32"}, tag="u8_to_i32")
    case("cast", [unif(0, 255, 6)], {"dtype": "uint8"}, tag="f32_to_u8")
    case("cast", [randn(2, 3)], {"dtype": "float32"}, tag="identity")
    case("cast", [randn(2, 3)], {"dtype": "float64"}, x64=True, tag="f32_to_f64")
    case("cast", [randn(2, 3, dtype="float64")], {"dtype": "float32"}, x64=True, tag="f64_to_f32")
    case("cast", [randint(-9, 9, 4, dtype="int64")], {"dtype": "float32"}, x64=True,
         tag="i64_to_f32")
    case("cast", [randint(-9, 9, 4)], {"dtype": "int64"}, x64=True, tag="i32_to_i64")
    case("stop_gradient", [randn(3, 4)])
    case("stop_gradient", [randint(-3, 3, 4)], tag="int32")
    case("copy", [randn(3, 4)])
    case("copy", [randint(-3, 3, 2, 2)], tag="int32")


def linalg_cases():
    for a, b, tag in [((3, 4), (4, 5), "2d"), ((7,), (7,), "vec_vec"), ((7,), (7, 3), "vec_mat"),
                      ((3, 7), (7,), "mat_vec"), ((2, 3, 4), (4, 5), "batch_a"),
                      ((2, 1, 3, 4), (3, 4, 2), "batch_broadcast"), ((5, 6), (2, 6, 3), "batch_b"),
                      ((1, 33), (33, 17), "odd_sizes")]:
        case("matmul", [randn(*a), randn(*b)], tag=tag)
    case("matmul", [randn(65, 130), randn(130, 33)], tag="big")
    case("matmul", [randn(3, 40, 70), randn(3, 70, 20)], tag="big_batch")
    case("matmul", [randint(-5, 5, 2, 3), randint(-5, 5, 3, 2)], tag="int32")
    case("matmul", [randint(-5, 5, 2, 3), randn(3, 2)], tag="int32_float32")
    case("matmul", [randn(3, 4, dtype="float64"), randn(4, 2, dtype="float64")], x64=True,
         tag="float64")
    x = randn(2, 3, 4)
    case("transpose", [x], tag="reverse")
    case("transpose", [x], {"axes": [1, 0, 2]})
    case("transpose", [x], {"axes": [2, 0, 1]})
    case("transpose", [randn(3, 5)], {"axes": [1, 0]}, tag="2d")
    case("transpose", [randint(-5, 5, 2, 3)], tag="int32")
    case("transpose", [randn(2, 3, 4, 5)], {"axes": [0, 2, 3, 1]}, tag="4d")
    for a, b, tag in [((), (3,), "scalar_vec"), ((5,), (5,), "vec_vec"), ((3, 4), (4, 2), "mat"),
                      ((3, 4), (4,), "mat_vec"), ((4,), (4, 3), "vec_mat"),
                      ((2, 3, 4), (4, 5), "nd_2d"), ((2, 3, 4), (5, 4, 6), "nd_nd")]:
        case("dot", [randn(*a), randn(*b)], tag=tag)
    case("dot", [randint(-5, 5, 2, 3), randint(-5, 5, 3)], tag="int32")


BINARY = ["add", "subtract", "multiply", "divide", "floor_divide", "mod", "power", "maximum",
          "minimum"]


def binary_cases():
    for op in BINARY:
        pos = op == "power"
        safe_b = op in ("divide", "floor_divide", "mod", "power")

        def A(*s):
            return unif(0.2, 3.0, *s) if pos else randn(*s, scale=2.0)

        def B(*s):
            if op == "power":
                return unif(-2.0, 2.5, *s)
            return nonzero(*s, lo=0.3, hi=2.5) if safe_b else randn(*s, scale=2.0)
        case(op, [A(3, 4), B(3, 4)], tag="same_shape")
        case(op, [A(2, 1, 4), B(3, 1)], tag="broadcast")
        case(op, [A(), B(5)], tag="scalar_tensor")
        case(op, [A(1, 7), B(5, 1)], tag="outer")
        if op == "power":
            case(op, [A(2, 3), Weak(2.0)], tag="weak_float")
            case(op, [A(2, 3), Weak(3)], tag="weak_int")
            case(op, [Weak(2.0), unif(-2, 2, 4)], tag="weak_base")
            case(op, [randint(0, 5, 3, 3), randint(0, 4, 3, 3)], tag="int32")
            case(op, [randint(-4, 5, 6), Weak(2)], tag="int32_weak_int")
            case(op, [nonzero(6), np.array([3.0, 2.0, -1.0, 0.0, 4.0, 1.0], "float32")],
                 grad=False, tag="negative_base_integral_exponent")
            case(op, [A(4), Weak(0.5)], tag="sqrt")
        else:
            case(op, [A(2, 3), Weak(1.5)], tag="weak_float")
            case(op, [Weak(-0.75), B(4)], tag="weak_float_first")
            bi = randint(1, 6, 3, 4) * np.where(RNG.random((3, 4)) < 0.5, -1, 1).astype("int32")
            case(op, [randint(-20, 20, 3, 4), bi if safe_b else randint(-20, 20, 3, 4)],
                 tag="int32")
            case(op, [randint(-20, 20, 3, 4), B(3, 4)], tag="int32_float32")
            case(op, [randint(-20, 20, 2, 3), Weak(2.5 if safe_b else 1.5)], tag="int32_weak_float")
            case(op, [randint(-20, 20, 2, 3), Weak(3)], tag="int32_weak_int")
            case(op, [randint(1, 200, 5, dtype="uint8"), randint(1, 50, 5, dtype="uint8")],
                 tag="uint8")
            case(op, [randint(1, 200, 5, dtype="uint8"), randint(1, 50, 5)], tag="uint8_int32")
        case(op, [A(3, 4).astype("float64"), B(3, 4).astype("float64")], x64=True, tag="float64")
        case(op, [A(3).astype("float64"), B(3)], x64=True, tag="float64_float32")
    # Floats exactly divisible, negative operands and values crossing zero.
    a = np.array([7.0, -7.0, 7.0, -7.0, 6.0, -6.0, 0.0, 5.5], "float32")
    b = np.array([2.0, 2.0, -2.0, -2.0, 3.0, 3.0, 3.0, -0.5], "float32")
    for op in ["floor_divide", "mod", "divide"]:
        case(op, [a, b], grad=False, tag="signs")
    for op in ["add", "multiply", "maximum", "minimum"]:
        case(op, [randbool(4), randbool(4)], tag="bool")
    for op in ["maximum", "minimum"]:
        x = quantized(10)
        y = quantized(10)
        case(op, [x, y], tag="ties")  # jax splits the gradient evenly between tied operands
    zb = np.zeros(5, "float32")
    for op in ["divide", "floor_divide", "mod"]:
        case(op, [np.array([1.0, -1.0, 0.0, 2.5, -0.0], "float32"), zb], grad=False,
             tag="zero_divisor")
    case("power", [np.array([0.0, 0.0, 0.0, -8.0, 2.0, np.inf, -1.0], "float32"),
                   np.array([0.0, -1.0, 2.0, 1.0 / 3, np.inf, -1.0, 0.5], "float32")],
         grad=False, tag="edge")
    for op in ["add", "subtract", "multiply", "divide", "maximum"]:
        case(op, [randn(3, 4), Weak(3)], tag="weak_int")
    for op in ["add", "multiply", "subtract", "divide", "maximum"]:
        # Long and broadcast operands, for vectorised and multithreaded kernels.
        case(op, [randn(129, 257), nonzero(257)], tag="long_broadcast")
        case(op, [randn(40000), nonzero(40000)], tag="long")
    case("add", [LARGE, LARGE[::-1].copy()], tag="large")
    case("multiply", [LARGE, LARGE[::-1].copy()], tag="large")
    for op in ["maximum", "minimum", "add"]:
        case(op, [EDGE, EDGE[::-1].copy()], grad=False, tag="edge")


UNARY_DOMAIN = {
    "negative": lambda *s: randn(*s, scale=3), "abs": lambda *s: nonzero(*s),
    "sign": lambda *s: randn(*s), "exp": lambda *s: randn(*s, scale=3),
    "expm1": lambda *s: randn(*s, scale=2), "log": lambda *s: unif(0.05, 10, *s),
    "log1p": lambda *s: unif(-0.9, 10, *s), "sqrt": lambda *s: unif(0.05, 10, *s),
    "rsqrt": lambda *s: unif(0.05, 10, *s), "square": lambda *s: randn(*s, scale=3),
    "reciprocal": lambda *s: nonzero(*s, lo=0.2, hi=5), "sin": lambda *s: randn(*s, scale=4),
    "cos": lambda *s: randn(*s, scale=4), "tanh": lambda *s: randn(*s, scale=2),
    "erf": lambda *s: randn(*s, scale=1.5), "round": lambda *s: randn(*s, scale=4),
    "floor": lambda *s: randn(*s, scale=4), "ceil": lambda *s: randn(*s, scale=4),
}
ACTIVATIONS = ["relu", "relu6", "sigmoid", "elu", "selu", "softplus", "softsign", "silu", "gelu",
               "hard_sigmoid", "leaky_relu"]


def unary_cases():
    for op, dom in UNARY_DOMAIN.items():
        case(op, [dom(3, 5)], tag="float32")
        case(op, [dom(2, 1, 7)], tag="odd")
        if op in ("rsqrt", "erf"):
            pass  # Keras (jax.lax) rejects int32 here
        elif op not in ("log", "sqrt", "reciprocal", "log1p"):
            case(op, [randint(-9, 10, 2, 4)], tag="int32")
        else:
            case(op, [randint(1, 10, 2, 4)], tag="int32")
        case(op, [EDGE.copy()], grad=False, tag="edge")
        case(op, [dom(4).astype("float64")], x64=True, tag="float64")
        case(op, [dom()], tag="scalar")
    for op in ["exp", "expm1", "tanh", "erf", "sin", "cos", "sign", "abs"]:
        case(op, [LARGE30.copy()], tag="large")
    for op, dom in UNARY_DOMAIN.items():  # long enough for SIMD bodies, tails and threads
        case(op, [dom(9001)], tag="long")
    case("round", [np.array([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.49, -3.51], "float32")],
         tag="half_to_even")
    case("abs", [randint(0, 255, 5, dtype="uint8")], tag="uint8")
    case("square", [randint(0, 15, 5, dtype="uint8")], tag="uint8")
    x = randn(3, 4, scale=2)
    case("clip", [x], {"x_min": -0.5, "x_max": 0.75})
    case("clip", [randn(7)], {"x_min": 0.0, "x_max": 1e9}, tag="one_sided")
    case("clip", [randint(-9, 9, 6)], {"x_min": -2, "x_max": 3}, tag="int32")
    case("clip", [EDGE.copy()], {"x_min": -1.0, "x_max": 2.0}, grad=False, tag="edge")
    case("clip", [randn(4).astype("float64")], {"x_min": -0.5, "x_max": 0.5}, x64=True,
         tag="float64")


COMPARISONS = ["equal", "not_equal", "less", "less_equal", "greater", "greater_equal"]
LOGICAL = ["logical_and", "logical_or", "logical_xor"]


def comparison_cases():
    for op in COMPARISONS:
        case(op, [quantized(4, 5), quantized(4, 5)], tag="ties")
        case(op, [quantized(2, 1, 3), quantized(4, 1)], tag="broadcast")
        case(op, [randint(-3, 3, 6), randint(-3, 3, 6)], tag="int32")
        case(op, [randint(-3, 3, 6), quantized(6)], tag="int32_float32")
        case(op, [quantized(6), Weak(0.5)], tag="weak_float")
        case(op, [randint(-3, 3, 6), Weak(1)], tag="int32_weak_int")
        case(op, [EDGE.copy(), EDGE[::-1].copy()], grad=False, tag="edge")
        case(op, [randbool(5), randbool(5)], tag="bool")
    for op in LOGICAL:
        case(op, [randbool(3, 4), randbool(3, 4)], tag="bool")
        case(op, [randbool(3, 1), randbool(1, 4)], tag="broadcast")
        case(op, [quantized(6, step=1), quantized(6, step=1)], tag="float32")
        case(op, [randint(-1, 2, 5), randbool(5)], tag="int32_bool")
    case("logical_not", [randbool(3, 4)], tag="bool")
    case("logical_not", [quantized(6, step=1)], tag="float32")
    case("logical_not", [randint(-1, 2, 5)], tag="int32")
    for op in ["isnan", "isinf", "isfinite"]:
        case(op, [EDGE.copy()], grad=False, tag="edge")
        case(op, [randn(2, 3)], tag="finite")
        case(op, [randint(-3, 3, 4)], tag="int32")
        case(op, [EDGE.astype("float64")], x64=True, grad=False, tag="float64")
    case("where", [randbool(3, 4), randn(3, 4), randn(3, 4)], tag="same_shape")
    case("where", [randbool(3, 1), randn(1, 4), randn()], tag="broadcast")
    case("where", [quantized(5, step=1), randn(5), randn(5)], tag="float_condition")
    case("where", [randbool(5), randint(-5, 5, 5), randn(5)], tag="int32_float32")
    case("where", [randbool(5), randint(-5, 5, 5), randint(-5, 5, 5)], tag="int32")
    case("where", [randbool(2, 3), randn(2, 3), Weak(0.0)], tag="weak_float")
    case("where", [randbool(2, 3), Weak(1.0), Weak(-1.0)], tag="two_weak")
    case("where", [randbool(2, 3), randint(-5, 5, 2, 3), Weak(0.5)], tag="int32_weak_float")
    case("where", [randbool(4), randint(-5, 5, 4), Weak(7)], tag="int32_weak_int")


def activation_cases():
    for op in ACTIVATIONS:
        case(op, [randn(3, 5, scale=3)], tag="float32")
        case(op, [LARGE.copy()], tag="large")
        case(op, [EDGE.copy()], grad=False, tag="edge")
        if op not in ("sigmoid", "silu"):  # Keras (jax.nn) rejects int32 there
            case(op, [randint(-8, 8, 6)], tag="int32")
        case(op, [randn(4, scale=3).astype("float64")], x64=True, tag="float64")
    for op in ACTIVATIONS:
        case(op, [randn(9001, scale=5)], tag="long")
    case("relu6", [np.array([-1.0, 0.5, 5.9, 6.1, 9.0, 3.0], "float32")], tag="clip_region")
    case("hard_sigmoid", [np.array([-4.0, -2.9, 0.0, 2.9, 4.0, 1.0], "float32")],
         tag="clip_region")
    for alpha in [0.5, 2.0]:
        case("elu", [randn(3, 4, scale=2)], {"alpha": alpha}, tag="alpha")
    case("gelu", [randn(3, 5, scale=3)], {"approximate": False}, tag="exact")
    case("gelu", [LARGE.copy()], {"approximate": False}, tag="exact_large")
    case("gelu", [randn(3, 5, scale=3)], {"approximate": True}, tag="approximate")
    case("leaky_relu", [randn(3, 5)], {"negative_slope": 0.01}, tag="slope")
    case("leaky_relu", [randn(3, 5)], {"negative_slope": 1.5}, tag="slope_gt1")
    for op in ["softmax", "log_softmax"]:
        case(op, [randn(3, 5)], tag="default_axis")
        case(op, [randn(3, 5)], {"axis": 0}, tag="axis0")
        case(op, [randn(2, 3, 4)], {"axis": 1}, tag="axis1")
        case(op, [randn(2, 3, 4)], {"axis": -2}, tag="axis_neg2")
        case(op, [randn(7, scale=3)], tag="1d")
        case(op, [randn(3, 6, scale=60)], tag="big_logits")
        case(op, [np.array([[1000.0, 0.0, -1000.0], [5.0, 5.0, 5.0]], "float32")],
             tag="huge_logits")
        case(op, [randint(-3, 3, 2, 4)], tag="int32")
        case(op, [randn(2, 5).astype("float64")], x64=True, tag="float64")
        case(op, [randn(3, 1)], tag="axis_size1")
        case(op, [randn(64, 1000, scale=3)], tag="long")
        case(op, [randn(300, 40, scale=3)], {"axis": 0}, tag="long_axis0")
        case(op, [np.array([[0.0, -np.inf, 1.0], [-np.inf, 2.0, -np.inf]], "float32")],
             grad=False, tag="neg_inf")


REDUCTIONS = ["sum", "mean", "max", "min", "prod", "var", "std", "logsumexp"]


def reduction_cases():
    axis_variants = [(None, False), (None, True), (0, False), (-1, False), (1, True),
                     ([0, 2], False), ([0, 2], True), ([-1, 0, 1], False)]
    for op in REDUCTIONS:
        base = (lambda *s: unif(0.6, 1.6, *s)) if op == "prod" else (lambda *s: randn(*s))
        x = base(3, 4, 5)
        for axis, keep in axis_variants:
            kw = {"axis": axis, "keepdims": keep}
            tag = "axis_%s%s" % ("none" if axis is None else str(axis).replace(" ", ""),
                                 "_keep" if keep else "")
            case(op, [x], kw, tag=tag)
        case(op, [base(7)], {"axis": 0}, tag="1d")
        case(op, [base()], tag="scalar")
        case(op, [base(2, 3).astype("float64")], {"axis": 1}, x64=True, tag="float64")
        case(op, [randint(-5, 6, 3, 4)], {"axis": 1}, tag="int32")
        case(op, [randint(-5, 6, 3, 4)], tag="int32_all")
    for op in ["sum", "mean", "max", "min", "prod"]:
        case(op, [randbool(3, 4)], {"axis": 0}, tag="bool")
        if op not in ("sum", "prod"):  # those give uint32 in Keras, not a keraspp dtype
            case(op, [randint(0, 5, 3, 4, dtype="uint8")], {"axis": 1}, tag="uint8")
    case("logsumexp", [randn(3, 6, scale=60)], {"axis": -1}, tag="big")
    case("logsumexp", [np.array([[-1000.0, -1000.0], [1000.0, 0.0]], "float32")], {"axis": 1},
         tag="huge")
    case("sum", [randn(1000, 3)], {"axis": 0}, tag="long")
    for op in ["sum", "mean", "max", "min", "var", "logsumexp"]:
        big = randn(129, 257)
        case(op, [big], {"axis": 0}, tag="big_axis0")
        case(op, [big], {"axis": 1}, tag="big_axis1")
        case(op, [randn(40000)], tag="big_all")
    case("logsumexp", [np.array([[-np.inf, -np.inf], [0.0, -np.inf]], "float32")], {"axis": 1},
         grad=False, tag="neg_inf")
    for op in ["argmax", "argmin"]:
        case(op, [np.array([[1.0, np.nan, 3.0], [-1.0, 2.0, np.nan]], "float32")],
             {"axis": 1}, grad=False, tag="nan")
        case(op, [randn(129, 257)], {"axis": 0}, tag="big")
    case("mean", [randn(999)], tag="long")
    case("var", [randn(500) + 100.0], tag="offset")
    case("prod", [np.array([[0.5, 0.0, 2.0], [1.5, 2.0, -1.0]], "float32")], {"axis": 1},
         tag="one_zero")
    case("prod", [np.array([0.5, 0.0, 2.0, 0.0], "float32")], tag="two_zeros")
    case("max", [np.array([[1.0, 3.0, 3.0], [2.0, 2.0, -1.0]], "float32")], {"axis": 1},
         tag="ties")
    case("min", [np.array([[1.0, 1.0, 3.0], [-2.0, 2.0, -2.0]], "float32")], tag="ties")
    case("max", [EDGE.copy()], grad=False, tag="edge")
    case("sum", [EDGE[:-1].copy()], grad=False, tag="edge_inf")
    # Subnormals: XLA on CPU flushes them to zero, as operands and as results (x86's DAZ and
    # FTZ); abs and negative only flip bits and pass them through. Compared exactly
    # (test_keras_ops.cpp): 1e-39 and 0 are within any tolerance.
    sub = np.array([1e-39, -1e-39, 1e-45, 1e-30, 2e-38], "float32")
    case("multiply", [sub, np.ones(5, "float32")], grad=False, tag="subnormal_operand")
    case("multiply", [np.array([1e-20, 2e-38, -3e-20], "float32"),
                      np.array([1e-20, 0.25, 1e-19], "float32")], grad=False,
         tag="subnormal_result")
    case("add", [sub, sub], grad=False, tag="subnormal")
    case("subtract", [np.array([1.5e-38, 1.0], "float32"), np.array([1.4e-38, 0.5], "float32")],
         grad=False, tag="subnormal_result")
    case("divide", [np.array([1e-30, 1e-39], "float32"), np.array([1e10, 1.0], "float32")],
         grad=False, tag="subnormal")
    case("matmul", [np.full((2, 3), 1e-20, "float32"), np.full((3, 2), 1e-20, "float32")],
         grad=False, tag="subnormal_result")
    for op in ["abs", "negative"]:
        case(op, [sub.copy()], grad=False, tag="subnormal")
    for op in ["any", "all"]:
        for axis, keep in [(None, False), (0, False), (-1, True), ([0, 1], False)]:
            case(op, [randbool(3, 4)], {"axis": axis, "keepdims": keep},
                 tag="axis_%s" % ("none" if axis is None else str(axis).replace(" ", "")))
        case(op, [quantized(3, 4, step=1, lo=-1, hi=1)], {"axis": 1}, tag="float32")
        case(op, [randint(0, 2, 3, 4)], {"axis": 0}, tag="int32")
        case(op, [np.ones((2, 3), bool)], {"axis": 1}, tag="all_true")
    for op in ["argmax", "argmin"]:
        x = randn(3, 4, 5)
        for axis, keep in [(None, False), (0, False), (-1, False), (1, True), (None, True)]:
            case(op, [x], {"axis": axis, "keepdims": keep},
                 tag="axis_%s%s" % ("none" if axis is None else axis, "_keep" if keep else ""))
        case(op, [quantized(4, 6, step=1, lo=-1, hi=1)], {"axis": 1}, tag="ties")
        case(op, [randint(-5, 5, 4, 3)], {"axis": 0}, tag="int32")
        case(op, [randn(9)], tag="1d")


def shape_cases():
    def reshape(shape):
        return lambda x: ops.reshape(x, tuple(shape))
    x = randn(2, 3, 4)
    for shape in [[4, 6], [-1], [2, -1, 2], [24, 1], [1, 2, 1, 12]]:
        case("reshape", [x], {"new_shape": shape}, fn=reshape(shape),
             tag=str(shape).replace(" ", ""))
    case("reshape", [randn(1, 1)], {"new_shape": []}, fn=reshape([]), tag="to_scalar")
    case("reshape", [randint(-5, 5, 6)], {"new_shape": [3, 2]}, fn=reshape([3, 2]), tag="int32")
    for axis in [0, -1, 1, -2]:
        case("expand_dims", [x], {"axis": axis}, tag="axis%d" % axis)
    case("expand_dims", [randn()], {"axis": 0}, tag="scalar")
    y = randn(1, 3, 1, 4)
    for axis in [None, 0, -2, [0, 2]]:
        case("squeeze", [y], {"axis": axis},
             tag="axis_%s" % ("none" if axis is None else str(axis).replace(" ", "")))
    case("squeeze", [randint(-5, 5, 1, 1)], tag="int32_to_scalar")
    for s, t in [((3, 1), [2, 3, 4]), ((), [2, 2]), ((4,), [3, 4]), ((2, 1, 1), [2, 3, 5])]:
        case("broadcast_to", [randn(*s)], {"shape": t}, tag="%dd_to_%dd" % (len(s), len(t)))
    case("broadcast_to", [randint(-5, 5, 3)], {"shape": [2, 3]}, tag="int32")

    def listed(f, **kw):
        return lambda *xs: f(list(xs), **kw)
    for axis, shapes in [(0, [(2, 3), (1, 3), (4, 3)]), (1, [(2, 3), (2, 1), (2, 5)]),
                         (-1, [(2, 2, 3), (2, 2, 2)]), (1, [(3, 2, 2), (3, 5, 2)])]:
        case("concatenate", [randn(*s) for s in shapes], {"axis": axis},
             fn=listed(ops.concatenate, axis=axis), tag="axis%d_%d" % (axis, len(shapes)))
    case("concatenate", [randint(-5, 5, 2), randint(-5, 5, 3)], {"axis": 0},
         fn=listed(ops.concatenate, axis=0), tag="int32")
    case("concatenate", [randint(-5, 5, 2), randn(3)], {"axis": 0},
         fn=listed(ops.concatenate, axis=0), tag="int32_float32")
    case("concatenate", [randn(3)], {"axis": 0}, fn=listed(ops.concatenate, axis=0), tag="one")
    for axis in [0, 1, -1]:
        xs = [randn(2, 3), randn(2, 3), randn(2, 3)]
        case("stack", xs, {"axis": axis}, fn=listed(ops.stack, axis=axis), tag="axis%d" % axis)
    case("stack", [randn(3, 2, 2), randn(3, 2, 2)], {"axis": 3}, fn=listed(ops.stack, axis=3),
         tag="axis_last")
    case("stack", [randint(-5, 5, 4), randint(-5, 5, 4)], {"axis": 0},
         fn=listed(ops.stack, axis=0), tag="int32")
    case("stack", [randn(), randn()], {"axis": 0}, fn=listed(ops.stack, axis=0),
         tag="scalars")

    def split(**kw):
        return lambda x: ops.split(x, kw["indices_or_sections"], axis=kw["axis"])
    for kw, tag in [({"indices_or_sections": 3, "axis": 0}, "sections"),
                    ({"indices_or_sections": [1, 3], "axis": 1}, "indices"),
                    ({"indices_or_sections": 2, "axis": -1}, "sections_last"),
                    ({"indices_or_sections": [0, 2, 2], "axis": 1}, "empty_pieces"),
                    ({"indices_or_sections": 1, "axis": 0}, "one")]:
        xs = randn(6, 5, 4)
        case("split", [xs], kw, fn=split(**kw), tag=tag)
    case("split", [randint(-5, 5, 6)], {"indices_or_sections": 2, "axis": 0},
         fn=split(indices_or_sections=2, axis=0), tag="int32")
    z = randn(4, 5, 6)
    for start, shape in [([1, 0, 2], [2, 5, 3]), ([0, 0, 0], [4, 5, 6]), ([3, 4, 5], [1, 1, 1])]:
        case("slice", [z], {"start_indices": start, "shape": shape},
             tag="%s" % "_".join(map(str, start)))
    case("slice", [randint(-5, 5, 5)], {"start_indices": [1], "shape": [3]}, tag="int32")

    w = randn(5, 4)
    for idx, axis, tag in [(np.array([0, 2, 4], "int32"), 0, "axis0"),
                           (np.array([3, 1, 1, 0, 3], "int32"), 1, "axis1_dup"),
                           (np.array([7, 0, 19, 5], "int32"), None, "flat"),
                           (np.array([-1, -5, 2], "int32"), 0, "negative"),
                           (np.array([[0, 1], [4, 4]], "int32"), 0, "2d_indices"),
                           (np.array(2, "int32"), 1, "scalar_index"),
                           (np.array([[1, 0, 2]], "int32"), -1, "axis_neg")]:
        case("take", [w, idx], {"axis": axis}, tag=tag)
    case("take", [randint(-5, 5, 4, 3), np.array([1, 3], "int32")], {"axis": 0}, tag="int32")
    case("take", [w, np.array([1, 2], "int64")], {"axis": 0}, x64=True, tag="int64_indices")
    case("take", [w, np.array([1, 2], "uint8")], {"axis": 1}, tag="uint8_indices")
    v = randn(3, 4)
    for idx, axis, tag in [(randint(0, 4, 3, 2), 1, "axis1"), (randint(0, 3, 2, 4), 0, "axis0"),
                           (randint(0, 4, 3, 6), -1, "axis_neg_dup"),
                           (randint(0, 3, 1, 4), 0, "broadcast_1"),
                           (np.array([[-1], [0], [-4]], "int32"), 1, "negative")]:
        case("take_along_axis", [v, idx], {"axis": axis}, tag=tag)
    case("take_along_axis", [randn(2, 3, 4), randint(0, 3, 2, 2, 4)], {"axis": 1}, tag="3d")
    case("take_along_axis", [randint(-9, 9, 3, 4), randint(0, 4, 3, 1)], {"axis": 1},
         tag="int32")

    for idx, vals, shape, tag in [
            (np.array([[0, 1], [2, 2], [0, 1]], "int32"), randn(3), [4, 3], "2d_dup"),
            (np.array([[1], [3]], "int32"), randn(2, 3), [4, 3], "rows"),
            (np.array([[1, 0, 1], [0, 2, 0]], "int32"), randn(2), [2, 3, 2], "3d"),
            (np.array([[0], [0], [2]], "int32"), randint(-5, 5, 3), [3], "int32_values")]:
        case("scatter", [idx, vals], {"shape": shape}, tag=tag)

    # keras.ops has no scatter_add; the C++ op is `x` with `updates` added at `indices` along
    # `axis`, i.e. keras.ops.scatter_update(reduction="add") on the axis moved to the front.
    def scatter_add(axis):
        def f(x, idx, upd):
            xm = ops.moveaxis(x, axis, 0)
            um = ops.moveaxis(upd, axis, 0)
            r = ops.scatter_update(xm, ops.expand_dims(idx, -1), um, reduction="add")
            return ops.moveaxis(r, 0, axis)
        return f
    for xs, idx, axis, tag in [((5, 3), [0, 2, 2, 4], 0, "axis0_dup"),
                               ((3, 4), [3, 0], 1, "axis1"),
                               ((2, 3, 4), [1, 1, 0], 1, "3d_dup"),
                               ((4, 2), [1, 3], -2, "axis_neg")]:
        idx = np.array(idx, "int32")
        ushape = list(xs)
        ushape[axis] = len(idx)
        case("scatter_add", [randn(*xs), idx, randn(*ushape)], {"axis": axis},
             fn=scatter_add(axis), tag=tag)
    case("scatter_add", [randint(-5, 5, 4), np.array([1, 1], "int32"), randint(-5, 5, 2)],
         {"axis": 0}, fn=scatter_add(0), tag="int32")

    for x, kw, tag in [(np.array([[0, 2, 1], [3, 3, 0]], "int32"), {"num_classes": 4}, "2d"),
                       (np.array([0, 2, 1, 4, -1], "int32"), {"num_classes": 4}, "out_of_range"),
                       (np.array([[0, 2, 1], [3, 3, 0]], "int32"), {"num_classes": 4, "axis": 0},
                        "axis0"),
                       (np.array([[0, 2], [3, 1]], "int32"), {"num_classes": 5, "axis": 1},
                        "axis1"),
                       (np.array([1, 0, 2], "int32"), {"num_classes": 3, "dtype": "int32"},
                        "int32_dtype"),
                       (np.array([1, 0], "uint8"), {"num_classes": 2}, "uint8_input"),
                       (np.array(2, "int32"), {"num_classes": 3}, "scalar")]:
        case("one_hot", [x], kw, tag=tag)

    p = randn(3, 4)
    for kw, tag in [({"pad_width": [[1, 2], [0, 1]]}, "constant"),
                    ({"pad_width": [[1, 2], [0, 1]], "constant_values": 1.5}, "constant_value"),
                    ({"pad_width": [[2, 2]]}, "single_pair"),
                    ({"pad_width": [[2, 1], [3, 2]], "mode": "reflect"}, "reflect"),
                    ({"pad_width": [[2, 1], [3, 2]], "mode": "symmetric"}, "symmetric"),
                    ({"pad_width": [[0, 0], [0, 0]]}, "zero")]:
        case("pad", [p], kw, tag=tag)
    case("pad", [randn(2, 3, 4)], {"pad_width": [[0, 0], [1, 1], [2, 0]], "mode": "reflect"},
         tag="reflect_3d")
    case("pad", [randint(-5, 5, 3)], {"pad_width": [[1, 1]], "constant_values": 7},
         tag="int32")

    t = randn(2, 3)
    for reps in [[2, 1], [1, 3], [2, 1, 3], [2], [1, 1]]:
        case("tile", [t], {"repeats": reps}, tag=",".join(map(str, reps)))
    case("tile", [randint(-5, 5, 3)], {"repeats": [2]}, tag="int32")
    for reps, axis in [(2, None), (3, 0), (2, -1), (1, 1)]:
        case("repeat", [t], {"repeats": reps, "axis": axis},
             tag="%d_axis_%s" % (reps, "none" if axis is None else axis))
    case("repeat", [randint(-5, 5, 2, 2)], {"repeats": 2, "axis": 1}, tag="int32")
    f3 = randn(2, 3, 4)
    for axis in [None, 0, [0, 2], -1, [1]]:
        case("flip", [f3], {"axis": axis},
             tag="axis_%s" % ("none" if axis is None else str(axis).replace(" ", "")))
    case("flip", [randint(-5, 5, 5)], {"axis": 0}, tag="int32")


def conv_cases():
    def conv(op, **kw):
        f = getattr(ops, op)
        return lambda x, k: f(x, k, **kw)

    # (input shape, kernel shape, kwargs, tag); channels_last unless data_format says otherwise
    specs = [
        ((2, 9, 3), (3, 3, 4), {}, "1d_valid"),
        ((2, 9, 3), (3, 3, 4), {"strides": 2, "padding": "same"}, "1d_same_s2"),
        ((2, 10, 3), (4, 3, 2), {"strides": 3}, "1d_valid_s3"),
        ((2, 10, 3), (3, 3, 2), {"dilation_rate": 2, "padding": "same"}, "1d_same_d2"),
        ((2, 10, 3), (2, 3, 2), {"dilation_rate": [3]}, "1d_valid_d3"),
        ((2, 3, 9), (3, 3, 4), {"data_format": "channels_first"}, "1d_channels_first"),
        ((2, 8, 4), (3, 2, 6), {"padding": "same"}, "1d_groups2"),
        ((1, 7, 6), (2, 1, 6), {}, "1d_depthwise_groups6"),
        ((2, 7, 6, 3), (3, 2, 3, 4), {}, "2d_valid"),
        ((2, 7, 6, 3), (3, 3, 3, 4), {"strides": [2, 1], "padding": "same"}, "2d_same_s21"),
        ((2, 8, 8, 2), (3, 3, 2, 3), {"strides": 2, "padding": "same"}, "2d_same_s2_even"),
        ((1, 9, 8, 2), (3, 2, 2, 3), {"dilation_rate": [2, 1]}, "2d_valid_d21"),
        ((1, 9, 8, 2), (3, 3, 2, 2), {"dilation_rate": 2, "padding": "same"}, "2d_same_d2"),
        ((2, 3, 6, 5), (2, 3, 3, 4), {"data_format": "channels_first", "padding": "same"},
         "2d_channels_first"),
        ((2, 5, 5, 4), (3, 3, 2, 4), {"padding": "same"}, "2d_groups2"),
        ((1, 6, 6, 3), (1, 1, 3, 5), {}, "2d_1x1"),
        ((1, 5, 4, 6, 2), (2, 3, 2, 2, 3), {}, "3d_valid"),
        ((1, 5, 4, 6, 2), (2, 2, 3, 2, 2), {"strides": 2, "padding": "same"}, "3d_same_s2"),
        ((1, 2, 4, 5, 3), (2, 2, 2, 2, 2), {"data_format": "channels_first"},
         "3d_channels_first"),
        ((2, 14, 13, 8), (3, 3, 8, 16), {"padding": "same"}, "2d_big"),
        ((2, 15, 14, 8), (3, 3, 4, 12), {"strides": 2, "dilation_rate": 1}, "2d_big_groups2"),
        ((2, 40, 16), (5, 16, 24), {"padding": "same", "dilation_rate": 2}, "1d_big"),
    ]
    for xs, ks, kw, tag in specs:
        case("conv", [randn(*xs), randn(*ks, scale=0.5)], kw, fn=conv("conv", **kw), tag=tag)
    case("conv", [randn(1, 6, 2).astype("float64"), randn(3, 2, 2).astype("float64")], {},
         fn=conv("conv"), x64=True, tag="float64")

    # padding="causal" (Conv1D's option) == left zero-padding by (k - 1) * dilation, then valid.
    def causal(k, d, strides):
        def f(x, w):
            x = ops.pad(x, [[0, 0], [(k - 1) * d, 0], [0, 0]])
            return ops.conv(x, w, strides=strides, padding="valid", dilation_rate=d)
        return f
    for xs, ks, d, s, tag in [((2, 8, 3), (3, 3, 2), 1, 1, "causal"),
                              ((2, 9, 2), (2, 2, 3), 2, 1, "causal_d2"),
                              ((1, 9, 2), (3, 2, 2), 1, 2, "causal_s2")]:
        kw = {"padding": "causal", "dilation_rate": d, "strides": s}
        case("conv", [randn(*xs), randn(*ks, scale=0.5)], kw, fn=causal(ks[0], d, s), tag=tag)

    dspecs = [
        ((2, 9, 3), (3, 3, 2), {}, "1d_valid"),
        ((2, 9, 3), (3, 3, 1), {"strides": 2, "padding": "same"}, "1d_same_s2"),
        ((2, 10, 2), (3, 2, 2), {"dilation_rate": 2}, "1d_d2"),
        ((2, 7, 6, 3), (3, 2, 3, 2), {}, "2d_valid"),
        ((2, 7, 6, 3), (3, 3, 3, 1), {"strides": 2, "padding": "same"}, "2d_same_s2"),
        ((1, 8, 7, 2), (2, 3, 2, 3), {"dilation_rate": [2, 1], "padding": "same"}, "2d_same_d21"),
        ((2, 3, 6, 5), (3, 2, 3, 2), {"data_format": "channels_first"}, "2d_channels_first"),
        ((2, 3, 9), (3, 3, 2), {"data_format": "channels_first", "padding": "same"},
         "1d_channels_first"),
        ((2, 16, 15, 12), (3, 3, 12, 2), {"padding": "same"}, "2d_big"),
    ]
    for xs, ks, kw, tag in dspecs:
        case("depthwise_conv", [randn(*xs), randn(*ks, scale=0.5)], kw,
             fn=conv("depthwise_conv", **kw), tag=tag)

    tspecs = [
        ((2, 5, 3), (3, 4, 3), {}, "1d_valid"),
        ((2, 5, 3), (3, 4, 3), {"strides": 2}, "1d_valid_s2"),
        ((2, 5, 3), (3, 2, 3), {"strides": 2, "padding": "same"}, "1d_same_s2"),
        ((2, 5, 3), (4, 2, 3), {"strides": 3, "output_padding": 1}, "1d_valid_s3_op1"),
        ((2, 5, 3), (3, 2, 3), {"strides": 2, "padding": "same", "output_padding": 0},
         "1d_same_s2_op0"),
        ((2, 6, 2), (3, 2, 2), {"dilation_rate": 2}, "1d_d2"),
        ((2, 3, 5), (3, 4, 3), {"strides": 2, "data_format": "channels_first"},
         "1d_channels_first"),
        ((2, 4, 5, 3), (3, 3, 2, 3), {}, "2d_valid"),
        ((2, 4, 5, 3), (3, 3, 2, 3), {"strides": 2, "padding": "same"}, "2d_same_s2"),
        ((1, 4, 3, 2), (3, 2, 3, 2), {"strides": [2, 3], "output_padding": [1, 2]},
         "2d_valid_s23_op12"),
        ((1, 4, 3, 2), (4, 4, 3, 2), {"strides": 2, "padding": "same", "output_padding": 1},
         "2d_same_s2_op1"),
        ((1, 4, 4, 2), (2, 2, 2, 2), {"strides": 2}, "2d_k2_s2"),
        ((1, 5, 4, 2), (3, 3, 2, 2), {"dilation_rate": 2, "padding": "same"}, "2d_same_d2"),
        ((2, 3, 4, 5), (3, 3, 2, 3), {"strides": 2, "padding": "same",
                                      "data_format": "channels_first"}, "2d_channels_first"),
        ((1, 3, 3, 2, 2), (2, 2, 2, 3, 2), {"strides": 2}, "3d_s2"),
        ((2, 8, 7, 12), (3, 3, 8, 12), {"strides": 2, "padding": "same"}, "2d_big"),
    ]
    for xs, ks, kw, tag in tspecs:
        case("conv_transpose", [randn(*xs), randn(*ks, scale=0.5)], kw,
             fn=conv("conv_transpose", **kw), tag=tag)

    def pool(op, **kw):
        # Keras 3.15's JAX backend fails on strides=None (it converts pool_size to a spatial
        # operand before defaulting strides to it) and on lists, so Keras is given the documented
        # default explicitly and tuples; the manifest keeps the C++ arguments (strides omitted).
        f = getattr(ops, op)
        kw = dict(kw)
        for k in ["pool_size", "strides"]:
            if isinstance(kw.get(k), list):
                kw[k] = tuple(kw[k])
        if kw.get("strides") is None:
            kw["strides"] = kw["pool_size"]
        return lambda x: f(x, **kw)
    pspecs = [
        ((2, 9, 3), {"pool_size": 2}, "1d_p2"),
        ((2, 9, 3), {"pool_size": 3, "strides": 1}, "1d_p3_s1"),
        ((2, 9, 3), {"pool_size": 2, "padding": "same"}, "1d_p2_same"),
        ((2, 10, 3), {"pool_size": 3, "strides": 2, "padding": "same"}, "1d_p3_s2_same"),
        ((2, 3, 9), {"pool_size": 2, "data_format": "channels_first"}, "1d_channels_first"),
        ((2, 6, 7, 3), {"pool_size": [2, 2]}, "2d_p2"),
        ((2, 6, 7, 3), {"pool_size": [3, 3], "strides": [2, 1]}, "2d_p3_s21"),
        ((2, 7, 7, 2), {"pool_size": 3, "strides": 2, "padding": "same"}, "2d_p3_s2_same"),
        ((1, 6, 5, 2), {"pool_size": [2, 3], "padding": "same"}, "2d_p23_same"),
        ((2, 3, 6, 7), {"pool_size": 2, "strides": 2, "data_format": "channels_first",
                        "padding": "same"}, "2d_channels_first"),
        ((1, 4, 5, 6, 2), {"pool_size": 2}, "3d_p2"),
        ((1, 4, 5, 6, 2), {"pool_size": [2, 2, 3], "strides": 1, "padding": "same"},
         "3d_same"),
        ((4, 32, 31, 16), {"pool_size": 3, "strides": 2, "padding": "same"}, "2d_big"),
    ]
    for op in ["max_pool", "average_pool"]:
        for xs, kw, tag in pspecs:
            case(op, [randn(*xs)], kw, fn=pool(op, **kw), tag=tag)
        case(op, [randn(1, 4, 4, 1).astype("float64")], {"pool_size": 2}, fn=pool(op, pool_size=2),
             x64=True, tag="float64")


def crossentropy_cases():
    def softmax_np(z, axis=-1):
        e = np.exp(z - z.max(axis=axis, keepdims=True))
        return (e / e.sum(axis=axis, keepdims=True)).astype("float32")

    def onehot(idx, n):
        return np.eye(n, dtype="float32")[idx]

    def smooth(t):  # soft labels
        return softmax_np(randn(*t.shape) + 3 * t)

    for from_logits in [False, True]:
        fl = "logits" if from_logits else "probs"

        def out(*s, scale=2.0):
            z = randn(*s, scale=scale)
            return z if from_logits else softmax_np(z)
        t = onehot(randint(0, 5, 4), 5)
        case("categorical_crossentropy", [t, out(4, 5)], {"from_logits": from_logits},
             tag=fl + "_onehot")
        case("categorical_crossentropy", [smooth(t), out(4, 5)], {"from_logits": from_logits},
             tag=fl + "_soft")
        t3 = onehot(randint(0, 4, 2, 3), 4)
        case("categorical_crossentropy", [t3, out(2, 3, 4)], {"from_logits": from_logits},
             tag=fl + "_3d")
        tt = np.moveaxis(onehot(randint(0, 3, 4), 3), -1, 0).copy()
        case("categorical_crossentropy", [tt, np.moveaxis(out(4, 3), -1, 0).copy()],
             {"from_logits": from_logits, "axis": 0}, tag=fl + "_axis0")
        case("categorical_crossentropy", [t, out(4, 5, scale=40.0)], {"from_logits": from_logits},
             tag=fl + "_big")
        if not from_logits:
            # Unnormalized probabilities (Keras rescales them) and ones below epsilon.
            case("categorical_crossentropy", [t, unif(0.1, 2.0, 4, 5)], {"from_logits": False},
                 tag="unnormalized")
            pz = np.array([[1.0, 0.0, 0.0], [1e-9, 1.0 - 1e-9, 0.0]], "float32")
            case("categorical_crossentropy", [onehot(np.array([1, 0]), 3), pz],
                 {"from_logits": False}, tag="saturated")
        si = randint(0, 5, 4)
        case("sparse_categorical_crossentropy", [si, out(4, 5)], {"from_logits": from_logits},
             tag=fl)
        case("sparse_categorical_crossentropy", [randint(0, 4, 2, 3), out(2, 3, 4)],
             {"from_logits": from_logits}, tag=fl + "_3d")
        case("sparse_categorical_crossentropy", [si, out(4, 5, scale=40.0)],
             {"from_logits": from_logits}, tag=fl + "_big")
        case("sparse_categorical_crossentropy", [si.reshape(4, 1), out(4, 5)],
             {"from_logits": from_logits}, tag=fl + "_target_trailing_1")
        case("sparse_categorical_crossentropy", [si.astype("float32"), out(4, 5)],
             {"from_logits": from_logits}, grad=True, tag=fl + "_float_target")

        def bout(*s, scale=2.0):
            z = randn(*s, scale=scale)
            return z if from_logits else (1 / (1 + np.exp(-z))).astype("float32")
        bt = (RNG.random((3, 4)) < 0.5).astype("float32")
        case("binary_crossentropy", [bt, bout(3, 4)], {"from_logits": from_logits},
             tag=fl + "_hard")
        case("binary_crossentropy", [unif(0, 1, 3, 4), bout(3, 4)], {"from_logits": from_logits},
             tag=fl + "_soft")
        case("binary_crossentropy", [bt, bout(3, 4, scale=30.0)], {"from_logits": from_logits},
             tag=fl + "_big")
        if from_logits:
            case("binary_crossentropy", [bt[0], np.array([-100, 100, -30, 30], "float32")],
                 {"from_logits": True}, tag="logits_huge")
        else:
            case("binary_crossentropy", [bt[0], np.array([0.0, 1.0, 1e-9, 1 - 1e-8], "float32")],
                 {"from_logits": False}, tag="saturated")
    case("categorical_crossentropy", [onehot(randint(0, 3, 2), 3).astype("float64"),
                                      softmax_np(randn(2, 3)).astype("float64")],
         {"from_logits": False}, x64=True, tag="float64")
    case("binary_crossentropy", [unif(0, 1, 4).astype("float64"), randn(4).astype("float64")],
         {"from_logits": True}, x64=True, tag="float64")


def separable_conv_cases():
    # (input shape, depthwise kernel, pointwise kernel, kwargs, tag); after every other case so
    # the shared RNG gives the earlier cases the inputs they always had.
    specs = [
        ((2, 9, 3), (3, 3, 2), (1, 6, 4), {}, "1d_valid"),
        ((2, 3, 9), (3, 3, 1), (1, 3, 2), {"strides": 2, "padding": "same",
                                           "data_format": "channels_first"}, "1d_channels_first"),
        ((1, 7, 6, 2), (3, 2, 2, 2), (1, 1, 4, 3), {"dilation_rate": [2, 1], "padding": "same"},
         "2d_same_d21"),
        ((2, 2, 7, 5), (3, 3, 2, 3), (1, 1, 6, 2), {"strides": 2,
                                                    "data_format": "channels_first"},
         "2d_channels_first_s2"),
    ]
    for xs, dks, pks, kw, tag in specs:
        f = lambda x, dk, pk, kw=kw: ops.separable_conv(x, dk, pk, **kw)  # noqa: E731
        case("separable_conv", [randn(*xs), randn(*dks, scale=0.5), randn(*pks, scale=0.5)], kw,
             fn=f, tag=tag)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    out_dir = sys.argv[1]
    start = time.time()
    creation_cases()
    linalg_cases()
    binary_cases()
    unary_cases()
    comparison_cases()
    activation_cases()
    reduction_cases()
    shape_cases()
    conv_cases()
    crossentropy_cases()
    separable_conv_cases()

    writer = Writer(out_dir)
    prepared, failed = [], []
    for op, tag, inputs, kwargs, fn, grad, x64 in CASES:
        try:
            with x64_mode(bool(x64)):
                prepared.append(Prepared(op, tag, inputs, kwargs, fn, grad, x64))
        except Exception as e:  # a combination Keras itself rejects: not a conformance case
            failed.append("%s/%s: Keras raised %s: %s"
                          % (op, tag, type(e).__name__, str(e).splitlines()[0]))
    results = {}
    for x64 in (False, True):
        todo = [p for p in prepared if p.x64 == x64]
        with x64_mode(x64):
            for k in range(0, len(todo), GROUP_SIZE):
                group = todo[k:k + GROUP_SIZE]
                try:
                    group_results = run_group(group)
                except Exception:  # isolate the case that fails
                    group_results = []
                    for p in group:
                        try:
                            group_results.append(run_group([p])[0])
                        except Exception as e:
                            group_results.append(None)
                            failed.append("%s/%s: Keras raised %s: %s" % (
                                p.op, p.tag, type(e).__name__, str(e).splitlines()[0]))
                for p, r in zip(group, group_results):
                    results[id(p)] = r
    records = []
    for p in prepared:
        if results[id(p)] is None:
            continue
        out, g = results[id(p)]
        bad = sorted({str(np.asarray(o).dtype) for o in (out if p.multi else [out])}
                     - SUPPORTED_DTYPES)
        if bad:  # e.g. sum of uint8 is uint32 in Keras; keraspp has no such dtype
            failed.append("%s/%s: output dtype %s is not a keraspp dtype" % (p.op, p.tag, bad))
            continue
        records.append(p.record(writer, out, g))
    manifest = {"version": 1, "keras": keras.__version__, "jax": jax.__version__,
                "numpy": np.__version__, "epsilon": float(keras.config.epsilon()),
                "cases": records}
    tmp = os.path.join(out_dir, "ops.json.tmp")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=0, allow_nan=False)
    os.replace(tmp, os.path.join(out_dir, "ops.json"))

    per_op = {}
    for r in records:
        per_op[r["op"]] = per_op.get(r["op"], 0) + 1
    for msg in failed:
        print("skipped: " + msg)
    print("cases per op: " + ", ".join("%s %d" % kv for kv in sorted(per_op.items())))
    print("generated %d cases for %d ops (%d arrays) in %s in %.1f s"
          % (len(records), len(per_op), writer.count, out_dir, time.time() - start))


if __name__ == "__main__":
    main()
