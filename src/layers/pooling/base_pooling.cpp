#include "keras/layers/pooling/base_pooling.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"

namespace keras::layers {

BasePoolingImpl::BasePoolingImpl(int pool_dimensions, Mode mode, const IntTuple& pool_size,
                                 const PoolingOptions& options, const std::string& class_name,
                                 const std::string& prefix)
    : Layer({options.name, options.trainable, options.dtype}, prefix), mode_(mode) {
  const std::string who = describe_layer(class_name, name());
  pool_size_ = standardize_tuple(pool_size, pool_dimensions, "pool_size", who);
  // Keras allows zero strides here (allow_zero=True); the pooling op refuses them when called.
  strides_ = standardize_tuple(options.strides.values().empty() ? pool_size : options.strides,
                               pool_dimensions, "strides", who,
                               /*allow_zero=*/true);
  padding_ = standardize_padding(options.padding, /*allow_causal=*/false, who);
  data_format_ = detail::standardize_data_format(options.data_format);
  input_spec = {InputSpec{.ndim = pool_dimensions + 2}};
}

Tensor BasePoolingImpl::call(const Tensor& inputs, bool) {
  compute_output_shape(inputs.shape());  // Keras's error for a window larger than the input
  const ops::PoolOptions o{pool_size_, strides_, padding_, data_format_};
  return mode_ == Mode::max ? ops::max_pool(inputs, o) : ops::average_pool(inputs, o);
}

// keras/src/ops/operation_utils.compute_pooling_output_shape.
Shape BasePoolingImpl::compute_output_shape(const Shape& input_shape) {
  Shape out = input_shape;
  const int first = data_format_ == "channels_last" ? 1 : 2;
  for (std::size_t i = 0; i < pool_size_.size(); ++i) {
    const int axis = first + static_cast<int>(i);
    const std::int64_t in = input_shape[axis];
    if (in < 0) continue;
    if (padding_ == "same") {
      out[axis] = (in - 1) / strides_[i] + 1;
      continue;
    }
    const std::int64_t span = in - pool_size_[i];
    // floor((in - pool) / stride) + 1, which is <= 0 exactly when the window does not fit.
    out[axis] = span < 0 ? 0 : span / strides_[i] + 1;
    if (out[axis] <= 0)
      throw ValueError(describe_layer(class_name(), name()) +
                       ": Computed output size would be zero or negative. Received: "
                       "`inputs.shape=" +
                       input_shape.to_string() + "`, `pool_size=" + tuple_string(pool_size_) +
                       "`, `strides=" + tuple_string(strides_) + "`, `padding=" + padding_ + "`.");
  }
  return out;
}

ConfigValue BasePoolingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["pool_size"] = ConfigValue::list_of(pool_size_);
  c["padding"] = padding_;
  c["strides"] = ConfigValue::list_of(strides_);
  c["data_format"] = data_format_;
  return c;
}

std::pair<IntTuple, PoolingOptions> BasePoolingImpl::read_options(
    const ConfigValue& config, const std::string& class_name,
    std::optional<IntTuple> default_pool_size) {
  auto r = layer_config_reader(config, class_name);
  PoolingOptions o;
  read_base_options(r, o);
  if (!default_pool_size && !r.has("pool_size"))
    throw ValueError(r.owner() + ": missing required argument `pool_size`");
  const IntTuple pool_size = read_int_tuple(r, "pool_size", default_pool_size.value_or(2));
  if (r.has("strides")) o.strides = read_int_tuple(r, "strides", 2);
  o.padding = r.string("padding", "valid");
  o.data_format = r.string("data_format", "");
  r.finish();
  return {pool_size, o};
}

MaxPoolingOptions BasePoolingImpl::read_max_options(const ConfigValue& config,
                                                    const std::string& class_name) {
  auto [pool_size, o] = read_options(config, class_name, 2);
  return {pool_size, o.strides, o.padding, o.data_format, o.name, o.trainable, o.dtype};
}

}  // namespace keras::layers
