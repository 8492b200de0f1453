// The normalization layers: BatchNormalization's moving statistics through fit and predict (the
// oracle checks a single training call against Keras), and bad options and inputs named in
// Keras's words.
#include <cmath>

#include "test_util.hpp"

using namespace keras;

namespace {

// Per-column mean and (1/N) variance of a (rows, cols) tensor's rows [begin, end).
std::pair<std::vector<double>, std::vector<double>> column_moments(const Tensor& x,
                                                                   std::int64_t begin,
                                                                   std::int64_t end) {
  const std::int64_t cols = x.shape()[1];
  const auto v = x.to_vector<double>();
  std::vector<double> mean(static_cast<std::size_t>(cols)), var(mean.size());
  const auto n = static_cast<double>(end - begin);
  for (std::int64_t c = 0; c < cols; ++c) {
    const auto cc = static_cast<std::size_t>(c);
    for (std::int64_t r = begin; r < end; ++r)
      mean[cc] += v[static_cast<std::size_t>(r * cols + c)];
    mean[cc] /= n;
    for (std::int64_t r = begin; r < end; ++r) {
      const double d = v[static_cast<std::size_t>(r * cols + c)] - mean[cc];
      var[cc] += d * d;
    }
    var[cc] /= n;
  }
  return {mean, var};
}

}  // namespace

TEST_CASE("fit updates BatchNormalization's moving statistics once per batch, as Keras") {
  auto bn = layers::BatchNormalization({.momentum = 0.75});
  Sequential model({Input({3}), bn, layers::Dense(1)});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.01}), .loss = "mse"});
  Tensor x = testing::random_tensor({8, 3}, 21, -2.0, 3.0, DType::float32);
  Tensor y = testing::random_tensor({8, 1}, 22);
  model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  // The first layer sees the raw batches: moving = moving * 0.75 + batch * 0.25, from zeros and
  // ones, batch by batch.
  const auto [m1, v1] = column_moments(x, 0, 4);
  const auto [m2, v2] = column_moments(x, 4, 8);
  std::vector<double> want_mean(3), want_var(3);
  for (std::size_t c = 0; c < 3; ++c) {
    want_mean[c] = (0.0 * 0.75 + m1[c] * 0.25) * 0.75 + m2[c] * 0.25;
    want_var[c] = (1.0 * 0.75 + v1[c] * 0.25) * 0.75 + v2[c] * 0.25;
  }
  testing::require_close(bn->moving_mean().value(), keras::tensor<double>(want_mean, {3}), 1e-5,
                         1e-5);
  testing::require_close(bn->moving_variance().value(), keras::tensor<double>(want_var, {3}), 1e-5,
                         1e-5);

  // Inference (predict, evaluate) uses them and leaves them alone.
  const Tensor before = ops::copy(bn->moving_mean().value());
  Tensor normalized = bn(x);
  model.predict(x, {.verbose = 0});
  model.evaluate(x, y, {.verbose = 0});
  testing::require_close(bn->moving_mean().value(), before, 0.0, 0.0);
  const auto xv = x.to_vector<double>(), nv = normalized.to_vector<double>();
  const auto gamma = bn->gamma().value().to_vector<double>();
  const auto beta = bn->beta().value().to_vector<double>();
  for (std::size_t i = 0; i < xv.size(); ++i) {
    const std::size_t c = i % 3;
    REQUIRE(nv[i] ==
            Approx((xv[i] - want_mean[c]) / std::sqrt(want_var[c] + 1e-3) * gamma[c] + beta[c])
                .margin(1e-5));
  }
}

TEST_CASE("a frozen BatchNormalization keeps its statistics in training calls") {
  auto bn = layers::BatchNormalization({.trainable = false});
  Tensor x = testing::random_tensor({6, 2}, 4, -1.0, 1.0, DType::float32);
  Tensor at_inference = bn(x);
  testing::require_close(bn(x, /*training=*/true), at_inference, 0.0, 0.0);
  testing::require_close(bn->moving_mean().value(), ops::zeros({2}), 0.0, 0.0);
  // Unfrozen, the same call normalizes with the batch and moves the statistics.
  bn->set_trainable(true);
  Tensor trained = bn(x, true);
  CHECK(trained.to_vector<double>() != at_inference.to_vector<double>());
  CHECK(bn->moving_mean().value().to_vector<double>() != std::vector<double>{0.0, 0.0});
}

