#!/usr/bin/env python3
"""Generates the Keras conformance cases for the optimizers
(tests/optimizers/test_optimizers_oracle.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_optimizers.py <build_dir>/oracle
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_optimizers.py --check <job.json>
      (Keras loads .keras files keraspp saved with the new optimizers and trains on as we did:
      tests/optimizers/test_optimizer_files_keras.cpp)

Writes optimizers.json:
    {"version": 1, "keras": ...,
     "variables": [{"path", "shape", "value"}],  the trainable variables every case starts from
                                                 (a Dense kernel, 2-D, and its bias, 1-D)
     "cases": [case...],
     "names": {name: serialized | null},          serialize(get(name)) for every name in
                                                 keras.optimizers.ALL_OBJECTS_DICT (null where
                                                 Keras's get refuses the bare name)
     "files": [{"file", "x", "y", "slots": [{"path", "value"}], "next_loss", "keras_check"}]}
                                                 a .keras file of a model Keras trained two
                                                 steps with a new optimizer, its optimizer
                                                 variables then, and one more epoch's loss
                                                 (keras_check: Keras loads our file back)
    case = {"id", "optimizer": serialized (before any step),
            "exclude_from_weight_decay": [regex...] (optional),
            "steps": [{"grads": [flat per variable], "nonfinite": bool}],
            "after": [[flat per variable] per step], "iterations": [per step] (the step
            counter Keras saves as "iteration"),
            "slots": [{"path", "shape", "dtype", "value"}] (optimizer.variables after the
            last step)}
    serialized = json.dumps(keras.optimizers.serialize(optimizer)): Keras 3's dict as JSON
                 text, so key order and number spellings survive.
    A step with "nonfinite" has its first kernel gradient replaced by +inf (LossScaleOptimizer
    skips such steps). Values are float32 written as Python floats (exact).
"""
import json
import os
import sys

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import optimizers as O  # noqa: E402
from keras.src.optimizers import ALL_OBJECTS_DICT  # noqa: E402

RNG = np.random.default_rng(20261205)
KERNEL = RNG.standard_normal((3, 4)).astype("float32")
BIAS = (RNG.standard_normal(4) * 0.1).astype("float32")
STEPS = 4
# One gradient per step and variable; step 3's are small, so clipping and trust ratios vary.
GRADS = [[RNG.standard_normal((3, 4)).astype("float32") * s,
          RNG.standard_normal(4).astype("float32") * s] for s in (1.0, 2.5, 0.01, 1.0)]

SCHEDULE = O.schedules.ExponentialDecay(0.05, decay_steps=2, decay_rate=0.5)

