#include "keras/layers/attention/attention.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/attention/attention_masks.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

namespace {

const char* const kListForm = "namely [query, value] or [query, value, key]";

}  // namespace

AttentionImpl::AttentionImpl(AttentionOptions options)
    : AttentionImpl(std::move(options), "attention") {}

AttentionImpl::AttentionImpl(AttentionOptions options, const std::string& default_prefix)
    : Layer({options.name, options.trainable, options.dtype}, default_prefix),
      options_(std::move(options)) {
  // Keras's compute_mask is overridden, so masks pass (the query's).
  set_supports_masking(true);
  if (options_.dropout > 0) seed_generator_.emplace(detail::generator_seed(options_.seed));
  if (options_.score_mode != "dot" && options_.score_mode != "concat")
    throw ValueError(
        describe_layer("Attention", name()) +
        ": Invalid value for argument score_mode. Expected one of {'dot', 'concat'}. Received: "
        "score_mode=" +
        options_.score_mode);
}

std::string AttentionImpl::owner() const { return describe_layer(class_name(), name()); }

void AttentionImpl::check_shapes(const std::vector<Shape>& shapes) const {
  if (shapes.size() == 1)
    throw ValueError(owner() + ": " + class_name() + " layer must be called on a list of inputs, " +
                     kListForm + ". Received: inputs=" + shapes[0].to_string() + ".");
  if (shapes.size() < 2 || shapes.size() > 3)
    throw ValueError(owner() + ": " + class_name() +
                     " layer accepts inputs list of length 2 or 3, " + kListForm +
                     ". Received length: " + std::to_string(shapes.size()) + ".");
  const Shape& q = shapes[0];
  const Shape& v = shapes[1];
  const Shape& k = shapes.size() == 3 ? shapes[2] : v;
  const std::string received = ". Received: query_shape=" + q.to_string() +
                               ", value_shape=" + v.to_string() + ", key_shape=" + k.to_string();
  // Keras's shapes are (batch_size, T, dim); its matmul would broadcast mismatched ranks into
  // something else, so they are refused here.
  if (q.rank() < 3 || v.rank() != q.rank() || k.rank() != q.rank())
    throw ValueError(owner() +
                     ": query, value and key must have the same rank, at least 3 "
                     "((batch_size, Tq, dim), (batch_size, Tv, dim))" +
                     received);
  auto differ = [](std::int64_t a, std::int64_t b) { return a != kNone && b != kNone && a != b; };
  for (int d = 0; d < q.rank() - 2; ++d)
    if (differ(q[d], v[d]) || differ(q[d], k[d]))
      throw ValueError(owner() + ": query, value and key must have the same batch dimensions" +
                       received);
  if (differ(q[-1], k[-1]))
    throw ValueError(owner() +
                     ": the last dimension of `query` and `key` must be equal (the scores "
                     "combine them)" +
                     received);
  if (differ(v[-2], k[-2]))
    throw ValueError(owner() + ": `value` and `key` must have the same number of steps Tv" +
                     received);
}

void AttentionImpl::build_list(const std::vector<Shape>& input_shapes) {
  check_shapes(input_shapes);
  create_weights(input_shapes[0]);
  set_built();
}

void AttentionImpl::create_weights(const Shape& /*query_shape*/) {
  // Both scalars start at one, as Keras's.
  if (options_.use_scale)
    scale_ = add_weight({.shape = Shape{}, .initializer = "ones", .name = "scale"});
  if (options_.score_mode == "concat")
    concat_score_weight_ =
        add_weight({.shape = Shape{}, .initializer = "ones", .name = "concat_score_weight"});
}

Tensor AttentionImpl::calculate_scores(const Tensor& query, const Tensor& key) const {
  if (options_.score_mode == "dot") {
    const int r = key.shape().rank();
    std::vector<int> perm;
    for (int d = 0; d < r; ++d) perm.push_back(d);
    std::swap(perm[static_cast<std::size_t>(r - 2)], perm[static_cast<std::size_t>(r - 1)]);
    Tensor scores = ops::matmul(query, ops::transpose(key, perm));
    return scale_.defined() ? ops::multiply(scores, scale_.value()) : scores;
  }
  // "concat": (batch, Tq, 1, dim) + (batch, 1, Tv, dim), tanh, summed over dim.
  Tensor sum = ops::add(ops::expand_dims(query, -2), ops::expand_dims(key, -3));
  if (scale_.defined()) sum = ops::multiply(scale_.value(), sum);
  return ops::multiply(concat_score_weight_.value(), ops::sum(ops::tanh(sum), -1));
}

