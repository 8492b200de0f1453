#include "keras/layers/rnn/time_distributed.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/normalization/batch_normalization.hpp"
#include "keras/layers/registry.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

TimeDistributedImpl::TimeDistributedImpl(std::shared_ptr<Layer> layer,
                                         TimeDistributedOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "time_distributed"),
      layer_(std::move(layer)) {
  if (!layer_)
    throw ValueError(
        "Please initialize `TimeDistributed` layer with a `keras.layers.Layer` instance. "
        "Received: None");
  track(layer_);
  set_supports_masking(true);
}

Shape TimeDistributedImpl::child_input_shape(const Shape& input_shape) const {
  if (input_shape.rank() < 3)
    throw ValueError(
        "`TimeDistributed` Layer should be passed an `input_shape` with at least 3 dimensions, "
        "received: " +
        input_shape.to_string() + " (layer \"" + name() + "\")");
  std::vector<std::int64_t> dims{input_shape[0]};
  for (int i = 2; i < input_shape.rank(); ++i) dims.push_back(input_shape[i]);
  return Shape(dims);
}

void TimeDistributedImpl::build(const Shape& input_shape) {
  const Shape child = child_input_shape(input_shape);
  // Under this layer's name, as Keras builds it: "time_distributed/dense/kernel".
  NameScope scope(name());
  layer_->build_from_config(ConfigValue::Dict{{"input_shape", shape_to_config(child)}});
  layer_->set_built();
}

Tensor TimeDistributedImpl::call(const Tensor& inputs, bool training) {
  const Shape& shape = inputs.shape();
  const Shape child = child_input_shape(shape);
  const std::int64_t batch = shape[0], steps = shape[1];
  Tensor mask = call_mask();
  if (mask.defined()) {
    const Shape& m = mask.shape();
    if (m.rank() < 2)
      throw ValueError(
          "The `mask` passed to the `TimeDistributed` layer must be at least 2D (e.g., "
          "`(batch_size, timesteps)`), but it has " +
          std::to_string(m.rank()) + " dimension(s) with shape " + m.to_string() + ".");
    if (m[0] != batch || m[1] != steps)
      throw ValueError("The `mask` passed to the `TimeDistributed` layer has a shape " +
                       m.to_string() + " that is incompatible with the input shape " +
                       shape.to_string() +
                       ". The first two dimensions of the mask (batch size and timesteps) must "
                       "match the input's first two dimensions. Expected mask shape prefix: (" +
                       std::to_string(batch) + ", " + std::to_string(steps) + ").");
  }
  // What one step's call sees: its slice of the inputs and of the mask.
  if (training && dynamic_cast<BatchNormalizationImpl*>(layer_.get())) {
    auto xs = ops::split(inputs, steps, 1);
    std::vector<Tensor> masks = mask.defined() ? ops::split(mask, steps, 1) : std::vector<Tensor>{};
    std::vector<Tensor> outputs;
    for (std::int64_t t = 0; t < steps; ++t) {
      Tensor x = ops::squeeze(xs[t], 1);
      if (mask.defined()) set_keras_mask(x, ops::squeeze(masks[t], 1));
      outputs.push_back((*layer_)(x, training));
    }
    return ops::stack(outputs, 1);
  }
  std::vector<std::int64_t> folded{batch * steps};
  for (int i = 1; i < child.rank(); ++i) folded.push_back(child[i]);
  Tensor x = ops::reshape(inputs, Shape(folded));
  if (mask.defined()) {
    std::vector<std::int64_t> mask_dims{batch * steps};
    for (int i = 2; i < mask.shape().rank(); ++i) mask_dims.push_back(mask.shape()[i]);
    set_keras_mask(x, ops::reshape(mask, Shape(mask_dims)));
  }
  Tensor y = (*layer_)(x, training);
  std::vector<std::int64_t> out{batch, steps};
  for (int i = 1; i < y.shape().rank(); ++i) out.push_back(y.shape()[i]);
  return ops::reshape(y, Shape(out));
}

Shape TimeDistributedImpl::compute_output_shape(const Shape& input_shape) {
  const Shape child = layer_->compute_output_shape(child_input_shape(input_shape));
  std::vector<std::int64_t> dims{child[0], input_shape[1]};
  for (int i = 1; i < child.rank(); ++i) dims.push_back(child[i]);
  return Shape(dims);
}

std::string TimeDistributedImpl::sublayer_attribute(const Layer& sublayer) const {
  return &sublayer == layer_.get() ? "layer" : "";
}

ConfigValue TimeDistributedImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["layer"] = serialize(*layer_);
  return c;
}

std::shared_ptr<Layer> TimeDistributedImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "TimeDistributed");
  TimeDistributedOptions o;
  read_base_options(r, o);
  const ConfigValue layer = r.raw("layer");
  if (!layer.is_dict())
    throw ValueError(r.owner() + ": `layer` must be a serialized layer; received " + layer.dump());
  r.finish();
  // Built (from its build_config) under this layer's name, as when it builds it.
  NameScope scope(o.name);
  return std::make_shared<TimeDistributedImpl>(deserialize(layer), std::move(o));
}

}  // namespace keras::layers
