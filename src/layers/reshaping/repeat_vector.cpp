#include "keras/layers/reshaping/repeat_vector.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

RepeatVectorImpl::RepeatVectorImpl(std::int64_t n, RepeatVectorOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "repeat_vector"), n_(n) {
  if (n <= 0)
    throw ValueError(
        describe_layer(class_name(), name()) +
        ": Argument `n` should be a positive integer. Received: n=" + std::to_string(n));
  input_spec = {InputSpec{.ndim = 2}};
}

Tensor RepeatVectorImpl::call(const Tensor& inputs, bool) {
  return ops::repeat(ops::expand_dims(inputs, 1), n_, 1);
}

Shape RepeatVectorImpl::compute_output_shape(const Shape& input_shape) {
  return Shape{input_shape[0], n_, input_shape[1]};
}

ConfigValue RepeatVectorImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["n"] = n_;
  return c;
}

std::shared_ptr<Layer> RepeatVectorImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "RepeatVector");
  RepeatVectorOptions o;
  read_base_options(r, o);
  const std::int64_t n = r.required_integer("n");
  r.finish();
  return std::make_shared<RepeatVectorImpl>(n, o);
}

}  // namespace keras::layers
