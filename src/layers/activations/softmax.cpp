#include "keras/layers/activations/softmax.hpp"

#include "keras/activations/activations.hpp"
#include "keras/core/errors.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

SoftmaxImpl::SoftmaxImpl(SoftmaxOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "softmax"),
      axis_(std::move(options.axis)) {
  set_built();
}

Tensor SoftmaxImpl::call(const Tensor& inputs, bool) { return activations::softmax(inputs, axis_); }

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
