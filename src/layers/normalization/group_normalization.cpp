#include "keras/layers/normalization/group_normalization.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/normalization/normalization_helpers.hpp"

namespace keras::layers {

GroupNormalizationImpl::GroupNormalizationImpl(GroupNormalizationOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "group_normalization"),
      options_(std::move(options)),
      groups_(options_.groups) {
  set_supports_masking(true);
  if (groups_ <= 0 && groups_ != -1)
    throw ValueError(
        "Received an invalid value for argument `groups`, expected a positive integer (or `-1` "
        "for instance normalization). Received: groups=" +
        std::to_string(groups_));
}

void GroupNormalizationImpl::build(const Shape& input_shape) {
  const std::string received = std::to_string(options_.axis);
  const int axis = detail::axis_in_bounds(options_.axis, input_shape, received);
  if (axis == 0)
    throw ValueError(
        "Layer \"" + name() +
        "\": GroupNormalization cannot group along the batch axis. Received: axis=" + received);
  const std::int64_t dim = input_shape[axis];
  if (dim < 0)
    throw ValueError("Axis " + received +
                     " of input tensor should have a defined dimension but the layer received "
                     "an input with shape " +
                     input_shape.to_string() + ".");
  if (groups_ == -1) groups_ = dim;
  if (dim < groups_)
    throw ValueError("Number of groups (" + std::to_string(groups_) +
                     ") cannot be more than the number of channels (" + std::to_string(dim) + ").");
  if (dim % groups_ != 0)
    throw ValueError("Number of groups (" + std::to_string(groups_) +
                     ") must be a multiple of the number of channels (" + std::to_string(dim) +
                     ").");
  input_spec = {InputSpec{.ndim = input_shape.rank(), .axes = {{options_.axis, dim}}}};
  std::tie(gamma_, beta_) =
      detail::add_gamma_beta(*this, Shape{dim}, options_, options_.scale, options_.center);
}

Tensor GroupNormalizationImpl::call(const Tensor& inputs, bool) {
  const Tensor x = ops::cast(inputs, detail::statistics_dtype(inputs.dtype()));
  const int axis = detail::axis_in_bounds(options_.axis, x.shape(), "");
  // (batch, ..., channels, ...) -> (batch, ..., groups, channels / groups, ...): statistics over
  // every axis but the batch and the groups.
  std::vector<std::int64_t> grouped = x.shape().dims();
  const auto at = static_cast<std::size_t>(axis);
  grouped[at] /= groups_;
  grouped.insert(grouped.begin() + axis, groups_);
  std::vector<int> reduction;
  for (int i = 1; i < static_cast<int>(grouped.size()); ++i)
    if (i != axis) reduction.push_back(i);
  // gamma and beta, (channels,), shaped to broadcast along the (groups, channels / groups) axes.
  std::vector<std::int64_t> broadcast(grouped.size(), 1);
  broadcast[at] = groups_;
  broadcast[at + 1] = grouped[at + 1];
  auto param = [&](const Variable& v) {
    return v.defined() ? ops::reshape(ops::cast(v.value(), x.dtype()), Shape(broadcast)) : Tensor();
  };
  const Tensor g = ops::reshape(x, Shape(grouped));
  const Tensor out =
      detail::scale_and_shift(g, ops::mean(g, reduction, true), ops::var(g, reduction, true),
                              param(gamma_), param(beta_), options_.epsilon);
  return ops::cast(ops::reshape(out, x.shape()), compute_dtype());
}

Shape GroupNormalizationImpl::compute_output_shape(const Shape& input_shape) {
  detail::axis_in_bounds(options_.axis, input_shape, std::to_string(options_.axis));
  return input_shape;
}

ConfigValue GroupNormalizationImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["groups"] = groups_;
  c["axis"] = options_.axis;
  c["epsilon"] = options_.epsilon;
  c["center"] = options_.center;
  c["scale"] = options_.scale;
  detail::write_gamma_beta_config(c, options_);
  return c;
}

std::shared_ptr<Layer> GroupNormalizationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "GroupNormalization");
  GroupNormalizationOptions o;
  read_base_options(r, o);
  o.groups = r.integer("groups", 32);
  o.axis = static_cast<int>(r.integer("axis", -1));
  o.epsilon = r.number("epsilon", 1e-3);
  o.center = r.boolean("center", true);
  o.scale = r.boolean("scale", true);
  detail::read_gamma_beta_config(r, o);
  r.finish();
  return std::make_shared<GroupNormalizationImpl>(std::move(o));
}

}  // namespace keras::layers
