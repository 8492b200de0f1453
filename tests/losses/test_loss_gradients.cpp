// The losses added for issue 13 differentiate correctly (autodiff against central differences
// in float64, on the function forms, which compute in y_pred's dtype), and train in `fit` when
// given by name, as objects, or as a user's Loss subclass.
#include <keras/keras.hpp>

#include "test_util.hpp"

using namespace keras;
using testing::check_gradients;
using testing::random_tensor;

namespace {

Tensor f64(std::vector<double> v, const Shape& s) { return tensor<double>(v, s); }

// Gradient of the function's per-sample losses with respect to y_pred (input 0).
void check_fn(const std::function<Tensor(const Tensor&)>& loss_of_pred, const Tensor& y_pred) {
  check_gradients([&](const std::vector<Tensor>& in) { return loss_of_pred(in[0]); }, {y_pred});
}

}  // namespace

TEST_CASE("new losses: gradients match central differences", "[losses]") {
  const Tensor yt = random_tensor({3, 4}, 1, -2.0, 2.0);
  const Tensor yp = random_tensor({3, 4}, 2, -2.0, 2.0);
  const Tensor pos_t = random_tensor({3, 4}, 3, 0.1, 3.0);
  const Tensor pos_p = random_tensor({3, 4}, 4, 0.1, 3.0);
  // Away from the kinks (|y_true| = y_pred for MAPE's max, hinge's 1 - y*p = 0).
  check_fn([&](const Tensor& p) { return losses::mean_absolute_percentage_error(yt, p); }, yp);
  check_fn([&](const Tensor& p) { return losses::mean_squared_logarithmic_error(pos_t, p); },
           pos_p);
  check_fn([&](const Tensor& p) { return losses::log_cosh(yt, p); }, yp);
  check_fn([&](const Tensor& p) { return losses::cosine_similarity(yt, p); }, yp);
  check_fn([&](const Tensor& p) { return losses::cosine_similarity(yt, p, 0); }, yp);
  check_fn([&](const Tensor& p) { return losses::poisson(pos_t, p); }, pos_p);

  const Tensor probs_t = ops::softmax(random_tensor({3, 4}, 5));
  const Tensor probs_p = ops::softmax(random_tensor({3, 4}, 6));
  check_fn([&](const Tensor& p) { return losses::kl_divergence(probs_t, p); }, probs_p);

  const Tensor labels = f64({0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0}, {3, 4});
  const Tensor scores =
      f64({0.3, -0.4, 1.6, 0.2, 0.5, -1.5, 2.5, -0.6, 0.1, 0.8, -0.3, 1.2}, {3, 4});
  check_fn([&](const Tensor& p) { return losses::hinge(labels, p); }, scores);
  check_fn([&](const Tensor& p) { return losses::squared_hinge(labels, p); }, scores);
  const Tensor one_hot = f64({0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0}, {3, 4});
  check_fn([&](const Tensor& p) { return losses::categorical_hinge(one_hot, p); }, scores);

  const Tensor bp = random_tensor({3, 4}, 7, 0.05, 0.95);
  check_fn([&](const Tensor& p) { return losses::binary_focal_crossentropy(labels, p); }, bp);
  check_fn(
      [&](const Tensor& p) {
        return losses::binary_focal_crossentropy(labels, p, true, 0.3, 1.5, true, 0.1);
      },
      yp);
  check_fn([&](const Tensor& p) { return losses::categorical_focal_crossentropy(one_hot, p); },
           probs_p);
  check_fn(
      [&](const Tensor& p) {
        return losses::categorical_focal_crossentropy(one_hot, p, 0.5, 3.0, true, 0.2);
      },
      yp);

  const Tensor mask = f64({1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1}, {2, 2, 3});
  const Tensor soft = random_tensor({2, 2, 3}, 8, 0.05, 0.95);
  check_fn([&](const Tensor& p) { return losses::dice(mask, p); }, soft);
  check_fn([&](const Tensor& p) { return losses::dice(mask, p, {1, 2}); }, soft);
  check_fn([&](const Tensor& p) { return losses::tversky(mask, p, 0.7, 0.3, {1, 2}); }, soft);

  // CTC on logits, with a repeated label and padding.
  const Tensor sequences = f64({1, 2, 0, 3, 3, 0}, {2, 3});
  check_fn([&](const Tensor& p) { return losses::ctc(sequences, p); },
           random_tensor({2, 6, 4}, 10, -2.0, 2.0));

  // Circle on unit embeddings with positives and negatives in every row.
  const Tensor classes = f64({0, 1, 0, 1, 2, 2}, {6});
  Tensor emb = random_tensor({6, 3}, 9);
  emb = ops::divide(emb, ops::sqrt(ops::sum(ops::square(emb), -1, true)));
  check_fn(
      [&](const Tensor& p) { return losses::circle(classes, p, Tensor(), Tensor(), true, 4.0); },
      emb);
}

namespace {

// A user's loss class: mean absolute error scaled by a factor it keeps.
struct ScaledMAE : losses::Loss {
  explicit ScaledMAE(double scale) : Loss("scaled_mae"), scale_(scale) {}
  Tensor call(const Tensor& t, const Tensor& p) const override {
    return ops::multiply(losses::mean_absolute_error(t, p), scale_);
  }
  std::string class_name() const override { return "ScaledMAE"; }
  double scale_;
};

// Positive predictions (softplus), as Poisson and the logarithmic losses need.
double train_and_evaluate(losses::Spec loss, const Tensor& x, const Tensor& y, int epochs) {
  Sequential model(
      {Input({4}), layers::Dense(3, {.activation = "softplus", .kernel_initializer = "ones"})});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.01}), .loss = std::move(loss)});
  const double before = model.evaluate(x, y, {.verbose = 0}).values()[0];
  model.fit(x, y, {.batch_size = 4, .epochs = epochs, .verbose = 0, .shuffle = false});
  const double after = model.evaluate(x, y, {.verbose = 0}).values()[0];
  INFO("loss before " << before << ", after " << after);
  CHECK(after < before);
  return before;
}

}  // namespace

TEST_CASE("new losses train in fit: by name, as objects, and a user's Loss subclass", "[losses]") {
  const Tensor x = ops::cast(random_tensor({8, 4}, 11), DType::float32);
  const Tensor y = ops::cast(random_tensor({8, 3}, 12, 0.5, 1.5), DType::float32);
  const Tensor labels = ops::cast(ops::greater(random_tensor({8, 3}, 13), 0.0), DType::float32);
  for (const char* name :
       {"mape", "msle", "log_cosh", "poisson", "cosine_similarity", "kld", "LogCosh", "Poisson"})
    train_and_evaluate(name, x, y, 3);
  for (const char* name : {"hinge", "squared_hinge", "binary_focal_crossentropy", "Dice"})
    train_and_evaluate(name, x, labels, 3);
  train_and_evaluate(losses::BinaryFocalCrossentropy({.gamma = 1.0, .from_logits = true}), x,
                     labels, 3);
  train_and_evaluate(losses::Tversky({.alpha = 0.7, .beta = 0.3}), x, labels, 3);
  // The user's class: evaluate gives its own formula (scale * MAE of the initial predictions).
  const double before = train_and_evaluate(ScaledMAE(3.0), x, y, 3);
  Sequential fresh(
      {Input({4}), layers::Dense(3, {.activation = "softplus", .kernel_initializer = "ones"})});
  const double mae =
      losses::MeanAbsoluteError()(y, fresh.predict(x, {.verbose = 0})).item<double>();
  CHECK(before == Approx(3.0 * mae).epsilon(1e-5));
}
