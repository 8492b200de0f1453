#pragma once
// keras.layers.EinsumDense: `activation(einsum(equation, inputs, kernel) + bias)`, a Dense layer
// over any axes: "ab,bc->ac" is Dense, "abc,cd->abd" a Dense on every step of a sequence,
// "abc,cde->abde" a projection to several heads (MultiHeadAttention's), "...b,bc->...c" the
// last axis of any rank. The kernel's shape comes from the equation, the input shape and
// `output_shape` (the output without its batch dimension; kNone where the input decides).
//
//   layers::EinsumDense("abc,cde->abde", {kNone, 4, 8}, {.bias_axes = "de"})
#include <optional>

#include "keras/activations/activations.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

// EinsumDense's output_shape: one size (`64`) or a list of them (`{kNone, 64}`).
struct EinsumOutputShape {
  EinsumOutputShape(std::int64_t size) : dims{size} {}
  EinsumOutputShape(std::initializer_list<std::int64_t> sizes) : dims(sizes) {}
  EinsumOutputShape(std::vector<std::int64_t> sizes) : dims(std::move(sizes)) {}
  std::vector<std::int64_t> dims;
};

struct EinsumDenseOptions {
  activations::Spec activation{};          // none: linear
  std::optional<std::string> bias_axes{};  // output labels that get a bias; none: no bias
  initializers::Spec kernel_initializer = "glorot_uniform";
  initializers::Spec bias_initializer = "zeros";
  regularizers::Spec kernel_regularizer{};
  regularizers::Spec bias_regularizer{};
  regularizers::Spec activity_regularizer{};
  constraints::Spec kernel_constraint{};
  constraints::Spec bias_constraint{};
  // LoRA is not supported: unset or 0 only (anything else is a NotImplementedError).
  std::optional<std::int64_t> lora_rank{};
  std::optional<std::int64_t> lora_alpha{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class EinsumDenseImpl : public Layer {
 public:
  using Positional = std::tuple<std::string, EinsumOutputShape>;  // (KERAS_LAYER)
  using Options = EinsumDenseOptions;
  EinsumDenseImpl(std::string equation, EinsumOutputShape output_shape,
                  EinsumDenseOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  // Keras's: an output dim given as kNone stays unknown, even where the input would fix it.
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "EinsumDense"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // Keras's supports_masking (masks are not carried between layers yet).
  bool supports_masking() const { return true; }
  const std::string& equation() const { return equation_; }
  const std::vector<std::int64_t>& partial_output_shape() const { return partial_output_shape_; }
  const std::optional<std::string>& bias_axes() const { return options_.bias_axes; }
  const Variable& kernel() const { return kernel_; }
  const Variable& bias() const { return bias_; }  // undefined without bias_axes

 private:
  std::string equation_;
  std::vector<std::int64_t> partial_output_shape_;
  EinsumDenseOptions options_;
  std::string explicit_equation_;  // "..." spelled out for the built input rank
  Variable kernel_, bias_;
};

KERAS_LAYER(EinsumDense);

}  // namespace keras::layers
