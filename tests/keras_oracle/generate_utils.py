#!/usr/bin/env python3
"""Generates the Keras conformance cases for keras::utils (tests/utils/test_to_categorical.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_utils.py <build_dir>/oracle

Writes utils.json: {"keras": ..., "to_categorical": [case...]} with
    case = {"x": nested list, "dtype": "int32" | "float32", "shape": [...],
            "num_classes": int | null, "output": flat list, "output_shape": [...]}
`x` goes through keras.utils.to_categorical as a NumPy array (the path every Keras script
takes with data from load_data). Values are small integers, so the JSON is exact.
"""
import json
import os
import sys

os.environ.setdefault("KERAS_BACKEND", "jax")
os.environ.setdefault("JAX_PLATFORMS", "cpu")

import numpy as np  # noqa: E402
import keras  # noqa: E402

CASES = [
    # (values, dtype, num_classes)
    ([0, 1, 2, 3], "int32", 4),               # the docstring's example
    ([2, 0, 1, 2, 0], "int32", None),         # num_classes inferred: max + 1
    ([1, 0], "int32", 5),                     # more classes than the labels use
    ([[1], [0], [3]], "int32", None),         # a column: the trailing 1 is dropped
    ([[2, 0, 1], [1, 1, 0]], "int32", 3),     # rank 2 stays, classes become a third axis
    ([[[1], [2]], [[0], [1]]], "int32", 4),   # (2, 2, 1) -> (2, 2, 4)
    ([1], "int32", 3),                        # rank 1 of size 1 is not shrunk: (1, 3)
    (2, "int32", 4),                          # a scalar gives a vector
    ([0.9, 2.5, 1.0], "float32", None),       # floats truncate toward zero
    ([3, 1], "int32", 0),                     # 0 is "not given" in Keras
]


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    cases = []
    for values, dtype, num_classes in CASES:
        x = np.array(values, dtype=dtype)
        y = keras.utils.to_categorical(x, num_classes)
        cases.append({"x": x.reshape(-1).tolist(), "dtype": dtype, "shape": list(x.shape),
                      "num_classes": num_classes, "output": y.reshape(-1).tolist(),
                      "output_shape": list(y.shape)})
    path = os.path.join(out_dir, "utils.json")
    with open(path + ".tmp", "w") as f:
        json.dump({"keras": keras.__version__, "to_categorical": cases}, f)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(cases)} to_categorical cases to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
