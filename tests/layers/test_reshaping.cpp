// Reshaping layers refuse bad arguments and inputs with Keras's ValueErrors, naming the layer;
// their configs round-trip in Keras's forms.
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

TEST_CASE("cropping more than the input is Keras's ValueError") {
  auto crop1 = layers::Cropping1D({.cropping = {2, 3}, .name = "c1"});
  REQUIRE_THROWS_WITH(crop1(ops::ones({1, 5, 2})),
                      Contains("Cropping1D layer 'c1': `cropping` parameter of `Cropping1D` layer "
                               "must be smaller than the input length. Received: "
                               "input_shape=(1, 5, 2), cropping=(2, 3)"));
  REQUIRE(crop1(ops::ones({1, 6, 2})).shape() == Shape{1, 1, 2});
  auto crop2 = layers::Cropping2D({.cropping = {{1, 1}, 2}, .data_format = "channels_first"});
  REQUIRE_THROWS_WITH(crop2(ops::ones({1, 3, 4, 4})),
                      Contains("Values in `cropping` argument should be smaller than the "
                               "corresponding spatial dimension of the input. Received: "
                               "input_shape=(1, 3, 4, 4), cropping=((1, 1), (2, 2))"));
  REQUIRE(crop2->compute_output_shape({kNone, 3, kNone, 5}) == Shape{kNone, 3, kNone, 1});
  auto crop3 = layers::Cropping3D();
  REQUIRE_THROWS_AS(crop3(ops::ones({1, 2, 4, 4, 1})), ValueError);
}

TEST_CASE("cropping and padding arguments are checked as Keras's constructors do") {
  REQUIRE_THROWS_WITH(layers::Cropping2D({.cropping = -1}),
                      Contains("`cropping` cannot be negative. Received: cropping=-1."));
  REQUIRE_THROWS_WITH(layers::Cropping2D({.cropping = {1, 2, 3}}),
                      Contains("`cropping` should have two elements. Received: "
                               "cropping=(1, 2, 3)."));
  REQUIRE_THROWS_WITH(layers::ZeroPadding3D({.padding = {{1, 2}, {1, -2}, 0}}),
                      Contains("The `2nd entry of padding` argument must be a tuple of 2 integers. "
                               "Received 2nd entry of padding=(1, -2), including values {-2} that "
                               "do not satisfy `value >= 0`"));
  REQUIRE_THROWS_WITH(layers::ZeroPadding3D({.padding = {1, 2}}),
                      Contains("`padding` should have 3 elements. Received: padding=(1, 2)."));
  REQUIRE_THROWS_WITH(layers::Cropping1D({.cropping = {1, 2, 3}}),
                      Contains("The `cropping` argument must be a tuple of 2 integers"));
  REQUIRE_THROWS_AS(layers::ZeroPadding1D({.padding = -1}), ValueError);
}

TEST_CASE("Permute, RepeatVector and UpSampling refuse bad arguments and ranks") {
  REQUIRE_THROWS_WITH(layers::Permute({1, 3}),
                      Contains("Invalid permutation argument `dims` for Permute Layer. The set of "
                               "indices in `dims` must be consecutive and start from 1. Received "
                               "dims=(1, 3)"));
  REQUIRE_THROWS_AS(layers::Permute({0, 1}), ValueError);
  auto permute = layers::Permute({2, 1}, {.name = "perm"});
  REQUIRE_THROWS_WITH(permute(ops::ones({2, 3, 4, 5})),
                      Contains("Input 0 of layer \"perm\" is incompatible with the layer: expected "
                               "ndim=3, found ndim=4"));
  REQUIRE_THROWS_WITH(layers::RepeatVector(0),
                      Contains("Argument `n` should be a positive integer. Received: n=0"));
  REQUIRE_THROWS_AS(layers::RepeatVector(2)(ops::ones({2, 3, 1})), ValueError);
  REQUIRE_THROWS_WITH(layers::UpSampling1D({.size = -2}),
                      Contains("Argument `size` should be a positive integer. Received: size=-2"));
  REQUIRE_THROWS_WITH(layers::UpSampling2D({.size = {2, 0}}),
                      Contains("The `size` argument must be a tuple of 2 integers. Received "
                               "size=(2, 0), including values {0}"));
  REQUIRE_THROWS_AS(layers::UpSampling3D({.size = {2, 2}}), ValueError);
  REQUIRE_THROWS_WITH(layers::UpSampling2D({.interpolation = "cubic"}),
                      Contains("Invalid value for argument `interpolation`"));
  REQUIRE_THROWS_AS(layers::UpSampling2D({.interpolation = "bicubic"}), NotImplementedError);
  REQUIRE_THROWS_AS(layers::ZeroPadding2D()(ops::ones({2, 3, 3})), ValueError);
}

TEST_CASE("reshaping layers write Keras's config forms and read older ones") {
  CHECK(layers::Cropping2D({.cropping = {{1, 0}, 2}})->get_config().at("cropping").dump() ==
        "[[1, 0], [2, 2]]");
  CHECK(layers::ZeroPadding1D()->get_config().at("padding").dump() == "[1, 1]");
  CHECK(layers::ZeroPadding3D({.padding = 2})->get_config().at("padding").dump() ==
        "[[2, 2], [2, 2], [2, 2]]");
  CHECK(layers::UpSampling2D({.interpolation = "Bilinear"})->get_config().at("interpolation") ==
        ConfigValue("bilinear"));
  // Keras 2 wrote ZeroPadding2D's padding as pairs too; an int or a per-dim list also reads.
  auto pad = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "ZeroPadding2D", "config": {"name": "z", "padding": [3, [1, 0]],
          "data_format": "channels_last"}})"));
  CHECK(pad->get_config().at("padding").dump() == "[[3, 3], [1, 0]]");
  REQUIRE_THROWS_WITH(layers::deserialize(ConfigValue::parse(
                          R"({"class_name": "Cropping2D", "config": {"cropping": "all"}})")),
                      Contains("`cropping` must be an int or a list of ints or of pairs of ints"));
  // Keras 1's UpSampling1D called its factor `length`.
  auto up = layers::deserialize(ConfigValue::parse(
      R"({"class_name": "UpSampling1D", "config": {"name": "u", "length": 3}})"));
  CHECK(up->get_config().at("size") == ConfigValue(3));
}
