#pragma once
// keras.ops.nn: activations, softmax, convolution, pooling and the crossentropy primitives.
#include <optional>
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras::ops {

Tensor relu(const Tensor& x);
Tensor relu6(const Tensor& x);
Tensor sigmoid(const Tensor& x);
Tensor elu(const Tensor& x, double alpha = 1.0);
Tensor selu(const Tensor& x);
Tensor softplus(const Tensor& x);
Tensor softsign(const Tensor& x);
Tensor silu(const Tensor& x);
Tensor gelu(const Tensor& x, bool approximate = true);
Tensor hard_sigmoid(const Tensor& x);  // Keras 3: relu6(x + 3) / 6
Tensor leaky_relu(const Tensor& x, double negative_slope = 0.2);
Tensor softmax(const Tensor& x, int axis = -1);
Tensor log_softmax(const Tensor& x, int axis = -1);

// Spatial arguments take one value per spatial dim or a single value for all of them.
struct ConvOptions {
  std::vector<std::int64_t> strides = {1};
  std::string padding = "valid";  // "valid", "same"; "causal" for 1-D
  std::string data_format = "channels_last";
  std::vector<std::int64_t> dilation_rate = {1};
};
// keras.ops.conv: inputs (batch, spatial..., C) [channels_last], kernel (k..., C/groups, F).
// The number of groups is C / kernel's input-channel dim, as in Keras.
Tensor conv(const Tensor& inputs, const Tensor& kernel, const ConvOptions& options = {});
// kernel (k..., C, depth_multiplier); output channels C * depth_multiplier.
Tensor depthwise_conv(const Tensor& inputs, const Tensor& kernel, const ConvOptions& options = {});
// keras.ops.separable_conv: depthwise_conv with `depthwise_kernel` (k..., C, depth_multiplier),
// then a stride-1 "valid" conv with `pointwise_kernel` (1..., C * depth_multiplier, F).
Tensor separable_conv(const Tensor& inputs, const Tensor& depthwise_kernel,
                      const Tensor& pointwise_kernel, const ConvOptions& options = {});

struct ConvTransposeOptions {
  std::vector<std::int64_t> strides = {1};
  std::string padding = "valid";
  std::optional<std::vector<std::int64_t>> output_padding{};  // None as in Keras
  std::string data_format = "channels_last";
  std::vector<std::int64_t> dilation_rate = {1};
};
// kernel (k..., F, C): Keras's Conv*DTranspose layout (output channels before input channels).
Tensor conv_transpose(const Tensor& inputs, const Tensor& kernel,
                      const ConvTransposeOptions& options = {});

struct PoolOptions {
  std::vector<std::int64_t> pool_size = {2};
  std::optional<std::vector<std::int64_t>> strides{};  // None: equal to pool_size
  std::string padding = "valid";
  std::string data_format = "channels_last";
};
Tensor max_pool(const Tensor& inputs, const PoolOptions& options = {});
Tensor average_pool(const Tensor& inputs, const PoolOptions& options = {});

// Crossentropy primitives as keras.ops: per-sample losses (the class axis reduced).
// Probabilities are clipped to [epsilon, 1 - epsilon] with epsilon = config::epsilon().
Tensor categorical_crossentropy(const Tensor& target, const Tensor& output,
                                bool from_logits = false, int axis = -1);
Tensor sparse_categorical_crossentropy(const Tensor& target, const Tensor& output,
                                       bool from_logits = false, int axis = -1);
// Elementwise (not reduced), as keras.ops.binary_crossentropy.
Tensor binary_crossentropy(const Tensor& target, const Tensor& output, bool from_logits = false);

}  // namespace keras::ops
