#include "keras/layers/activations/relu.hpp"

#include "keras/activations/activations.hpp"
#include "keras/core/errors.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ReLUImpl::ReLUImpl(ReLUOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "re_lu"),
      options_(std::move(options)) {
  set_supports_masking(true);
  if (options_.max_value && *options_.max_value < 0.0)
    throw ValueError("max_value of a ReLU layer cannot be a negative value. Received: max_value=" +
                     std::to_string(*options_.max_value));
  if (options_.negative_slope < 0.0)
    throw ValueError(
        "negative_slope of a ReLU layer cannot be None or a negative value. Received: "
        "negative_slope=" +
        std::to_string(options_.negative_slope));
  if (options_.threshold < 0.0)
    throw ValueError(
        "threshold of a ReLU layer cannot be None or a negative value. Received: threshold=" +
        std::to_string(options_.threshold));
  set_built();
}

Tensor ReLUImpl::call(const Tensor& inputs, bool) {
  return activations::relu(inputs, {.negative_slope = options_.negative_slope,
                                    .max_value = options_.max_value,
                                    .threshold = options_.threshold});
}

ConfigValue ReLUImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["max_value"] = options_.max_value ? ConfigValue(*options_.max_value) : ConfigValue();
  c["negative_slope"] = options_.negative_slope;
  c["threshold"] = options_.threshold;
  return c;
}

std::shared_ptr<Layer> ReLUImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "ReLU");
  ReLUOptions o;
  read_base_options(r, o);
  o.max_value = r.optional_number("max_value");
  o.negative_slope = r.number("negative_slope", 0.0);
  o.threshold = r.number("threshold", 0.0);
  r.finish();
  return std::make_shared<ReLUImpl>(std::move(o));
}

}  // namespace keras::layers
