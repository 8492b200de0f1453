#include "keras/layers/activations/thresholded_relu.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ThresholdedReLUImpl::ThresholdedReLUImpl(ThresholdedReLUOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "thresholded_re_lu"),
      theta_(options.theta) {
  if (theta_ < 0.0)
    throw ValueError("The theta value of a Thresholded ReLU layer should be >=0. Received: theta=" +
                     std::to_string(theta_));
  set_built();
}

Tensor ThresholdedReLUImpl::call(const Tensor& inputs, bool) {
  // Keras 2's inputs * cast(inputs > theta): the gradient is the mask.
  Tensor above = ops::greater(inputs, ops::full_like(inputs, theta_));
  return ops::multiply(inputs, ops::cast(above, inputs.dtype()));
}

ConfigValue ThresholdedReLUImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["theta"] = theta_;
  return c;
}

std::shared_ptr<Layer> ThresholdedReLUImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "ThresholdedReLU");
  ThresholdedReLUOptions o;
  read_base_options(r, o);
  o.theta = r.number("theta", 1.0);
  r.finish();
  return std::make_shared<ThresholdedReLUImpl>(std::move(o));
}

}  // namespace keras::layers
