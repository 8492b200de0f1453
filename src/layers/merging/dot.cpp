#include "keras/layers/merging/dot.hpp"

#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

namespace {

// x / max(||x||, epsilon) along `axis`, computed as Keras's ops.normalize does (x * rsqrt).
Tensor l2_normalize(const Tensor& x, int axis) {
  Tensor inv_norm = ops::rsqrt(ops::sum(ops::square(x), axis, true));
  return ops::multiply(x,
                       ops::minimum(inv_norm, ops::full_like(inv_norm, 1.0 / config::epsilon())));
}

// The dimensions of `s` but the batch axis and `axis`.
std::vector<std::int64_t> kept_dims(const Shape& s, int axis, bool keep_batch) {
  std::vector<std::int64_t> out;
  for (int d = keep_batch ? 0 : 1; d < s.rank(); ++d)
    if (d != axis) out.push_back(s[d]);
  return out;
}

// Keras's batch_dot: x's axis a moved last, y's axis b moved to 1, each flattened to rank 3
// around them, one batched matmul, and the free dimensions restored.
Tensor batch_dot(const Tensor& x, const Tensor& y, int a, int b) {
  const Shape& xs = x.shape();
  const Shape& ys = y.shape();
  std::vector<int> x_perm, y_perm{0, b};
  for (int d = 0; d < xs.rank(); ++d)
    if (d != a) x_perm.push_back(d);
  x_perm.push_back(a);
  for (int d = 1; d < ys.rank(); ++d)
    if (d != b) y_perm.push_back(d);
  const std::int64_t batch = xs[0], n = xs[a];
  Tensor x3 = ops::reshape(ops::transpose(x, x_perm), Shape{batch, -1, n});
  Tensor y3 = ops::reshape(ops::transpose(y, y_perm), Shape{batch, n, -1});
  std::vector<std::int64_t> out = kept_dims(xs, a, true);
  const auto y_free = kept_dims(ys, b, false);
  out.insert(out.end(), y_free.begin(), y_free.end());
  if (out.size() == 1) out.push_back(1);
  return ops::reshape(ops::matmul(x3, y3), Shape(out));
}

}  // namespace

DotImpl::DotImpl(DotAxes axes, DotOptions options)
    : MergeImpl({options.name, options.trainable, options.dtype}, "dot"),
      axes_(std::move(axes)),
      options_(std::move(options)) {
  if (axes_.axes.empty() || axes_.axes.size() > 2)
    throw ValueError(
        "Invalid format for argument `axes`: it should contain two elements. Received: " +
        std::to_string(axes_.axes.size()) + " elements");
}

std::pair<int, int> DotImpl::reduced_axes(const std::vector<Shape>& shapes) const {
  if (shapes.size() != 2)
    throw_shapes("A `Dot` layer should be called on a list of 2 inputs", shapes);
  const Shape& s1 = shapes[0];
  const Shape& s2 = shapes[1];
  if (s1.rank() < 2 || s2.rank() < 2)
    throw_shapes("Cannot do batch_dot on inputs with rank < 2", shapes);
  const int first = axes_.axes[0], second = axes_.axes.size() == 2 ? axes_.axes[1] : first;
  const int a = normalize_axis(first, s1.rank(), "Dot axis");
  const int b = normalize_axis(second, s2.rank(), "Dot axis");
  if (a == 0 || b == 0)
    throw_shapes(
        "Cannot perform batch_dot over axis 0. If your inputs are not batched, add a dummy batch "
        "dimension to your inputs using keras.ops.expand_dims(x, 0)",
        shapes);
  if (s1[a] >= 0 && s2[b] >= 0 && s1[a] != s2[b])
    throw_shapes("Incompatible input shapes: axis values " + std::to_string(s1[a]) + " (at axis " +
                     std::to_string(a) + ") != " + std::to_string(s2[b]) + " (at axis " +
                     std::to_string(b) + ")",
                 shapes);
  return {a, b};
}

void DotImpl::build_list(const std::vector<Shape>& input_shapes) { reduced_axes(input_shapes); }

std::vector<Tensor> DotImpl::call_list(const std::vector<Tensor>& inputs, bool) {
  return {merge_function(inputs)};  // no rank broadcasting: the axes name each input's own
}

Tensor DotImpl::merge_function(const std::vector<Tensor>& inputs) {
  std::vector<Shape> shapes;
  for (const auto& x : inputs) shapes.push_back(x.shape());
  const auto [a, b] = reduced_axes(shapes);
  Tensor x = inputs[0], y = inputs[1];
  if (options_.normalize) {
    x = l2_normalize(x, a);
    y = l2_normalize(y, b);
  }
  return batch_dot(x, y, a, b);
}

std::vector<Shape> DotImpl::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  const auto [a, b] = reduced_axes(input_shapes);
  std::vector<std::int64_t> out = kept_dims(input_shapes[0], a, true);
  const auto y_free = kept_dims(input_shapes[1], b, false);
  out.insert(out.end(), y_free.begin(), y_free.end());
  if (out.size() == 1) out.push_back(1);
  return {Shape(out)};
}

ConfigValue DotImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["axes"] =
      axes_.axes.size() == 1 ? ConfigValue(axes_.axes[0]) : ConfigValue::list_of(axes_.axes);
  c["normalize"] = options_.normalize;
  return c;
}

std::shared_ptr<Layer> DotImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Dot");
  DotOptions o;
  read_base_options(r, o);
  o.normalize = r.boolean("normalize", false);
  const ConfigValue axes = r.raw("axes");
  r.finish();
  if (axes.is_integral()) return std::make_shared<DotImpl>(static_cast<int>(axes.as_int()), o);
  if (axes.is_list() && axes.size() == 2 && axes.as_list()[0].is_integral() &&
      axes.as_list()[1].is_integral())
    return std::make_shared<DotImpl>(DotAxes(static_cast<int>(axes.as_list()[0].as_int()),
                                             static_cast<int>(axes.as_list()[1].as_int())),
                                     o);
  throw ValueError(r.owner() +
                   ": invalid format for argument `axes`: it should be an int or a list of two "
                   "ints. Received: axes=" +
                   axes.dump());
}

}  // namespace keras::layers
