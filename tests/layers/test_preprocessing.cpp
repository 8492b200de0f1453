// The preprocessing layers outside the shared harness: Normalization's adapt (the oracle cannot
// record it, see layer_cases/preprocessing.py), and inputs and options they refuse.
#include "test_util.hpp"

using namespace keras;

TEST_CASE("Normalization.adapt computes the population mean and variance over the other axes") {
  Tensor data = tensor<float>({1, 2, 3, 6, 5, 10}, {3, 2});
  auto norm = layers::Normalization();
  norm->adapt(data);
  // Feature 0: 1, 3, 5 -> mean 3, variance 8/3; feature 1: 2, 6, 10 -> mean 6, variance 32/3.
  REQUIRE(norm->weights().size() == 3);
  testing::require_close(norm->weights()[0].value(), tensor<float>({3, 6}, {2}));
  testing::require_close(norm->weights()[1].value(), tensor<float>({8.0f / 3, 32.0f / 3}, {2}));
  Tensor y = norm(tensor<float>({3, 6, 5, 10}, {2, 2}));
  testing::require_close(
      y, tensor<float>({0, 0, 2 / std::sqrt(8.0f / 3), 4 / std::sqrt(32.0f / 3)}, {2, 2}));
  // The inverse maps back.
  auto inverse = layers::Normalization({.invert = true});
  inverse->adapt(data);
  testing::require_close(inverse(y), tensor<float>({3, 6, 5, 10}, {2, 2}));
  // adapt again with other data replaces the statistics; a different feature count is refused.
  norm->adapt(tensor<float>({0, 0, 2, 2}, {2, 2}));
  testing::require_close(norm->weights()[0].value(), tensor<float>({1, 1}, {2}));
  REQUIRE_THROWS_WITH(norm->adapt(ops::ones({4, 3})),
                      Catch::Contains("adapt() is being called with data with an incompatible"));
  // One statistic over everything (axis empty), on images.
  auto global = layers::Normalization({.axis = {}});
  global->adapt(tensor<float>({0, 2, 4, 6}, {1, 2, 2, 1}));
  testing::require_close(global->weights()[0].value(), tensor<float>({3}, Shape{}));
}

TEST_CASE("preprocessing layers refuse bad options and inputs, in Keras's words") {
  REQUIRE_THROWS_WITH(layers::Normalization({.mean = std::vector<double>{1.0}}),
                      Catch::Contains("both `mean` and `variance` must be set"));
  auto mismatched = layers::Normalization(
      {.mean = std::vector<double>{1.0, 2.0}, .variance = std::vector<double>{1.0, 2.0}});
  REQUIRE_THROWS_WITH(mismatched(ops::ones({2, 3})), Catch::Contains("hold 3 features"));
  REQUIRE_THROWS_WITH(layers::Normalization({.axis = {2}})(ops::ones({2, 3})),
                      Catch::Contains("All `axis` values must be in the range [-ndim, ndim)"));
  REQUIRE_THROWS_WITH(layers::CategoryEncoding(),
                      Catch::Contains("num_tokens must be set to use this layer"));
  REQUIRE_THROWS_WITH(layers::CategoryEncoding({.num_tokens = 0}),
                      Catch::Contains("`num_tokens` must be >= 1"));
  REQUIRE_THROWS_WITH(layers::CategoryEncoding({.num_tokens = 3, .output_mode = "tf_idf"}),
                      Catch::Contains("Unknown arg for output_mode: tf_idf"));
  REQUIRE_THROWS_WITH(layers::CategoryEncoding({.num_tokens = 3})(ops::ones({2, 3})),
                      Catch::Contains("expects integer category ids"));
  REQUIRE_THROWS_WITH(layers::Resizing(2, 2, {.interpolation = "bicubic"}),
                      Catch::Contains("Invalid value for argument `interpolation`"));
  REQUIRE_THROWS_WITH(layers::Resizing(0, 2), Catch::Contains("must be positive"));
  REQUIRE_THROWS_WITH(layers::Resizing(2, 2)(ops::ones({2, 3})),
                      Catch::Contains("Invalid images rank"));
  REQUIRE_THROWS_WITH(layers::CenterCrop(2, 2, {.data_format = "channels_middle"}),
                      Catch::Contains("The `data_format` argument must be one of"));
  // A Keras Resizing config with an option keraspp does not compute is refused, not ignored.
  ConfigValue padded = layers::Resizing(2, 2)->get_config();
  padded["pad_to_aspect_ratio"] = true;
  REQUIRE_THROWS_AS(layers::ResizingImpl::from_config(padded), NotImplementedError);
}

TEST_CASE("Rescaling turns uint8 pixels into floats in [0, 1]") {
  Tensor pixels = ops::cast(tensor<float>({0, 51, 255, 102}, {1, 2, 2, 1}), DType::uint8);
  Tensor y = layers::Rescaling(1.0 / 255)(pixels);
  REQUIRE(y.dtype() == DType::float32);
  testing::require_close(y, tensor<float>({0, 0.2f, 1, 0.4f}, {1, 2, 2, 1}));
}
