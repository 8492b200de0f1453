#!/usr/bin/env python3
"""Generates the Keras conformance cases for keras::metrics (tests/metrics/test_metrics_oracle.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_metrics.py <build_dir>/oracle

Writes metrics.json:
    {"version": 1, "keras": ...,
     "cases": [case...],
     "names": {name: serialized or null},  keras.metrics.serialize(keras.metrics.get(name)) for
                                           every name keras.metrics.get accepts; null when get()
                                           itself raises (a class with a required argument)
     "functions": {name: serialized},      what compile() makes of a built-in function given as
                                           a metric (compile_utils.get_metric), by its name
     "unknown_name_error": str}            the message of keras.metrics.get("no_such_metric")
    case = {"id": ..., "metric": serialized, "extra_config": {...},
            "updates": [{"y_true": array, "y_pred": array, "sample_weight": array or null,
                         "result": array}...],
            "variables": [{"path": ..., "value": array}...]}   the state after the last update
    serialized = json.dumps(keras.metrics.serialize(metric)): Keras 3's dict as JSON text, so
                 its key order survives.
    extra_config = constructor arguments Keras does not save (CosineSimilarity's axis), to be
                   merged into the config before building the metric.
    array = {"shape": [...], "values": flat list}
Values are float32 written as Python floats, so they round-trip exactly. Every metric is updated
eagerly, as Keras's own metric tests do.
"""
import collections
import json
import os
import sys
import warnings

import oracle_common  # noqa: E402  first: it sets up JAX for Keras
from oracle_common import RandomArrays, f32  # noqa: E402

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import losses  # noqa: E402
from keras import metrics  # noqa: E402
from keras.src.backend.common import global_state  # noqa: E402
from keras.src.metrics import ALL_OBJECTS_DICT  # noqa: E402
from keras.src.trainers.compile_utils import get_metric  # noqa: E402

ARRAYS = RandomArrays(20251206)
RNG = ARRAYS.rng
normal, uniform, probs, binary, weights = (ARRAYS.normal, ARRAYS.uniform, ARRAYS.probs,
                                           ARRAYS.binary, ARRAYS.weights)


def labels(k, *shape):
    return f32(RNG.integers(0, k, shape))


def one_hot(k, n):
    return f32(np.eye(k)[RNG.integers(0, k, n)])


def u(y_true, y_pred, sw=None):
    return (f32(y_true), f32(y_pred), None if sw is None else f32(sw))


