#!/usr/bin/env python3
"""Generates the Keras conformance cases for the confusion-matrix metrics of keras::metrics
(tests/metrics/test_confusion_metrics_oracle.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_confusion_metrics.py <build_dir>/oracle

Writes confusion_metrics.json:
    {"version": 1, "keras": ...,
     "cases": [case...],
     "names": {name: entry},   keras.metrics.get(name) for each identifier of these classes
     "errors": [error...]}     constructor arguments Keras refuses, with its message
    case = {"id": ..., "metric": serialized,
            "updates": [{"y_true": array, "y_pred": array, "sample_weight": array or null,
                         "result": array}...],     update_state, then result()
            "variables": [{"path": ..., "value": array}...]}   the state at the end, in order
    entry = {"serialized": serialized} or {"error": type name, "message": str}
    error = {"class_name": ..., "config": {...}, "error": type name, "message": str}
    array = {"shape": [...], "values": flat list}
    serialized = json.dumps(keras.metrics.serialize(metric)): Keras 3's dict as JSON text, so
                 its key order survives.
Values are float32 written as Python floats, so they round-trip exactly.
"""
import json
import os
import sys

from oracle_common import RandomArrays, array, f32  # first: it sets up JAX for Keras
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import metrics  # noqa: E402

ARRAYS = RandomArrays(20251206)
RNG = ARRAYS.rng
# One batch size and class count throughout: each new shape costs JAX a compilation per op.
N, C = 8, 4

CLASSES = ["TruePositives", "TrueNegatives", "FalsePositives", "FalseNegatives", "Precision",
           "Recall", "AUC", "PrecisionAtRecall", "RecallAtPrecision",
           "SensitivityAtSpecificity", "SpecificityAtSensitivity"]


def labels(*shape):
    return f32(RNG.integers(0, 2, shape))


def preds(*shape):
    return f32(RNG.uniform(0, 1, shape))


def ties(*shape, n=5):
    """Predictions exactly on the thresholds i / (n - 1) (0 and 1 included) and on 0.5."""
    grid = np.concatenate([np.arange(n) / (n - 1), [0.5]])
    return f32(RNG.choice(grid, shape))


def weights(*shape):
    return ARRAYS.weights(*shape)


def logits(*shape):
    return f32(RNG.standard_normal(shape) * 2)


def batches_1d(n=N, k=3, weighted=False, tie=False):
    """k updates of 1-D labels and predictions."""
    out = []
    for i in range(k):
        p = ties(n) if tie and i != 1 else preds(n)
        out.append((labels(n), p, weights(n) if weighted else None))
    return out


def batches_2d(n=N, c=C, k=2, sw=None, tie=False):
    """k updates of (n, c) labels and predictions; sw: None, "row" (n,), "col" (n, 1), "full"."""
    out = []
    for i in range(k):
        p = ties(n, c) if tie and i == 0 else preds(n, c)
        w = {None: None, "row": lambda: weights(n), "col": lambda: weights(n, 1),
             "full": lambda: weights(n, c)}[sw]
        out.append((labels(n, c), p, w() if w else None))
    return out


