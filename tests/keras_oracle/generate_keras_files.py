#!/usr/bin/env python3
"""Saves whole models with real Keras 3 (.keras archives and legacy .h5 files) for
tests/io/test_keras_archive.cpp and test_legacy_h5_keras.cpp, and checks that Keras loads the
model files keraspp writes.

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_keras_files.py <build_dir>/oracle
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_keras_files.py --check <job.json>

Generate: each case builds a small model from layers keraspp has, compiles it, trains it two
epochs on fixed data (no shuffling) so the optimizer has state, and saves it as <case>.keras
and <case>.h5. Then it records Keras's predictions of the saved model and trains one more
epoch, recording that epoch's loss and metrics: the C++ test loads each file, must reproduce
the predictions, and continuing fit must give the same next-epoch loss (the optimizer state
came along).

Output, under the directory given on the command line:
    keras_files/<case>.keras, keras_files/<case>.h5, keras_files/<case>_{x,y,predictions}.npy
    keras_files.json = {"version": 1, "keras": ..., "cases": {id: {"file", "h5", "x", "y",
        "predictions", "batch_size", "next_epoch": {name: value}}}}

Check (run by the C++ test on files it wrote): job.json is
    {"cases": [{"id", "file": our .keras or .h5, "x", "y", "predictions": our predict(x),
                "batch_size", "next_epoch": {name: our next-epoch value}}, ...]}
with absolute paths; for each, Keras load_model(file), predicts x (compared with ours within
1e-5 + 1e-4 |ours|), fits one epoch with the same batches and compares every history value
(within 1e-5 + 1e-4 |ours|). Prints one line per case, exits non-zero on any failure.
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Compile fast (LLVM -O0), as the other generators do: 34 s -> 24 s; the predictions change in
# their last bits only.
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                           " --xla_backend_optimization_level=0").strip()

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402
from keras_files_common import check, data, record_case  # noqa: E402


def regression_functional():
    x = keras.Input((5,), name="x")
    h = layers.Dense(8, activation="tanh", name="h")(x)
    y = layers.Dense(2, name="y")(h)
    model = keras.Model(x, y, name="reg")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse",
                  metrics=["mae"])
    return model, data(5, 2, 1)


def classifier_sequential():
    model = keras.Sequential([
        keras.Input((6,), name="features"),
        layers.Dense(10, activation="relu", name="hidden"),
        layers.Dense(3, activation="softmax", name="probs"),
    ], name="clf")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1, momentum=0.9),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model, data(6, 3, 2, classes=True)


def adamw_huber():
    x = keras.Input((4,), name="inputs")
    h = layers.Dense(7, activation="sigmoid", name="wide")(x)
    h = layers.Dense(5, activation="relu", name="narrow")(h)
    y = layers.Dense(3, name="out")(h)
    model = keras.Model(x, y, name="adamw_model")
    model.compile(optimizer=keras.optimizers.AdamW(learning_rate=0.02, weight_decay=0.01),
                  loss="huber", metrics=["mse"])
    return model, data(4, 3, 3)


def constrained():
    # Constraints in the saved config: the loaded model must apply them while it trains on.
    x = keras.Input((4,), name="x")
    h = layers.Dense(6, activation="relu", name="h",
                     kernel_constraint=keras.constraints.MaxNorm(max_value=0.4),
                     bias_constraint="non_neg")(x)
    y = layers.Dense(1, name="y", kernel_constraint=keras.constraints.UnitNorm())(h)
    model = keras.Model(x, y, name="constrained")
    model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.2), loss="mse")
    return model, data(4, 1, 3)


def recurrent():
    # The cells' weights live under <layer>/cell in .keras files; Bidirectional-free, no masks.
    x = keras.Input((4, 3), name="steps")
    h = layers.LSTM(5, return_sequences=True, name="lstm")(x)
    a = layers.GRU(3, go_backwards=True, name="gru")(h)
    b = layers.SimpleRNN(2, name="rnn")(layers.GRU(2, reset_after=False, return_sequences=True,
                                                   name="gru_before")(h))
    y = layers.Dense(2, name="y")(layers.Concatenate(name="both")([a, b]))
    model = keras.Model(x, y, name="recurrent")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    x_flat, y = data(12, 2, 4)
    return model, (x_flat.reshape(-1, 4, 3), y)


def padded_tokens(seed, vocab, length, n=24):
    """(ids, y): n rows of ids in [1, vocab) padded with 0 after a random length (at least one
    token), and regression targets in [-1, 1) of width 2."""
    rng = np.random.default_rng(seed)
    ids = rng.integers(1, vocab, (n, length)).astype("int32")
    lengths = rng.integers(1, length + 1, n)
    ids[np.arange(length)[None, :] >= lengths[:, None]] = 0
    return ids, rng.uniform(-1, 1, (n, 2)).astype("float32")


def masked_encoder_decoder():
    # Padded token ids (Embedding's mask reaches both LSTMs) and a decoder started from the
    # encoder's final states: Keras 3 writes them as the `initial_state` keyword of its node.
    tokens = keras.Input((5,), dtype="int32", name="tokens")
    e = layers.Embedding(7, 3, mask_zero=True, name="embed")(tokens)
    _, h, c = layers.LSTM(4, return_state=True, name="encoder")(e)
    d = layers.LSTM(4, return_sequences=True, name="decoder")(e, initial_state=[h, c])
    y = layers.Dense(2, name="y")(layers.GlobalAveragePooling1D(name="pool")(d))
    model = keras.Model(tokens, y, name="masked_encoder_decoder")
    model.compile(optimizer=keras.optimizers.RMSprop(learning_rate=0.01), loss="mse")
    return model, padded_tokens(seed=5, vocab=7, length=5)


def attention():
    # MultiHeadAttention (called as Keras calls it: query, value) and EinsumDense in a functional
    # model: the call node's positional args, the projections' weights under query_dense, ...
    x = keras.Input((4, 3), name="tokens")
    h = layers.MultiHeadAttention(2, 3, name="self_attention")(x, x)
    h = layers.EinsumDense("abc,cd->abd", (4, 2), bias_axes="d", name="proj")(h)
    y = layers.Dense(2, name="y")(layers.Flatten(name="flat")(h))
    model = keras.Model(x, y, name="attention")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    x_flat, y = data(12, 2, 4)
    return model, (x_flat.reshape(-1, 4, 3), y)


def attention_keywords():
    # Call keywords on attention nodes: a causal self-attention, a cross-attention given an
    # attention_mask computed in the model (relu zeros mask out keys) that returns its scores,
    # Attention and GroupQueryAttention with use_causal_mask. The functional config carries them
    # on the nodes' kwargs; both sides must replay them.
    x = keras.Input((5, 3), name="tokens")
    h = layers.MultiHeadAttention(2, 3, name="causal")(x, x, use_causal_mask=True)
    allowed = layers.Dense(5, activation="relu", name="allowed")(x)
    c, scores = layers.MultiHeadAttention(2, 2, name="cross")(
        h, x, attention_mask=allowed, return_attention_scores=True)
    # (score_mode "dot" would be read back as the function keras.ops.dot by Keras 3.15's legacy
    # .h5 loader, which then refuses its own file: measured, so "concat" here.)
    d = layers.Attention(use_scale=True, score_mode="concat", name="scored")(
        [c, h], use_causal_mask=True)
    g = layers.GroupQueryAttention(head_dim=2, num_query_heads=2, num_key_value_heads=1,
                                   name="gqa")(d, d, use_causal_mask=True)
    joined = layers.Concatenate(name="join")([layers.Flatten(name="flat")(g),
                                              layers.Flatten(name="flat_scores")(scores)])
    y = layers.Dense(2, name="y")(joined)
    model = keras.Model(x, y, name="attention_keywords")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    x_flat, y = data(15, 2, 5)
    return model, (x_flat.reshape(-1, 5, 3), y)


def masked_attention():
    # Padded token ids through self-attention with a residual: the query, value and output masks
    # (a fully masked query row is spread evenly by Keras's fused attention), Add combining the
    # masks, LayerNormalization passing them and the pooling averaging the real steps.
    tokens = keras.Input((6,), dtype="int32", name="tokens")
    x = layers.Embedding(9, 4, mask_zero=True, name="embed")(tokens)
    a = layers.MultiHeadAttention(2, 3, name="attention")(x, x)
    h = layers.LayerNormalization(name="norm")(layers.Add(name="residual")([x, a]))
    y = layers.Dense(2, name="y")(layers.GlobalAveragePooling1D(name="pool")(h))
    model = keras.Model(tokens, y, name="masked_attention")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    return model, padded_tokens(seed=6, vocab=9, length=6)


def wrappers():
    # Bidirectional (weights under forward_layer/cell and backward_layer/cell), TimeDistributed
    # (under layer) and RNN over a list of cells (StackedRNNCells: cell/cells/gru_cell, ...),
    # with padded token ids whose mask reaches all three.
    tokens = keras.Input((5,), dtype="int32", name="tokens")
    e = layers.Embedding(8, 3, mask_zero=True, name="embed")(tokens)
    h = layers.Bidirectional(layers.LSTM(3, return_sequences=True), name="bi")(e)
    h = layers.TimeDistributed(layers.Dense(4, activation="tanh"), name="per_step")(h)
    h = layers.RNN([layers.GRUCell(2), layers.SimpleRNNCell(3)], name="stacked")(h)
    y = layers.Dense(2, name="y")(h)
    model = keras.Model(tokens, y, name="wrappers")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    return model, padded_tokens(seed=7, vocab=8, length=5)


def conv_recurrent():
    # ConvLSTM2D (weights under <layer>/cell, as the other RNNs) feeding ConvLSTM1D over the
    # rows, with feature-map states.
    x = keras.Input((3, 5, 5, 1), name="frames")
    h = layers.ConvLSTM2D(2, 3, padding="same", return_sequences=True, name="conv_lstm2d")(x)
    h = layers.Reshape((3, 5, 10), name="rows")(h)
    h = layers.ConvLSTM1D(2, 2, name="conv_lstm1d")(h)
    y = layers.Dense(2, name="y")(layers.Flatten(name="flat")(h))
    model = keras.Model(x, y, name="conv_recurrent")
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.01), loss="mse")
    rng = np.random.default_rng(8)
    return model, (rng.uniform(-1, 1, (12, 3, 5, 5, 1)).astype("float32"),
                   rng.uniform(-1, 1, (12, 2)).astype("float32"))


CASES = {"regression_functional": regression_functional,
         "classifier_sequential": classifier_sequential,
         "adamw_huber": adamw_huber,
         "constrained": constrained,
         "recurrent": recurrent,
         "masked_encoder_decoder": masked_encoder_decoder,
         "attention": attention,
         "masked_attention": masked_attention,
         "attention_keywords": attention_keywords,
         "wrappers": wrappers,
         "conv_recurrent": conv_recurrent}


def main(out):
    files = os.path.join(out, "keras_files")
    os.makedirs(files, exist_ok=True)
    cases = {}
    for name, build in CASES.items():
        keras.utils.set_random_seed(7)
        model, (x, y) = build()
        model.fit(x, y, batch_size=8, epochs=2, shuffle=False, verbose=0)
        model.save(os.path.join(files, name + ".keras"))
        model.save(os.path.join(files, name + ".h5"))
        cases[name] = record_case(files, name, model, x, y,
                                  {"file": name + ".keras", "h5": name + ".h5"})
    manifest = {"version": 1, "keras": keras.__version__, "cases": cases}
    with open(os.path.join(out, "keras_files.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(f"wrote {len(cases)} models (.keras and .h5) to {files}")


def load_legacy_h5(path):
    """keras.models.load_model for a legacy .h5 file, minus two Keras 3.15 bugs that make it
    fail on the files Keras itself writes (measured on this generator's own .h5 files): it
    builds the restored optimizer on `model._trainable_variables` (the model's own, an empty
    list for a Functional or Sequential), so the next fit raises "the optimizer was built with 0
    variables"; and it cannot deserialize the loss "mse" back from the training config. Here the
    same file parts go through the same Keras functions, with the optimizer built on the
    model's trainable variables."""
    import h5py
    from keras.src.legacy.saving import legacy_h5_format

    model = keras.models.load_model(path, compile=False)
    with h5py.File(path, "r") as f:
        training = json.loads(f.attrs["training_config"])
        optimizer_values = [np.asarray(v) for v in
                            legacy_h5_format.load_optimizer_weights_from_hdf5_group(f)]
    model.compile(optimizer=keras.optimizers.deserialize(training["optimizer_config"]),
                  loss=training["loss"], metrics=training["metrics"],
                  loss_weights=training["loss_weights"],
                  weighted_metrics=training["weighted_metrics"])
    model.optimizer.build(model.trainable_variables)
    model.optimizer.set_weights(optimizer_values)
    return model


def load(path):
    return load_legacy_h5(path) if path.endswith(".h5") else keras.models.load_model(path)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        check(sys.argv[2], load, keras.utils.clear_session)
    elif len(sys.argv) == 2:
        main(sys.argv[1])
    else:
        sys.exit(__doc__)