def cases():
    """(id, a function making the metric, [updates], extra_config)."""
    c = []

    def add(case_id, metric, updates, extra=None):
        c.append((case_id, metric, updates, extra or {}))

    # Running means of loss functions: random 2-D, weighted, 3-D with a weight per sample and
    # with a weight per (sample, step).
    def mean_updates(make_true, make_pred):
        return [u(make_true(4, 3), make_pred(4, 3)),
                u(make_true(4, 3), make_pred(4, 3), weights(4)),
                u(make_true(2, 3, 3), make_pred(2, 3, 3), weights(2, 3))]

    nrm = lambda *s: normal(*s, scale=2.0)  # noqa: E731
    pos = lambda *s: uniform(*s, lo=0.0, hi=3.0)  # noqa: E731
    add("mse", lambda: metrics.MeanSquaredError(), mean_updates(nrm, nrm))
    add("mae", lambda: metrics.MeanAbsoluteError(name="my_mae"), mean_updates(nrm, nrm))
    mape = mean_updates(nrm, nrm)
    mape[0][0][0, 0] = 0.0  # a zero label: Keras divides by epsilon
    add("mape", lambda: metrics.MeanAbsolutePercentageError(), mape)
    add("msle", lambda: metrics.MeanSquaredLogarithmicError(), mean_updates(pos, nrm))
    add("logcosh", lambda: metrics.LogCoshError(), mean_updates(nrm, nrm))
    add("poisson", lambda: metrics.Poisson(), mean_updates(pos, pos))
    add("kld", lambda: metrics.KLDivergence(), mean_updates(probs, probs))
    cos = mean_updates(nrm, nrm)
    cos[0][1][1] = 0.0  # a zero row: similarity 0
    add("cosine", lambda: metrics.CosineSimilarity(), cos)
    add("cosine_axis1", lambda: metrics.CosineSimilarity(axis=1),
        [u(nrm(2, 3, 4), nrm(2, 3, 4)), u(nrm(3, 3, 2), nrm(3, 3, 2), weights(3))],
        extra={"axis": 1})
    sign = lambda *s: binary(*s) * 2 - 1  # noqa: E731
    add("hinge_01", lambda: metrics.Hinge(), mean_updates(binary, nrm))
    add("hinge_pm1", lambda: metrics.Hinge(), mean_updates(sign, nrm))
    add("squared_hinge", lambda: metrics.SquaredHinge(), mean_updates(binary, nrm))
    add("categorical_hinge", lambda: metrics.CategoricalHinge(),
        [u(one_hot(3, 4), nrm(4, 3)), u(one_hot(3, 4), nrm(4, 3), weights(4)),
         u(one_hot(3, 5), nrm(5, 3))])
    add("bce", lambda: metrics.BinaryCrossentropy(), mean_updates(binary, lambda *s: uniform(*s)))
    add("bce_logits_smooth",
        lambda: metrics.BinaryCrossentropy(name="bce2", from_logits=True, label_smoothing=0.1),
        mean_updates(binary, nrm))
    add("cce", lambda: metrics.CategoricalCrossentropy(),
        [u(one_hot(3, 4), probs(4, 3)), u(one_hot(3, 4), probs(4, 3), weights(4)),
         u(f32(np.eye(3)[[0, 0, 0, 0]]), probs(4, 3))])
    add("cce_logits_smooth",
        lambda: metrics.CategoricalCrossentropy(from_logits=True, label_smoothing=0.2),
        [u(one_hot(4, 3), nrm(3, 4)), u(one_hot(4, 3), nrm(3, 4), weights(3))])
    add("cce_axis0", lambda: metrics.CategoricalCrossentropy(axis=0),
        [u(f32(np.eye(3)[:, [0, 2, 1, 1]]), probs(4, 3).T.copy()),
         u(f32(np.eye(3)[:, [2, 2, 1, 0]]), probs(4, 3).T.copy(), weights(4))])
    add("scce", lambda: metrics.SparseCategoricalCrossentropy(),
        [u(labels(3, 4), probs(4, 3)), u(labels(3, 4, 1), probs(4, 3), weights(4)),
         u(labels(3, 2, 3), probs(2, 3, 3))])
    add("scce_logits", lambda: metrics.SparseCategoricalCrossentropy(from_logits=True),
        [u(labels(4, 5), nrm(5, 4)), u(labels(4, 5), nrm(5, 4), weights(5))])
    add("scce_ignore", lambda: metrics.SparseCategoricalCrossentropy(ignore_class=1),
        [u([0, 1, 2, 1], probs(4, 3)), u([1, 1, 2, 0], probs(4, 3), weights(4)),
         u([[0, 1], [1, 2]], probs(2, 2, 3), weights(2))])
    add("rmse", lambda: metrics.RootMeanSquaredError(), mean_updates(nrm, nrm))
    add("rmse_rank1", lambda: metrics.RootMeanSquaredError(),
        [u(nrm(5), nrm(5, 1)), u(nrm(5, 1), nrm(5), weights(5))])

    # Correlations per sample along an axis (a constant row: Keras's NaN is avoided).
    add("pearson", lambda: metrics.PearsonCorrelation(), mean_updates(nrm, nrm))
    add("pearson_axis0", lambda: metrics.PearsonCorrelation(axis=0, name="p0"),
        [u(nrm(5, 3), nrm(5, 3)), u(nrm(4, 2), nrm(4, 2), weights(2))])
    add("concordance", lambda: metrics.ConcordanceCorrelation(), mean_updates(nrm, nrm))
    add("concordance_axis1", lambda: metrics.ConcordanceCorrelation(axis=1),
        [u(nrm(2, 4, 3), nrm(2, 4, 3), weights(2))])

    # R2Score: every aggregation, weights per sample and per output, a constant output (its
    # total variance is 0: Keras scores it 0), adjusted R2 and its fallback.
    def r2_updates():
        yt = nrm(5, 3)
        yt[:, 2] = 1.5
        return [u(yt, yt + nrm(5, 3) * 0.5), u(nrm(4, 3), nrm(4, 3), weights(4)),
                u(nrm(3, 3), nrm(3, 3), weights(3, 3))]

    add("r2", lambda: metrics.R2Score(), r2_updates())
    add("r2_variance_weighted",
        lambda: metrics.R2Score(class_aggregation="variance_weighted_average"), r2_updates())
    add("r2_raw", lambda: metrics.R2Score(class_aggregation=None), r2_updates())
    add("r2_adjusted", lambda: metrics.R2Score(num_regressors=2), r2_updates())
    add("r2_adjusted_fallback", lambda: metrics.R2Score(num_regressors=40, name="r2b"),
        r2_updates())
    add("r2_rank1", lambda: metrics.R2Score(),
        [u(nrm(6, 1), nrm(6)), u(nrm(4), nrm(4, 1))])

    # F-scores: every average, with and without a threshold; ties for the row maximum, rows
    # of zeros, one class only, and sample weights.
    ties = f32([[0.3, 0.3, 0.1], [0.0, 0.0, 0.0], [0.2, 0.5, 0.5], [0.9, 0.05, 0.05]])

    def f_updates():
        return [u(one_hot(3, 4), ties),
                u(binary(5, 3), uniform(5, 3), weights(5)),
                u(f32(np.eye(3)[[1, 1, 1]]), uniform(3, 3))]

    for average in [None, "micro", "macro", "weighted"]:
        for threshold in [None, 0.5]:
            key = f"{average or 'none'}_{'max' if threshold is None else threshold}"
            add(f"f1_{key}",
                lambda a=average, t=threshold: metrics.F1Score(average=a, threshold=t),
                f_updates())
    add("fbeta_2_macro", lambda: metrics.FBetaScore(average="macro", beta=2.0), f_updates())
    add("fbeta_half_none", lambda: metrics.FBetaScore(beta=0.5, threshold=0.3, name="fb"),
        f_updates())
    add("fbeta_weighted", lambda: metrics.FBetaScore(average="weighted", beta=1.5), f_updates())

    # IoU family: ignored classes, labels/predictions out of range, 2-D label maps, float
    # weights (Keras truncates them to int: 0.5 counts 0, 1.7 counts 1), scores with argmax.
    add("iou", lambda: metrics.IoU(num_classes=3, target_class_ids=[0, 2]),
        [u([0, 1, 2, 2, 1], [0, 2, 2, 1, 1]),
         u([[0, 1], [2, 0]], [[0, 0], [2, 2]], [[1.0, 2.0], [0.5, 1.7]]),
         u([-1, 3, 0, 1], [0, 1, 5, 1])])
    add("iou_ignore_scores",
        lambda: metrics.IoU(num_classes=3, target_class_ids=[1], ignore_class=0,
                            sparse_y_pred=False,
                    name="iou_1"),
        [u([0, 1, 2, 1], probs(4, 3)), u([1, 1, 0, 2], probs(4, 3), [2.0, 1.0, 3.0, 1.0])])
    add("iou_onehot_true",
        lambda: metrics.IoU(num_classes=4, target_class_ids=[3, 0], sparse_y_true=False),
        [u(one_hot(4, 5), labels(4, 5)), u(one_hot(4, 5), labels(4, 5))])
    add("iou_never_seen", lambda: metrics.IoU(num_classes=3, target_class_ids=[2]),
        [u([0, 1, 0], [1, 1, 0])])
    add("mean_iou", lambda: metrics.MeanIoU(num_classes=3),
        [u(labels(3, 6), labels(3, 6)), u(labels(3, 2, 3), labels(3, 2, 3), weights(2, 3) * 2),
         u([2, 2, 2], [2, 2, 2])])
    # (Keras's result() sums the per-class IoUs along `axis` too, so only axis -1 or 0 gives a
    # result.)
    add("mean_iou_ignore_3d", lambda: metrics.MeanIoU(num_classes=4, ignore_class=3,
                                              sparse_y_true=False, sparse_y_pred=False),
        [u(f32(np.eye(4)[RNG.integers(0, 4, (2, 3))]), probs(2, 3, 4))])
    add("binary_iou", lambda: metrics.BinaryIoU(),
        [u(binary(6), uniform(6)),
         u(binary(3, 2), uniform(3, 2), [[1.0, 2.0], [0.0, 3.0], [1.0, 1.0]]),
         u([0.7, 1.0, 0.2], [0.5, 0.49, 0.51])])
    add("binary_iou_one_target", lambda: metrics.BinaryIoU(target_class_ids=[1], threshold=0.3,
                                                   name="biou"),
        [u(binary(6), uniform(6)), u([1, 1, 1], [0.1, 0.3, 0.9])])
    add("one_hot_iou", lambda: metrics.OneHotIoU(num_classes=3, target_class_ids=[0, 1]),
        [u(one_hot(3, 5), probs(5, 3)), u(one_hot(3, 4), probs(4, 3), [1.0, 0.0, 2.0, 1.0])])
    add("one_hot_iou_sparse_pred",
        lambda: metrics.OneHotIoU(num_classes=3, target_class_ids=[2], sparse_y_pred=True,
                          ignore_class=0),
        [u(one_hot(3, 5), labels(3, 5))])
    add("one_hot_mean_iou", lambda: metrics.OneHotMeanIoU(num_classes=3),
        [u(one_hot(3, 5), probs(5, 3)), u(one_hot(3, 6), probs(6, 3), weights(6) * 2)])
    add("one_hot_mean_iou_sparse", lambda: metrics.OneHotMeanIoU(num_classes=4, sparse_y_pred=True,
                                                         name="ohm"),
        [u(one_hot(4, 5), labels(4, 5))])
    return c


