#!/usr/bin/env python3
"""Every built-in layer through every Keras 3 file format, both ways (tests/io/
test_layer_files_keras.cpp and test_layer_files_keras_check.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_layer_files.py <build_dir>/oracle
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_layer_files.py --check <job.json>

Generate: per layer family, the model of layer_files_common.py (a branch per layer class) with
known weights, saved as <family>.keras, legacy <family>.h5 and <family>.weights.h5 (manifest
keys "keras", "h5", "weights"), and its outputs on random inputs: layer_files.json and
layer_files/. Check: layer_files_common.check.
"""
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import layer_files_common  # noqa: E402


def save(model, stem):
    model.save(stem + ".keras")
    model.save(stem + ".h5")
    model.save_weights(stem + ".weights.h5")
    base = os.path.basename(stem)
    return {"keras": base + ".keras", "h5": base + ".h5", "weights": base + ".weights.h5"}


def load_file(path):
    if path.endswith(".h5"):
        # Keras 3.15's legacy loader turns every string in a layer config that names a Keras
        # function into that function: Attention's score_mode "dot" becomes keras.ops.dot and
        # the layer refuses it, in Keras's own .h5 files as in ours. Mapping the name to itself
        # keeps the string (measured on this generator's own attention.h5).
        return keras.models.load_model(path, compile=False, custom_objects={"dot": "dot"})
    return keras.models.load_model(path, compile=False)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        layer_files_common.check(keras, sys.argv[2], load_file)
    elif len(sys.argv) == 2:
        layer_files_common.generate(keras, sys.argv[1], "layer_files", save)
    else:
        sys.exit(__doc__)
