#include "keras/layers/core/masking.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

MaskingImpl::MaskingImpl(MaskingOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "masking"),
      options_(std::move(options)) {
  set_supports_masking(true);
  set_built();  // no weights: Keras builds it at construction
}

Tensor MaskingImpl::compute_mask(const Tensor& inputs, const Tensor&) {
  return ops::any(ops::not_equal(inputs, options_.mask_value), {-1}, false);
}

Tensor MaskingImpl::call(const Tensor& inputs, bool) {
  Tensor keep = ops::any(ops::not_equal(inputs, options_.mask_value), {-1}, true);
  Tensor outputs = ops::where(keep, inputs, ops::zeros_like(inputs));
  // The mask comes with the output, computed once (Keras sets it in call too).
  set_keras_mask(outputs, ops::squeeze(keep, -1));
  return outputs;
}

ConfigValue MaskingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["mask_value"] = options_.mask_value;
  return c;
}

std::shared_ptr<Layer> MaskingImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Masking");
  MaskingOptions o;
  read_base_options(r, o);
  o.mask_value = r.number("mask_value", 0.0);
  r.finish();
  return std::make_shared<MaskingImpl>(o);
}

}  // namespace keras::layers
