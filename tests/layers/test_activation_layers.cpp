// The activation layers outside the shared harness and the oracle: hand values (the only check
// ThresholdedReLU can have, Keras 3 having dropped it), Keras 2 configs, and bad options.
#include "test_util.hpp"

using namespace keras;

TEST_CASE("ThresholdedReLU keeps values above theta and zeroes the rest") {
  Tensor x = tensor<float>({-2.0f, 0.5f, 1.0f, 1.5f, 3.0f, 0.99f}, {2, 3});
  auto layer = layers::ThresholdedReLU();  // theta = 1.0: 1.0 itself is not above it
  testing::require_close(layer(x), tensor<float>({0, 0, 0, 1.5f, 3.0f, 0}, {2, 3}), 0.0, 0.0);
  auto low = layers::ThresholdedReLU({.theta = 0.0});
  testing::require_close(low(x), tensor<float>({0, 0.5f, 1.0f, 1.5f, 3.0f, 0.99f}, {2, 3}), 0.0,
                         0.0);
  // The gradient is the mask.
  GradientTape tape;
  Tensor xt = tape.watch(x);
  Tensor g = tape.gradient(ops::sum(layer(xt)), {xt})[0];
  testing::require_close(g, tensor<float>({0, 0, 0, 1, 1, 0}, {2, 3}), 0.0, 0.0);
  // A Keras 2 config (theta as written by tf.keras) loads through the registry.
  auto loaded = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "ThresholdedReLU", "config": {"name": "thr", "trainable": true,
          "dtype": "float32", "theta": 0.5}})"));
  testing::require_close((*loaded)(x), tensor<float>({0, 0, 1.0f, 1.5f, 3.0f, 0.99f}, {2, 3}), 0.0,
                         0.0);
  REQUIRE_THROWS_WITH(layers::ThresholdedReLU({.theta = -1.0}),
                      Catch::Contains("theta value of a Thresholded ReLU layer should be >=0"));
}

TEST_CASE("LeakyReLU reads Keras 2's alpha for its negative slope") {
  auto loaded = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "LeakyReLU", "config": {"name": "leaky", "trainable": true,
          "dtype": "float32", "alpha": 0.1}})"));
  REQUIRE(loaded->get_config().at("negative_slope").as_double() == Approx(0.1));
  testing::require_close((*loaded)(tensor<float>({-2.0f, 3.0f}, {1, 2})),
                         tensor<float>({-0.2f, 3.0f}, {1, 2}));
  REQUIRE(layers::LeakyReLU()->get_config().at("negative_slope").as_double() == Approx(0.3));
}

TEST_CASE("activation layers refuse bad options and inputs, naming the argument") {
  REQUIRE_THROWS_WITH(layers::ReLU({.max_value = -1.0}),
                      Catch::Contains("max_value of a ReLU layer cannot be a negative value"));
  REQUIRE_THROWS_WITH(layers::ReLU({.negative_slope = -0.1}),
                      Catch::Contains("negative_slope of a ReLU layer"));
  REQUIRE_THROWS_WITH(layers::ReLU({.threshold = -0.1}),
                      Catch::Contains("threshold of a ReLU layer"));
  REQUIRE_THROWS_WITH(layers::LeakyReLU({.negative_slope = -1.0}),
                      Catch::Contains("negative_slope value of a Leaky ReLU layer"));
  auto prelu = layers::PReLU({.shared_axes = {3}});
  REQUIRE_THROWS_WITH(prelu(ops::ones({2, 3, 4})), Catch::Contains("shared_axes"));
  // Once built, alpha fixes the non-shared feature sizes (Keras's input_spec).
  auto built = layers::PReLU({.shared_axes = {1}});
  built(ops::ones({2, 3, 4}));
  REQUIRE(built->alpha().shape() == Shape{1, 4});
  built(ops::ones({5, 7, 4}));  // the shared axis may change
  REQUIRE_THROWS_AS(built(ops::ones({2, 3, 5})), ValueError);
}
