#!/usr/bin/env python3
"""Generates the Keras conformance cases for compile / fit / evaluate / predict
(tests/conformance/test_keras_fit.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_fit.py <build_dir>/oracle

Each case builds a small model with real Keras 3 (JAX backend, CPU), saves its initial weights
and data, then runs compile + fit (verbose=0, shuffle=False) + evaluate + predict and records
everything the C++ side compares. The C++ test builds the same architecture and compile
arguments (by case id), loads the same initial weights and data, and must reproduce the numbers.
Nothing random differs between the two sides: initial weights come from the files, batches are
taken in order, and Dropout (if any) has rate 0.

Output, under the directory given on the command line:
    fit.json                 the manifest (format below)
    fit_data/<case>/*.npy    arrays (numpy.save; keras::io::load_npy reads them)

Manifest:
    {"version": 1, "keras": ..., "jax": ..., "numpy": ..., "cases": [case...]}
    case = {
      "id": "opt_sgd_nesterov",              the C++ test's key for architecture + compile args
      "description": "...",
      "x", "y", "sample_weight": data | null,
      "fit": {"batch_size", "epochs", "validation_split", "class_weight": {"0": w, ...} | null,
              "validation_data": {"x", "y", "sample_weight"} | null},
      "evaluate": {"x", "y", "sample_weight", "batch_size"},
      "predict_x": data,
      "initial_weights": {layer name: [file, ...]},  layer.get_weights() before training
      "history": {key: [one value per epoch]},        history.history, every key
      "evaluation": {key: value},                      evaluate(..., return_dict=True)
      "predictions": data,                             predict(predict_x)
      "final_weights": {layer name: [file, ...]},
      "optimizer_variables": [{"path": ..., "file": ...}, ...]   model.optimizer.variables
    }
    data = {"npy": file} | {"list": [data, ...]} | {"dict": {name: data}}

Keras runs with run_eagerly=True: the same train_step / test_step code, op by op. Jitting a
fresh train and test function per case costs ~5 s each here, eager ops are compiled once per
shape and reused across cases (all cases share the feature width and batch size for that).
Deterministic: a fixed NumPy seed and keras.utils.set_random_seed.
"""
import json
import os
import shutil
import sys
import time

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                           " --xla_backend_optimization_level=0").strip()

import numpy as np  # noqa: E402
import jax  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

assert keras.backend.backend() == "jax", "set KERAS_BACKEND=jax"

RNG = np.random.default_rng(20240917)
FEATURES = 6   # every model's input width
HIDDEN = 8
CLASSES = 3
BATCH = 16


# ---------------------------------------------------------------------------------------------
# Data
# ---------------------------------------------------------------------------------------------
def features(n, d=FEATURES):
    return RNG.normal(size=(n, d)).astype("float32")


def class_labels(x):
    """Integer labels from a fixed linear teacher with noise (learnable, not separable)."""
    w = np.linspace(-1.0, 1.0, x.shape[1] * CLASSES).reshape(x.shape[1], CLASSES)
    logits = x @ w + 0.5 * RNG.normal(size=(x.shape[0], CLASSES))
    return np.argmax(logits, axis=1).astype("int32")


def one_hot(labels):
    return np.eye(CLASSES, dtype="float32")[labels]


def regression_targets(x, dims=1):
    w = np.linspace(0.5, -0.8, x.shape[1] * dims).reshape(x.shape[1], dims)
    return (np.sin(x @ w) * 2.0 + 0.3 + 0.1 * RNG.normal(size=(x.shape[0], dims))).astype("float32")


def binary_targets(x):
    return (x[:, :1] - 0.5 * x[:, 1:2] + 0.3 * RNG.normal(size=(x.shape[0], 1)) > 0).astype("float32")