std::vector<Tensor> AttentionImpl::call_list(const std::vector<Tensor>& inputs, bool training) {
  // The masks the call found on the inputs are those call_attention reads.
  return call_attention(inputs,
                        {.return_attention_scores = call_flag("return_attention_scores"),
                         .use_causal_mask = call_flag("use_causal_mask")},
                        training);
}

std::vector<Tensor> AttentionImpl::call_attention(const std::vector<Tensor>& inputs,
                                                  const AttentionLayerCallOptions& options,
                                                  bool training) {
  std::vector<Shape> shapes;
  for (const auto& t : inputs) shapes.push_back(t.shape());
  check_shapes(shapes);
  if (!built()) maybe_build(shapes);
  if (!options.mask.empty() && (options.mask.size() < 2 || options.mask.size() > 3))
    throw ValueError(owner() + ": " + class_name() +
                     " layer accepts mask list of length 2 or 3. Received: " +
                     std::to_string(options.mask.size()) + " masks");
  const Tensor& query = inputs[0];
  const Tensor& value = inputs[1];
  const Tensor& key = inputs.size() == 3 ? inputs[2] : value;
  // Keras's `mask` list: given, or the inputs' own (what Layer.__call__ fills it with).
  const Tensor q_mask = options.mask.empty() ? get_keras_mask(query) : options.mask[0];
  const Tensor v_mask = options.mask.empty() ? get_keras_mask(value) : options.mask[1];

  Tensor scores = calculate_scores(query, key);  // (batch, Tq, Tv)
  const std::string who = owner();
  Tensor keep;  // where the scores count: the value mask and the causal mask
  if (v_mask.defined())
    keep = ops::expand_dims(impl::checked_step_mask(v_mask, value.shape(), "value", who), -2);
  if (options.use_causal_mask) {
    const Tensor causal = impl::causal_mask(scores.shape()[-2], scores.shape()[-1]);
    keep = keep.defined() ? ops::logical_and(keep, causal) : causal;
  }
  if (keep.defined()) {
    // Keras subtracts a large number rather than -inf, so a query that may attend to nothing
    // ends up spread evenly (float16 cannot hold 1e9: its largest value instead).
    const double big = scores.dtype() == DType::float16 ? 65504.0 : 1.0e9;
    scores = ops::where(ops::logical_not(keep),
                        ops::subtract(scores, Tensor(static_cast<float>(big))), scores);
  }
  Tensor weights = ops::softmax(scores, -1);
  if (training && options_.dropout > 0)
    weights = random::dropout(weights, options_.dropout, std::nullopt, *seed_generator_);
  Tensor out = ops::matmul(weights, value);  // (batch, Tq, dim)
  if (q_mask.defined()) {
    const Tensor q = impl::checked_step_mask(q_mask, query.shape(), "query", who);
    out = ops::where(ops::expand_dims(q, -1), out, ops::zeros_like(out));
    set_keras_mask(out, q_mask);
  }
  if (options.return_attention_scores) return {out, weights};
  return {out};
}

std::vector<Shape> AttentionImpl::compute_output_shape_list(const std::vector<Shape>& shapes) {
  check_shapes(shapes);
  std::vector<std::int64_t> dims(shapes[0].dims().begin(), shapes[0].dims().end() - 1);
  dims.push_back(shapes[1][-1]);
  if (!call_flag("return_attention_scores")) return {Shape(dims)};
  // The scores: (batch, Tq, Tv).
  std::vector<std::int64_t> scores(shapes[0].dims().begin(), shapes[0].dims().end() - 1);
  scores.push_back(shapes[1][-2]);
  return {Shape(dims), Shape(scores)};
}

ConfigValue AttentionImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["use_scale"] = options_.use_scale;
  c["score_mode"] = options_.score_mode;
  c["dropout"] = options_.dropout;
  c["seed"] = detail::seed_config(options_.seed);
  return c;
}

std::shared_ptr<Layer> AttentionImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Attention");
  AttentionOptions o;
  read_base_options(r, o);
  o.use_scale = r.boolean("use_scale", false);
  o.score_mode = r.string("score_mode", "dot");
  o.dropout = r.number("dropout", 0.0);
  o.seed = r.optional_integer("seed");
  r.finish();
  return std::make_shared<AttentionImpl>(std::move(o));
}

}  // namespace keras::layers
