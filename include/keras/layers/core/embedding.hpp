#pragma once
// keras.layers.Embedding: maps integer ids in [0, input_dim) to rows of a trainable
// (input_dim, output_dim) matrix; the output has the input's shape plus output_dim.
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct EmbeddingOptions {
  initializers::Spec embeddings_initializer = "uniform";
  regularizers::Spec embeddings_regularizer{};
  regularizers::Spec activity_regularizer{};
  constraints::Spec embeddings_constraint{};
  // Id 0 is padding: the output carries a mask (ids != 0) that the following layers (RNNs,
  // pooling, attention), losses and metrics honour.
  bool mask_zero = false;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class EmbeddingImpl : public Layer {
 public:
  using Positional = std::tuple<std::int64_t, std::int64_t>;  // input_dim, output_dim
  using Options = EmbeddingOptions;
  EmbeddingImpl(std::int64_t input_dim, std::int64_t output_dim, EmbeddingOptions options = {});
  void build(const Shape& input_shape) override;
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  // mask_zero: inputs != 0; otherwise none.
  Tensor compute_mask(const Tensor& inputs, const Tensor& previous_mask) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Embedding"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t input_dim() const { return input_dim_; }
  std::int64_t output_dim() const { return output_dim_; }
  const Variable& embeddings() const { return embeddings_; }

 private:
  std::int64_t input_dim_, output_dim_;
  EmbeddingOptions options_;
  Variable embeddings_;
};

KERAS_LAYER(Embedding);

}  // namespace keras::layers