def cases():
    m = metrics
    counts = [m.TruePositives, m.TrueNegatives, m.FalsePositives, m.FalseNegatives]
    for cls in counts:
        name = cls.__name__
        yield f"{name}_default_1d_ties", cls(), batches_1d(tie=True)
        yield f"{name}_evenly_2d_weighted", cls(thresholds=[0.0, 0.5, 1.0]), \
            batches_2d(sw="row", tie=True)
        yield f"{name}_uneven_weighted", cls(thresholds=[0.85, 0.15, 0.5]), \
            batches_1d(weighted=True, tie=True)
        yield f"{name}_scalar_threshold", cls(thresholds=0.3, name=f"my_{name}"), \
            batches_2d(c=1, tie=True)

    for cls in [m.Precision, m.Recall]:
        name = cls.__name__
        yield f"{name}_default_1d", cls(), batches_1d(tie=True)
        yield f"{name}_thresholds_2d", cls(thresholds=[0.2, 0.5, 0.7]), batches_2d(sw="full")
        yield f"{name}_one_listed_threshold", cls(thresholds=[0.5]), batches_1d(tie=True)
        yield f"{name}_evenly", cls(thresholds=[0.0, 0.25, 0.5, 0.75, 1.0]), \
            batches_2d(sw="col", tie=True)
        yield f"{name}_top_k", cls(top_k=2), batches_2d(tie=True)
        yield f"{name}_top_k_thresholds", cls(top_k=3, thresholds=[0.3, 0.6]), \
            batches_2d(sw="row")
        yield f"{name}_top_k_evenly", cls(top_k=1, thresholds=[0.0, 0.5, 1.0]), \
            batches_2d(tie=True)
        yield f"{name}_class_id", cls(class_id=2), batches_2d(sw="row", tie=True)
        yield f"{name}_class_id_top_k", cls(class_id=1, top_k=2), batches_2d(k=3)
        # All labels of one class: the other count stays 0 and result() divides by 0 safely.
        yield f"{name}_all_negative", cls(), [(f32(np.zeros(N)), preds(N), None)] * 2
        yield f"{name}_all_positive", cls(thresholds=[0.1, 0.9]), \
            [(f32(np.ones(N)), preds(N), weights(N)), (f32(np.ones(N)), preds(N), None)]
        # Non-binary labels are positive when non-zero; y_pred of (n, 1) against y_true (n,).
        yield f"{name}_nonbinary_labels", cls(), \
            [(f32([0, 2, -1, 0, 3, 0, 1, 0]), preds(N, 1), None),
             (f32([1, 0, 0, 5, 0, -2, 0, 1]), preds(N, 1), weights(N))]

    at = [(m.PrecisionAtRecall, "recall"), (m.RecallAtPrecision, "precision"),
          (m.SensitivityAtSpecificity, "specificity"),
          (m.SpecificityAtSensitivity, "sensitivity")]
    for cls, _ in at:
        name = cls.__name__
        yield f"{name}_default", cls(0.5), batches_1d(tie=True)
        yield f"{name}_weighted_2d", cls(0.8, num_thresholds=5), batches_2d(sw="row", tie=True)
        yield f"{name}_one_threshold", cls(0.3, num_thresholds=1), batches_1d(weighted=True)
        yield f"{name}_class_id", cls(0.6, num_thresholds=5, class_id=0), \
            batches_2d(sw="col")
        yield f"{name}_target_1", cls(1.0, num_thresholds=3), batches_1d(tie=True)

    yield "AUC_default", m.AUC(), batches_1d(tie=True)
    yield "AUC_default_2d_weighted", m.AUC(), batches_2d(sw="col", tie=True)
    for curve in ["ROC", "PR"]:
        for summation in ["interpolation", "minoring", "majoring"]:
            yield f"AUC_{curve}_{summation}_2d", \
                m.AUC(num_thresholds=5, curve=curve, summation_method=summation), \
                batches_2d(sw="row", tie=True)
    yield "AUC_PRGAIN", m.AUC(num_thresholds=5, curve="PRGAIN"), \
        [(labels(N), ties(N), f32(RNG.integers(1, 4, N))) for _ in range(2)]
    yield "AUC_lower_case_names", m.AUC(num_thresholds=5, curve="pr",
                                        summation_method="Majoring"), batches_1d()
    yield "AUC_thresholds", m.AUC(thresholds=[0.7, 0.2, 0.45]), batches_1d(weighted=True,
                                                                           tie=True)
    yield "AUC_thresholds_evenly", m.AUC(thresholds=[0.75, 0.25, 0.5]), \
        batches_1d(tie=True)
    # Outside [0, 1]: the evenly spaced route clips, the other compares as is.
    outside = [(labels(N), f32([-0.5, 1.5, 0.0, 1.0, 0.3, 2.0, 0.5, 0.75]), None)] * 2
    yield "AUC_outside_evenly", m.AUC(num_thresholds=4), outside
    yield "AUC_outside_thresholds", m.AUC(thresholds=[0.1, 0.35, 0.9]), outside
    yield "AUC_from_logits", m.AUC(num_thresholds=5, from_logits=True), \
        [(labels(N), logits(N), None), (labels(N), logits(N), weights(N))]
    yield "AUC_multi_label", m.AUC(num_thresholds=5, multi_label=True), \
        batches_2d(sw="row", tie=True)
    yield "AUC_multi_label_num_labels_weights", \
        m.AUC(num_thresholds=5, multi_label=True, num_labels=C,
              label_weights=[0.3, 1.0, 2.0, 0.7]), batches_2d(sw="full")
    yield "AUC_multi_label_PR", \
        m.AUC(curve="PR", multi_label=True, label_weights=[1.0, 0.0, 2.5, 1.0]), \
        batches_2d(k=3)
    yield "AUC_multi_label_thresholds", \
        m.AUC(thresholds=[0.3, 0.6, 0.1], multi_label=True, curve="PR", summation_method="minoring"), \
        batches_2d(sw="col")
    yield "AUC_label_weights_flat", m.AUC(num_thresholds=5, label_weights=[0.5, 1.5, 1.0, 0.25]), \
        batches_2d(sw="row")
    yield "AUC_label_weights_thresholds", \
        m.AUC(thresholds=[0.2, 0.4, 0.8], label_weights=[2.0, 0.25, 1.0, 0.5]), batches_2d()
    yield "AUC_all_one_class", m.AUC(num_thresholds=5, curve="PR"), \
        [(f32(np.ones(N)), preds(N), None), (f32(np.ones(N)), ties(N), None)]
    yield "AUC_all_negative", m.AUC(num_thresholds=5), [(f32(np.zeros(N)), preds(N), None)]


