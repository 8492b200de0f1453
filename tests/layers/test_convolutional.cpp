// The convolutional layers refuse what Keras refuses, with Keras's words plus the layer's name
// and the shapes involved; their configs carry Keras's keys. (Outputs and gradients are checked
// against Keras in tests/conformance/test_keras_layers.cpp, the rest in the shared harness.)
#include <set>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

TEST_CASE("convolution options Keras refuses are a ValueError naming the layer") {
  REQUIRE_THROWS_WITH(layers::Conv2D(4, 3, {.strides = 2, .dilation_rate = 2, .name = "c"}),
                      Contains("Conv2D layer 'c': `strides > 1` not supported in conjunction "
                               "with `dilation_rate > 1`. Received: strides=(2, 2) and "
                               "dilation_rate=(2, 2)"));
  REQUIRE_THROWS_WITH(layers::Conv1DTranspose(2, 3, {.strides = 2, .dilation_rate = 3}),
                      Contains("`strides > 1` not supported in conjunction with `dilation_rate"));
  // Only Conv and ConvTranspose refuse it: Keras's depthwise layers take both.
  REQUIRE_NOTHROW(layers::DepthwiseConv1D(2, {.strides = 2, .dilation_rate = 2}));

  REQUIRE_THROWS_WITH(layers::Conv2D(5, 3, {.groups = 2}),
                      Contains("The number of filters must be evenly divisible by the number of "
                               "groups. Received: groups=2, filters=5."));
  REQUIRE_THROWS_WITH(layers::Conv1D(4, 3, {.groups = 0}),
                      Contains("The number of groups must be a positive integer. Received: "
                               "groups=0."));
  REQUIRE_THROWS_WITH(layers::Conv3D(0, 3), Contains("Invalid value for argument `filters`. "
                                                     "Expected a strictly positive value. "
                                                     "Received filters=0."));
  REQUIRE_THROWS_WITH(layers::SeparableConv2D(3, 3, {.depth_multiplier = -1}),
                      Contains("Received depth_multiplier=-1."));
  REQUIRE_THROWS_WITH(layers::DepthwiseConv2D(3, {.depth_multiplier = 0}),
                      Contains("Received depth_multiplier=0."));

  // Size arguments: one value or one per spatial dim, each positive.
  REQUIRE_THROWS_WITH(layers::Conv2D(2, {3, 3, 3}),
                      Contains("The `kernel_size` argument must be a tuple of 2 integers. "
                               "Received kernel_size=(3, 3, 3)"));
  REQUIRE_THROWS_WITH(layers::Conv2D(2, {3, 0}),
                      Contains("Received kernel_size=(3, 0), including values {0} that do not "
                               "satisfy `value > 0`"));
  REQUIRE_THROWS_WITH(layers::Conv1D(2, 3, {.strides = 0}),
                      Contains("Received strides=0, including values {0}"));
  REQUIRE_THROWS_WITH(layers::Conv2DTranspose(2, 3, {.output_padding = {1, -1}}),
                      Contains("including values {-1} that do not satisfy `value >= 0`"));
  REQUIRE_THROWS_WITH(
      layers::Conv2DTranspose(2, 3, {.strides = {2, 1}, .output_padding = 1}),
      Contains("`output_padding` must be strictly less than `strides` for all dimensions. At "
               "dimension 1, `output_padding` is 1 but `strides` is 1."));

  // "causal" is Conv1D's alone; data_format is one of two.
  REQUIRE_NOTHROW(layers::Conv1D(2, 3, {.padding = "CAUSAL"}));
  REQUIRE_THROWS_WITH(layers::Conv2D(2, 3, {.padding = "causal"}),
                      Contains("The `padding` argument must be a list/tuple or one of {'valid', "
                               "'same'}. Received: causal"));
  REQUIRE_THROWS_WITH(layers::SeparableConv1D(2, 3, {.padding = "causal"}),
                      Contains("Received: causal"));
  REQUIRE_THROWS_WITH(layers::Conv2D(2, 3, {.data_format = "NHWC"}),
                      Contains("The `data_format` argument must be one of {'channels_first', "
                               "'channels_last'}. Received: data_format=nhwc"));
}

TEST_CASE("convolution inputs of the wrong rank or channel count name the layer and shapes") {
  auto conv = layers::Conv2D(4, 3, {.name = "conv"});
  REQUIRE_THROWS_WITH(conv(ops::ones({2, 5, 3})),
                      Contains("Input 0 of layer \"conv\" is incompatible with the layer: "
                               "expected ndim=4, found ndim=3. Full shape received: (2, 5, 3)"));
  REQUIRE_THROWS_WITH(conv(ops::ones({1, 5, 5, 5, 3})), Contains("expected ndim=4, found ndim=5"));
  conv(ops::ones({1, 5, 5, 3}));
  REQUIRE_THROWS_WITH(conv(ops::ones({1, 5, 5, 2})),
                      Contains("expected axis -1 of input shape to have value 3, but received "
                               "input with shape (1, 5, 5, 2)"));
  // channels_first: the channel axis is 1.
  auto cf = layers::DepthwiseConv1D(3, {.data_format = "channels_first", .name = "dw"});
  cf(ops::ones({1, 2, 6}));
  REQUIRE_THROWS_WITH(cf(ops::ones({1, 6, 2})), Contains("expected axis 1 of input shape to have "
                                                         "value 2"));

  REQUIRE_THROWS_WITH(layers::Conv1D(4, 3, {.groups = 2, .name = "g"})(ops::ones({1, 6, 3})),
                      Contains("Conv1D layer 'g': The number of input channels must be evenly "
                               "divisible by the number of groups. Received groups=2, but the "
                               "input has 3 channels (full input shape is (1, 6, 3))."));
  REQUIRE_THROWS_WITH(layers::Conv2D(2, 3)(Input({4, 4, kNone})),
                      Contains("The channel dimension of the inputs should be defined. Found "
                               "None."));
}