# (id, constructor, options): each optimizer with its defaults and with other arguments, then
# the base optimizer's features (clipping, weight decay with exclusions, EMA, gradient
# accumulation, a schedule) on the new optimizers.
CASES = [
    ("adagrad", lambda: O.Adagrad(), {}),
    ("adagrad_custom", lambda: O.Adagrad(0.1, initial_accumulator_value=0.5, epsilon=1e-3), {}),
    ("adadelta", lambda: O.Adadelta(), {}),
    ("adadelta_custom", lambda: O.Adadelta(1.0, rho=0.8, epsilon=1e-4), {}),
    ("adamax", lambda: O.Adamax(), {}),
    ("adamax_custom", lambda: O.Adamax(0.02, beta_1=0.8, beta_2=0.9, epsilon=1e-3), {}),
    ("nadam", lambda: O.Nadam(), {}),
    ("nadam_custom", lambda: O.Nadam(0.02, beta_1=0.8, beta_2=0.95, epsilon=1e-4), {}),
    ("lion", lambda: O.Lion(), {}),
    ("lion_custom", lambda: O.Lion(0.01, beta_1=0.5, beta_2=0.9), {}),
    ("ftrl", lambda: O.Ftrl(), {}),
    ("ftrl_custom", lambda: O.Ftrl(0.1, learning_rate_power=-0.7, initial_accumulator_value=0.2,
                                   l1_regularization_strength=0.01,
                                   l2_regularization_strength=0.02,
                                   l2_shrinkage_regularization_strength=0.03, beta=0.5), {}),
    ("lamb", lambda: O.Lamb(), {}),
    ("lamb_custom", lambda: O.Lamb(0.01, beta_1=0.8, beta_2=0.95, epsilon=1e-4), {}),
    ("adafactor", lambda: O.Adafactor(), {}),
    ("adafactor_custom", lambda: O.Adafactor(0.5, beta_2_decay=-0.5, epsilon_1=1e-20,
                                             epsilon_2=1e-2, clip_threshold=0.5,
                                             relative_step=False), {}),
    ("adadelta_clipnorm", lambda: O.Adadelta(1.0, clipnorm=0.5), {}),
    ("ftrl_global_clipnorm", lambda: O.Ftrl(0.1, global_clipnorm=1.0), {}),
    ("adafactor_clipvalue", lambda: O.Adafactor(0.1, clipvalue=0.3), {}),
    ("lion_weight_decay", lambda: O.Lion(0.01, weight_decay=0.5), {"exclude": ["bias"]}),
    ("adamax_weight_decay", lambda: O.Adamax(0.01, weight_decay=0.2), {}),
    ("lamb_weight_decay", lambda: O.Lamb(0.01, weight_decay=0.1), {"exclude": ["ker"]}),
    ("adagrad_ema", lambda: O.Adagrad(0.1, use_ema=True, ema_momentum=0.9,
                                      ema_overwrite_frequency=3), {}),
    ("nadam_ema", lambda: O.Nadam(0.01, use_ema=True, ema_momentum=0.5), {}),
    ("nadam_accumulation", lambda: O.Nadam(0.01, gradient_accumulation_steps=2), {}),
    ("adafactor_accumulation", lambda: O.Adafactor(0.1, gradient_accumulation_steps=2), {}),
    ("lion_accumulation_ema", lambda: O.Lion(0.01, gradient_accumulation_steps=2, use_ema=True,
                                             ema_momentum=0.8), {}),
    ("adafactor_schedule", lambda: O.Adafactor(SCHEDULE), {}),
    ("lamb_schedule", lambda: O.Lamb(SCHEDULE), {}),
    ("ftrl_loss_scale_factor", lambda: O.Ftrl(0.1, loss_scale_factor=8.0), {}),
    # Muon: the 2-D kernel takes the Newton-Schulz step, the bias the Adam one.
    ("muon", lambda: O.Muon(), {}),
    ("muon_custom", lambda: O.Muon(0.02, adam_beta_1=0.8, adam_beta_2=0.95,
                                   adam_weight_decay=None, epsilon=1e-4, weight_decay=0.1,
                                   muon_a=3.0, muon_b=-4.0, muon_c=1.5, adam_lr_ratio=0.5,
                                   momentum=0.9, ns_steps=3, nesterov=False, rms_rate=None), {}),
    ("muon_exclude_layers", lambda: O.Muon(0.01, exclude_layers=["nse/k"], weight_decay=0.5),
     {"exclude": ["bias"]}),
    ("muon_schedule_ema", lambda: O.Muon(SCHEDULE, use_ema=True, ema_momentum=0.5), {}),
    ("schedule_free_adamw", lambda: O.ScheduleFreeAdamW(), {}),
    ("schedule_free_adamw_custom",
     lambda: O.ScheduleFreeAdamW(0.05, beta_1=0.8, beta_2=0.95, epsilon=1e-4, warmup_steps=3,
                                 weight_decay=0.2, global_clipnorm=1.0), {"exclude": ["ker"]}),
    ("schedule_free_adamw_accumulation_ema",
     lambda: O.ScheduleFreeAdamW(0.05, gradient_accumulation_steps=2, use_ema=True,
                                 ema_momentum=0.8), {}),
    # MultiOptimizer: an exact key and a pattern (RMSprop, the default, never built), then a
    # pattern and the default, with the wrapper's loss scale factor passed on to both.
    ("multi_optimizer",
     lambda: O.MultiOptimizer(O.OptimizerMap(O.RMSprop(0.01), {
         "dense/kernel": O.Adam(0.01), ".*bias": O.SGD(0.1, momentum=0.9)})), {}),
    ("multi_optimizer_default_loss_scale",
     lambda: O.MultiOptimizer(O.OptimizerMap(O.Adagrad(0.1), {
         "dense/k.*": O.Lion(0.01, use_ema=True, ema_momentum=0.5)}), loss_scale_factor=4.0), {}),
    ("loss_scale_optimizer", lambda: O.LossScaleOptimizer(O.Adam(0.01)), {}),
    # (Not around Nadam or Adafactor: Keras's LossScaleOptimizer.build turns off variable
    # tracking while it builds the inner optimizer, so their bare backend.Variables -- Nadam's
    # running product, Adafactor's placeholders -- drop out of its variables, and on JAX
    # Nadam's product then never advances. keraspp keeps them.)
    ("loss_scale_optimizer_dynamic",
     lambda: O.LossScaleOptimizer(O.Adamax(0.01), initial_scale=4.0, dynamic_growth_steps=2),
     {"nonfinite": [1]}),
]


