// Dropout as a layer: in training it keeps about (1 - rate) of the units and scales the kept
// ones by 1 / (1 - rate) (so the expected activation is unchanged); at inference it is the
// identity. The op has its own test (core/test_random.cpp); these pin the layer's use of it.
#include <algorithm>

#include "test_util.hpp"

using namespace keras;

TEST_CASE("Dropout in training keeps 1 - rate of the units, scaled by 1 / (1 - rate)") {
  // Rates on both sides of 0.5, so keeping `rate` instead of `1 - rate`, or scaling by 2,
  // or by 1 / rate, cannot pass.
  for (double rate : {0.2, 0.5, 0.75}) {
    INFO("rate " << rate);
    auto drop = layers::Dropout(rate, {.seed = 11});
    Tensor x = testing::random_tensor({200, 500}, 3, 0.5, 1.5, DType::float32);
    Tensor y = drop(x, /*training=*/true);
    REQUIRE(y.shape() == x.shape());
    REQUIRE(y.dtype() == x.dtype());
    auto xv = x.to_vector<double>(), yv = y.to_vector<double>();
    std::size_t kept = 0;
    for (std::size_t i = 0; i < xv.size(); ++i) {
      if (yv[i] == 0.0) continue;  // dropped (x is never 0 here)
      ++kept;
      REQUIRE(yv[i] == Approx(xv[i] / (1.0 - rate)).epsilon(1e-6));
    }
    // 100000 Bernoulli(1 - rate) draws: the standard deviation of the kept fraction is at most
    // 0.0016, the margin is four of them.
    CHECK(static_cast<double>(kept) / static_cast<double>(xv.size()) ==
          Approx(1.0 - rate).margin(0.0064));
    // A second training call draws a new mask (the layer's seed generator advances).
    CHECK(drop(x, true).to_vector<double>() != yv);
  }
}

TEST_CASE("Dropout at inference is the identity, also inside a model's predict") {
  auto drop = layers::Dropout(0.5, {.seed = 1});
  Tensor x = testing::random_tensor({4, 6}, 5, -1.0, 1.0, DType::float32);
  testing::require_close(drop(x), x, 0.0, 0.0);
  testing::require_close(drop(x, false), x, 0.0, 0.0);
  Sequential model({Input({6}), layers::Dropout(0.5, {.seed = 2})});
  testing::require_close(model.predict(x, {.verbose = 0}), x, 0.0, 0.0);
}

TEST_CASE("Dropout writes noise_shape's None entries as null, as Keras does") {
  auto drop = layers::Dropout(0.5, {.noise_shape = Shape{kNone, 1, 4}});
  const ConfigValue dims = drop->get_config().at("noise_shape");
  REQUIRE(dims.dump() == "[null, 1, 4]");
  REQUIRE(layers::deserialize(layers::serialize(*drop))->get_config().at("noise_shape").dump() ==
          "[null, 1, 4]");
}
