#include "keras/layers/preprocessing/rescaling.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

RescalingImpl::RescalingImpl(double scale, RescalingOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "rescaling"),
      scale_(scale),
      offset_(options.offset) {
  set_supports_masking(true);
  set_built();
}

Tensor RescalingImpl::call(const Tensor& inputs, bool) {
  Tensor x = ops::cast(inputs, compute_dtype());
  return ops::add(ops::multiply(x, scale_), offset_);
}

ConfigValue RescalingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["scale"] = scale_;
  c["offset"] = offset_;
  return c;
}

std::shared_ptr<Layer> RescalingImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Rescaling");
  RescalingOptions o;
  read_base_options(r, o);
  // Keras also accepts an array per channel (serialized as a tensor dict); keraspp reads the
  // scalar form only, and says so for the other.
  for (const char* key : {"scale", "offset"})
    if (r.present(key) && !r.raw(key).is_number() && !r.raw(key).is_null())
      throw NotImplementedError(r.owner() + ": only a number is supported for `" + key +
                                "`; received " + r.raw(key).dump());
  const double scale = r.required_number("scale");
  o.offset = r.number("offset", 0.0);
  r.finish();
  return std::make_shared<RescalingImpl>(scale, std::move(o));
}

}  // namespace keras::layers
