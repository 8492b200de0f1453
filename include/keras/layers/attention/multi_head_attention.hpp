#pragma once
// keras.layers.MultiHeadAttention ("Attention is all you need"): query, key and value are
// projected to `num_heads` heads by EinsumDense sublayers (named query, key, value and
// attention_output, with Keras's weight paths "<layer>/query/kernel", ...), scaled dot products
// are softmaxed over `attention_axes`, and the heads' combination is projected back to the
// query's last dimension (or `output_shape`).
//
//   auto mha = layers::MultiHeadAttention(4, 16);
//   Tensor out = mha({query, value})[0];                 // or {query, value, key}
//   auto [out2, scores] = ...                            // the keyword arguments of Keras's call:
//   auto r = mha->call_attention(query, value, {.use_causal_mask = true,
//                                               .return_attention_scores = true});
//
// In a functional model call it on a list: mha(std::vector<KerasTensor>{q, v}).
#include <optional>

#include "keras/layers/core/einsum_dense.hpp"
#include "keras/layers/activations/softmax.hpp"
#include "keras/layers/layer.hpp"
#include "keras/layers/regularization/dropout.hpp"

namespace keras::layers {

struct MultiHeadAttentionOptions {
  std::optional<std::int64_t> value_dim{};  // none: key_dim
  double dropout = 0.0;                     // on the attention probabilities, in training
  bool use_bias = true;
  std::optional<EinsumOutputShape> output_shape{};   // none: the query's last dimension
  std::optional<std::vector<int>> attention_axes{};  // none: all but batch, heads, features
  std::optional<std::int64_t> sliding_window{};      // attend within sliding_window - 1 steps
  // Flash attention is not available: unset and false are accepted, true is refused.
  std::optional<bool> flash_attention{};
  initializers::Spec kernel_initializer = "glorot_uniform";
  initializers::Spec bias_initializer = "zeros";
  regularizers::Spec kernel_regularizer{};
  regularizers::Spec bias_regularizer{};
  regularizers::Spec activity_regularizer{};  // of each projection's output, as Keras
  constraints::Spec kernel_constraint{};
  constraints::Spec bias_constraint{};
  bool use_gate = false;               // a sigmoid gate on the heads from the query (Keras 3.12+)
  std::optional<std::int64_t> seed{};  // of the dropout
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

// The keyword arguments of Keras's MultiHeadAttention.call besides query and value.
struct AttentionCallOptions {
  Tensor key{};  // undefined: the value is the key
  // Bool (or int / float: nonzero attends) of a shape broadcastable to (B, T, S): which query
  // positions may attend to which key positions.
  Tensor attention_mask{};
  bool return_attention_scores = false;
  bool use_causal_mask = false;
};

class MultiHeadAttentionImpl : public Layer {
 public:
  using Positional = std::tuple<std::int64_t, std::int64_t>;  // num_heads, key_dim
  using Options = MultiHeadAttentionOptions;
  MultiHeadAttentionImpl(std::int64_t num_heads, std::int64_t key_dim,
                         MultiHeadAttentionOptions options = {});

  // Keras's build(query_shape, value_shape, key_shape=None).
  void build_attention(const Shape& query_shape, const Shape& value_shape,
                       const std::optional<Shape>& key_shape = std::nullopt);
  void build(const Shape& input_shape) override;  // a ValueError: it needs query and value
  void build_list(const std::vector<Shape>& input_shapes) override;  // {query, value[, key]}
  // {query, value} or {query, value, key} -> {output}.
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  // Keras's call keywords besides the key (the third input) and the inputs' masks.
  std::vector<std::string> call_keywords() const override {
    return {"attention_mask", "use_causal_mask", "return_attention_scores"};
  }
  // Keras's call with its keyword arguments: {output}, or {output, scores} with
  // return_attention_scores. Builds the layer on first use.
  std::vector<Tensor> call_attention(const Tensor& query, const Tensor& value,
                                     const AttentionCallOptions& options = {},
                                     bool training = false);
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  ConfigValue get_config() const override;
  // Keras's {"shapes_dict": {"query_shape": ..., "value_shape": ...[, "key_shape": ...]}}.
  ConfigValue get_build_config() const override;
  void build_from_config(const ConfigValue& build_config) override;
  std::string sublayer_attribute(const Layer& sublayer) const override;
  // Keras's call(query, value, key): the tensors as separate positional args, not one list.
  ConfigValue node_config(const std::vector<ConfigValue>& input_tensors) const override;
  std::string class_name() const override { return "MultiHeadAttention"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // The masks of the inputs a call finds attached (Keras's query_mask, value_mask, key_mask;
  // key_mask only when a key is given).
  struct InputMasks {
    Tensor query, value, key;
  };
  // The mask the attention uses, as Keras's `_compute_attention_mask`: the query mask as
  // (B, T, 1), the value and key masks as (B, 1, S), the causal and sliding-window masks
  // (1, T, S) and attention_mask (cast to bool), combined with a logical and; an undefined
  // tensor when there is none.
  Tensor compute_attention_mask(const Tensor& query, const Tensor& value, const InputMasks& masks,
                                const Tensor& attention_mask, bool use_causal_mask) const;
  // The output carries the query's mask (set in the call), the scores the attention mask (the
  // Softmax sublayer's); nothing else is paired with them (Keras uses the first argument's
  // mask only).
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& /*inputs*/,
                                        const std::vector<Tensor>& previous_masks) override {
    return {previous_masks.empty() ? Tensor() : previous_masks[0]};
  }
  std::int64_t num_heads() const { return num_heads_; }
  std::int64_t key_dim() const { return key_dim_; }
  std::int64_t value_dim() const { return value_dim_; }
  double dropout() const { return options_.dropout; }
  bool use_bias() const { return options_.use_bias; }
  // The normalized axes once built (Keras's `attention_axes` property).
  const std::optional<std::vector<int>>& attention_axes() const { return attention_axes_; }
  const std::shared_ptr<EinsumDenseImpl>& query_dense() const { return query_dense_; }
  const std::shared_ptr<EinsumDenseImpl>& key_dense() const { return key_dense_; }
  const std::shared_ptr<EinsumDenseImpl>& value_dense() const { return value_dense_; }
  const std::shared_ptr<EinsumDenseImpl>& output_dense() const { return output_dense_; }

 private:
  std::int64_t num_heads_, key_dim_, value_dim_;
  MultiHeadAttentionOptions options_;
  std::optional<std::vector<int>> attention_axes_;
  std::shared_ptr<EinsumDenseImpl> query_dense_, key_dense_, gate_dense_, value_dense_,
      output_dense_;
  // Keras's _softmax (used when there is no mask) and _dropout_layer: weightless, but they are
  // sublayers in Keras's files too (empty groups with their names).
  std::shared_ptr<SoftmaxImpl> softmax_;
  std::shared_ptr<DropoutImpl> dropout_layer_;
  std::string dot_product_equation_, combine_equation_;
  std::vector<int> softmax_axes_;
  std::vector<Shape> attention_shapes_;  // what it was built with: query, value[, key]

  std::shared_ptr<EinsumDenseImpl> make_dense(const std::string& equation, const Shape& output,
                                              const std::string& bias_axes, const std::string& name,
                                              const std::string& activation = "") const;
  // `fused`: Keras's fused path, where a fully masked query row is uniform, not zeros.
  Tensor masked_softmax(const Tensor& scores, Tensor mask, bool fused) const;
  std::string owner() const;
};

KERAS_LAYER(MultiHeadAttention);

}  // namespace keras::layers
