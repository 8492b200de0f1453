#pragma once
// keras.layers.Attention: dot-product (Luong-style) attention without projections. Called on
// [query, value] or [query, value, key] (key defaults to value), each (batch, T, dim): the
// scores query·keyᵀ (or, with score_mode "concat", sum(tanh(query + key)) weighted by
// `concat_score_weight`), optionally scaled by the trainable scalar `scale` (use_scale), are
// softmaxed over the keys and average the values.
//
//   auto att = layers::Attention({.use_scale = true});
//   Tensor out = att({query, value})[0];
//   auto r = att->call_attention({query, value}, {.return_attention_scores = true,
//                                                  .use_causal_mask = true});  // {out, scores}
//
// The masks attached to the inputs (Embedding(mask_zero), Masking) are Keras's `mask` list:
// the value's keeps padded keys out of the softmax, the query's zeroes padded output steps and
// is the output's mask.
#include <optional>

#include "keras/core/random.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct AttentionOptions {
  bool use_scale = false;              // a trainable scalar "scale" on the scores
  std::string score_mode = "dot";      // "dot" or "concat"
  double dropout = 0.0;                // on the attention weights, in training calls
  std::optional<std::int64_t> seed{};  // of the dropout
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

// The keyword arguments of Keras's Attention.call besides the inputs.
struct AttentionLayerCallOptions {
  // Keras's `mask`: [query_mask, value_mask] (a third entry is accepted and unused). Empty:
  // the masks attached to the inputs.
  std::vector<Tensor> mask{};
  bool return_attention_scores = false;
  bool use_causal_mask = false;  // query i sees keys j <= i only
};

class AttentionImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = AttentionOptions;
  explicit AttentionImpl(AttentionOptions options = {});

  void build_list(const std::vector<Shape>& input_shapes) override;  // [query, value[, key]]
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  // Keras's call keywords besides `mask` (the inputs' own masks).
  std::vector<std::string> call_keywords() const override {
    return {"use_causal_mask", "return_attention_scores"};
  }
  // Keras's call with its keywords: {output}, or {output, scores} with
  // return_attention_scores (scores after masking, softmax and dropout, as Keras returns them).
  std::vector<Tensor> call_attention(const std::vector<Tensor>& inputs,
                                     const AttentionLayerCallOptions& options = {},
                                     bool training = false);
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  // Keras's compute_mask: the query's mask, for the output only.
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& /*inputs*/,
                                        const std::vector<Tensor>& previous_masks) override {
    return {previous_masks.empty() ? Tensor() : previous_masks[0]};
  }
  ConfigValue get_config() const override;
  std::string class_name() const override { return "Attention"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  bool use_scale() const { return options_.use_scale; }
  const std::string& score_mode() const { return options_.score_mode; }
  double dropout() const { return options_.dropout; }
  // Undefined unless use_scale / score_mode "concat" (and built).
  Variable scale() const { return scale_; }
  Variable concat_score_weight() const { return concat_score_weight_; }

 protected:
  AttentionImpl(AttentionOptions options, const std::string& default_prefix);
  // The raw scores (batch, Tq, Tv) of query (batch, Tq, dim) against key (batch, Tv, dim).
  virtual Tensor calculate_scores(const Tensor& query, const Tensor& key) const;
  // Creates the weights once the shapes are checked.
  virtual void create_weights(const Shape& query_shape);
  // "Attention layer 'attention'", for messages.
  std::string owner() const;
  // The shapes' ranks and sizes as the scores and the weighted sum need them.
  void check_shapes(const std::vector<Shape>& shapes) const;

  AttentionOptions options_;
  Variable scale_, concat_score_weight_;

 private:
  // Keras makes it only when dropout > 0 (an unseeded one takes its seed from the global stream).
  std::optional<random::SeedGenerator> seed_generator_;
};

KERAS_LAYER(Attention);

}  // namespace keras::layers
