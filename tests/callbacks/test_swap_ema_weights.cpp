// SwapEMAWeights (keras/src/callbacks/swap_ema_weights.py, 3.15.1) beyond the fit conformance
// cases `use_ema` and `swap_ema_weights` (tests/conformance): evaluate and predict on the
// averages with the trained weights back afterwards, the optimizer it needs, and
// LossScaleOptimizer's inner optimizer.
#include <keras/callbacks/swap_ema_weights.hpp>
#include <keras/layers/core/dense.hpp>
#include <keras/models/sequential.hpp>
#include <keras/optimizers/loss_scale_optimizer.hpp>
#include <keras/optimizers/sgd.hpp>

#include "test_util.hpp"

using namespace keras;

namespace {

std::vector<std::vector<float>> values(const std::vector<Tensor>& tensors) {
  std::vector<std::vector<float>> out;
  for (const auto& t : tensors) out.push_back(t.to_vector<float>());
  return out;
}

std::vector<Tensor> variable_values(const std::vector<Variable>& variables) {
  std::vector<Tensor> out;
  for (const auto& v : variables) out.push_back(v.value());
  return out;
}

// A model trained a few steps past fit, so that its weights and their averages differ (fit
// itself ends with the averages in the model).
ModelHandle<Sequential> trained(std::shared_ptr<optimizers::Optimizer> optimizer, const Tensor& x,
                                const Tensor& y) {
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{
      Input({3}), layers::Dense(4, {.activation = "tanh"}), layers::Dense(1)});
  model.compile({.optimizer = optimizer, .loss = "mse"});
  model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  for (int i = 0; i < 3; ++i) model.train_on_batch(x, y);
  return model;
}

}  // namespace

TEST_CASE("SwapEMAWeights evaluates and predicts with the averages, then swaps back",
          "[callbacks]") {
  const Tensor x = testing::random_tensor({8, 3}, 1), y = testing::random_tensor({8, 1}, 2);
  const bool wrapped = GENERATE(false, true);
  INFO((wrapped ? "LossScaleOptimizer(SGD(use_ema))" : "SGD(use_ema)"));
  std::shared_ptr<optimizers::Optimizer> sgd = optimizers::SGD(
      {.learning_rate = 0.1, .momentum = 0.5, .use_ema = true, .ema_momentum = 0.6});
  std::shared_ptr<optimizers::Optimizer> optimizer =
      wrapped ? std::shared_ptr<optimizers::Optimizer>(
                    optimizers::LossScaleOptimizer(sgd, {.initial_scale = 4.0}))
              : sgd;
  auto model = trained(optimizer, x, y);
  const auto weights = model->trainable_weights();
  const auto averages = sgd->moving_averages();
  REQUIRE(averages.size() == weights.size());
  const auto trained_values = values(variable_values(weights));
  const auto average_values = values(variable_values(averages));
  REQUIRE(trained_values != average_values);

  // What the averages predict and evaluate to, with them put in by hand.
  for (std::size_t i = 0; i < weights.size(); ++i) {
    Variable w = weights[i];
    w.assign(averages[i].value());
  }
  const Tensor want_predictions = model.predict(x, {.verbose = 0});
  const double want_loss = model.evaluate(x, y, {.verbose = 0})["loss"];
  for (std::size_t i = 0; i < weights.size(); ++i) {
    Variable w = weights[i];
    w.assign(tensor<float>(trained_values[i], w.shape()));
  }
  const double trained_loss = model.evaluate(x, y, {.verbose = 0})["loss"];
  REQUIRE(trained_loss != want_loss);

  callbacks::SwapEMAWeights swap;
  // Within rounding: blas's threads may sum in another order from one call to the next.
  CHECK(model.evaluate(x, y, {.verbose = 0, .callbacks = {swap}})["loss"] ==
        Approx(want_loss).epsilon(1e-6));
  CHECK(values(variable_values(weights)) == trained_values);
  CHECK(values(variable_values(averages)) == average_values);
  CHECK_FALSE(swap->ema_weights_in_model());
  // Keras 3.15 would leave the averages in the model here (see swap_ema_weights.cpp).
  // Within rounding: blas may split the batch differently from one call to the next.
  testing::require_close(model.predict(x, {.verbose = 0, .callbacks = {swap}}), want_predictions);
  CHECK(values(variable_values(weights)) == trained_values);
  CHECK(values(variable_values(averages)) == average_values);
}

TEST_CASE("SwapEMAWeights needs an optimizer with use_ema, in Keras's words", "[callbacks]") {
  const Tensor x = testing::random_tensor({8, 3}, 1), y = testing::random_tensor({8, 1}, 2);
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({3}), layers::Dense(1)});
  callbacks::SwapEMAWeights swap;
  // Not compiled: the callback names itself.
  swap->set_model(&*model);
  CHECK_THROWS_WITH(swap->on_test_begin({}), Catch::Contains("SwapEMAWeights needs the model's"));
  model.compile({.optimizer = optimizers::SGD(), .loss = "mse"});
  CHECK_THROWS_AS(model.fit(x, y,
                            {.epochs = 1,
                             .verbose = 0,
                             .callbacks = {swap},
                             .validation_data = ValidationData{x, y}}),
                  ValueError);
  CHECK_THROWS_WITH(model.evaluate(x, y, {.verbose = 0, .callbacks = {swap}}),
                    "SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. "
                    "Received: use_ema=False");
  // use_ema but nothing trained yet: there are no averages to swap in.
  auto fresh = make_model<Sequential>(std::vector<SequentialEntry>{Input({3}), layers::Dense(1)});
  fresh.compile({.optimizer = optimizers::SGD({.use_ema = true}), .loss = "mse"});
  CHECK_THROWS_WITH(fresh.predict(x, {.verbose = 0, .callbacks = {swap}}),
                    Catch::Contains("Received: use_ema=True (the optimizer is not built yet"));
}
