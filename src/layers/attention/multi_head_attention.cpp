#include "keras/layers/attention/multi_head_attention.hpp"

#include <cmath>

#include "keras/activations/activations.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/attention/attention_equations.hpp"
#include "src/layers/attention/attention_masks.hpp"
#include "src/layers/attention/attention_sublayers.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/core/einsum.hpp"

namespace keras::layers {

namespace {

// Keras's _get_output_shape: None for the leading axes, then the known sizes.
EinsumOutputShape partial_shape(int output_rank, const std::vector<std::int64_t>& known) {
  std::vector<std::int64_t> dims(static_cast<std::size_t>(output_rank) - known.size(), kNone);
  dims.insert(dims.end(), known.begin(), known.end());
  return EinsumOutputShape(dims);
}

Shape without_ends(const Shape& s) {
  if (s.rank() < 2) return Shape{};
  return Shape(std::vector<std::int64_t>(s.dims().begin() + 1, s.dims().end() - 1));
}

}  // namespace

MultiHeadAttentionImpl::MultiHeadAttentionImpl(std::int64_t num_heads, std::int64_t key_dim,
                                               MultiHeadAttentionOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "multi_head_attention"),
      num_heads_(num_heads),
      key_dim_(key_dim),
      value_dim_(options.value_dim.value_or(key_dim)),
      options_(std::move(options)),
      attention_axes_(options_.attention_axes) {
  set_supports_masking(true);
  impl::require_positive(num_heads, "num_heads");
  impl::require_positive(key_dim, "key_dim");
  if (options_.value_dim) impl::require_positive(*options_.value_dim, "value_dim", true);
  if (options_.sliding_window && *options_.sliding_window <= 0)
    throw ValueError(
        "`sliding_window` must be `None` or a positive integer. Received: "
        "sliding_window=" +
        std::to_string(*options_.sliding_window));
  if (options_.flash_attention.value_or(false))
    throw NotImplementedError(owner() +
                              ": flash_attention=True is not available in keraspp; leave it "
                              "unset (None) or False");
  // Keras treats an empty output_shape as none given.
  if (options_.output_shape && options_.output_shape->dims.empty()) options_.output_shape.reset();
}

std::string MultiHeadAttentionImpl::owner() const {
  return describe_layer("MultiHeadAttention", name());
}

std::shared_ptr<EinsumDenseImpl> MultiHeadAttentionImpl::make_dense(
    const std::string& equation, const Shape& output, const std::string& bias_axes,
    const std::string& name, const std::string& activation) const {
  return impl::make_projection(options_, equation, output.dims(), bias_axes, name, activation);
}

void MultiHeadAttentionImpl::build(const Shape&) {
  throw ValueError(owner() +
                   " is called on a list of two or three tensors, [query, value] or [query, "
                   "value, key]; it received one");
}

void MultiHeadAttentionImpl::build_list(const std::vector<Shape>& shapes) {
  if (shapes.size() != 2 && shapes.size() != 3)
    throw ValueError(owner() + " is called on [query, value] or [query, value, key]; it received " +
                     std::to_string(shapes.size()) + " tensors");
  build_attention(shapes[0], shapes[1],
                  shapes.size() == 3 ? std::optional<Shape>(shapes[2]) : std::nullopt);
}

void MultiHeadAttentionImpl::build_attention(const Shape& query_shape, const Shape& value_shape,
                                             const std::optional<Shape>& key_shape_in) {
  if (built()) return;  // (called directly, as Keras's build can be, then by a first call)
  const Shape key_shape = key_shape_in.value_or(value_shape);
  if (without_ends(value_shape) != without_ends(key_shape) ||
      value_shape.rank() != key_shape.rank())
    throw ValueError(owner() +
                     ": All dimensions of `value` and `key`, except the last one, must be equal. "
                     "Received: value_shape=" +
                     value_shape.to_string() + " and key_shape=" + key_shape.to_string());
  // (Keras fails later, inside its softmax or einsum, on these.)
  if (query_shape.rank() < 3 || query_shape.rank() != value_shape.rank())
    throw ValueError(owner() +
                     ": query and value must have the same rank, at least 3 (batch, attention "
                     "axes, features). Received: query_shape=" +
                     query_shape.to_string() + " and value_shape=" + value_shape.to_string());
  const int rank = query_shape.rank();
  const int heads_rank = rank + 1;  // the projections: (batch, ..., heads, channels)
  attention_shapes_ = {query_shape, value_shape};
  if (key_shape_in) attention_shapes_.push_back(*key_shape_in);

  std::vector<int> axes;
  if (!options_.attention_axes) {
    for (int i = 1; i < heads_rank - 2; ++i) axes.push_back(i);
  } else {
    for (int axis : *options_.attention_axes) {
      const int a = axis >= 0 ? axis : heads_rank - 1 + axis;
      if (a < 0 || a >= heads_rank)
        throw ValueError(owner() + ": attention_axes has axis " + std::to_string(axis) +
                         ", out of range for inputs of rank " + std::to_string(rank));
      axes.push_back(a);
    }
  }

  NameScope scope(name());  // sublayer weights are "<this layer>/query/kernel", ...
  auto build_sub = [&](const std::shared_ptr<EinsumDenseImpl>& layer, const Shape& shape) {
    layer->build(shape);
    layer->set_built();
    track(layer);
  };
  const auto q = impl::build_proj_equation(rank - 1, 1, 2);
  query_dense_ =
      make_dense(q.equation, Shape(partial_shape(q.output_rank - 1, {num_heads_, key_dim_}).dims),
                 q.bias_axes, "query");
  build_sub(query_dense_, query_shape);
  const auto k = impl::build_proj_equation(rank - 1, 1, 2);
  key_dense_ =
      make_dense(k.equation, Shape(partial_shape(k.output_rank - 1, {num_heads_, key_dim_}).dims),
                 k.bias_axes, "key");
  build_sub(key_dense_, key_shape);
  if (options_.use_gate) {
    gate_dense_ = make_dense(q.equation,
                             Shape(partial_shape(q.output_rank - 1, {num_heads_, value_dim_}).dims),
                             q.bias_axes, "gate", "sigmoid");
    build_sub(gate_dense_, query_shape);
  }
  const auto v = impl::build_proj_equation(rank - 1, 1, 2);
  value_dense_ =
      make_dense(v.equation, Shape(partial_shape(v.output_rank - 1, {num_heads_, value_dim_}).dims),
                 v.bias_axes, "value");
  build_sub(value_dense_, value_shape);

  attention_axes_ = axes;
  const auto eqs = impl::build_attention_equation(v.output_rank, axes);
  dot_product_equation_ = eqs.dot_product;
  combine_equation_ = eqs.combine;
  softmax_axes_.clear();
  for (int i = eqs.scores_rank - static_cast<int>(axes.size()); i < eqs.scores_rank; ++i)
    softmax_axes_.push_back(i);
  softmax_ = std::make_shared<SoftmaxImpl>(
      SoftmaxOptions{.axis = ops::Axes(softmax_axes_), .dtype = options_.dtype});
  track(softmax_);
  dropout_layer_ = std::make_shared<DropoutImpl>(
      options_.dropout, DropoutOptions{.seed = options_.seed, .dtype = options_.dtype});
  track(dropout_layer_);

  const std::vector<std::int64_t> out = options_.output_shape
                                            ? options_.output_shape->dims
                                            : std::vector<std::int64_t>{query_shape[-1]};
  const auto o = impl::build_proj_equation(rank - 1, 2, static_cast<int>(out.size()));
  output_dense_ = make_dense(o.equation, Shape(partial_shape(o.output_rank - 1, out).dims),
                             o.bias_axes, "attention_output");
  Shape heads = query_dense_->compute_output_shape(query_shape);
  heads[heads.rank() - 1] = value_dim_;
  build_sub(output_dense_, heads);
  set_built();
}

std::vector<Tensor> MultiHeadAttentionImpl::call_list(const std::vector<Tensor>& inputs,
                                                      bool training) {
  if (inputs.size() != 2 && inputs.size() != 3)
    throw ValueError(owner() + " is called on [query, value] or [query, value, key]; it received " +
                     std::to_string(inputs.size()) + " tensors");
  AttentionCallOptions options;
  if (inputs.size() == 3) options.key = inputs[2];
  options.attention_mask = call_tensor("attention_mask");
  options.use_causal_mask = call_flag("use_causal_mask");
  options.return_attention_scores = call_flag("return_attention_scores");
  return call_attention(inputs[0], inputs[1], options, training);
}

std::vector<Tensor> MultiHeadAttentionImpl::call_attention(const Tensor& query, const Tensor& value,
                                                           const AttentionCallOptions& options,
                                                           bool training) {
  const Tensor key = options.key.defined() ? options.key : value;
  if (!built()) {
    std::vector<Shape> shapes{query.shape(), value.shape()};
    if (options.key.defined()) shapes.push_back(key.shape());
    maybe_build(shapes);
  }
  // The inputs' masks (Keras's query/value/key masks); the output gets the query's. Keras's
  // call also tries to take them off the inputs, which on JAX arrays does nothing: they stay.
  const InputMasks input_masks{get_keras_mask(query), get_keras_mask(value),
                               options.key.defined() ? get_keras_mask(options.key) : Tensor()};
  const Tensor mask = compute_attention_mask(query, value, input_masks, options.attention_mask,
                                             options.use_causal_mask);
  const std::string who = owner();
  Tensor gate = gate_dense_ ? (*gate_dense_)(query, training) : Tensor();
  Tensor q = (*query_dense_)(query, training);  // (B, T, N, key_dim)
  Tensor k = (*key_dense_)(key, training);      // (B, S, N, key_dim)
  Tensor v = (*value_dense_)(value, training);  // (B, S, N, value_dim)
  q = ops::multiply(q, 1.0 / std::sqrt(static_cast<double>(key_dim_)));
  // Keras computes the attention as one fused op when nothing needs the weights themselves.
  const bool fused =
      options_.dropout == 0.0 && !options.return_attention_scores && q.shape().rank() == 4;
  Tensor scores = masked_softmax(impl::einsum(dot_product_equation_, k, q, who), mask, fused);
  const Tensor weights = options_.dropout > 0.0 ? (*dropout_layer_)(scores, training) : scores;
  Tensor out = impl::einsum(combine_equation_, weights, v, who);  // (B, T, N, value_dim)
  if (gate.defined()) out = ops::multiply(out, gate);
  out = (*output_dense_)(out, training);
  if (input_masks.query.defined()) set_keras_mask(out, input_masks.query);
  if (options.return_attention_scores) return {out, scores};
  return {out};
}

Tensor MultiHeadAttentionImpl::compute_attention_mask(const Tensor& query, const Tensor& value,
                                                      const InputMasks& masks,
                                                      const Tensor& attention_mask,
                                                      bool use_causal_mask) const {
  return impl::combine_attention_masks(query.shape(), value.shape(),
                                       {masks.query, masks.value, masks.key}, attention_mask,
                                       use_causal_mask, options_.sliding_window);
}

Tensor MultiHeadAttentionImpl::masked_softmax(const Tensor& scores, Tensor mask, bool fused) const {
  // The mask gains axes from the heads axis on, (B, T, S) -> (B, 1, T, S).
  const int expand_at = -static_cast<int>(attention_axes_->size()) * 2 - 1;
  return impl::masked_softmax(*softmax_, scores, std::move(mask), expand_at, softmax_axes_, fused);
}

std::vector<Shape> MultiHeadAttentionImpl::compute_output_shape_list(
    const std::vector<Shape>& shapes) {
  // The scores' shape follows the attention axes: traced (Keras's compute_output_spec).
  if (call_flag("return_attention_scores")) return Layer::compute_output_shape_list(shapes);
  if (shapes.size() != 2 && shapes.size() != 3)
    throw ValueError(owner() + " is called on [query, value] or [query, value, key]; it received " +
                     std::to_string(shapes.size()) + " tensors");
  const Shape& key = shapes.size() == 3 ? shapes[2] : shapes[1];
  if (without_ends(shapes[1]) != without_ends(key) || shapes[1].rank() != key.rank())
    throw ValueError(owner() +
                     ": All dimensions of `value` and `key`, except the last one, must be equal. "
                     "Received: value_shape=" +
                     shapes[1].to_string() + " and key_shape=" + key.to_string());
  if (!options_.output_shape) return {shapes[0]};
  std::vector<std::int64_t> dims(shapes[0].dims().begin(), shapes[0].dims().end() - 1);
  dims.insert(dims.end(), options_.output_shape->dims.begin(), options_.output_shape->dims.end());
  return {Shape(dims)};
}

std::string MultiHeadAttentionImpl::sublayer_attribute(const Layer& sublayer) const {
  // The attributes Keras's saver reaches them through (public properties first, then private
  // ones), which key their groups in .weights.h5 files.
  if (&sublayer == query_dense_.get()) return "query_dense";
  if (&sublayer == key_dense_.get()) return "key_dense";
  if (&sublayer == value_dense_.get()) return "value_dense";
  if (&sublayer == output_dense_.get()) return "output_dense";
  if (&sublayer == gate_dense_.get()) return "_gate_dense";
  if (&sublayer == softmax_.get()) return "_softmax";
  if (&sublayer == dropout_layer_.get()) return "_dropout_layer";
  return "";
}

ConfigValue MultiHeadAttentionImpl::get_build_config() const {
  if (!built()) return ConfigValue();
  return impl::shapes_dict_build_config(attention_shapes_);
}

void MultiHeadAttentionImpl::build_from_config(const ConfigValue& build_config) {
  if (built() || !build_config.is_dict()) return;
  const auto shapes = impl::read_shapes_dict(build_config, owner() + " build_config");
  if (shapes.empty()) return Layer::build_from_config(build_config);  // {"input_shape": [..]}
  maybe_build(shapes);
}

ConfigValue MultiHeadAttentionImpl::node_config(
    const std::vector<ConfigValue>& input_tensors) const {
  ConfigValue args = ConfigValue::list();
  for (const auto& t : input_tensors) args.push_back(t);
  return ConfigValue::Dict{{"args", args}, {"kwargs", node_kwargs()}};
}

}  // namespace keras::layers