TEST_CASE("BatchNormalization reads Keras 2's one-axis list and refuses what it cannot do") {
  auto config = layers::BatchNormalization({.axis = 3})->get_config();
  config["axis"] = ConfigValue::List{3};
  auto bn = layers::find_layer("BatchNormalization").from_config(config);
  CHECK(bn->get_config().at("axis") == ConfigValue(3));
  config["axis"] = ConfigValue::List{1, 2};
  REQUIRE_THROWS_WITH(layers::find_layer("BatchNormalization").from_config(config),
                      Catch::Contains("normalizes along one axis; received axis=[1, 2]"));
  config["axis"] = 3;
  config["renorm"] = true;
  REQUIRE_THROWS_AS(layers::find_layer("BatchNormalization").from_config(config),
                    NotImplementedError);
  config["renorm"] = false;
  config["virtual_batch_size"] = 8;
  REQUIRE_THROWS_WITH(layers::find_layer("BatchNormalization").from_config(config),
                      Catch::Contains("virtual_batch_size=8 is not supported"));
}

TEST_CASE("the normalization layers refuse bad axes, groups and inputs in Keras's words") {
  auto bn = layers::BatchNormalization({.axis = 3, .name = "bn"});
  REQUIRE_THROWS_WITH(bn(ops::ones({2, 3})),
                      Catch::Contains("Axis 3 is out of bounds for input shape (2, 3). "
                                      "Received: axis=3"));
  auto channels = layers::BatchNormalization({.axis = 1, .name = "bn1"});
  channels(ops::ones({2, 3, 4}));
  REQUIRE_THROWS_WITH(channels(ops::ones({2, 5, 4})),
                      Catch::Contains("Input 0 of layer \"bn1\" is incompatible with the layer: "
                                      "expected axis 1 of input shape to have value 3"));
  REQUIRE_THROWS_WITH(channels(ops::ones({2, 3})), Catch::Contains("expected ndim=3"));
  REQUIRE_THROWS_WITH(layers::BatchNormalization()(Input({kNone})),
                      Catch::Contains("should have a defined dimension"));

  REQUIRE_THROWS_WITH(layers::LayerNormalization({.axis = {1, 4}})(ops::ones({2, 3, 4})),
                      Catch::Contains("Axis 4 is out of bounds for input shape (2, 3, 4). "
                                      "Received: axis=[1, 4]"));
  REQUIRE_THROWS_WITH(layers::UnitNormalization({.axis = -3})(ops::ones({2, 3})),
                      Catch::Contains("Axis -3 is out of bounds for input shape (2, 3)."));

  REQUIRE_THROWS_WITH(layers::GroupNormalization({.groups = 0}),
                      Catch::Contains("Received an invalid value for argument `groups`, expected "
                                      "a positive integer (or `-1` for instance normalization). "
                                      "Received: groups=0"));
  REQUIRE_THROWS_WITH(layers::GroupNormalization({.groups = 4})(ops::ones({2, 6})),
                      Catch::Contains("Number of groups (4) must be a multiple of the number of "
                                      "channels (6)."));
  REQUIRE_THROWS_WITH(layers::GroupNormalization()(ops::ones({2, 6})),
                      Catch::Contains("Number of groups (32) cannot be more than the number of "
                                      "channels (6)."));
  auto group = layers::GroupNormalization({.groups = 2, .name = "gn"});
  group(ops::ones({2, 4}));
  REQUIRE_THROWS_WITH(group(ops::ones({2, 6})),
                      Catch::Contains("expected axis -1 of input shape to have value 4"));
}

TEST_CASE("GroupNormalization with groups=-1 writes the channel count once built") {
  auto instance = layers::GroupNormalization({.groups = -1});
  CHECK(instance->get_config().at("groups") == ConfigValue(-1));
  instance(ops::ones({2, 5}));
  CHECK(instance->groups() == 5);
  CHECK(instance->get_config().at("groups") == ConfigValue(5));
}
