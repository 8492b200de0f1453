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
  ConfigValue shape =
      config.contains("batch_shape") ? config.at("batch_shape") : config.get("batch_input_shape");
  if (!shape.is_list())
    throw ValueError("InputLayer config needs `batch_shape`; received " + config.dump());
  return std::make_shared<InputLayerImpl>(
      shape_from_config(shape, "InputLayer config"),
      config.get("dtype", "").is_string() ? config.get("dtype", "").as_string() : "",
      config.get("name", "").as_string());
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
