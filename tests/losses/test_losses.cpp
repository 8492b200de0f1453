// keras::losses values: hand formulas, and numbers printed by Keras 3.15.1 (JAX backend, float32)
// for the same inputs — produced by running e.g.
//   keras.losses.MeanSquaredError(reduction=red)(y_true, y_pred, sample_weight=sw)
// in build/venv and pasted here rounded to 7 digits. Gradients are jax.grad of the same call.
#include <cmath>

#include <keras/losses/losses.hpp>

#include "test_util.hpp"

using namespace keras;
using testing::require_values;

namespace {

Tensor loss_f32(std::vector<float> v, const Shape& s) { return tensor<float>(v, s); }

// The regression inputs shared by MSE / MAE / Huber.
const Tensor kYt = loss_f32({0, 1, 2, 3, 4, 5}, {2, 3});
const Tensor kYp = loss_f32({0.5f, 1.5f, 1, 3, 2, 6.5f}, {2, 3});
const Tensor kSw = loss_f32({0.3f, 0.7f}, {2});

double scalar_of(const Tensor& t) { return t.item<double>(); }

}  // namespace

TEST_CASE("MeanSquaredError: hand formula and every reduction as Keras", "[losses]") {
  // Per sample: mean((0.25, 0.25, 1)) = 0.5 and mean((0, 4, 2.25)) = 2.0833.
  losses::MeanSquaredError mse;
  Tensor loss = mse(kYt, kYp);
  CHECK(loss.dtype() == DType::float32);
  CHECK(loss.rank() == 0);
  CHECK(scalar_of(loss) == Approx((0.5 + 6.25 / 3) / 2));

  struct Case {
    const char* reduction;
    double plain, weighted;
  };
  for (Case c : {Case{"sum_over_batch_size", 1.2916667, 0.8041667},
                 Case{"sum", 2.5833335, 1.6083333}, Case{"mean", 1.2916667, 0.8041667},
                 Case{"mean_with_sample_weight", 1.2916667, 1.6083333}}) {
    INFO(c.reduction);
    losses::MeanSquaredError l({.reduction = c.reduction});
    require_values(l(kYt, kYp), {c.plain}, {});
    require_values(l(kYt, kYp, kSw), {c.weighted}, {});
  }
  losses::MeanSquaredError none({.reduction = "none"});
  require_values(none(kYt, kYp), {0.5, 2.0833335}, {2});
  require_values(none(kYt, kYp, kSw), {0.15, 1.4583334}, {2});
  // sum_over_batch_size divides by the element count, not by the sum of weights.
  CHECK(scalar_of(mse(kYt, kYp, kSw)) == Approx((0.3 * 0.5 + 0.7 * 6.25 / 3) / 2));
}

TEST_CASE("sample_weight shapes follow Keras's squeeze/expand rules", "[losses]") {
  losses::MeanSquaredError mse;
  require_values(mse(kYt, kYp, ops::reshape(kSw, {2, 1})), {0.8041667}, {});
  // With "none", a (2, 1) weight expands the rank-1 losses: Keras returns shape (2, 1).
  losses::MeanSquaredError none({.reduction = "none"});
  require_values(none(kYt, kYp, ops::reshape(kSw, {2, 1})), {0.15, 1.4583334}, {2, 1});
  require_values(mse(kYt, kYp, scalar(2.0)), {2.5833335}, {});
  losses::MeanSquaredError msw({.reduction = "mean_with_sample_weight"});
  require_values(msw(kYt, kYp, scalar(2.0)), {2.5833335}, {});
  // Weights that do not broadcast against the per-sample losses.
  CHECK_THROWS_AS(mse(kYt, kYp, ops::ones({2, 3})), ValueError);
  CHECK_THROWS_WITH(mse(kYt, kYp, ops::ones({3})), Catch::Contains("sample_weight"));
  // Integer and float64 inputs are cast to floatx.
  Tensor loss = mse(ops::cast(kYt, DType::int32), ops::cast(kYp, DType::float64));
  CHECK(loss.dtype() == DType::float32);
  CHECK(scalar_of(loss) == Approx(1.2916667).epsilon(1e-5));
}