def floats(a):
    return [float(v) for v in np.asarray(a).reshape(-1)]


def run(case_id, make, opts):
    keras.backend.clear_session()
    dense = keras.layers.Dense(4, name="dense")
    dense.build((None, 3))
    dense.kernel.assign(KERNEL)
    dense.bias.assign(BIAS)
    variables = [dense.kernel, dense.bias]
    optimizer = make()
    serialized = json.dumps(O.serialize(optimizer))
    # Built as fit builds it (outside the optimizer's name scope, which apply's own build
    # would open): Nadam's product and Adafactor's placeholders get unscoped paths then.
    optimizer.build(variables)
    if "exclude" in opts:
        optimizer.exclude_from_weight_decay(var_names=opts["exclude"])
    steps, after, iterations = [], [], []
    for k, grads in enumerate(GRADS[:STEPS]):
        nonfinite = k in opts.get("nonfinite", [])
        g = [grads[0].copy(), grads[1].copy()]
        if isinstance(optimizer, O.LossScaleOptimizer):
            # The gradients of a scaled loss.
            g = [x * np.float32(optimizer.initial_scale) for x in g] if k == 0 else \
                [x * np.float32(keras.ops.convert_to_numpy(optimizer.dynamic_scale)) for x in g]
        if nonfinite:
            g[0].reshape(-1)[0] = np.inf
        tensors = [keras.ops.convert_to_tensor(x) for x in g]
        if isinstance(optimizer, (O.LossScaleOptimizer, O.MultiOptimizer)):
            # On JAX these only run statelessly (as fit runs them): LossScaleOptimizer's
            # stateful apply leaks tracers, MultiOptimizer's is refused.
            new_vars, new_slots = optimizer.stateless_apply(
                [v.value for v in optimizer.variables], tensors, [v.value for v in variables])
            for v, x in zip(variables + list(optimizer.variables), new_vars + new_slots):
                v.assign(x)
        else:
            optimizer.apply(tensors, variables)
        g[0].reshape(-1)[0] = 0.0 if nonfinite else g[0].reshape(-1)[0]
        steps.append({"grads": [floats(x) for x in g], "nonfinite": nonfinite})
        after.append([floats(keras.ops.convert_to_numpy(v)) for v in variables])
        # The step counter as saved (with gradient accumulation Keras's `iterations` property
        # divides it by the steps; keraspp's iterations() is the counter itself).
        counter = getattr(optimizer, "inner_optimizer", optimizer)._iterations
        iterations.append(int(keras.ops.convert_to_numpy(counter)))
    slots = [{"path": v.path, "shape": list(v.shape), "dtype": str(v.dtype),
              "value": floats(keras.ops.convert_to_numpy(v))} for v in optimizer.variables]
    case = {"id": case_id, "optimizer": serialized, "steps": steps, "after": after,
            "iterations": iterations, "slots": slots}
    if "exclude" in opts:
        case["exclude_from_weight_decay"] = opts["exclude"]
    return case


