// GroupQueryAttention's config, key for key as Keras 3.15 writes it.
#include "keras/layers/attention/group_query_attention.hpp"
#include "src/layers/attention/attention_sublayers.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ConfigValue GroupQueryAttentionImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["head_dim"] = head_dim_;
  c["num_query_heads"] = num_query_heads_;
  c["num_key_value_heads"] = num_key_value_heads_;
  c["use_bias"] = options_.use_bias;
  c["use_gate"] = options_.use_gate;
  c["sliding_window"] =
      options_.sliding_window ? ConfigValue(*options_.sliding_window) : ConfigValue();
  c["dropout"] = options_.dropout;
  impl::write_projection_config(c, options_);
  c["seed"] = options_.seed ? ConfigValue(*options_.seed) : ConfigValue();
  return c;
}

std::shared_ptr<Layer> GroupQueryAttentionImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "GroupQueryAttention");
  GroupQueryAttentionOptions o;
  read_base_options(r, o);
  const std::int64_t head_dim = r.required_integer("head_dim");
  const std::int64_t num_query_heads = r.required_integer("num_query_heads");
  const std::int64_t num_key_value_heads = r.required_integer("num_key_value_heads");
  o.dropout = r.number("dropout", 0.0);
  o.use_bias = r.boolean("use_bias", true);
  o.use_gate = r.boolean("use_gate", false);
  o.sliding_window = r.optional_integer("sliding_window");
  impl::read_projection_options(r, o);
  o.seed = r.optional_integer("seed");
  r.finish();
  return std::make_shared<GroupQueryAttentionImpl>(head_dim, num_query_heads, num_key_value_heads,
                                                   std::move(o));
}

}  // namespace keras::layers
