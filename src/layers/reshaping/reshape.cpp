#include "keras/layers/reshaping/reshape.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ReshapeImpl::ReshapeImpl(Shape target_shape, LayerOptions options)
    : Layer(options, "reshape"), target_shape_(std::move(target_shape)) {
  int unknown = 0;
  for (auto d : target_shape_) {
    if (d == -1) ++unknown;
    else if (d <= 0)
      throw ValueError(
          "Reshape: `target_shape` entries must be positive or -1. Received: target_shape=" +
          target_shape_.to_string());
  }
  if (unknown > 1)
    throw ValueError(
        "Reshape: there must be at most one unknown dimension (-1) in `target_shape`. Received: "
        "target_shape=" +
        target_shape_.to_string());
  set_built();
}

Shape ReshapeImpl::compute_output_shape(const Shape& input_shape) {
  Shape out{input_shape[0]};
  std::int64_t known = 1, unknown_at = -1;
  for (int i = 0; i < target_shape_.rank(); ++i) {
    out.dims().push_back(target_shape_[i]);
    if (target_shape_[i] == -1) unknown_at = i + 1;
    else known *= target_shape_[i];
  }
  std::int64_t in_size = 1;
  bool in_known = true;
  for (int i = 1; i < input_shape.rank(); ++i) {
    if (input_shape[i] < 0) in_known = false;
    else in_size *= input_shape[i];
  }
  if (in_known) {
    if (unknown_at >= 0) {
      if (in_size % known != 0)
        throw ValueError(
            "Layer \"" + name() + "\": the total size of the input " + input_shape.to_string() +
            " is not divisible by the known sizes of target_shape " + target_shape_.to_string());
      out[static_cast<int>(unknown_at)] = in_size / known;
    } else if (in_size != known) {
      throw ValueError("Layer \"" + name() + "\": the total size of the input shape " +
                       input_shape.to_string() + " (" + std::to_string(in_size) +
                       " per sample) must equal the size of target_shape " +
                       target_shape_.to_string() + " (" + std::to_string(known) + ")");
    }
  } else if (unknown_at >= 0) {
    out[static_cast<int>(unknown_at)] = kNone;
  }
  return out;
}

Tensor ReshapeImpl::call(const Tensor& inputs, bool) {
  Shape out = compute_output_shape(inputs.shape());
  out[0] = inputs.shape()[0];
  return ops::reshape(inputs, out);
}

ConfigValue ReshapeImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["target_shape"] = ConfigValue::list_of(target_shape_.dims());
  return c;
}

std::shared_ptr<Layer> ReshapeImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Reshape");
  LayerOptions o;
  read_base_options(r, o);
  const ConfigValue target = r.raw("target_shape");
  if (!target.is_list())
    throw ValueError(r.owner() + " config needs `target_shape` (a list of ints); received " +
                     target.dump());
  r.finish();
  return std::make_shared<ReshapeImpl>(Shape(target.as_int_list()), o);
}

}  // namespace keras::layers
