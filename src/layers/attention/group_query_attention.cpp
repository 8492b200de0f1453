#include "keras/layers/attention/group_query_attention.hpp"

#include <cmath>

#include "keras/core/ops.hpp"
#include "src/layers/attention/attention_masks.hpp"
#include "src/layers/attention/attention_sublayers.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/core/einsum.hpp"

namespace keras::layers {

namespace {
// Keras's einsum letters: b batch, q query steps, k key steps, m model dim, u query heads,
// v key/value heads, h head dim.
const char* const kDotProduct = "bquh,bkuh->buqk";
const char* const kCombine = "buqk,bkuh->bquh";
const char* const kInputsForm = "[query, value] or [query, value, key]";
}  // namespace

GroupQueryAttentionImpl::GroupQueryAttentionImpl(std::int64_t head_dim,
                                                 std::int64_t num_query_heads,
                                                 std::int64_t num_key_value_heads,
                                                 GroupQueryAttentionOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "grouped_query_attention"),
      head_dim_(head_dim),
      num_query_heads_(num_query_heads),
      num_key_value_heads_(num_key_value_heads),
      options_(std::move(options)) {
  set_supports_masking(true);
  // (Keras does not check these; zero key/value heads would divide by zero there.)
  impl::require_positive(head_dim, "head_dim");
  impl::require_positive(num_query_heads, "num_query_heads");
  impl::require_positive(num_key_value_heads, "num_key_value_heads");
  if (num_query_heads % num_key_value_heads != 0)
    throw ValueError(owner() +
                     ": `num_query_heads` must be divisible by `num_key_value_heads`. Received: "
                     "num_query_heads=" +
                     std::to_string(num_query_heads) +
                     ", num_key_value_heads=" + std::to_string(num_key_value_heads));
  if (options_.sliding_window && *options_.sliding_window <= 0)
    throw ValueError(
        "`sliding_window` must be `None` or a positive integer. Received: "
        "sliding_window=" +
        std::to_string(*options_.sliding_window));
  if (options_.flash_attention.value_or(false))
    throw NotImplementedError(owner() +
                              ": flash_attention=True is not available in keraspp; leave it "
                              "unset (None) or False");
}

std::string GroupQueryAttentionImpl::owner() const {
  return describe_layer("GroupQueryAttention", name());
}

void GroupQueryAttentionImpl::build(const Shape&) {
  throw ValueError(owner() + " is called on a list of two or three tensors, " + kInputsForm +
                   "; it received one");
}

void GroupQueryAttentionImpl::build_list(const std::vector<Shape>& shapes) {
  if (shapes.size() != 2 && shapes.size() != 3)
    throw ValueError(owner() + " is called on " + kInputsForm + "; it received " +
                     std::to_string(shapes.size()) + " tensors");
  build_attention(shapes[0], shapes[1],
                  shapes.size() == 3 ? std::optional<Shape>(shapes[2]) : std::nullopt);
}

void GroupQueryAttentionImpl::check_shapes(const Shape& query, const Shape& value,
                                           const Shape& key) const {
  // Keras's einsums take (batch, T, dim) only; it fails inside them on anything else.
  if (query.rank() != 3 || value.rank() != 3 || key.rank() != 3)
    throw ValueError(owner() +
                     ": query, value and key must be of rank 3, (batch_size, T, dim). "
                     "Received: query_shape=" +
                     query.to_string() + ", value_shape=" + value.to_string() +
                     ", key_shape=" + key.to_string());
  if (value[1] != key[1] || value[0] != key[0])
    throw ValueError(owner() +
                     ": All dimensions of `value` and `key`, except the last one, must be equal. "
                     "Received: value_shape=" +
                     value.to_string() + " and key_shape=" + key.to_string());
}

void GroupQueryAttentionImpl::build_attention(const Shape& query_shape, const Shape& value_shape,
                                              const std::optional<Shape>& key_shape_in) {
  if (built()) return;  // (called directly, as Keras's build can be, then by a first call)
  const Shape key_shape = key_shape_in.value_or(value_shape);
  check_shapes(query_shape, value_shape, key_shape);
  attention_shapes_ = {query_shape, value_shape};
  if (key_shape_in) attention_shapes_.push_back(*key_shape_in);

  NameScope scope(name());  // sublayer weights are "<this layer>/query/kernel", ...
  auto build_sub = [&](const std::shared_ptr<EinsumDenseImpl>& layer, const Shape& shape) {
    layer->build(shape);
    layer->set_built();
    track(layer);
  };
  // Keras's build order: query, key, gate, value, then the output.
  query_dense_ = impl::make_projection(options_, "bqm,muh->bquh",
                                       {kNone, num_query_heads_, head_dim_}, "uh", "query");
  build_sub(query_dense_, query_shape);
  key_dense_ = impl::make_projection(options_, "bkm,mvh->bkvh",
                                     {kNone, num_key_value_heads_, head_dim_}, "vh", "key");
  build_sub(key_dense_, key_shape);
  if (options_.use_gate) {
    gate_dense_ = impl::make_projection(
        options_, "bqm,muh->bquh", {kNone, num_query_heads_, head_dim_}, "uh", "gate", "sigmoid");
    build_sub(gate_dense_, query_shape);
  }
  value_dense_ = impl::make_projection(options_, "bkm,mvh->bkvh",
                                       {kNone, num_key_value_heads_, head_dim_}, "vh", "value");
  build_sub(value_dense_, value_shape);
  softmax_ = std::make_shared<SoftmaxImpl>(SoftmaxOptions{.axis = -1, .dtype = options_.dtype});
  track(softmax_);
  dropout_layer_ = std::make_shared<DropoutImpl>(
      options_.dropout, DropoutOptions{.seed = options_.seed, .dtype = options_.dtype});
  track(dropout_layer_);
  output_dense_ = impl::make_projection(options_, "bquh,uhm->bqm", {kNone, query_shape[-1]}, "m",
                                        "attention_output");
  build_sub(output_dense_, Shape{kNone, kNone, num_query_heads_, head_dim_});
  set_built();
}

std::vector<Tensor> GroupQueryAttentionImpl::call_list(const std::vector<Tensor>& inputs,
                                                       bool training) {
  if (inputs.size() != 2 && inputs.size() != 3)
    throw ValueError(owner() + " is called on " + kInputsForm + "; it received " +
                     std::to_string(inputs.size()) + " tensors");
  AttentionCallOptions options;
  if (inputs.size() == 3) options.key = inputs[2];
  options.attention_mask = call_tensor("attention_mask");
  options.use_causal_mask = call_flag("use_causal_mask");
  options.return_attention_scores = call_flag("return_attention_scores");
  return call_attention(inputs[0], inputs[1], options, training);
}

std::vector<Tensor> GroupQueryAttentionImpl::call_attention(const Tensor& query,
                                                            const Tensor& value,
                                                            const AttentionCallOptions& options,
                                                            bool training) {
  const Tensor key = options.key.defined() ? options.key : value;
  check_shapes(query.shape(), value.shape(), key.shape());
  if (!built()) {
    std::vector<Shape> shapes{query.shape(), value.shape()};
    if (options.key.defined()) shapes.push_back(key.shape());
    maybe_build(shapes);
  }
  // Layer.__call__ fills query_mask / value_mask / key_mask from the tensors' masks (the key's
  // only when a key is passed).
  const impl::StepMasks masks{get_keras_mask(query), get_keras_mask(value),
                              options.key.defined() ? get_keras_mask(options.key) : Tensor()};
  const Tensor mask =
      impl::combine_attention_masks(query.shape(), value.shape(), masks, options.attention_mask,
                                    options.use_causal_mask, options_.sliding_window);
  const std::string who = owner();
  Tensor gate = gate_dense_ ? (*gate_dense_)(query, training) : Tensor();
  Tensor q = (*query_dense_)(query, training);  // (B, T, U, H)
  Tensor k = (*key_dense_)(key, training);      // (B, S, V, H)
  Tensor v = (*value_dense_)(value, training);  // (B, S, V, H)
  // Each key/value head serves num_query_heads / num_key_value_heads query heads in a row.
  const std::int64_t repeats = num_query_heads_ / num_key_value_heads_;
  k = ops::repeat(k, repeats, 2);
  v = ops::repeat(v, repeats, 2);
  q = ops::multiply(q, 1.0 / std::sqrt(static_cast<double>(head_dim_)));
  // Keras computes the attention as one fused op when nothing needs the weights themselves.
  const bool fused = options_.dropout == 0.0 && !options.return_attention_scores;
  // The mask gains the heads axis: (B, T, S) -> (B, 1, T, S).
  Tensor scores =
      impl::masked_softmax(*softmax_, impl::einsum(kDotProduct, q, k, who), mask, -3, {3}, fused);
  const Tensor weights = options_.dropout > 0.0 ? (*dropout_layer_)(scores, training) : scores;
  Tensor out = impl::einsum(kCombine, weights, v, who);  // (B, T, U, H)
  if (gate.defined()) out = ops::multiply(out, gate);
  out = (*output_dense_)(out, training);
  if (masks.query.defined()) set_keras_mask(out, masks.query);
  if (options.return_attention_scores) return {out, scores};
  return {out};
}

std::vector<Shape> GroupQueryAttentionImpl::compute_output_shape_list(
    const std::vector<Shape>& shapes) {
  // The scores' shape follows the attention axes: traced (Keras's compute_output_spec).
  if (call_flag("return_attention_scores")) return Layer::compute_output_shape_list(shapes);
  if (shapes.size() != 2 && shapes.size() != 3)
    throw ValueError(owner() + " is called on " + kInputsForm + "; it received " +
                     std::to_string(shapes.size()) + " tensors");
  const Shape& query = shapes[0];
  const Shape& value = shapes[1];
  const Shape& key = shapes.size() == 3 ? shapes[2] : value;
  if (query[-1] != value[-1])
    throw ValueError(owner() +
                     ": The last dimension of `query_shape` and `value_shape` must be equal, but "
                     "are " +
                     std::to_string(query[-1]) + ", " + std::to_string(value[-1]) +
                     ". Received: query_shape=" + query.to_string() +
                     ", value_shape=" + value.to_string());
  check_shapes(query, value, key);
  return {query};
}

std::string GroupQueryAttentionImpl::sublayer_attribute(const Layer& sublayer) const {
  // Keras keeps them in private attributes only, which key their groups in .weights.h5 files.
  if (&sublayer == query_dense_.get()) return "_query_dense";
  if (&sublayer == key_dense_.get()) return "_key_dense";
  if (&sublayer == value_dense_.get()) return "_value_dense";
  if (&sublayer == output_dense_.get()) return "_output_dense";
  if (&sublayer == gate_dense_.get()) return "_gate_dense";
  if (&sublayer == softmax_.get()) return "_softmax";
  if (&sublayer == dropout_layer_.get()) return "_dropout_layer";
  return "";
}

ConfigValue GroupQueryAttentionImpl::get_build_config() const {
  if (!built()) return ConfigValue();
  return impl::shapes_dict_build_config(attention_shapes_);
}

void GroupQueryAttentionImpl::build_from_config(const ConfigValue& build_config) {
  if (built() || !build_config.is_dict()) return;
  const auto shapes = impl::read_shapes_dict(build_config, owner() + " build_config");
  if (shapes.empty()) return Layer::build_from_config(build_config);
  maybe_build(shapes);
}

ConfigValue GroupQueryAttentionImpl::node_config(
    const std::vector<ConfigValue>& input_tensors) const {
  ConfigValue args = ConfigValue::list();
  for (const auto& t : input_tensors) args.push_back(t);
  return ConfigValue::Dict{{"args", args}, {"kwargs", node_kwargs()}};
}

}  // namespace keras::layers
