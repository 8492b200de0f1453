#pragma once
// keras.layers.GroupQueryAttention (Keras's class GroupedQueryAttention): multi-head attention
// whose `num_query_heads` query heads share `num_key_value_heads` key and value heads, each
// group of num_query_heads / num_key_value_heads query heads attending with one key/value head.
// Projections are EinsumDense sublayers with Keras's weight paths ("<layer>/query/kernel", ...,
// "<layer>/attention_output/bias") and file keys ("_query_dense", ...); the output has the
// query's last dimension.
//
//   auto gqa = layers::GroupQueryAttention(16, 8, 2);     // head_dim, query heads, kv heads
//   Tensor out = gqa({query, value})[0];                  // or {query, value, key}
//   auto r = gqa->call_attention(query, value, {.use_causal_mask = true,
//                                               .return_attention_scores = true});
//
// Masks, the call keywords and functional use are MultiHeadAttention's.
#include <optional>

#include "keras/layers/attention/multi_head_attention.hpp"

namespace keras::layers {

struct GroupQueryAttentionOptions {
  double dropout = 0.0;  // on the attention probabilities, in training
  bool use_bias = true;
  std::optional<std::int64_t> sliding_window{};  // attend within sliding_window - 1 steps
  // Flash attention is not available: unset and false are accepted, true is refused.
  std::optional<bool> flash_attention{};
  initializers::Spec kernel_initializer = "glorot_uniform";
  initializers::Spec bias_initializer = "zeros";
  regularizers::Spec kernel_regularizer{};
  regularizers::Spec bias_regularizer{};
  regularizers::Spec activity_regularizer{};  // of each projection's output, as Keras
  constraints::Spec kernel_constraint{};
  constraints::Spec bias_constraint{};
  bool use_gate = false;               // a sigmoid gate on the heads from the query
  std::optional<std::int64_t> seed{};  // of the dropout
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class GroupQueryAttentionImpl : public Layer {
 public:
  // head_dim, num_query_heads, num_key_value_heads
  using Positional = std::tuple<std::int64_t, std::int64_t, std::int64_t>;
  using Options = GroupQueryAttentionOptions;
  GroupQueryAttentionImpl(std::int64_t head_dim, std::int64_t num_query_heads,
                          std::int64_t num_key_value_heads,
                          GroupQueryAttentionOptions options = {});

  // Keras's build(query_shape, value_shape, key_shape=None); inputs are (batch, T, dim).
  void build_attention(const Shape& query_shape, const Shape& value_shape,
                       const std::optional<Shape>& key_shape = std::nullopt);
  void build(const Shape& input_shape) override;  // a ValueError: it needs query and value
  void build_list(const std::vector<Shape>& input_shapes) override;  // {query, value[, key]}
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  // Keras's call keywords besides the key (the third input) and the inputs' masks.
  std::vector<std::string> call_keywords() const override {
    return {"attention_mask", "use_causal_mask", "return_attention_scores"};
  }
  // Keras's call with its keyword arguments (MultiHeadAttention's): {output}, or
  // {output, scores (batch, num_query_heads, T, S)} with return_attention_scores.
  std::vector<Tensor> call_attention(const Tensor& query, const Tensor& value,
                                     const AttentionCallOptions& options = {},
                                     bool training = false);
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  // The output carries the query's mask (Keras's default compute_mask on the first argument).
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& /*inputs*/,
                                        const std::vector<Tensor>& previous_masks) override {
    return {previous_masks.empty() ? Tensor() : previous_masks[0]};
  }
  ConfigValue get_config() const override;
  ConfigValue get_build_config() const override;  // Keras's {"shapes_dict": {...}}
  void build_from_config(const ConfigValue& build_config) override;
  std::string sublayer_attribute(const Layer& sublayer) const override;
  // Keras's call(query, value, key): the tensors as separate positional args.
  ConfigValue node_config(const std::vector<ConfigValue>& input_tensors) const override;
  // Keras's exported name (its Python class is GroupedQueryAttention).
  std::string class_name() const override { return "GroupQueryAttention"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t head_dim() const { return head_dim_; }
  std::int64_t num_query_heads() const { return num_query_heads_; }
  std::int64_t num_key_value_heads() const { return num_key_value_heads_; }
  const std::shared_ptr<EinsumDenseImpl>& query_dense() const { return query_dense_; }
  const std::shared_ptr<EinsumDenseImpl>& key_dense() const { return key_dense_; }
  const std::shared_ptr<EinsumDenseImpl>& value_dense() const { return value_dense_; }
  const std::shared_ptr<EinsumDenseImpl>& output_dense() const { return output_dense_; }

 private:
  std::int64_t head_dim_, num_query_heads_, num_key_value_heads_;
  GroupQueryAttentionOptions options_;
  std::shared_ptr<EinsumDenseImpl> query_dense_, key_dense_, gate_dense_, value_dense_,
      output_dense_;
  std::shared_ptr<SoftmaxImpl> softmax_;
  std::shared_ptr<DropoutImpl> dropout_layer_;
  std::vector<Shape> attention_shapes_;  // what it was built with: query, value[, key]

  std::string owner() const;
  void check_shapes(const Shape& query, const Shape& value, const Shape& key) const;
};

KERAS_LAYER(GroupQueryAttention);
// Keras's Python class name.
using GroupedQueryAttention = GroupQueryAttention;
using GroupedQueryAttentionImpl = GroupQueryAttentionImpl;

}  // namespace keras::layers
