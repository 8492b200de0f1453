// Harness cases for the convolutional layers: each class, both data formats, every padding,
// strides, dilation, groups, depth multipliers and output_padding, with weight shapes in
// Keras's order.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> convolutional_layer_cases() {
  const std::string cf = "channels_first";
  return {
      {"Conv1D causal, dilated",
       [] { return layers::Conv1D(3, 3, {.padding = "causal", .dilation_rate = 2}).ptr(); },
       {2, 7, 2},
       {{3, 2, 3}, {3}},
       {}},
      {"Conv1D channels_first, same, strides 2, groups 2",
       [cf] {
         return layers::Conv1D(4, 3,
                               {.strides = 2, .padding = "same", .data_format = cf, .groups = 2})
             .ptr();
       },
       {2, 4, 7},
       {{3, 2, 4}, {4}},
       {}},
      {"Conv2D tanh",
       [] {
         return layers::Conv2D(3, {3, 2}, {.activation = "tanh"}).ptr();
       },
       {2, 5, 6, 2},
       {{3, 2, 2, 3}, {3}},
       {}},
      {"Conv2D channels_first, same, strides 2, seeded, regularized, constrained",
       [cf] {
         return layers::Conv2D(4, 3,
                               {.strides = 2,
                                .padding = "same",
                                .data_format = cf,
                                .kernel_initializer = initializers::HeNormal({.seed = 3}),
                                .kernel_regularizer = "l2",
                                .bias_constraint = "non_neg"})
             .ptr();
       },
       {2, 3, 5, 5},
       {{3, 3, 3, 4}, {4}},
       {}},
      {"Conv2D dilated, groups 2, no bias",
       [] {
         return layers::Conv2D(4, 2, {.dilation_rate = 2, .groups = 2, .use_bias = false}).ptr();
       },
       {1, 6, 5, 4},
       {{2, 2, 2, 4}},
       {}},
      {"Conv3D",
       [] {
         return layers::Conv3D(2, {2, 2, 1}).ptr();
       },
       {1, 3, 4, 3, 2},
       {{2, 2, 1, 2, 2}, {2}},
       {}},
      {"Conv3D channels_first, same, strides 2",
       [cf] {
         return layers::Conv3D(3, 2, {.strides = 2, .padding = "same", .data_format = cf}).ptr();
       },
       {1, 2, 3, 4, 3},
       {{2, 2, 2, 2, 3}, {3}},
       {}},
      {"Conv1DTranspose strides 2, output_padding 1",
       [] { return layers::Conv1DTranspose(2, 3, {.strides = 2, .output_padding = 1}).ptr(); },
       {2, 4, 3},
       {{3, 2, 3}, {2}},
       {}},
      {"Conv2DTranspose same, strides 2",
       [] { return layers::Conv2DTranspose(3, 3, {.strides = 2, .padding = "same"}).ptr(); },
       {1, 3, 4, 2},
       {{3, 3, 3, 2}, {3}},
       {}},
      {"Conv2DTranspose channels_first, dilated, no bias",
       [cf] {
         return layers::Conv2DTranspose(2, {2, 3},
                                        {.data_format = cf, .dilation_rate = 2, .use_bias = false})
             .ptr();
       },
       {2, 3, 3, 4},
       {{2, 3, 2, 3}},
       {}},
      {"Conv3DTranspose strides (1, 2, 2)",
       [] {
         return layers::Conv3DTranspose(2, 2, {.strides = {1, 2, 2}}).ptr();
       },
       {1, 2, 2, 3, 2},
       {{2, 2, 2, 2, 2}, {2}},
       {}},
      {"DepthwiseConv1D depth_multiplier 2",
       [] { return layers::DepthwiseConv1D(3, {.depth_multiplier = 2}).ptr(); },
       {2, 6, 3},
       {{3, 3, 2}, {6}},
       {}},
      {"DepthwiseConv2D channels_first, same, strides 2",
       [cf] {
         return layers::DepthwiseConv2D(3, {.strides = 2, .padding = "same", .data_format = cf})
             .ptr();
       },
       {1, 2, 5, 6},
       {{3, 3, 2, 1}, {2}},
       {}},
      {"SeparableConv1D same, depth_multiplier 2",
       [] {
         return layers::SeparableConv1D(3, 3, {.padding = "same", .depth_multiplier = 2}).ptr();
       },
       {2, 6, 2},
       {{3, 2, 2}, {1, 4, 3}, {3}},
       {}},
      {"SeparableConv2D channels_first, strides 2, regularized",
       [cf] {
         return layers::SeparableConv2D(
                    4, {3, 3}, {.strides = 2, .data_format = cf, .depthwise_regularizer = "l2"})
             .ptr();
       },
       {1, 3, 7, 6},
       {{3, 3, 3, 1}, {1, 1, 3, 4}, {4}},
       {}},
  };
}

}  // namespace testing
