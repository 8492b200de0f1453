// fit runs Dropout in training mode with Keras's scale; evaluate and predict do not.
#include "test_util.hpp"

using namespace keras;

TEST_CASE("fit trains through Dropout's scaled mask; evaluate sees the identity") {
  // x = 1 -> Dropout(rate) -> Dense(1, no bias, kernel 1), target 0, SGD with learning rate 0:
  // the per-sample loss is m^2 for the mask value m, which is 0 or 1 / (1 - rate). With
  // P(keep) = 1 - rate the epoch loss is E[m^2] = 1 / (1 - rate) = 1.25 for rate 0.2.
  // Without the scale it would be 0.8; keeping `rate` of the units, 0.3125; with training
  // off, exactly 1.
  const double rate = 0.2;
  const std::int64_t n = 20000;
  Sequential model({Input({1}), layers::Dropout(rate, {.seed = 5}),
                    layers::Dense(1, {.use_bias = false, .kernel_initializer = "ones"})});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}), .loss = "mse"});
  Tensor x = ops::ones({n, 1}), y = ops::zeros({n, 1});
  auto h = model.fit(x, y, {.batch_size = 1000, .epochs = 1, .verbose = 0, .shuffle = false});
  // The standard deviation of the mean of 20000 m^2 values is 0.0044; the margin is 0.02.
  CHECK(h->history.at("loss")[0] == Approx(1.0 / (1.0 - rate)).margin(0.02));
  CHECK(model.evaluate(x, y, {.verbose = 0})["loss"] == Approx(1.0).epsilon(1e-6));
  testing::require_close(model.predict(x, {.verbose = 0}), x, 0.0, 0.0);
}
