#!/usr/bin/env python3
"""Generates the Keras conformance cases for keras::losses (tests/losses/test_losses_oracle.cpp).

Usage:
    KERAS_BACKEND=jax <venv>/bin/python tests/keras_oracle/generate_losses.py <build_dir>/oracle

Writes losses.json:
    {"version": 1, "keras": ...,
     "cases": [case...],          each loss object called on float32 inputs
     "names": {name: serialized}, keras.losses.serialize(keras.losses.get(name)) for every name
                                  keras.losses.get accepts
     "unknown_name_error": str}   the message of keras.losses.get("no_such_loss")
    case = {"id": ..., "loss": serialized, "y_true": array, "y_pred": array,
            "sample_weight": array or null, "output": array, "grad": array or null}
    array = {"shape": [...], "values": flat list}
    serialized = json.dumps(keras.losses.serialize(loss)): Keras 3's dict as JSON text, so its
                 key order survives. Loss functions with keyword arguments are cases of
                 LossFunctionWrapper(fn, **kwargs), as compile() and configs hold them.
    output, grad = the loss and jax.grad of it (summed when reduction is "none") with respect to
           y_pred, jitted as fit runs them; grad is null where Keras's own gradient is not
           finite (a zero vector under cosine_similarity) or is rounding noise (an infeasible
           CTC alignment).
Values are float32 written as Python floats, so they round-trip exactly.
"""
import json
import os
import sys
import warnings

from oracle_common import RandomArrays, array, f32  # first: it sets up JAX for Keras

import jax  # noqa: E402
import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import losses  # noqa: E402
from keras.src.losses import ALL_OBJECTS_DICT  # noqa: E402
from keras.src.losses.losses import LossFunctionWrapper  # noqa: E402

ARRAYS = RandomArrays(20251205)
RNG = ARRAYS.rng
normal, uniform, probs, binary = ARRAYS.normal, ARRAYS.uniform, ARRAYS.probs, ARRAYS.binary
REDUCTIONS = ["sum_over_batch_size", "sum", "mean", "mean_with_sample_weight", "none"]


def one_hot(n, k, classes=None):
    classes = RNG.integers(0, k, n) if classes is None else np.asarray(classes)
    return f32(np.eye(k)[classes])


def unit_rows(n, d):
    x = RNG.standard_normal((n, d))
    return f32(x / np.linalg.norm(x, axis=1, keepdims=True))


def weights(n):
    return ARRAYS.weights(n)


def wrapper(fn, **kwargs):
    return LossFunctionWrapper(fn, name=fn.__name__, **kwargs)


def reduction_cases(prefix, make, y_true, y_pred):
    """The default reduction unweighted, and each reduction with a weight per sample."""
    out = [(f"{prefix}_default", make("sum_over_batch_size"), y_true, y_pred, None)]
    sw = weights(y_true.shape[0])
    for red in REDUCTIONS:
        out.append((f"{prefix}_{red}_weighted", make(red), y_true, y_pred, sw))
    return out


