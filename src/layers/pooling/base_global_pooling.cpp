#include "keras/layers/pooling/base_global_pooling.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"

namespace keras::layers {

BaseGlobalPoolingImpl::BaseGlobalPoolingImpl(int pool_dimensions, Mode mode,
                                             const GlobalPoolingOptions& options,
                                             const std::string& prefix)
    : Layer({options.name, options.trainable, options.dtype}, prefix),
      mode_(mode),
      data_format_(detail::standardize_data_format(options.data_format)),
      keepdims_(options.keepdims) {
  input_spec = {InputSpec{.ndim = pool_dimensions + 2}};
}

std::vector<int> BaseGlobalPoolingImpl::spatial_axes(int rank) const {
  std::vector<int> axes;
  const int first = data_format_ == "channels_last" ? 1 : 2;
  for (int i = 0; i < rank - 2; ++i) axes.push_back(first + i);
  return axes;
}

Tensor BaseGlobalPoolingImpl::call(const Tensor& inputs, bool) {
  const std::vector<int> axes = spatial_axes(inputs.rank());
  return mode_ == Mode::max ? ops::max(inputs, axes, keepdims_)
                            : ops::mean(inputs, axes, keepdims_);
}

Shape BaseGlobalPoolingImpl::compute_output_shape(const Shape& input_shape) {
  const int rank = input_shape.rank();
  const std::int64_t channels =
      data_format_ == "channels_last" ? input_shape[rank - 1] : input_shape[1];
  if (!keepdims_) return Shape{input_shape[0], channels};
  Shape out = input_shape;
  for (int axis : spatial_axes(rank)) out[axis] = 1;
  return out;
}

ConfigValue BaseGlobalPoolingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["data_format"] = data_format_;
  c["keepdims"] = keepdims_;
  return c;
}

GlobalPoolingOptions BaseGlobalPoolingImpl::read_options(const ConfigValue& config,
                                                         const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  GlobalPoolingOptions o;
  read_base_options(r, o);
  o.data_format = r.string("data_format", "");
  o.keepdims = r.boolean("keepdims", false);
  r.finish();
  return o;
}

}  // namespace keras::layers
