// The random regularization layers in training: what they draw, measured over many draws (the
// oracle checks them at inference, where each is the identity), and their bad inputs.
// ActivityRegularization's penalty is checked against Keras by the oracle; here its config.
#include <cmath>
#include <map>

#include "test_util.hpp"

using namespace keras;

namespace {

// Mean and standard deviation of a sample.
std::pair<double, double> moments(const std::vector<double>& v) {
  double sum = 0, sq = 0;
  for (double e : v) sum += e;
  const double mean = sum / static_cast<double>(v.size());
  for (double e : v) sq += (e - mean) * (e - mean);
  return {mean, std::sqrt(sq / static_cast<double>(v.size()))};
}

// Checks a SpatialDropout output: within each (sample, channel) map every element is kept
// (scaled by 1 / (1 - rate)) or every one is zero; about 1 - rate of the maps are kept.
void check_spatial_dropout(Layer& drop, const Shape& shape, int channel_axis, double rate) {
  INFO("input shape " << shape.to_string() << ", channel axis " << channel_axis);
  Tensor x = testing::random_tensor(shape, 3, 0.5, 1.5, DType::float32);
  Tensor y = drop(x, /*training=*/true);
  REQUIRE(y.shape() == shape);
  const auto xv = x.to_vector<double>(), yv = y.to_vector<double>();
  const auto strides = shape.strides();
  std::map<std::pair<std::int64_t, std::int64_t>, int> kept_in_map, size_of_map;
  for (std::size_t i = 0; i < xv.size(); ++i) {
    const auto flat = static_cast<std::int64_t>(i);
    const std::int64_t sample = flat / strides[0];
    const std::int64_t channel = flat / strides[channel_axis] % shape[channel_axis];
    const std::pair key{sample, channel};
    ++size_of_map[key];
    if (yv[i] == 0.0) continue;
    ++kept_in_map[key];
    REQUIRE(yv[i] == Approx(xv[i] / (1.0 - rate)).epsilon(1e-6));
  }
  std::size_t kept_maps = 0;
  for (const auto& [key, size] : size_of_map) {
    const int kept = kept_in_map[key];
    REQUIRE((kept == 0 || kept == size));  // whole maps only
    if (kept) ++kept_maps;
  }
  // Bernoulli(1 - rate) per map: four standard deviations of the kept fraction.
  const double n = static_cast<double>(size_of_map.size());
  CHECK(static_cast<double>(kept_maps) / n ==
        Approx(1.0 - rate).margin(4 * std::sqrt(rate * (1 - rate) / n)));
  // At inference, the identity.
  testing::require_close(drop(x), x, 0.0, 0.0);
}

}  // namespace

TEST_CASE("SpatialDropout drops whole feature maps in training, for each data_format") {
  auto d1 = layers::SpatialDropout1D(0.3, {.seed = 1});
  check_spatial_dropout(*d1.ptr(), {400, 5, 6}, 2, 0.3);
  auto d2 = layers::SpatialDropout2D(0.6, {.seed = 2});
  check_spatial_dropout(*d2.ptr(), {300, 3, 4, 7}, 3, 0.6);
  auto d2f = layers::SpatialDropout2D(0.25, {.data_format = "channels_first", .seed = 3});
  check_spatial_dropout(*d2f.ptr(), {300, 7, 3, 4}, 1, 0.25);
  auto d3 = layers::SpatialDropout3D(0.5, {.seed = 4});
  check_spatial_dropout(*d3.ptr(), {200, 2, 3, 2, 6}, 4, 0.5);
  auto d3f = layers::SpatialDropout3D(0.5, {.data_format = "channels_first", .seed = 5});
  check_spatial_dropout(*d3f.ptr(), {200, 6, 2, 3, 2}, 1, 0.5);
  // A second training call draws new maps.
  Tensor x = testing::random_tensor({50, 4, 8}, 6, 0.5, 1.5, DType::float32);
  CHECK(d1(x, true).to_vector<double>() != d1(x, true).to_vector<double>());
}

