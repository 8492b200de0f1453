// MultiHeadAttention's config, key for key as Keras 3.15 writes it.
#include "keras/layers/attention/multi_head_attention.hpp"
#include "src/layers/attention/attention_sublayers.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

namespace {

ConfigValue ints_or_null(const std::optional<std::vector<std::int64_t>>& v) {
  if (!v) return ConfigValue();
  return shape_to_config(Shape(*v));
}

// An int or a list of ints (None entries kept as kNone); null gives none.
std::optional<std::vector<std::int64_t>> read_ints(detail::ConfigReader& r, const char* key) {
  const ConfigValue v = r.raw(key);
  if (v.is_null()) return std::nullopt;
  if (v.is_integral()) return std::vector<std::int64_t>{v.as_int()};
  if (v.is_list()) return shape_from_config(v, r.owner()).dims();
  throw ValueError(r.owner() + ": `" + key + "` must be an int, list, or tuple. Received: " + key +
                   "=" + v.dump());
}

}  // namespace

ConfigValue MultiHeadAttentionImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["num_heads"] = num_heads_;
  c["key_dim"] = key_dim_;
  c["value_dim"] = value_dim_;
  c["dropout"] = options_.dropout;
  c["use_bias"] = options_.use_bias;
  c["use_gate"] = options_.use_gate;
  c["output_shape"] = ints_or_null(
      options_.output_shape ? std::optional(options_.output_shape->dims) : std::nullopt);
  // Normalized once built, as Keras's build rewrites it.
  std::optional<std::vector<std::int64_t>> axes;
  if (attention_axes_)
    axes = std::vector<std::int64_t>(attention_axes_->begin(), attention_axes_->end());
  c["attention_axes"] = ints_or_null(axes);
  c["sliding_window"] =
      options_.sliding_window ? ConfigValue(*options_.sliding_window) : ConfigValue();
  impl::write_projection_config(c, options_);
  c["seed"] = options_.seed ? ConfigValue(*options_.seed) : ConfigValue();
  return c;
}

std::shared_ptr<Layer> MultiHeadAttentionImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "MultiHeadAttention");
  MultiHeadAttentionOptions o;
  read_base_options(r, o);
  const std::int64_t num_heads = r.required_integer("num_heads");
  const std::int64_t key_dim = r.required_integer("key_dim");
  o.value_dim = r.optional_integer("value_dim");
  o.dropout = r.number("dropout", 0.0);
  o.use_bias = r.boolean("use_bias", true);
  o.use_gate = r.boolean("use_gate", false);
  if (auto shape = read_ints(r, "output_shape")) o.output_shape = EinsumOutputShape(*shape);
  if (auto axes = read_ints(r, "attention_axes"))
    o.attention_axes = std::vector<int>(axes->begin(), axes->end());
  o.sliding_window = r.optional_integer("sliding_window");
  impl::read_projection_options(r, o);
  o.seed = r.optional_integer("seed");
  // tf-keras 2 writes the shapes it was built with (and builds from them in from_config), and
  // its masking flag, which changes only rows that attend to no key at all.
  ConfigValue shapes = ConfigValue::dict();
  for (const char* key : {"query_shape", "value_shape", "key_shape"})
    if (r.has(key)) shapes[key] = r.raw(key);
  r.ignore({"query_shape", "value_shape", "key_shape", "softmax_robust_masking"});
  r.finish();
  auto layer = std::make_shared<MultiHeadAttentionImpl>(num_heads, key_dim, std::move(o));
  if (shapes.contains("query_shape") && shapes.contains("value_shape"))
    layer->build_from_config(ConfigValue::Dict{{"shapes_dict", shapes}});
  return layer;
}

}  // namespace keras::layers