class Writer:
    def __init__(self, out_dir, case_id):
        self.root = out_dir
        self.rel = os.path.join("fit_data", case_id)
        os.makedirs(os.path.join(out_dir, self.rel), exist_ok=True)

    def array(self, name, a):
        rel = os.path.join(self.rel, name + ".npy")
        a = np.asarray(a)
        if a.dtype == np.int64:
            a = a.astype("int32")
        np.save(os.path.join(self.root, rel), a.copy(order="C"))  # ascontiguousarray makes 0-d 1-d
        return rel

    def data(self, name, d):
        """A data structure (array, list, dict) as the manifest's `data`."""
        if d is None:
            return None
        if isinstance(d, dict):
            return {"dict": {k: self.data(f"{name}_{k}", v) for k, v in d.items()}}
        if isinstance(d, (list, tuple)):
            return {"list": [self.data(f"{name}_{i}", v) for i, v in enumerate(d)]}
        return {"npy": self.array(name, d)}

    def layer_weights(self, model, tag):
        out = {}
        for layer in model.layers:
            ws = layer.get_weights()
            if ws:
                out[layer.name] = [self.array(f"{tag}_{layer.name}_{i}", w) for i, w in enumerate(ws)]
        return out


def log_value(v):
    """A logged value as JSON: a number, or (an array-valued metric) nested lists."""
    return np.asarray(v, dtype="float64").tolist()


def floats(values):
    return [log_value(v) for v in values]


# ---------------------------------------------------------------------------------------------
# Running a case
# ---------------------------------------------------------------------------------------------
def run_case(out_dir, case_id, description, model, compile_kw, x, y, sample_weight=None,
             fit_kw=None, validation_data=None, eval_sample_weight=None, predict_rows=5,
             history_not_compared=None):
    fit_kw = dict(fit_kw or {})
    w = Writer(out_dir, case_id)
    case = {"id": case_id, "description": description,
            "x": w.data("x", x), "y": w.data("y", y),
            "sample_weight": w.data("sample_weight", sample_weight)}
    case["initial_weights"] = w.layer_weights(model, "initial")

    model.compile(**compile_kw, run_eagerly=True)
    kw = dict(batch_size=BATCH, epochs=3, verbose=0, shuffle=False)
    kw.update(fit_kw)
    if validation_data is not None:
        kw["validation_data"] = validation_data
    history = model.fit(x, y, sample_weight=sample_weight, **kw)
    vd = None
    if validation_data is not None:
        vd = {"x": w.data("val_x", validation_data[0]), "y": w.data("val_y", validation_data[1]),
              "sample_weight": w.data("val_sample_weight",
                                      validation_data[2] if len(validation_data) > 2 else None)}
    cw = kw.get("class_weight")
    case["fit"] = {"batch_size": kw["batch_size"], "epochs": kw["epochs"],
                   "validation_split": kw.get("validation_split", 0.0),
                   "class_weight": {str(k): float(v) for k, v in cw.items()} if cw else None,
                   "validation_data": vd}
    case["history"] = {k: floats(v) for k, v in history.history.items()}
    # Keys whose values are a quirk of the JAX backend, with the reason (the C++ side checks
    # only that they are there).
    case["history_not_compared"] = history_not_compared or {}

    evaluation = model.evaluate(x, y, sample_weight=eval_sample_weight, batch_size=BATCH,
                                verbose=0, return_dict=True)
    case["evaluate"] = {"x": case["x"], "y": case["y"], "batch_size": BATCH,
                        "sample_weight": w.data("eval_sample_weight", eval_sample_weight)}
    case["evaluation"] = {k: log_value(v) for k, v in evaluation.items()}

    def head(d):
        if isinstance(d, dict):
            return {k: v[:predict_rows] for k, v in d.items()}
        if isinstance(d, (list, tuple)):
            return [v[:predict_rows] for v in d]
        return d[:predict_rows]

    px = head(x)
    case["predict_x"] = w.data("predict_x", px)
    case["predictions"] = w.data("predictions", model.predict(px, verbose=0))
    case["final_weights"] = w.layer_weights(model, "final")
    case["optimizer_variables"] = [
        {"path": v.path, "file": w.array(f"optimizer_{i}", keras.ops.convert_to_numpy(v.value))}
        for i, v in enumerate(model.optimizer.variables)]
    return case


# ---------------------------------------------------------------------------------------------
# Models (layer names fixed, so the C++ side can find them with get_layer)
# ---------------------------------------------------------------------------------------------
def sequential_classifier(activation="softmax", units=CLASSES):
    return keras.Sequential([
        keras.Input((FEATURES,)),
        layers.Dense(HIDDEN, activation="relu", name="hidden"),
        layers.Dense(units, activation=activation, name="out"),
    ], name="classifier")


