"""Assembles the fuzzers' seed corpus from the test files (scripts/run_tests.sh, step `fuzz`).

    python make_seed_corpus.py ORACLE_DIR KERAS_CORPUS_DIR OUT_DIR

writes OUT_DIR/model_config, OUT_DIR/npy and OUT_DIR/keras_archive (one directory per fuzz
target): the model configs of the oracle (configs.json, the config.json of every .keras archive
Keras saved) and of the Keras 1/2 corpus (the model_config attribute of each model.h5, read with
h5py when it is installed), the small .npy files the oracle wrote, the .keras archives, and a few
crafted files for what those lack. Nothing here is committed: it is rebuilt from the oracle.
"""
import glob
import io
import json
import os
import struct
import sys
import zipfile

MAX_NPY_SEEDS = 64
MAX_NPY_BYTES = 4096


def write(directory, name, data):
    os.makedirs(directory, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(directory, name), "wb") as f:
        f.write(data)


def npy(descr, shape, payload, major=1):
    """An .npy file from its parts, as numpy.lib.format writes it."""
    shape_text = "(" + "".join(f"{d}, " for d in shape).rstrip(" ")
    shape_text = shape_text.rstrip(",") + ("," if len(shape) == 1 else "") + ")"
    header = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape_text}, }}"
    length_size = 2 if major == 1 else 4
    pad = 64 - (6 + 2 + length_size + len(header) + 1) % 64
    header += " " * pad + "\n"
    length = struct.pack("<H" if major == 1 else "<I", len(header))
    return b"\x93NUMPY" + bytes([major, 0]) + length + header.encode() + payload


def archive(entries, compression=zipfile.ZIP_STORED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as z:
        for name, data in entries:
            z.writestr(name, data)
    return out.getvalue()


def model_configs(oracle, keras_corpus):
    configs = {}
    with open(os.path.join(oracle, "configs.json")) as f:
        manifest = json.load(f)
    for case, text in manifest["cases"].items():
        configs[f"oracle_{case}.json"] = text if isinstance(text, str) else json.dumps(text)
    for path in sorted(glob.glob(os.path.join(oracle, "keras_files", "*.keras"))):
        with zipfile.ZipFile(path) as z:
            name = os.path.basename(path)[: -len(".keras")]
            configs[f"archive_{name}.json"] = z.read("config.json").decode()
    try:
        import h5py
    except ImportError:
        print("[fuzz] h5py missing: the Keras 1/2 corpus configs are left out of the seeds")
        return configs
    for path in sorted(glob.glob(os.path.join(keras_corpus, "*", "*", "model.h5"))):
        with h5py.File(path, "r") as f:
            text = f.attrs.get("model_config")
        if text is not None:
            text = text.decode() if isinstance(text, bytes) else str(text)
            configs[f"corpus_{os.path.basename(os.path.dirname(path))}.json"] = text
    return configs


def main(oracle, keras_corpus, out):
    configs = model_configs(oracle, keras_corpus)
    # Keras 1 / 2 forms the generators do not write: a bare layer list with batch_input_shape,
    # list-form inbound nodes, non-finite floats as Python's json.dumps writes them.
    configs["crafted_keras21_list.json"] = json.dumps({
        "class_name": "Sequential",
        "config": [{"class_name": "Dense", "config": {
            "name": "d", "units": 3, "batch_input_shape": [None, 4], "activation": "relu"}}]})
    configs["crafted_keras1_dense.json"] = json.dumps({
        "class_name": "Sequential", "config": [{"class_name": "Dense", "config": {
            "name": "d", "output_dim": 2, "input_dim": 3, "init": "glorot_uniform"}}]})
    configs["crafted_nonfinite.json"] = '{"a": [NaN, Infinity, -Infinity, 1e400, -0.0, 1]}'
    for name, text in configs.items():
        write(os.path.join(out, "model_config"), name, text)

    npys = sorted(p for p in glob.glob(os.path.join(oracle, "**", "*.npy"), recursive=True)
                  if os.path.getsize(p) <= MAX_NPY_BYTES)
    for i, path in enumerate(npys[:MAX_NPY_SEEDS]):
        with open(path, "rb") as f:
            write(os.path.join(out, "npy"), f"oracle_{i:03d}.npy", f.read())
    crafted = {
        "big_endian_f8.npy": npy(">f8", (2,), struct.pack(">2d", 1.5, -2.0)),
        "bool.npy": npy("|b1", (3,), b"\x00\x01\x02"),
        "int64_scalar.npy": npy("<i8", (), struct.pack("<q", -7)),
        "empty_dims.npy": npy("<f4", (0, 3), b""),
        "version2.npy": npy("<i4", (2, 1), struct.pack("<2i", 1, 2), major=2),
        "version3.npy": npy("|u1", (4,), b"\x01\x02\x03\x04", major=3),
    }
    for name, data in crafted.items():
        write(os.path.join(out, "npy"), name, data)

    for path in sorted(glob.glob(os.path.join(oracle, "keras_files", "*.keras"))):
        with open(path, "rb") as f:
            write(os.path.join(out, "keras_archive"), os.path.basename(path), f.read())
    small = configs["crafted_keras21_list.json"]
    write(os.path.join(out, "keras_archive"), "config_only.keras",
          archive([("metadata.json", '{"keras_version": "3.15.1"}'), ("config.json", small)]))
    write(os.path.join(out, "keras_archive"), "deflated.keras",
          archive([("config.json", small)], zipfile.ZIP_DEFLATED))
    print(f"[fuzz] seeds: {len(configs)} configs, {min(len(npys), MAX_NPY_SEEDS) + len(crafted)} "
          f".npy files, {len(glob.glob(os.path.join(out, 'keras_archive', '*')))} archives")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    main(*sys.argv[1:])
