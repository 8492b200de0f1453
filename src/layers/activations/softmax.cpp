#include "keras/layers/activations/softmax.hpp"

#include "keras/activations/activations.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

SoftmaxImpl::SoftmaxImpl(SoftmaxOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "softmax"),
      axis_(std::move(options.axis)) {
  set_supports_masking(true);
  set_built();
}

Tensor SoftmaxImpl::call(const Tensor& inputs, bool) {
  Tensor mask = call_mask();
  if (!mask.defined()) return activations::softmax(inputs, axis_);
  // Keras's: the mask must broadcast to the inputs; masked positions take a large negative
  // logit, and are zero in the output (also where a whole row is masked).
  const Shape& m = mask.shape();
  const Shape& x = inputs.shape();
  const std::string who = "Layer \"" + name() + "\" (Softmax): ";
  const std::string received =
      "Received: inputs.shape=" + x.to_string() + ", mask.shape=" + m.to_string();
  if (m.rank() > x.rank())
    throw ValueError(who +
                     "The `mask` must be broadcastable to `inputs` and must not have more "
                     "dimensions. " +
                     received);
  for (int i = 1; i <= m.rank(); ++i)
    if (m[m.rank() - i] != 1 && m[m.rank() - i] != x[x.rank() - i])
      throw ValueError(who +
                       "The `mask` must be broadcastable to `inputs`. Each mask dimension must "
                       "be 1 or match the corresponding input dimension. " +
                       received);
  Tensor keep = mask.dtype() == DType::bool_ ? mask : ops::greater(mask, 0.5);
  const double large_negative = inputs.dtype() == DType::float16 ? -3e4 : -1e9;
  Tensor outputs =
      activations::softmax(ops::where(keep, inputs, ops::full_like(inputs, large_negative)), axis_);
  return ops::where(keep, outputs, ops::zeros_like(outputs));
}

ConfigValue SoftmaxImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["axis"] = axis_.is_none()            ? ConfigValue()
              : axis_.list().size() == 1 ? ConfigValue(axis_.list()[0])
                                         : ConfigValue::list_of(axis_.list());
  return c;
}

std::shared_ptr<Layer> SoftmaxImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Softmax");
  SoftmaxOptions o;
  read_base_options(r, o);
  const bool given = r.present("axis");
  const ConfigValue axis = r.raw("axis");
  r.finish();
  if (!given) {
    o.axis = -1;
  } else if (axis.is_null()) {
    o.axis = ops::Axes();
  } else if (axis.is_integral()) {
    o.axis = static_cast<int>(axis.as_int());
  } else if (axis.is_list()) {
    std::vector<int> axes;
    for (auto a : axis.as_int_list()) axes.push_back(static_cast<int>(a));
    o.axis = axes;
  } else {
    throw ValueError(r.owner() +
                     ": `axis` should be an int or a list of ints. Received: axis=" + axis.dump());
  }
  return std::make_shared<SoftmaxImpl>(std::move(o));
}

}  // namespace keras::layers
