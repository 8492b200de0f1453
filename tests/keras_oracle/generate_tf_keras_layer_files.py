#!/usr/bin/env python3
"""Every built-in layer that tf-keras 2 has, through its file formats, both ways (tests/io/
test_tf_keras_layer_files.cpp). Runs in the tf-keras virtual environment (build/venv-tf, as
generate_tf_keras_files.py).

Usage:
    <venv-tf>/bin/python tests/keras_oracle/generate_tf_keras_layer_files.py <build_dir>/oracle
    <venv-tf>/bin/python tests/keras_oracle/generate_tf_keras_layer_files.py --check <job.json>

Generate: per layer family, the model of layer_files_common.py built with tf-keras (a case
whose class or arguments tf-keras lacks is skipped, and listed as uncovered with tf-keras's
error when no case of its class builds), saved with model.save("<family>.h5") and
model.save_weights("<family>_weights.h5") (manifest keys "h5", "weights"):
tf_keras_layer_files.json and tf_keras_layer_files/. Check: layer_files_common.check with
tf-keras (a "json" + "weights" case loads our to_json and legacy .h5 weights).
"""
import os
import sys

os.environ["TF_USE_LEGACY_KERAS"] = "1"
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "")

import tf_keras  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import layer_files_common  # noqa: E402


def save(model, stem):
    model.save(stem + ".h5")
    model.save_weights(stem + "_weights.h5")
    base = os.path.basename(stem)
    return {"h5": base + ".h5", "weights": base + "_weights.h5"}


def load_file(path):
    return tf_keras.models.load_model(path, compile=False)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        layer_files_common.check(tf_keras, sys.argv[2], load_file)
    elif len(sys.argv) == 2:
        # MultiHeadAttention in a file of its own: the C++ check of our .h5 files leaves it
        # out (see tests/io/test_tf_keras_layer_files_check.cpp).
        layer_files_common.generate(tf_keras, sys.argv[1], "tf_keras_layer_files", save,
                                    alone={"MultiHeadAttention"})
    else:
        sys.exit(__doc__)
