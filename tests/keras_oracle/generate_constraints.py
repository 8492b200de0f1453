#!/usr/bin/env python3
"""Generates the Keras conformance cases for keras::constraints
(tests/constraints/test_constraints_oracle.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_constraints.py <build_dir>/oracle

Writes constraints.json:
    {"version": 1, "keras": ...,
     "cases": [case...],          each constraint applied to a float32 weight
     "names": {name: serialized}, keras.constraints.serialize(keras.constraints.get(name)) for
                                  every name Keras's get accepts
     "unknown_name_error": str}   the message of keras.constraints.get("no_such_constraint")
    case = {"id": ..., "constraint": serialized, "shape": [...], "w": flat list,
            "output": flat list}
    serialized = json.dumps(keras.constraints.serialize(constraint)): Keras 3's dict as JSON
                 text, so its key order and its ints (MaxNorm's default max_value 2) survive.
Values are float32 written as Python floats, so they round-trip exactly.
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import constraints  # noqa: E402
from keras.src.constraints import ALL_OBJECTS_DICT  # noqa: E402

RNG = np.random.default_rng(20250301)


def weight(*shape, scale=1.0):
    return (RNG.standard_normal(shape) * scale).astype("float32")


def with_zero_column(w):
    w = w.copy()
    w[:, 0] = 0.0  # a zero norm: only epsilon keeps the division finite
    return w


# (id, constraint, weight): each norm constraint with norms below, inside and above its bounds.
CASES = [
    ("max_norm_default", constraints.MaxNorm(), weight(4, 3, scale=1.5)),
    ("max_norm_binding", constraints.MaxNorm(max_value=0.5), weight(5, 4)),
    ("max_norm_axis1", constraints.MaxNorm(max_value=1.0, axis=1), weight(3, 6)),
    ("max_norm_axis_list", constraints.MaxNorm(max_value=1.5, axis=[0, 1]), weight(2, 3, 4)),
    ("max_norm_axis_none", constraints.MaxNorm(max_value=2.5, axis=None), weight(3, 3)),
    ("max_norm_negative_axis", constraints.MaxNorm(max_value=0.75, axis=-1), weight(3, 5)),
    ("max_norm_zero_column", constraints.MaxNorm(1.0), with_zero_column(weight(4, 3))),
    ("min_max_norm_default", constraints.MinMaxNorm(), weight(4, 5, scale=0.4)),
    ("min_max_norm_rate", constraints.MinMaxNorm(min_value=0.8, max_value=1.2, rate=0.3),
     weight(6, 4, scale=0.5)),
    ("min_max_norm_axis_list", constraints.MinMaxNorm(0.5, 2, 0.7, axis=[0, 2]),
     weight(3, 2, 4)),
    ("non_neg", constraints.NonNeg(), weight(3, 4)),
    ("unit_norm_default", constraints.UnitNorm(), weight(4, 3)),
    ("unit_norm_axis1", constraints.UnitNorm(axis=1), weight(3, 4, scale=3.0)),
    ("unit_norm_zero_column", constraints.UnitNorm(), with_zero_column(weight(3, 3))),
    ("unit_norm_vector", constraints.UnitNorm(axis=0), weight(5)),
    ("identity", constraints.Constraint(), weight(2, 3)),
]


def floats(a):
    return [float(v) for v in np.asarray(a, dtype="float32").reshape(-1)]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    cases = []
    for case_id, constraint, w in CASES:
        out = keras.ops.convert_to_numpy(constraint(keras.ops.convert_to_tensor(w)))
        assert out.dtype == np.float32, (case_id, out.dtype)
        cases.append({"id": case_id, "constraint": json.dumps(constraints.serialize(constraint)),
                      "shape": list(w.shape), "w": floats(w), "output": floats(out)})
    names = {name: json.dumps(constraints.serialize(constraints.get(name)))
             for name in sorted(ALL_OBJECTS_DICT)}
    try:
        constraints.get("no_such_constraint")
        raise AssertionError("keras.constraints.get accepted an unknown name")
    except ValueError as e:
        unknown = str(e)
    manifest = {"version": 1, "keras": keras.__version__, "cases": cases, "names": names,
                "unknown_name_error": unknown}
    path = os.path.join(out_dir, "constraints.json")
    with open(path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1, allow_nan=False)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(cases)} constraint cases and {len(names)} names to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
