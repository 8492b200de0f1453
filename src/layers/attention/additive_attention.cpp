#include "keras/layers/attention/additive_attention.hpp"

#include <algorithm>

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

namespace {
AttentionOptions base_options(const AdditiveAttentionOptions& o) {
  return {.use_scale = o.use_scale,
          .score_mode = "dot",  // unused: the scores are additive (Keras keeps the default too)
          .dropout = o.dropout,
          .seed = o.seed,
          .name = o.name,
          .trainable = o.trainable,
          .dtype = o.dtype};
}
}  // namespace

AdditiveAttentionImpl::AdditiveAttentionImpl(AdditiveAttentionOptions options)
    : AttentionImpl(base_options(options), "additive_attention") {}

void AdditiveAttentionImpl::create_weights(const Shape& query_shape) {
  // One weight per feature of the query; no concat_score_weight (Keras's build replaces
  // Attention's).
  if (options_.use_scale)
    scale_ = add_weight(
        {.shape = Shape{query_shape[-1]}, .initializer = "glorot_uniform", .name = "scale"});
}

Tensor AdditiveAttentionImpl::calculate_scores(const Tensor& query, const Tensor& key) const {
  // (batch, Tq, 1, dim) + (batch, 1, Tv, dim) -> (batch, Tq, Tv)
  Tensor t = ops::tanh(ops::add(ops::expand_dims(query, -2), ops::expand_dims(key, -3)));
  if (scale_.defined()) t = ops::multiply(scale_.value(), t);
  return ops::sum(t, -1);
}

ConfigValue AdditiveAttentionImpl::get_config() const {
  ConfigValue c = AttentionImpl::get_config();
  auto& d = c.as_dict();
  d.erase(
      std::remove_if(d.begin(), d.end(), [](const auto& kv) { return kv.first == "score_mode"; }),
      d.end());
  return c;
}

std::shared_ptr<Layer> AdditiveAttentionImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "AdditiveAttention");
  AdditiveAttentionOptions o;
  read_base_options(r, o);
  o.use_scale = r.boolean("use_scale", true);
  o.dropout = r.number("dropout", 0.0);
  o.seed = r.optional_integer("seed");
  // Keras passes extra keywords on to Attention: a score_mode there is accepted and unused.
  r.ignore({"score_mode"});
  r.finish();
  return std::make_shared<AdditiveAttentionImpl>(std::move(o));
}

}  // namespace keras::layers
