#pragma once
// Internal: EinsumDense's reading of its equation, after Keras's `_analyze_einsum_string`
// (keras/src/layers/core/einsum_dense.py): which axes the kernel and bias have, the output shape,
// and which kernel axes are input and output units (for the initializer's fans).
#include <optional>
#include <string>
#include <vector>

#include "keras/core/shape.hpp"

namespace keras::layers::impl {

struct EinsumDenseShapes {
  Shape kernel;
  std::optional<Shape> bias;      // none without bias_axes
  Shape output;                   // with the batch dimension; kNone where unknown
  std::vector<int> input_axes;    // kernel axes contracted with the input
  std::vector<int> output_axes;   // kernel axes that reach the output
  std::string explicit_equation;  // the equation with "..." spelled out for this input rank
};

// `partial_output_shape` is the layer's output_shape argument (no batch dimension, kNone
// allowed); `owner` names the layer in errors, which otherwise use Keras's words.
EinsumDenseShapes analyze_einsum_dense(const std::string& equation,
                                       const std::optional<std::string>& bias_axes,
                                       const Shape& input_shape,
                                       const std::vector<std::int64_t>& partial_output_shape,
                                       const std::string& owner);

}  // namespace keras::layers::impl