FILE_OPTIMIZERS = [("nadam", lambda: O.Nadam(0.01)), ("adafactor", lambda: O.Adafactor(0.05)),
                   ("muon", lambda: O.Muon(0.01)),
                   ("schedule_free_adamw", lambda: O.ScheduleFreeAdamW(0.01, warmup_steps=2)),
                   # The second layer's variables to Adam, the first's to the default SGD.
                   ("multi_optimizer",
                    lambda: O.MultiOptimizer(O.OptimizerMap(O.SGD(0.05, momentum=0.5), {
                        ".*dense_1/.*": O.Adam(0.01)}))),
                   ("loss_scale_optimizer",
                    lambda: O.LossScaleOptimizer(O.Lion(0.01), initial_scale=16.0,
                                                 dynamic_growth_steps=3))]


# Keras loading our files back (test_optimizer_files_keras.cpp) costs about a second a file on
# every backend's run: Muon's and ScheduleFreeAdamW's state is plain positional variables like
# Nadam's (checked once by hand), so of the new files only MultiOptimizer's, whose file also
# holds each inner optimizer's group, goes back to Keras.
NOT_CHECKED_BY_KERAS = {"muon", "schedule_free_adamw"}


def saved_files(out_dir):
    """A model Keras trained two steps with each optimizer, saved as .keras: its optimizer
    variables, and the loss of one more epoch."""
    rng = np.random.default_rng(7)
    x = rng.standard_normal((8, 3)).astype("float32")
    y = rng.standard_normal((8, 2)).astype("float32")
    np.save(os.path.join(out_dir, "optimizer_files_x.npy"), x)
    np.save(os.path.join(out_dir, "optimizer_files_y.npy"), y)
    out = []
    for name, make in FILE_OPTIMIZERS:
        keras.backend.clear_session()
        keras.utils.set_random_seed(1)
        model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="tanh"),
                                  keras.layers.Dense(2)])
        model.compile(optimizer=make(), loss="mse")
        model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
        file = f"optimizer_{name}.keras"
        model.save(os.path.join(out_dir, file))
        slots = [{"path": v.path, "value": floats(keras.ops.convert_to_numpy(v))}
                 for v in model.optimizer.variables]
        history = model.fit(x, y, batch_size=4, epochs=1, shuffle=False, verbose=0)
        out.append({"file": file, "x": "optimizer_files_x.npy", "y": "optimizer_files_y.npy",
                    "slots": slots, "next_loss": float(history.history["loss"][0]),
                    "keras_check": name not in NOT_CHECKED_BY_KERAS})
    return out


def names():
    out = {}
    for name in sorted(ALL_OBJECTS_DICT):
        keras.backend.clear_session()
        try:
            out[name] = json.dumps(O.serialize(O.get(name)))
        except Exception:  # Keras's get refuses it (LossScaleOptimizer needs an inner one)
            out[name] = None
    return out


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    cases = [run(*c) for c in CASES]
    manifest = {"version": 1, "keras": keras.__version__,
                "variables": [{"path": "dense/kernel", "shape": [3, 4], "value": floats(KERNEL)},
                              {"path": "dense/bias", "shape": [4], "value": floats(BIAS)}],
                "cases": cases, "names": names(), "files": saved_files(out_dir)}
    path = os.path.join(out_dir, "optimizers.json")
    with open(path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=1, allow_nan=False)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(cases)} optimizer cases and {len(manifest['names'])} names to {path}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        # Keras loading the .keras files keraspp wrote after training on from ours
        # (tests/optimizers/test_optimizer_files_keras.cpp): see keras_files_common.check.
        from keras_files_common import check  # noqa: E402
        check(sys.argv[2], keras.saving.load_model, keras.utils.clear_session)
    else:
        main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
