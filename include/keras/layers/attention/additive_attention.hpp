#pragma once
// keras.layers.AdditiveAttention: Bahdanau-style attention, Attention with the scores
// sum(scale * tanh(query + key)) over the features, `scale` a trainable vector of the query's
// last dimension (glorot_uniform) with use_scale, or 1. Called, masked and returned as
// Attention (see attention.hpp).
#include "keras/layers/attention/attention.hpp"

namespace keras::layers {

struct AdditiveAttentionOptions {
  bool use_scale = true;
  double dropout = 0.0;                // on the attention weights, in training calls
  std::optional<std::int64_t> seed{};  // of the dropout
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class AdditiveAttentionImpl : public AttentionImpl {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = AdditiveAttentionOptions;
  explicit AdditiveAttentionImpl(AdditiveAttentionOptions options = {});
  // Attention's keys without score_mode, as Keras's.
  ConfigValue get_config() const override;
  std::string class_name() const override { return "AdditiveAttention"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 protected:
  Tensor calculate_scores(const Tensor& query, const Tensor& key) const override;
  void create_weights(const Shape& query_shape) override;
};

KERAS_LAYER(AdditiveAttention);

}  // namespace keras::layers