TEST_CASE("GaussianNoise in training adds noise of mean 0 and deviation stddev") {
  auto noise = layers::GaussianNoise(0.3, {.seed = 7});
  Tensor x = testing::random_tensor({200, 500}, 3, -1.0, 1.0, DType::float32);
  Tensor y = noise(x, true);
  const auto xv = x.to_vector<double>(), yv = y.to_vector<double>();
  std::vector<double> added(xv.size());
  for (std::size_t i = 0; i < xv.size(); ++i) added[i] = yv[i] - xv[i];
  const auto [mean, sd] = moments(added);
  // 100000 draws: the mean's deviation is 0.3 / 316 ~ 0.001, the deviation's about 0.0007.
  CHECK(mean == Approx(0.0).margin(0.004));
  CHECK(sd == Approx(0.3).margin(0.003));
  CHECK(noise(x, true).to_vector<double>() != yv);
  testing::require_close(noise(x), x, 0.0, 0.0);
}

TEST_CASE("GaussianDropout in training multiplies by noise of mean 1, deviation sqrt(r/(1-r))") {
  for (double rate : {0.2, 0.6}) {
    INFO("rate " << rate);
    auto drop = layers::GaussianDropout(rate, {.seed = 8});
    Tensor x = testing::random_tensor({200, 500}, 4, 0.5, 1.5, DType::float32);
    const auto xv = x.to_vector<double>(), yv = drop(x, true).to_vector<double>();
    std::vector<double> factor(xv.size());
    for (std::size_t i = 0; i < xv.size(); ++i) factor[i] = yv[i] / xv[i];
    const auto [mean, sd] = moments(factor);
    const double want_sd = std::sqrt(rate / (1.0 - rate));
    CHECK(mean == Approx(1.0).margin(4 * want_sd / std::sqrt(100000.0)));
    CHECK(sd == Approx(want_sd).epsilon(0.01));
    testing::require_close(drop(x), x, 0.0, 0.0);
  }
}

TEST_CASE("AlphaDropout in training keeps a standard normal input's mean 0 and variance 1") {
  // SELU's negative saturation and Keras's affine correction for it.
  const double alpha_p = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
  for (double rate : {0.1, 0.4}) {
    INFO("rate " << rate);
    const double a = std::pow((1 - rate) * (1 + rate * alpha_p * alpha_p), -0.5);
    const double b = -a * alpha_p * rate;
    auto drop = layers::AlphaDropout(rate, {.seed = 9});
    Tensor x = random::normal({200, 500}, 0.0, 1.0, DType::float32, 10);
    const auto xv = x.to_vector<double>(), yv = drop(x, true).to_vector<double>();
    std::size_t dropped = 0;
    for (std::size_t i = 0; i < xv.size(); ++i) {
      // Each element is a * x + b (kept) or a * alpha_p + b (dropped).
      if (std::abs(yv[i] - (a * alpha_p + b)) < 1e-5) ++dropped;
      else REQUIRE(yv[i] == Approx(a * xv[i] + b).margin(1e-5));
    }
    CHECK(static_cast<double>(dropped) / 1e5 == Approx(rate).margin(0.0064));
    const auto [mean, sd] = moments(yv);
    CHECK(mean == Approx(0.0).margin(0.015));
    CHECK(sd == Approx(1.0).margin(0.015));
    testing::require_close(drop(x), x, 0.0, 0.0);
  }
}

TEST_CASE("AlphaDropout's noise_shape shares the mask along its size-1 axes") {
  auto drop = layers::AlphaDropout(0.5, {.noise_shape = Shape{kNone, 1, 4}, .seed = 2});
  Tensor x = testing::random_tensor({30, 6, 4}, 3, 0.5, 1.5, DType::float32);
  const auto yv = drop(x, true).to_vector<double>();
  // Whether an element was dropped depends only on (sample, feature): the dropped value is a
  // constant no positive input maps to.
  const double alpha_p = -1.6732632423543772848170429916717 * 1.0507009873554804934193349852946;
  const double a = std::pow(0.5 * (1 + 0.5 * alpha_p * alpha_p), -0.5);
  const double dropped_value = a * alpha_p - a * alpha_p * 0.5;
  for (std::int64_t s = 0; s < 30; ++s)
    for (std::int64_t f = 0; f < 4; ++f) {
      const bool first = std::abs(yv[static_cast<std::size_t>(s * 24 + f)] - dropped_value) < 1e-5;
      for (std::int64_t t = 1; t < 6; ++t) {
        const auto i = static_cast<std::size_t>(s * 24 + t * 4 + f);
        REQUIRE((std::abs(yv[i] - dropped_value) < 1e-5) == first);
      }
    }
}