def error_of(fn):
    try:
        fn()
    except (ValueError, TypeError) as e:
        return type(e).__name__, str(e)
    raise AssertionError("Keras accepted it")


def errors():
    """Constructor arguments Keras refuses (as from_config would pass them)."""
    bad = [
        ("Precision", {"thresholds": [1.5, 0.5, -0.25]}),
        ("Recall", {"thresholds": 1.25}),
        ("TruePositives", {"thresholds": [-0.1]}),
        ("FalseNegatives", {"thresholds": [0.2, 2.0]}),
        ("AUC", {"num_thresholds": 1}),
        ("AUC", {"num_thresholds": -3}),
        ("AUC", {"curve": "roc_curve"}),
        ("AUC", {"summation_method": "trapezoid"}),
        ("AUC", {"num_labels": 3}),
        ("PrecisionAtRecall", {"recall": 0.5, "num_thresholds": 0}),
        ("RecallAtPrecision", {"precision": 1.5}),
        ("SensitivityAtSpecificity", {"specificity": -0.5}),
        ("SpecificityAtSensitivity", {"sensitivity": 0.5, "num_thresholds": -1}),
        ("PrecisionAtRecall", {"num_thresholds": 10}),
    ]
    out = []
    for cls, config in bad:
        kind, message = error_of(lambda: getattr(metrics, cls)(**config))
        out.append({"class_name": cls, "config": config, "error": kind, "message": message})
    return out


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    out = []
    ids = set()
    for case_id, metric, batches in cases():
        assert case_id not in ids, case_id
        ids.add(case_id)
        serialized = json.dumps(metrics.serialize(metric))
        updates = []
        for y_true, y_pred, sw in batches:
            metric.update_state(y_true, y_pred, sample_weight=sw)
            result = np.asarray(metric.result())
            assert result.dtype == np.float32 and np.all(np.isfinite(result)), (case_id, result)
            updates.append({"y_true": array(y_true), "y_pred": array(y_pred),
                            "sample_weight": None if sw is None else array(sw),
                            "result": array(result)})
        variables = [{"path": v.path, "value": array(v.numpy())} for v in metric.variables]
        out.append({"id": case_id, "metric": serialized, "updates": updates,
                    "variables": variables})
    names = {}
    for cls in CLASSES:
        for name in [cls, keras.src.utils.naming.to_snake_case(cls)]:
            keras.utils.clear_session()  # Keras numbers repeated default names: auc, auc_1...
            try:
                names[name] = {"serialized": json.dumps(metrics.serialize(metrics.get(name)))}
            except (TypeError, ValueError) as e:
                names[name] = {"error": type(e).__name__, "message": str(e)}
    manifest = {"version": 1, "keras": keras.__version__, "cases": out, "names": names,
                "errors": errors()}
    path = os.path.join(out_dir, "confusion_metrics.json")
    with open(path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=None, allow_nan=False)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(out)} confusion-metric cases and {len(names)} names to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