def cases():
    c = []
    # Regression losses.
    yt, yp = normal(4, 3, scale=2.0), normal(4, 3, scale=2.0)
    c += reduction_cases("mape", lambda r: losses.MeanAbsolutePercentageError(reduction=r), yt, yp)
    c += [("mape_zero_labels", losses.MeanAbsolutePercentageError(), np.zeros((2, 3), "float32"),
           normal(2, 3), None),
          ("mape_exact", losses.MeanAbsolutePercentageError(), yt, yt.copy(), None),
          ("mape_rank1_labels", losses.MeanAbsolutePercentageError(), normal(5), normal(5, 1),
           weights(5))]
    pos_t, pos_p = uniform(4, 3, hi=3.0), uniform(4, 3, hi=3.0)
    c += reduction_cases("msle", lambda r: losses.MeanSquaredLogarithmicError(reduction=r),
                         pos_t, pos_p)
    c += [("msle_negative", losses.MeanSquaredLogarithmicError(), normal(3, 4), normal(3, 4),
           None),
          ("msle_zeros", losses.MeanSquaredLogarithmicError(), np.zeros((2, 2), "float32"),
           np.zeros((2, 2), "float32"), None)]
    c += reduction_cases("log_cosh", lambda r: losses.LogCosh(reduction=r), yt, yp)
    c += [("log_cosh_large", losses.LogCosh(), f32([[0, 0, 0]]), f32([[100, -100, 1e-3]]), None),
          ("log_cosh_exact", losses.LogCosh(), yt, yt.copy(), None)]
    vt, vp = normal(4, 5), normal(4, 5)
    c += reduction_cases("cosine", lambda r: losses.CosineSimilarity(reduction=r), vt, vp)
    zt = vt.copy()
    zt[1] = 0.0
    c += [("cosine_zero_vector", losses.CosineSimilarity(), zt, vp, None),
          ("cosine_same_direction", losses.CosineSimilarity(), vt, 3.0 * vt, None),
          ("cosine_fn_axis0", wrapper(losses.cosine_similarity, reduction="none", axis=0), vt,
           vp, None),
          ("cosine_rank3", losses.CosineSimilarity(), normal(2, 3, 4), normal(2, 3, 4),
           weights(2).reshape(2, 1))]
    # Probabilistic losses.
    pt, pp = probs(4, 5), probs(4, 5)
    c += reduction_cases("kld", lambda r: losses.KLDivergence(reduction=r), pt, pp)
    c += [("kld_exact", losses.KLDivergence(), pt, pt.copy(), None),
          ("kld_one_hot", losses.KLDivergence(), one_hot(4, 5), pp, None),
          ("kld_zero_pred", losses.KLDivergence(), pt, np.zeros((4, 5), "float32"), None)]
    counts = f32(RNG.poisson(2.0, (4, 3)))
    rates = uniform(4, 3, lo=0.1, hi=4.0)
    c += reduction_cases("poisson", lambda r: losses.Poisson(reduction=r), counts, rates)
    c += [("poisson_zero_pred", losses.Poisson(), counts, np.zeros((4, 3), "float32"), None),
          ("poisson_zero_counts", losses.Poisson(), np.zeros((4, 3), "float32"), rates, None)]
    # Hinge losses: {0, 1} labels are mapped to {-1, 1}, other labels are used as given.
    bt, scores = binary(4, 3), normal(4, 3)
    for name, cls in [("hinge", losses.Hinge), ("squared_hinge", losses.SquaredHinge)]:
        c += reduction_cases(name, lambda r, cls=cls: cls(reduction=r), bt, scores)
        c += [(f"{name}_pm1_labels", cls(), 2.0 * bt - 1.0, scores, None),
              (f"{name}_mixed_labels", cls(), f32([[-1, 0, 1], [0.5, 1, 0]]), normal(2, 3), None),
              (f"{name}_all_ones", cls(), np.ones((3, 2), "float32"), normal(3, 2), None),
              (f"{name}_all_zeros", cls(), np.zeros((3, 2), "float32"), normal(3, 2), None)]
    ct = one_hot(4, 5)
    c += reduction_cases("categorical_hinge", lambda r: losses.CategoricalHinge(reduction=r), ct,
                         normal(4, 5))
    c += [("categorical_hinge_one_class", losses.CategoricalHinge(), one_hot(3, 4, [2, 2, 2]),
           normal(3, 4), None),
          ("categorical_hinge_margin_met", losses.CategoricalHinge(), one_hot(2, 3, [0, 1]),
           f32([[3, 0, 0], [0, 3, 0]]), None)]
    # Focal crossentropies.
    bp, logits = uniform(4, 3, lo=0.02, hi=0.98), normal(4, 3, scale=2.0)
    c += reduction_cases("bfce", lambda r: losses.BinaryFocalCrossentropy(reduction=r), bt, bp)
    c += [("bfce_logits", losses.BinaryFocalCrossentropy(from_logits=True), bt, logits, None),
          ("bfce_balanced", losses.BinaryFocalCrossentropy(apply_class_balancing=True, alpha=0.3),
           bt, bp, weights(4)),
          ("bfce_smoothing_logits", losses.BinaryFocalCrossentropy(
              from_logits=True, label_smoothing=0.2, gamma=3.0), bt, logits, None),
          ("bfce_gamma0", losses.BinaryFocalCrossentropy(gamma=0.0), bt, bp, None),
          ("bfce_all_one_class", losses.BinaryFocalCrossentropy(), np.ones((4, 3), "float32"),
           bp, None),
          ("bfce_saturated", losses.BinaryFocalCrossentropy(), f32([[1, 0, 1]]),
           f32([[1, 0, 0]]), None),
          ("bfce_axis0", losses.BinaryFocalCrossentropy(axis=0, reduction="none"), bt, bp, None),
          ("bfce_fn", wrapper(losses.binary_focal_crossentropy, apply_class_balancing=True,
                              gamma=1.5, from_logits=True), bt, logits, None)]
    cp, clogits = probs(4, 5), normal(4, 5, scale=2.0)
    c += reduction_cases("cfce", lambda r: losses.CategoricalFocalCrossentropy(reduction=r), ct,
                         cp)
    c += [("cfce_logits", losses.CategoricalFocalCrossentropy(from_logits=True), ct, clogits,
           None),
          ("cfce_smoothing", losses.CategoricalFocalCrossentropy(label_smoothing=0.1, alpha=0.5,
                                                                 gamma=1.0), ct, cp, weights(4)),
          ("cfce_unnormalised", losses.CategoricalFocalCrossentropy(), ct,
           uniform(4, 5, lo=0.1, hi=2.0), None),
          ("cfce_all_one_class", losses.CategoricalFocalCrossentropy(),
           one_hot(4, 5, [1, 1, 1, 1]), cp, None),
          ("cfce_exact", losses.CategoricalFocalCrossentropy(), ct, ct.copy(), None),
          ("cfce_fn", wrapper(losses.categorical_focal_crossentropy, from_logits=True,
                              label_smoothing=0.2), ct, clogits, None)]
    # Segmentation losses: masks of shape (batch, h, w).
    mt, mp = binary(2, 3, 4), uniform(2, 3, 4)
    c += reduction_cases("dice", lambda r: losses.Dice(reduction=r), mt, mp)
    c += [("dice_axis12", losses.Dice(axis=(1, 2), reduction="none"), mt, mp, None),
          ("dice_axis12_weighted", losses.Dice(axis=(1, 2)), mt, mp, weights(2)),
          ("dice_axis1", losses.Dice(axis=1, reduction="none"), mt, mp, None),
          ("dice_zeros", losses.Dice(), np.zeros((2, 3), "float32"), np.zeros((2, 3), "float32"),
           None),
          ("dice_exact", losses.Dice(axis=(1, 2)), mt, mt.copy(), None),
          ("dice_fn", wrapper(losses.dice, reduction="none", axis=(1, 2)), mt, mp, None)]
    c += reduction_cases("tversky", lambda r: losses.Tversky(reduction=r), mt, mp)
    c += [("tversky_alpha_beta", losses.Tversky(alpha=0.7, beta=0.3, axis=(1, 2),
                                                reduction="none"), mt, mp, None),
          ("tversky_jaccard", losses.Tversky(alpha=1.0, beta=1.0, axis=(1, 2)), mt, mp, weights(2)),
          ("tversky_zeros", losses.Tversky(), np.zeros((2, 3), "float32"),
           np.zeros((2, 3), "float32"), None),
          ("tversky_fn", wrapper(losses.tversky, alpha=0.2, beta=0.8, axis=[1]), mt, mp, None)]
    # Circle: integer classes and unit embeddings.
    labels, emb = f32([0, 1, 0, 2, 1, 2]), unit_rows(6, 4)
    c += reduction_cases("circle", lambda r: losses.Circle(reduction=r), labels, emb)
    c += [("circle_keep_diagonal", losses.Circle(remove_diagonal=False), labels, emb, None),
          ("circle_gamma_margin", losses.Circle(gamma=10.0, margin=0.25), labels, emb, weights(6)),
          ("circle_labels_column", losses.Circle(gamma=5.0), labels.reshape(6, 1), emb, None),
          ("circle_one_class", losses.Circle(), np.zeros(4, "float32"), unit_rows(4, 3), None),
          ("circle_no_positives", losses.Circle(gamma=4.0), f32([0, 1, 2, 3]), unit_rows(4, 3),
           None),
          ("circle_no_positives_none", losses.Circle(gamma=4.0, reduction="none"),
           f32([0, 1, 2, 3]), unit_rows(4, 3), None),
          ("circle_fn", wrapper(losses.circle, reduction="none", gamma=20.0, margin=0.3,
                                remove_diagonal=True), labels, emb, None)]
    # CTC: labels padded with 0 (the blank), logits over 5 classes and 6 steps.
    seq = f32([[1, 2, 2, 0], [3, 1, 0, 0], [4, 4, 4, 0]])
    seq_logits = normal(3, 6, 5, scale=2.0)
    c += reduction_cases("ctc", lambda r: losses.CTC(reduction=r), seq, seq_logits)
    c += [("ctc_empty_label", losses.CTC(reduction="none"), f32([[0, 0], [2, 0]]),
           normal(2, 4, 3), None),
          ("ctc_full_length", losses.CTC(reduction="none"), f32([[1, 2, 1]]), normal(1, 3, 4),
           None),
          ("ctc_infeasible", losses.CTC(reduction="none"), f32([[2, 2, 2]]), normal(1, 4, 3),
           None),
          ("ctc_fn", wrapper(losses.ctc), seq, seq_logits, weights(3))]
    # CategoricalGeneralizedCrossEntropy: integer classes (as floats) and probabilities.
    gce = losses.CategoricalGeneralizedCrossEntropy
    classes, class_probs = f32([0, 3, 1, 2, 3, 0]), probs(6, 4)
    # The reductions are Loss's own, checked on every loss above: two suffice here (each case
    # is a jit compilation, ~1 s).
    c += [("gce_default", gce(), classes, class_probs, None),
          ("gce_none_weighted", gce(reduction="none"), classes, class_probs, weights(6)),
          ("gce_q_small", gce(q=0.05, reduction="none"), classes, class_probs, None),
          ("gce_q_large", gce(q=0.95, name="gce"), classes, class_probs, weights(6)),
          # A (batch, 1) label column is not squeezed: it broadcasts into (batch, batch).
          ("gce_labels_column", gce(q=0.3, reduction="none"), classes.reshape(6, 1), class_probs,
           None),
          # Fractional labels truncate; out-of-range ones select no class (p = 0, loss 1/q).
          ("gce_labels_cast", gce(reduction="none"), f32([2.7, 5, -1, 0.2]), probs(4, 3), None),
          ("gce_3d", gce(q=0.7), f32([[0, 1], [2, 2]]), probs(2, 2, 3), None)]
    return c


