#include "keras/layers/core/input_layer.hpp"

#include "keras/core/config.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

InputLayerImpl::InputLayerImpl(Shape batch_shape, std::string dtype, std::string name)
    : Layer({std::move(name), true, dtype}, "input_layer"),
      batch_shape_(std::move(batch_shape)),
      dtype_(dtype_from_name(dtype.empty() ? config::floatx() : dtype)) {
  for (auto d : batch_shape_)
    if (d < kNone || d == 0)
      throw ValueError("Input shape must contain positive sizes or None; received shape " +
                       batch_shape_.to_string());
  set_built();
}

Tensor InputLayerImpl::call(const Tensor& inputs, bool) { return inputs; }

ConfigValue InputLayerImpl::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["batch_shape"] = shape_to_config(batch_shape_);
  c["dtype"] = std::string(dtype_name(dtype_));
  c["sparse"] = false;
  c["ragged"] = false;
  c["name"] = name();
  c["optional"] = false;
  return c;
}

std::shared_ptr<Layer> InputLayerImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "InputLayer");
  const ConfigValue shape = r.raw(r.alias({"batch_shape", "batch_input_shape"}));
  if (!shape.is_list())
    throw ValueError("InputLayer config needs `batch_shape`; received " + config.dump());
  const ConfigValue dtype = r.raw("dtype");
  const std::string name = r.string("name", "");
  // Keras writes these flags; keraspp's inputs are dense, so only their false default is read.
  for (const char* flag : {"sparse", "ragged", "optional"})
    if (r.boolean(flag, false))
      throw NotImplementedError(r.owner() + ": `" + flag + "=True` inputs are not supported");
  r.finish();
  return std::make_shared<InputLayerImpl>(shape_from_config(shape, "InputLayer config"),
                                          read_dtype(dtype), name);
}

KerasTensor make_input_tensor(const std::shared_ptr<InputLayerImpl>& layer) {
  auto node = std::make_shared<Node>();
  node->layer = layer;
  node->output_shapes = {layer->batch_shape()};
  KerasTensor out(layer->batch_shape(), layer->dtype(), layer->name());
  out.set_history(node, 0);
  return out;
}

}  // namespace keras::layers

namespace keras {

KerasTensor Input(Shape shape, InputOptions options) {
  Shape batch_shape;
  batch_shape.dims().push_back(options.batch_size.value_or(kNone));
  for (auto d : shape) batch_shape.dims().push_back(d);
  return layers::make_input_tensor(
      std::make_shared<layers::InputLayerImpl>(batch_shape, options.dtype, options.name));
}

}  // namespace keras