TEST_CASE("a kernel larger than the padded input is Keras's zero-or-negative output error") {
  REQUIRE_THROWS_WITH(
      layers::Conv2D(2, {5, 2}, {.name = "big"})(ops::ones({1, 3, 4, 1})),
      Contains("Conv2D layer 'big': Computed output size would be zero or negative. Received "
               "`inputs shape=(1, 3, 4, 1)`, `kernel shape=(5, 2, 1, 2)`"));
  // Dilation widens the kernel: 3 taps dilated by 3 span 7 > 6 steps.
  REQUIRE_THROWS_WITH(layers::Conv1D(1, 3, {.dilation_rate = 3})(ops::ones({1, 6, 1})),
                      Contains("Computed output size would be zero or negative"));
  REQUIRE_THROWS_WITH(layers::DepthwiseConv2D(4)(ops::ones({1, 3, 9, 2})),
                      Contains("Computed output size would be zero or negative"));
  REQUIRE_THROWS_WITH(layers::SeparableConv1D(2, 4)(ops::ones({1, 3, 2})),
                      Contains("Computed output size would be zero or negative"));
  // Padded ("same", "causal") inputs fit any kernel, as in Keras.
  CHECK(layers::Conv2D(2, 5, {.padding = "same"})(ops::ones({1, 3, 4, 1})).shape() ==
        Shape{1, 3, 4, 2});
  CHECK(layers::Conv1D(2, 5, {.padding = "causal"})(ops::ones({1, 3, 1})).shape() ==
        Shape{1, 3, 2});
  // Nor does the layer build its weights on a refused input.
  auto refused = layers::Conv2D(2, 5);
  REQUIRE_THROWS_AS(refused(ops::ones({1, 3, 4, 1})), ValueError);
  CHECK(refused->weights().empty());
}

TEST_CASE("convolution layers write the config keys Keras writes, and read Keras's back") {
  // Every convolutional case of the layer oracle: our get_config of the layer rebuilt from
  // Keras's config has exactly Keras's keys, with the same values (nested objects compared by
  // class name: their own configs have their own tests).
  const auto manifest = testing::oracle::manifest("layers.json", "generate_layers.py");
  int checked = 0;
  for (const auto& c : manifest.at("cases")) {
    const std::string id = c.at("id").get<std::string>();
    if (id.rfind("convolutional/", 0) != 0) continue;
    INFO("case " << id);
    const ConfigValue keras_config = ConfigValue::parse(c.at("serialized").at("config").dump());
    auto layer = layers::deserialize(ConfigValue::parse(c.at("serialized").dump()));
    const ConfigValue ours = layer->get_config();
    std::set<std::string> want, got;
    for (const auto& [k, v] : keras_config.as_dict()) want.insert(k);
    for (const auto& [k, v] : ours.as_dict()) got.insert(k);
    REQUIRE(got == want);
    for (const auto& [k, v] : keras_config.as_dict()) {
      INFO("key " << k);
      const ConfigValue& mine = ours.at(k);
      if (v.is_dict()) CHECK(mine.at("class_name") == v.at("class_name"));
      else CHECK(mine == v);
    }
    // Weights in Keras's order, under Keras's names (what .weights.h5 files line up by).
    std::vector<std::string> paths;
    for (const auto& w : layer->weights()) paths.push_back(w.path());
    CHECK(paths == c.at("weight_paths").get<std::vector<std::string>>());
    ++checked;
  }
  CHECK(checked >= 30);
}

TEST_CASE("convolution layers take Keras's default names and int-or-tuple sizes") {
  // Keras's auto names: the snake-cased class name.
  CHECK(layers::Conv2DTranspose(2, 3)->name().rfind("conv2d_transpose", 0) == 0);
  CHECK(layers::DepthwiseConv1D(3)->name().rfind("depthwise_conv1d", 0) == 0);
  CHECK(layers::SeparableConv2D(2, 3)->name().rfind("separable_conv2d", 0) == 0);
  // One int stands for every spatial dim; a list gives one per dim.
  auto conv = layers::Conv3D(2, 3, {.strides = {1, 2, 1}});
  CHECK(conv->kernel_size() == std::vector<std::int64_t>{3, 3, 3});
  CHECK(conv->strides() == std::vector<std::int64_t>{1, 2, 1});
  CHECK(conv->dilation_rate() == std::vector<std::int64_t>{1, 1, 1});
  CHECK(conv->data_format() == "channels_last");
  auto transpose = layers::Conv2DTranspose(2, {3, 2});
  CHECK_FALSE(transpose->output_padding().has_value());
  auto upper = layers::Conv1D(2, 3, {.padding = "SAME", .data_format = "Channels_First"});
  CHECK(upper->padding() == "same");
  CHECK(upper->data_format() == "channels_first");
}