def evaluate(loss, y_true, y_pred, sample_weight):
    """The loss and its gradient with respect to y_pred, as one jitted computation (as fit runs
    it; one compilation per case instead of one per op)."""
    def value(p):
        out = loss(y_true, p, sample_weight=sample_weight)
        return keras.ops.sum(out), out

    (_, out), g = jax.jit(jax.value_and_grad(value, has_aux=True))(y_pred)
    out, g = np.asarray(out), np.asarray(g)
    return out, (array(g) if np.all(np.isfinite(g)) else None)


def main(out_dir):
    os.makedirs(out_dir, exist_ok=True)
    out = []
    ids = set()
    for case_id, loss, y_true, y_pred, sw in cases():
        assert case_id not in ids, case_id
        ids.add(case_id)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value, grad = evaluate(loss, y_true, y_pred, sw)
        if case_id == "ctc_infeasible":
            # No alignment exists: the loss is the -1e5 stand-in for log(0), and its float32
            # gradient is rounding noise of those terms, not a property of the loss.
            grad = None
        if case_id == "gce_labels_cast":
            # The out-of-range labels select no class: p = 0, where p**q has an infinite
            # derivative, times the zero one-hot: NaN eagerly (as here), 0 once XLA's jit
            # simplifies the product. The values are compared, the gradient is not.
            grad = None
        assert value.dtype == np.float32, (case_id, value.dtype)
        assert np.all(np.isfinite(value)), (case_id, value)
        out.append({"id": case_id, "loss": json.dumps(losses.serialize(loss)),
                    "y_true": array(y_true), "y_pred": array(y_pred),
                    "sample_weight": None if sw is None else array(sw),
                    "output": array(value), "grad": grad})
    names = {}
    for name in sorted(ALL_OBJECTS_DICT):
        try:
            names[name] = json.dumps(losses.serialize(losses.get(name)))
        except TypeError:
            pass  # LossFunctionWrapper: get() cannot make one without a function
    try:
        losses.get("no_such_loss")
        raise AssertionError("keras.losses.get accepted an unknown name")
    except ValueError as e:
        unknown = str(e)
    # Exported by Keras but not in ALL_OBJECTS: neither name is an identifier get() knows.
    not_by_name = {}
    for name in ["CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy"]:
        try:
            losses.get(name)
            raise AssertionError(f"keras.losses.get accepted {name}")
        except ValueError as e:
            not_by_name[name] = str(e)
    bad_q = {}
    for q in [0.0, 1.0, -0.5, 1.5]:
        try:
            losses.CategoricalGeneralizedCrossEntropy(q=q)
            raise AssertionError(f"q={q} accepted")
        except ValueError as e:
            bad_q[repr(q)] = str(e)
    manifest = {"version": 1, "keras": keras.__version__, "cases": out, "names": names,
                "unknown_name_error": unknown, "not_by_name": not_by_name, "bad_q": bad_q}
    path = os.path.join(out_dir, "losses.json")
    with open(path + ".tmp", "w") as f:
        json.dump(manifest, f, indent=None, allow_nan=False)
    os.replace(path + ".tmp", path)
    print(f"wrote {len(out)} loss cases and {len(names)} names to {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "oracle")