TEST_CASE("MeanAbsoluteError and Huber as Keras", "[losses]") {
  struct Case {
    const char* reduction;
    double weighted;
  };
  for (Case c : {Case{"sum_over_batch_size", 0.5083334}, Case{"sum", 1.0166668},
                 Case{"mean_with_sample_weight", 1.0166668}}) {
    INFO(c.reduction);
    require_values(losses::MeanAbsoluteError({.reduction = c.reduction})(kYt, kYp, kSw),
                   {c.weighted}, {});
  }
  require_values(losses::MeanAbsoluteError({.reduction = "none"})(kYt, kYp, kSw), {0.2, 0.8166667},
                 {2});
  // Huber(delta=1): errors (0.5, 0.5, -1 | 0, -2, 1.5) -> (0.125, 0.125, 0.5 | 0, 1.5, 1).
  require_values(losses::Huber()(kYt, kYp), {(0.75 / 3 + 2.5 / 3) / 2}, {});
  require_values(losses::Huber()(kYt, kYp), {0.5416667}, {});
  require_values(losses::Huber({.delta = 0.5, .reduction = "none"})(kYt, kYp), {0.2083333, 0.5},
                 {2});
  require_values(losses::huber(kYt, kYp, 0.7), {0.235, 0.6533333}, {2});
  require_values(losses::mean_absolute_error(kYt, kYp), {2.0 / 3, 3.5 / 3}, {2});
}

TEST_CASE("BinaryCrossentropy: probabilities, logits, label smoothing, axis", "[losses]") {
  Tensor yt = loss_f32({0, 1, 1, 0, 1, 1}, {3, 2});
  Tensor yp = loss_f32({0.1f, 0.8f, 0.6f, 0.3f, 0.999999999f, 0.5f}, {3, 2});
  Tensor logits = loss_f32({-2, 3, 0.5f, -1, 20, -30}, {3, 2});
  // Hand formula for the first sample: mean(-log(0.9), -log(0.8)).
  require_values(losses::BinaryCrossentropy({.reduction = "none"})(yt, yp),
                 {(-std::log(0.9) - std::log(0.8)) / 2, 0.4337503, 0.3465737}, {3});
  require_values(losses::BinaryCrossentropy()(yt, yp), {0.3148586}, {});
  require_values(losses::BinaryCrossentropy({.from_logits = true})(yt, logits), {5.1604757}, {});
  require_values(
      losses::BinaryCrossentropy({.label_smoothing = 0.1})(yt, yp, loss_f32({1, 2, 0.5f}, {3})),
      {0.5188485}, {});
  require_values(losses::BinaryCrossentropy({.axis = 0, .reduction = "none"})(yt, yp),
                 {0.2053954, 0.4243219}, {2});
  // Rank-1 labels against (batch, 1) predictions: the labels are expanded.
  require_values(losses::BinaryCrossentropy({.reduction = "none"})(
                     loss_f32({0, 1, 1}, {3}), loss_f32({0.2f, 0.7f, 0.4f}, {3, 1})),
                 {0.2231435, 0.356675, 0.9162907}, {3});
  require_values(losses::binary_crossentropy(yt, yp, false, 0.1), {0.25384, 0.4650694, 0.7451334},
                 {3});
  CHECK_THROWS_AS(losses::BinaryCrossentropy()(yt, loss_f32({0.5f, 0.5f, 0.5f}, {1, 3})),
                  ValueError);
}

TEST_CASE("CategoricalCrossentropy: renormalised, clipped, logits, smoothing, axis", "[losses]") {
  Tensor yt = loss_f32({0, 1, 0, 0, 0, 1}, {2, 3});
  Tensor yp = loss_f32({0.05f, 0.95f, 0, 0.2f, 1.6f, 0.2f}, {2, 3});  // second row sums to 2
  Tensor logits = loss_f32({1, 2, 3, -1, 0.5f, 4}, {2, 3});
  // Renormalised: the second row's class-2 probability is 0.2 / 2 = 0.1.
  require_values(losses::CategoricalCrossentropy({.reduction = "none"})(yt, yp),
                 {-std::log(0.95), -std::log(0.1)}, {2});
  require_values(losses::CategoricalCrossentropy()(yt, yp), {1.1769392}, {});
  require_values(
      losses::CategoricalCrossentropy({.from_logits = true, .label_smoothing = 0.2})(yt, logits),
      {1.0052712}, {});
  require_values(losses::CategoricalCrossentropy({.from_logits = true, .reduction = "sum"})(
                     yt, logits, loss_f32({2, 0.5f}, {2})),
                 {2.8333466}, {});
  // Classes along axis 0; the second column's probabilities fall outside [eps, 1 - eps].
  Tensor yt_t = ops::transpose(yt), logits_t = ops::transpose(logits);
  require_values(losses::CategoricalCrossentropy({.axis = 0, .reduction = "none"})(yt_t, logits_t),
                 {1.0986123, 1e-07}, {2});
  // Keras takes the smoothing's class count from the last axis even when axis=0.
  require_values(losses::CategoricalCrossentropy(
                     {.from_logits = true, .label_smoothing = 0.3, .axis = 0, .reduction = "none"})(
                     yt_t, logits_t),
                 {1.6187469, 1.31671}, {2});
  require_values(losses::categorical_crossentropy(yt, logits, true, 0.1), {1.4076059, 0.3196029},
                 {2});
  CHECK_THROWS_AS(losses::CategoricalCrossentropy()(yt, loss_f32({0.5f, 0.5f, 0.5f, 0.5f}, {2, 2})),
                  ValueError);
}

