#include "keras/layers/reshaping/up_sampling1d.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

UpSampling1DImpl::UpSampling1DImpl(UpSampling1DOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "up_sampling1d"),
      size_(options.size) {
  if (size_ <= 0)
    throw ValueError(
        describe_layer(class_name(), name()) +
        ": Argument `size` should be a positive integer. Received: size=" + std::to_string(size_));
  input_spec = {InputSpec{.ndim = 3}};
}

Tensor UpSampling1DImpl::call(const Tensor& inputs, bool) { return ops::repeat(inputs, size_, 1); }

Shape UpSampling1DImpl::compute_output_shape(const Shape& input_shape) {
  Shape out = input_shape;
  if (out[1] >= 0) out[1] *= size_;
  return out;
}

ConfigValue UpSampling1DImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["size"] = size_;
  return c;
}

std::shared_ptr<Layer> UpSampling1DImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "UpSampling1D");
  UpSampling1DOptions o;
  read_base_options(r, o);
  if (const std::string key = r.alias({"size", "length"}); r.has(key))  // Keras 1: length
    o.size = r.integer(key, 2);
  r.finish();
  return std::make_shared<UpSampling1DImpl>(o);
}

}  // namespace keras::layers