TEST_CASE("ActivityRegularization adds its penalty in both modes and writes l1 and l2") {
  auto reg = layers::ActivityRegularization({.l1 = 0.5, .l2 = 0.25});
  // |x| sums to 10, x^2 to 30, over a batch of 2: (0.5 * 10 + 0.25 * 30) / 2.
  Tensor x = keras::tensor<float>({1, -2, 3, 4}, {2, 2});
  for (bool training : {false, true}) {
    testing::require_close(reg(x, training), x, 0.0, 0.0);
    REQUIRE(reg->losses().size() == 1);
    CHECK(reg->losses()[0].item<double>() == Approx(6.25));
  }
  const ConfigValue config = reg->get_config();
  CHECK(config.at("l1").as_double() == 0.5);
  CHECK(config.at("l2").as_double() == 0.25);
  CHECK_FALSE(config.contains("activity_regularizer"));  // Keras pops it
}

TEST_CASE("the regularization layers refuse bad options and inputs in Keras's words") {
  REQUIRE_THROWS_WITH(layers::SpatialDropout2D(1.5),
                      Catch::Contains("Invalid value received for argument `rate`. Expected a "
                                      "float value between 0 and 1. Received: rate=1.5"));
  REQUIRE_THROWS_WITH(layers::GaussianNoise(2.0),
                      Catch::Contains("argument `stddev`. Expected a float value between 0 and "
                                      "1. Received: stddev=2.0"));
  REQUIRE_THROWS_AS(layers::GaussianDropout(-0.1), ValueError);
  REQUIRE_THROWS_AS(layers::AlphaDropout(std::nan("")), ValueError);
  REQUIRE_THROWS_WITH(layers::SpatialDropout3D(0.5, {.data_format = "channels_middle"}),
                      Catch::Contains("The `data_format` argument must be one of "
                                      "{'channels_first', 'channels_last'}. Received: "
                                      "data_format=channels_middle"));
  REQUIRE_THROWS_WITH(layers::AlphaDropout(0.5, {.noise_shape = Shape{kNone, 0}}),
                      Catch::Contains("Received negative or zero value at index 1: 0"));

  auto spatial = layers::SpatialDropout2D(0.5, {.name = "sd"});
  REQUIRE_THROWS_WITH(spatial(ops::ones({2, 3, 4}), true),
                      Catch::Contains("Input 0 of layer \"sd\" is incompatible with the layer: "
                                      "expected ndim=4, found ndim=3"));
  auto alpha = layers::AlphaDropout(0.5, {.noise_shape = Shape{kNone, 3}, .name = "ad"});
  REQUIRE_THROWS_WITH(alpha(ops::ones({2, 4}), true),
                      Catch::Contains("\"ad\": AlphaDropout's noise_shape (None, 3) does not "
                                      "broadcast to the input shape (2, 4)"));
  REQUIRE_THROWS_WITH(layers::GaussianDropout(1.0)(ops::ones({2, 2}), true),
                      Catch::Contains("rate=1 cannot run in training"));
}

TEST_CASE("SpatialDropout configs carry Keras's keys: rate, seed, name, dtype, data_format") {
  auto d2 =
      layers::SpatialDropout2D(0.4, {.data_format = "channels_first", .seed = 3, .name = "maps"});
  CHECK(d2->get_config().dump() ==
        R"({"rate": 0.4, "seed": 3, "name": "maps", "dtype": "float32", )"
        R"("data_format": "channels_first"})");
  auto d1 = layers::SpatialDropout1D(0.2, {.name = "steps"});
  CHECK(d1->get_config().dump() ==
        R"({"rate": 0.2, "seed": null, "name": "steps", "dtype": "float32"})");
  // A Keras file's config (which has no `trainable`) reads back.
  auto again = layers::deserialize(layers::serialize(*d2.ptr()));
  CHECK(again->get_config().dump() == d2->get_config().dump());
}