TEST_CASE("SparseCategoricalCrossentropy: labels, (batch, 1) labels, axis, bad labels",
          "[losses]") {
  Tensor labels = tensor<std::int32_t>({1, 2}, {2});
  Tensor probs = loss_f32({0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, {2, 3});
  Tensor logits = loss_f32({1, 2, 3, -1, 0.5f, 4}, {2, 3});
  require_values(losses::SparseCategoricalCrossentropy({.reduction = "none"})(labels, probs),
                 {-std::log(0.95), -std::log(0.1)}, {2});
  require_values(
      losses::SparseCategoricalCrossentropy()(labels, probs, loss_f32({0.3f, 0.7f}, {2})),
      {0.8135988}, {});
  require_values(losses::SparseCategoricalCrossentropy({.from_logits = true})(
                     ops::reshape(labels, {2, 1}), logits),
                 {0.7219377}, {});
  // Float labels (as a dataset may hold them) work the same.
  require_values(losses::SparseCategoricalCrossentropy({.from_logits = true})(
                     loss_f32({1, 2}, {2, 1}), logits),
                 {0.7219377}, {});
  Tensor p3 = loss_f32({0.2f, 0.5f, 0.3f, 0.1f, 0.1f, 0.8f, 0.6f, 0.3f, 0.1f}, {3, 3});
  require_values(losses::SparseCategoricalCrossentropy({.reduction = "none", .axis = 0})(
                     tensor<std::int32_t>({0, 2, 1}, {3}), p3),
                 {1.5040774, 1.0986123, 0.4054651}, {3});

  losses::SparseCategoricalCrossentropy scce;
  CHECK_THROWS_WITH(scce(tensor<std::int32_t>({1, 3}, {2}), probs),
                    Catch::Contains("out of range"));
  CHECK_THROWS_AS(scce(tensor<std::int32_t>({-1, 0}, {2}), probs), ValueError);
  CHECK_THROWS_AS(scce(tensor<std::int32_t>({0, 1, 2}, {3}), probs), ValueError);
}

TEST_CASE("SparseCategoricalCrossentropy ignore_class masks entries as Keras", "[losses]") {
  Tensor labels = tensor<std::int32_t>({1, -1, 0, 2}, {4});
  Tensor logits = loss_f32({1, 2, 3, 0, 0, 9, -1, 0.5f, 4, 0.3f, 0.2f, 0.1f}, {4, 3});
  Tensor probs =
      loss_f32({0.2f, 0.5f, 0.3f, 0.1f, 0.1f, 0.8f, 0.6f, 0.3f, 0.1f, 0.3f, 0.3f, 0.4f}, {4, 3});
  Tensor sw = loss_f32({1, 2, 3, 0.5f}, {4});
  struct Case {
    const char* reduction;
    double plain, weighted;
  };
  // sum_over_batch_size / mean divide by the 3 valid entries; mean_with_sample_weight by the
  // valid entries' weights (1 + 3 + 0.5).
  for (Case c : {Case{"sum_over_batch_size", 2.5486062, 0.8945898},
                 Case{"sum", 7.6458182, 2.6837692}, Case{"mean", 2.5486062, 0.8945898},
                 Case{"mean_with_sample_weight", 2.5486062, 0.5963932}}) {
    INFO(c.reduction);
    require_values(
        losses::SparseCategoricalCrossentropy(
            {.from_logits = true, .ignore_class = -1, .reduction = c.reduction})(labels, logits),
        {c.plain}, {});
    require_values(losses::SparseCategoricalCrossentropy(
                       {.ignore_class = -1, .reduction = c.reduction})(labels, probs, sw),
                   {c.weighted}, {});
  }
  require_values(
      losses::SparseCategoricalCrossentropy(
          {.from_logits = true, .ignore_class = -1, .reduction = "none"})(labels, logits),
      {1.4076059, 0.0, 5.0362697, 1.2019428}, {4});
  require_values(losses::SparseCategoricalCrossentropy({.ignore_class = -1, .reduction = "none"})(
                     labels, probs, sw),
                 {0.6931472, 0.0, 1.5324767, 0.4581454}, {4});
  require_values(losses::sparse_categorical_crossentropy(labels, logits, true, -1),
                 {1.4076059, 0.0, 5.0362697, 1.2019428}, {4});
  // Everything ignored: 0, not NaN.
  require_values(losses::SparseCategoricalCrossentropy({.ignore_class = -1})(
                     tensor<std::int32_t>({-1, -1}, {2}),
                     loss_f32({0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, {2, 3})),
                 {0.0}, {});
  // Rank 3 (a segmentation map), ignoring a real class.
  Tensor seg = ops::divide(ops::arange(0.0, 12.0, 1.0, DType::float32), 10.0);
  require_values(losses::SparseCategoricalCrossentropy({.from_logits = true, .ignore_class = 1})(
                     tensor<std::int32_t>({0, 2, 1, 1}, {2, 2}), ops::reshape(seg, {2, 2, 3})),
                 {1.1019429}, {});
  // A label out of range that is not the ignored class is still an error.
  CHECK_THROWS_AS(losses::SparseCategoricalCrossentropy({.ignore_class = -1})(
                      tensor<std::int32_t>({5, -1}, {2}),
                      loss_f32({0.05f, 0.95f, 0, 0.1f, 0.8f, 0.1f}, {2, 3})),
                  ValueError);
}

TEST_CASE("losses are differentiable: gradients match jax.grad", "[losses]") {
  auto grad_of = [](const std::function<Tensor(const Tensor&)>& f, const Tensor& x) {
    GradientTape tape;
    Tensor w = tape.watch(x);
    Tensor loss = f(w);
    Tensor g = tape.gradient(loss, {w})[0];
    REQUIRE(g.defined());
    for (double v : g.to_vector<double>()) REQUIRE(std::isfinite(v));
    return g;
  };
  Tensor ct = loss_f32({0, 1, 0, 0, 0, 1}, {2, 3});
  Tensor cp = loss_f32({0.05f, 0.95f, 0, 0.2f, 1.6f, 0.2f}, {2, 3});
  require_values(
      grad_of([&](const Tensor& x) { return losses::CategoricalCrossentropy()(ct, x); }, cp),
      {0.5, -0.0263158, 0.5, 0.25, 0.25, -2.25}, {2, 3});

  Tensor labels = tensor<std::int32_t>({1, -1, 0, 2}, {4});
  Tensor logits = loss_f32({1, 2, 3, 0, 0, 9, -1, 0.5f, 4, 0.3f, 0.2f, 0.1f}, {4, 3});
  require_values(grad_of(
                     [&](const Tensor& x) {
                       return losses::SparseCategoricalCrossentropy(
                           {.from_logits = true, .ignore_class = -1})(labels, x);
                     },
                     logits),
                 {0.0300102, -0.2517572, 0.221747, 0, 0, 0, -0.3311674, 0.0097073, 0.3214601,
                  0.1223885, 0.1107417, -0.2331301},
                 {4, 3});
  // Probabilities with ignore_class: ignored rows get exactly zero gradient, never NaN.
  Tensor probs =
      loss_f32({0.2f, 0.5f, 0.3f, 0.1f, 0.1f, 0.8f, 0.6f, 0.3f, 0.1f, 0.3f, 0.3f, 0.4f}, {4, 3});
  Tensor gp = grad_of(
      [&](const Tensor& x) {
        return losses::SparseCategoricalCrossentropy({.ignore_class = -1})(labels, x);
      },
      probs);
  CHECK(gp.to_vector<double>()[3] == 0.0);

  Tensor bt = loss_f32({0, 1, 1, 0, 1, 1}, {3, 2});
  Tensor bl = loss_f32({-2, 3, 0.5f, -1, 20, -30}, {3, 2});
  require_values(
      grad_of(
          [&](const Tensor& x) {
            return losses::BinaryCrossentropy({.from_logits = true, .label_smoothing = 0.1})(bt, x);
          },
          bl),
      {0.0115338, 0.000429, -0.0545901, 0.0364902, 0.0083333, -0.1583333}, {3, 2});
  require_values(
      grad_of([&](const Tensor& x) { return losses::Huber({.delta = 0.5})(kYt, x, kSw); }, kYp),
      {0.025, 0.025, -0.025, 0.0, -0.0583333, 0.0583333}, {2, 3});
  grad_of([&](const Tensor& x) { return losses::MeanAbsoluteError()(kYt, x); }, kYp);
  grad_of(
      [&](const Tensor& x) {
        return losses::MeanSquaredError({.reduction = "mean_with_sample_weight"})(kYt, x, kSw);
      },
      kYp);
}