def regressor():
    inputs = keras.Input((FEATURES,), name="features")
    h = layers.Dense(HIDDEN, activation="relu", name="hidden")(inputs)
    outputs = layers.Dense(1, name="out")(h)
    return keras.Model(inputs, outputs, name="regressor")


def two_tower(as_dict):
    a = keras.Input((FEATURES,), name="a")
    b = keras.Input((FEATURES,), name="b")
    shared = layers.Dense(HIDDEN, activation="relu", name="shared")
    reg = layers.Dense(1, name="reg")(shared(a))
    cls = layers.Dense(CLASSES, activation="softmax", name="cls")(shared(b))
    if as_dict:
        return keras.Model({"a": a, "b": b}, {"reg": reg, "cls": cls}, name="two_tower")
    return keras.Model([a, b], [reg, cls], name="two_tower")


# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------
def cases(out_dir):
    out = []
    n = 55  # validation_split=0.2 -> 44 training rows: batches of 16, 16 and 12

    # 1. Dense stack, sparse CCE + accuracy, Adam, partial last batch, validation_split.
    x = features(n)
    y = class_labels(x)
    out.append(run_case(
        out_dir, "dense_sparse_cce_adam", "Sequential relu/softmax, SCCE + accuracy, Adam, split 0.2",
        sequential_classifier(),
        dict(optimizer=keras.optimizers.Adam(learning_rate=0.01),
             loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
        x, y, fit_kw=dict(validation_split=0.2)))

    # 2. Multi-input / multi-output with a shared layer, as lists and as dicts.
    xa, xb = features(n), features(n)
    yr, yc = regression_targets(xa), one_hot(class_labels(xb))
    va, vb = features(20), features(20)
    vr, vc = regression_targets(va), one_hot(class_labels(vb))
    out.append(run_case(
        out_dir, "multi_io_list", "two inputs, shared Dense, mse+mae head and CCE+accuracy head (lists)",
        two_tower(False),
        dict(optimizer=keras.optimizers.Adam(learning_rate=0.01),
             loss=["mse", "categorical_crossentropy"], loss_weights=[0.5, 2.0],
             metrics=[["mae"], ["accuracy"]]),
        [xa, xb], [yr, yc], validation_data=([va, vb], [vr, vc])))
    out.append(run_case(
        out_dir, "multi_io_dict", "the same model with dict inputs/outputs, dict loss/weights/metrics/weighted_metrics",
        two_tower(True),
        dict(optimizer=keras.optimizers.Adam(learning_rate=0.01),
             loss={"reg": "mse", "cls": "categorical_crossentropy"},
             loss_weights={"reg": 0.5, "cls": 2.0},
             metrics={"reg": ["mae"], "cls": ["accuracy"]},
             weighted_metrics={"reg": ["mae"]}),  # logged as "reg_weighted_mae"
        {"a": xa, "b": xb}, {"reg": yr, "cls": yc},
        validation_data=({"a": va, "b": vb}, {"reg": vr, "cls": vc})))

    # 3. Optimizers, on a regression model with mse + mae.
    opt = keras.optimizers
    schedule = opt.schedules.ExponentialDecay(0.05, decay_steps=2, decay_rate=0.7)
    optimizer_cases = [
        ("opt_sgd_nesterov", opt.SGD(learning_rate=0.02, momentum=0.9, nesterov=True)),
        ("opt_adam_amsgrad", opt.Adam(learning_rate=0.02, amsgrad=True)),
        ("opt_adamw", opt.AdamW(learning_rate=0.02, weight_decay=0.1)),
        ("opt_rmsprop_centered_momentum",
         opt.RMSprop(learning_rate=0.005, rho=0.8, momentum=0.5, centered=True)),
        ("opt_sgd_clipnorm", opt.SGD(learning_rate=0.05, clipnorm=0.5)),
        ("opt_adam_global_clipnorm", opt.Adam(learning_rate=0.02, global_clipnorm=0.3)),
        ("opt_rmsprop_clipvalue", opt.RMSprop(learning_rate=0.01, clipvalue=0.05)),
        ("opt_sgd_exponential_decay", opt.SGD(learning_rate=schedule, momentum=0.5)),
    ]
    x = features(n)
    y = regression_targets(x)
    for case_id, optimizer in optimizer_cases:
        out.append(run_case(out_dir, case_id, "regressor, mse + mae, " + case_id,
                            regressor(), dict(optimizer=optimizer, loss="mse", metrics=["mae"]),
                            x, y))

    # 4. Losses.
    x = features(n)
    yreg = regression_targets(x)
    ycls = class_labels(x)
    out.append(run_case(out_dir, "loss_mse", "regressor, 'mse' + 'mae'", regressor(),
                        dict(optimizer=opt.Adam(learning_rate=0.01), loss="mse", metrics=["mae"]),
                        x, yreg, fit_kw=dict(validation_split=0.2)))
    out.append(run_case(out_dir, "loss_mae", "regressor, 'mae' + 'mse'", regressor(),
                        dict(optimizer=opt.Adam(learning_rate=0.01), loss="mae", metrics=["mse"]),
                        x, yreg))
    out.append(run_case(out_dir, "loss_huber", "regressor, Huber(delta=0.5) + 'mae'", regressor(),
                        dict(optimizer=opt.Adam(learning_rate=0.01),
                             loss=keras.losses.Huber(delta=0.5), metrics=["mae"]),
                        x, yreg))
    out.append(run_case(out_dir, "loss_bce", "sigmoid head, 'binary_crossentropy' + 'accuracy'",
                        sequential_classifier("sigmoid", 1),
                        dict(optimizer=opt.Adam(learning_rate=0.01), loss="binary_crossentropy",
                             metrics=["accuracy"]),
                        x, binary_targets(x), fit_kw=dict(validation_split=0.2)))
    out.append(run_case(out_dir, "loss_cce_label_smoothing",
                        "softmax head, CategoricalCrossentropy(label_smoothing=0.1) + 'accuracy'",
                        sequential_classifier(),
                        dict(optimizer=opt.Adam(learning_rate=0.01),
                             loss=keras.losses.CategoricalCrossentropy(label_smoothing=0.1),
                             metrics=["accuracy"]),
                        x, one_hot(ycls)))
    out.append(run_case(out_dir, "loss_scce_from_logits",
                        "linear head, SparseCategoricalCrossentropy(from_logits=True) + 'accuracy'",
                        sequential_classifier(None),
                        dict(optimizer=opt.Adam(learning_rate=0.01),
                             loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                             metrics=["accuracy"]),
                        x, ycls))

    # 5. Sample and class weights (a weighted metric named like an unweighted one gets the
    #    "weighted_" prefix in Keras).
    x = features(n)
    yreg = regression_targets(x)
    sw = RNG.uniform(0.1, 2.0, size=(n,)).astype("float32")
    vx = features(20)
    vy = regression_targets(vx)
    vsw = RNG.uniform(0.1, 2.0, size=(20,)).astype("float32")
    out.append(run_case(out_dir, "sample_weight", "regressor, sample_weight, weighted_metrics",
                        regressor(),
                        dict(optimizer=opt.Adam(learning_rate=0.01), loss="mse", metrics=["mae"],
                             weighted_metrics=["mae", "mse"]),
                        x, yreg, sample_weight=sw, validation_data=(vx, vy, vsw),
                        eval_sample_weight=sw))
    ycls = class_labels(x)
    out.append(run_case(out_dir, "class_weight", "classifier, class_weight, weighted accuracy",
                        sequential_classifier(),
                        dict(optimizer=opt.Adam(learning_rate=0.01),
                             loss="sparse_categorical_crossentropy", metrics=["accuracy"],
                             weighted_metrics=["accuracy"]),
                        x, ycls, fit_kw=dict(class_weight={0: 0.5, 1: 2.0, 2: 1.0})))

    # 6 + 7. Kernel regularizers (the logged loss, validation loss included, holds the penalty)
    #    and a Dropout of rate 0.
    x = features(n)
    ycls = class_labels(x)
    inputs = keras.Input((FEATURES,), name="features")
    h = layers.Dense(HIDDEN, activation="relu", kernel_regularizer=keras.regularizers.L2(0.01),
                     name="hidden")(inputs)
    h = layers.Dropout(0.0, name="dropout")(h)
    outputs = layers.Dense(CLASSES, activation="softmax",
                           kernel_regularizer=keras.regularizers.L2(0.02), name="out")(h)
    out.append(run_case(out_dir, "l2_regularizer", "L2 kernel regularizers, Dropout(0), SCCE",
                        keras.Model(inputs, outputs, name="regularized"),
                        dict(optimizer=opt.SGD(learning_rate=0.1), loss="sparse_categorical_crossentropy",
                             metrics=["accuracy"]),
                        x, ycls, fit_kw=dict(validation_split=0.2)))

    # 8. loss_scale_factor: train_step differentiates loss * 128 and the optimizer divides the
    #    gradients by 128, so training matches the unscaled run; the logged loss is unscaled.
    #    SGD is not scale invariant (Adam nearly is), so a missing half of the pair shows.
    x = features(n)
    y = regression_targets(x)
    out.append(run_case(out_dir, "opt_sgd_loss_scale_factor",
                        "regressor, mse + mae, SGD(momentum=0.5, loss_scale_factor=128)", regressor(),
                        dict(optimizer=opt.SGD(learning_rate=0.05, momentum=0.5, loss_scale_factor=128.0),
                             loss="mse", metrics=["mae"]),
                        x, y, fit_kw=dict(validation_split=0.2)))

    # 9. activity_regularizer (a base Layer argument): the penalty on the hidden layer's output
    #    is divided by the batch size, which the last batch of 12 rows checks.
    x = features(n)
    y = regression_targets(x)
    inputs = keras.Input((FEATURES,), name="features")
    h = layers.Dense(HIDDEN, activation="relu", name="hidden",
                     activity_regularizer=keras.regularizers.L1L2(l1=0.01, l2=0.02))(inputs)
    outputs = layers.Dense(1, name="out")(h)
    out.append(run_case(out_dir, "activity_regularizer", "regressor, L1L2 activity_regularizer, SGD",
                        keras.Model(inputs, outputs, name="activity_regularized"),
                        dict(optimizer=opt.SGD(learning_rate=0.05), loss="mse", metrics=["mae"]),
                        x, y, fit_kw=dict(validation_split=0.2)))

    # 10. Weight constraints, applied by the optimizer after each update: a MaxNorm small enough
    #     to bind from the first step, NonNeg on a bias, MinMaxNorm with rate < 1 on the output.
    x = features(n)
    y = regression_targets(x)
    inputs = keras.Input((FEATURES,), name="features")
    h = layers.Dense(HIDDEN, activation="relu", name="hidden",
                     kernel_constraint=keras.constraints.MaxNorm(max_value=0.5),
                     bias_constraint=keras.constraints.NonNeg())(inputs)
    outputs = layers.Dense(1, name="out", kernel_constraint=keras.constraints.MinMaxNorm(
        min_value=0.2, max_value=0.6, rate=0.5))(h)
    out.append(run_case(out_dir, "constraints", "regressor, MaxNorm / NonNeg / MinMaxNorm, SGD",
                        keras.Model(inputs, outputs, name="constrained"),
                        dict(optimizer=opt.SGD(learning_rate=0.1, momentum=0.5), loss="mse",
                             metrics=["mae"]),
                        x, y, fit_kw=dict(epochs=2, validation_split=0.2)))

    # 11. A small CNN: Conv2D + BatchNormalization + pooling + Dense. fit updates BN's moving
    #     statistics (momentum 0.8, so that six steps move them visibly); no Dropout, no shuffle.
    images = RNG.normal(size=(n, 6, 6, 2)).astype("float32")
    labels = class_labels(images.reshape(n, -1)[:, :FEATURES])
    inputs = keras.Input((6, 6, 2), name="image")
    # No bias before BatchNormalization (as Keras's examples do): its gradient is zero in exact
    # arithmetic, so it would train on rounding noise that Adam scales up to full steps.
    h = layers.Conv2D(4, 3, padding="same", use_bias=False, name="conv")(inputs)
    h = layers.BatchNormalization(momentum=0.8, name="bn")(h)
    h = layers.Activation("relu", name="relu")(h)
    h = layers.MaxPooling2D(2, name="pool")(h)
    h = layers.Conv2D(3, 2, activation="relu", name="conv2")(h)
    h = layers.Flatten(name="flatten")(h)
    outputs = layers.Dense(CLASSES, activation="softmax", name="out")(h)
    out.append(run_case(out_dir, "small_cnn", "Conv2D + BatchNormalization + MaxPooling2D, Adam",
                        keras.Model(inputs, outputs, name="small_cnn"),
                        dict(optimizer=opt.Adam(learning_rate=0.01),
                             loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
                        images, labels, fit_kw=dict(epochs=2, validation_split=0.2)))

    # 12. Padded sequences: Embedding(mask_zero) + LSTM + Dense. The padded steps (id 0, at the
    #     end of each row, some rows also padded in front) are skipped by the LSTM.
    steps, vocab = 7, 10
    lengths = RNG.integers(2, steps + 1, size=n)
    ids = np.zeros((n, steps), dtype="int32")
    for i, length in enumerate(lengths):
        start = RNG.integers(0, steps - length + 1) if i % 3 == 0 else 0
        ids[i, start:start + length] = RNG.integers(1, vocab, size=length)
    seq_labels = ((ids >= 5).sum(axis=1) % CLASSES).astype("int32")
    tokens = keras.Input((steps,), dtype="int32", name="tokens")
    h = layers.Embedding(vocab, 4, mask_zero=True, name="embedding")(tokens)
    h = layers.LSTM(5, name="lstm")(h)
    outputs = layers.Dense(CLASSES, activation="softmax", name="out")(h)
    out.append(run_case(out_dir, "masked_lstm", "Embedding(mask_zero) + LSTM + Dense, Adam",
                        keras.Model(tokens, outputs, name="masked_lstm"),
                        dict(optimizer=keras.optimizers.Adam(learning_rate=0.01),
                             loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
                        ids, seq_labels, fit_kw=dict(epochs=2, validation_split=0.2)))

    # 13. A label per step: the output keeps the mask, so the loss and the metric average over
    #     the real steps only (Keras's masked averaging).
    step_labels = (ids % CLASSES).astype("int32")
    tokens = keras.Input((steps,), dtype="int32", name="tokens")
    h = layers.Embedding(vocab, 3, mask_zero=True, name="embedding")(tokens)
    h = layers.GRU(4, return_sequences=True, name="gru")(h)
    outputs = layers.Dense(CLASSES, activation="softmax", name="out")(h)
    out.append(run_case(out_dir, "masked_sequence_labels",
                        "Embedding(mask_zero) + GRU(return_sequences) + Dense, masked loss, RMSprop",
                        keras.Model(tokens, outputs, name="masked_tagger"),
                        dict(optimizer=keras.optimizers.RMSprop(learning_rate=0.01),
                             loss="sparse_categorical_crossentropy", metrics=["accuracy"]),
                        ids, step_labels, fit_kw=dict(epochs=2),
                        history_not_compared={"accuracy": (
                            "Keras 3 on JAX loses the output mask between the forward pass and "
                            "the training metrics (jax.value_and_grad returns new arrays), so its "
                            "training accuracy counts the padded steps; on TensorFlow and torch, "
                            "and in its evaluate, only the real steps count, as in keraspp "
                            "(evaluate is compared)")}))

    # 14. ReduceLROnPlateau: Adam's rate halves after each epoch whose val_loss is not below the
    #     best so far by min_delta; the callback logs the rate, so History has learning_rate.
    x = features(n)
    y = regression_targets(x)
    out.append(run_case(out_dir, "reduce_lr_on_plateau",
                        "regressor, mse + mae, Adam, ReduceLROnPlateau(val_loss, patience 0)",
                        regressor(),
                        dict(optimizer=opt.Adam(learning_rate=0.05), loss="mse", metrics=["mae"]),
                        x, y, fit_kw=dict(epochs=5, validation_split=0.2, callbacks=[
                            keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5,
                                                              patience=0, min_delta=0.3)])))

    # 15 + 16. use_ema: fit ends with the moving averages in the model (the optimizer's
    #     finalize_variable_values); with SwapEMAWeights(swap_on_epoch=True) validation runs on
    #     the averages too, and they are in the model between epochs.
    x = features(n)
    y = regression_targets(x)
    out.append(run_case(out_dir, "use_ema", "regressor, mse + mae, SGD(use_ema, ema_momentum=0.7)",
                        regressor(),
                        dict(optimizer=opt.SGD(learning_rate=0.05, momentum=0.5, use_ema=True,
                                               ema_momentum=0.7),
                             loss="mse", metrics=["mae"]),
                        x, y, fit_kw=dict(validation_split=0.2)))
    out.append(run_case(out_dir, "swap_ema_weights",
                        "regressor, SGD(use_ema), SwapEMAWeights(swap_on_epoch=True)", regressor(),
                        dict(optimizer=opt.SGD(learning_rate=0.05, momentum=0.5, use_ema=True,
                                               ema_momentum=0.7),
                             loss="mse", metrics=["mae"]),
                        x, y, fit_kw=dict(validation_split=0.2, callbacks=[
                            keras.callbacks.SwapEMAWeights(swap_on_epoch=True)])))
    # 17. A metric of each family on a binary classifier: accuracy, probabilistic, regression,
    #     hinge, confusion-matrix (thresholded and AUC), IoU and F-score metrics, updated per
    #     batch in fit, validation and evaluate. Named explicitly: Keras numbers default names
    #     per session.
    x = features(n)
    yb = binary_targets(x)
    m = keras.metrics
    out.append(run_case(out_dir, "metric_families",
                        "sigmoid classifier, BCE, Adam, one metric of each family",
                        sequential_classifier("sigmoid", 1),
                        dict(optimizer=opt.Adam(learning_rate=0.01), loss="binary_crossentropy",
                             metrics=["binary_accuracy", m.BinaryCrossentropy(name="bce"),
                                      m.RootMeanSquaredError(name="rmse"), m.R2Score(name="r2"),
                                      "hinge", m.AUC(num_thresholds=50, name="auc"),
                                      m.Precision(name="precision"), m.Recall(name="recall"),
                                      m.TruePositives(name="tp"), m.BinaryIoU(name="iou"),
                                      m.F1Score(average="micro", threshold=0.5, name="f1")]),
                        x, yb, fit_kw=dict(validation_split=0.2)))
    # 18. Metrics whose result is an array: Keras logs (and History records, and evaluate
    #     returns) the array itself — Precision / Recall at several thresholds, a per-class F1
    #     and a per-threshold count; a one-threshold list logs a number.
    x = features(n)
    y = one_hot(class_labels(x))
    out.append(run_case(out_dir, "vector_metrics",
                        "softmax classifier, CCE, Adam, array-valued metrics",
                        sequential_classifier(),
                        dict(optimizer=opt.Adam(learning_rate=0.01),
                             loss="categorical_crossentropy",
                             metrics=[m.Precision(thresholds=[0.3, 0.5, 0.7], name="p3"),
                                      m.Recall(thresholds=[0.3, 0.5, 0.7], name="r3"),
                                      m.F1Score(average=None, name="f1"),
                                      m.TruePositives(thresholds=[0.2, 0.6], name="tp2"),
                                      m.Precision(thresholds=[0.5], name="p1")]),
                        x, y, fit_kw=dict(validation_split=0.2)))
    # 19. A per-class F1 of a one-unit output is an array of shape (1,): numpy 2 refuses
    #     float() on it, so Keras logs it as an array, not a number.
    x = features(n)
    yb = binary_targets(x)
    out.append(run_case(out_dir, "vector_metric_one_class",
                        "sigmoid classifier, BCE, Adam, F1Score(average=None) of one class",
                        sequential_classifier("sigmoid", 1),
                        dict(optimizer=opt.Adam(learning_rate=0.01), loss="binary_crossentropy",
                             metrics=[m.F1Score(average=None, threshold=0.5, name="f1")]),
                        x, yb, fit_kw=dict(epochs=2)))
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: generate_fit.py <output dir>")
    out_dir = sys.argv[1]
    start = time.time()
    keras.utils.set_random_seed(1234)
    shutil.rmtree(os.path.join(out_dir, "fit_data"), ignore_errors=True)
    os.makedirs(out_dir, exist_ok=True)
    manifest = {"version": 1, "keras": keras.__version__, "jax": jax.__version__,
                "numpy": np.__version__, "cases": cases(out_dir)}
    tmp = os.path.join(out_dir, "fit.json.tmp")
    with open(tmp, "w") as f:
        json.dump(manifest, f, indent=1, allow_nan=False)
    os.replace(tmp, os.path.join(out_dir, "fit.json"))
    print(f"[fit oracle] {len(manifest['cases'])} cases in {time.time() - start:.1f} s -> {out_dir}")


if __name__ == "__main__":
    main()