def fresh_names():
    """Resets Keras's auto-naming ("mean_io_u", then "mean_io_u_1", ...), as clear_session does
    (without its garbage collection), so each auto-named metric (the IoUs) gets its first name."""
    global_state.set_global_attribute("object_name_uids", collections.defaultdict(int))


def array(a):
    return oracle_common.array(a, finite=True)


# The identifiers of the metrics another engineer implements (confusion_metrics.py); they are
# written here too, and the C++ test decides which to check.
def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    out = []
    ids = set()
    warnings.simplefilter("ignore")  # IoU's float weights, R2's adjusted-score fallback
    for case_id, make, updates, extra in cases():
        fresh_names()
        metric = make()
        assert case_id not in ids, case_id
        ids.add(case_id)
        serialized = json.dumps(metrics.serialize(metric))
        steps = []
        for y_true, y_pred, sw in updates:
            try:
                metric.update_state(y_true, y_pred, sample_weight=sw)
            except Exception as e:
                raise RuntimeError(f"case {case_id}") from e
            steps.append({"y_true": array(y_true), "y_pred": array(y_pred),
                          "sample_weight": None if sw is None else array(sw),
                          "result": array(metric.result())})
        variables = [{"path": v.path, "value": array(v.numpy())} for v in metric.variables]
        out.append({"id": case_id, "metric": serialized, "extra_config": extra,
                    "updates": steps, "variables": variables})
    names = {}
    for name in sorted(ALL_OBJECTS_DICT):
        try:
            fresh_names()
            names[name] = json.dumps(metrics.serialize(metrics.get(name)))
        except TypeError:
            names[name] = None  # a required argument (IoU's num_classes, a wrapper's fn)
    functions = {}
    for fn in [losses.mean_squared_error, losses.mean_absolute_error,
               losses.mean_absolute_percentage_error, losses.mean_squared_logarithmic_error,
               losses.cosine_similarity, losses.log_cosh, losses.poisson, losses.kl_divergence,
               losses.hinge, losses.squared_hinge, losses.categorical_hinge,
               losses.binary_crossentropy, losses.categorical_crossentropy,
               losses.sparse_categorical_crossentropy, losses.huber, metrics.binary_accuracy,
               metrics.categorical_accuracy, metrics.sparse_categorical_accuracy,
               metrics.top_k_categorical_accuracy, metrics.sparse_top_k_categorical_accuracy,
               metrics.pearson_correlation, metrics.concordance_correlation]:
        functions[fn.__name__] = json.dumps(metrics.serialize(get_metric(fn, None, None)))
    try:
        metrics.get("no_such_metric")
        raise AssertionError("keras.metrics.get accepted an unknown name")
    except ValueError as e:
        unknown = str(e)
    manifest = {"version": 1, "keras": keras.__version__, "cases": out, "names": names,
                "functions": functions, "unknown_name_error": unknown}
    path = os.path.join(out_dir, "metrics.json")
    with open(path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=None, allow_nan=False)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(out)} metric cases, {len(names)} names and {len(functions)} functions "
          f"to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
