// Pooling layers refuse bad arguments and inputs with Keras's ValueErrors, naming the layer;
// configs written by Keras 1 and 2 read into the Keras 3 arguments.
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

TEST_CASE("pooling layers refuse non-positive or miscounted sizes, as Keras's standardize_tuple") {
  REQUIRE_THROWS_AS(layers::MaxPooling2D({.pool_size = 0}), ValueError);
  REQUIRE_THROWS_WITH(layers::MaxPooling2D({.pool_size = {2, 0}, .name = "mp"}),
                      Contains("MaxPooling2D layer 'mp': The `pool_size` argument must be a tuple "
                               "of 2 integers. Received pool_size=(2, 0), including values {0} "
                               "that do not satisfy `value > 0`"));
  REQUIRE_THROWS_WITH(layers::AveragePooling3D({2, 2}),
                      Contains("The `pool_size` argument must be a tuple of 3 integers. Received "
                               "pool_size=(2, 2)"));
  REQUIRE_THROWS_WITH(layers::MaxPooling1D({.strides = -1}),
                      Contains("`strides` argument must be a tuple of 1 integers. Received "
                               "strides=-1, including values {-1} that do not satisfy `value >= "
                               "0`"));
  REQUIRE_THROWS_WITH(layers::AveragePooling1D(2, {.padding = "full"}),
                      Contains("The `padding` argument must be a list/tuple or one of {'valid', "
                               "'same'}. Received: full"));
  REQUIRE_THROWS_WITH(layers::GlobalMaxPooling2D({.data_format = "NHWC"}),
                      Contains("The `data_format` argument must be one of {'channels_first', "
                               "'channels_last'}. Received: data_format=nhwc"));
  // Upper case is accepted, as Keras lower-cases both.
  REQUIRE(
      layers::MaxPooling2D({.padding = "SAME", .data_format = "Channels_First"})->data_format() ==
      "channels_first");
}

TEST_CASE("pooling layers refuse the wrong rank and a window larger than the input") {
  auto pool = layers::MaxPooling2D({.pool_size = 3, .name = "pool"});
  REQUIRE_THROWS_WITH(pool(ops::ones({2, 5, 3})),
                      Contains("Input 0 of layer \"pool\" is incompatible with the layer: "
                               "expected ndim=4, found ndim=3"));
  REQUIRE_THROWS_WITH(pool(ops::ones({1, 2, 5, 3})),
                      Contains("MaxPooling2D layer 'pool': Computed output size would be zero or "
                               "negative. Received: `inputs.shape=(1, 2, 5, 3)`, "
                               "`pool_size=(3, 3)`, `strides=(3, 3)`, `padding=valid`."));
  // The same window fits once the input is padded.
  auto same = layers::MaxPooling2D({.pool_size = 3, .padding = "same"});
  REQUIRE(same(ops::ones({1, 2, 5, 3})).shape() == Shape{1, 1, 2, 3});
  auto global = layers::GlobalAveragePooling3D();
  REQUIRE_THROWS_WITH(global(ops::ones({1, 2, 3, 4})), Contains("expected ndim=5, found ndim=4"));
}

TEST_CASE("pooling layers take configs of every Keras generation") {
  // Keras 1: pool_length / stride / border_mode, renamed by the legacy reader.
  auto k1 = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "MaxPooling1D", "config": {"name": "p", "pool_length": 3,
          "stride": 1, "border_mode": "same", "trainable": true}})"));
  auto* pool = dynamic_cast<layers::BasePoolingImpl*>(k1.get());
  REQUIRE(pool != nullptr);
  CHECK(pool->pool_size() == std::vector<std::int64_t>{3});
  CHECK(pool->strides() == std::vector<std::int64_t>{1});
  CHECK(pool->padding() == "same");
  // Keras 2 and 3 write lists; a missing stride is the pool size.
  auto k3 = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "AveragePooling2D", "config": {"name": "a", "pool_size": [2, 3],
          "padding": "valid", "data_format": "channels_first"}})"));
  pool = dynamic_cast<layers::BasePoolingImpl*>(k3.get());
  CHECK(pool->strides() == std::vector<std::int64_t>{2, 3});
  CHECK(pool->data_format() == "channels_first");
  ConfigValue config = k3->get_config();
  CHECK(config.at("pool_size").dump() == "[2, 3]");
  CHECK(config.at("strides").dump() == "[2, 3]");
  // AveragePooling's pool_size has no default in Keras 3.
  REQUIRE_THROWS_WITH(layers::deserialize(ConfigValue::parse(
                          R"({"class_name": "AveragePooling1D", "config": {"name": "a"}})")),
                      Contains("missing required argument `pool_size`"));
}
