#include "keras/layers/reshaping/flatten.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"

namespace keras::layers {

FlattenImpl::FlattenImpl(FlattenOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "flatten"),
      data_format_(detail::standardize_data_format(options.data_format)) {
  input_spec = {InputSpec{.min_ndim = 1}};
}

Tensor FlattenImpl::call(const Tensor& inputs, bool) {
  Tensor x = inputs;
  // channels_first inputs are moved to channels_last first, so weights after Flatten are
  // laid out the same whichever format the convolutions used (as Keras does).
  if (data_format_ == "channels_first" && x.rank() > 2) {
    std::vector<int> perm{0};
    for (int i = 2; i < x.rank(); ++i) perm.push_back(i);
    perm.push_back(1);
    x = ops::transpose(x, perm);
  }
  std::int64_t rest = 1;
  for (int i = 1; i < x.rank(); ++i) rest *= x.shape()[i];
  return ops::reshape(x, Shape{x.shape()[0], rest});
}

Shape FlattenImpl::compute_output_shape(const Shape& input_shape) {
  std::int64_t rest = 1;
  for (int i = 1; i < input_shape.rank(); ++i) {
    if (input_shape[i] < 0) return Shape{input_shape[0], kNone};
    rest *= input_shape[i];
  }
  return Shape{input_shape[0], rest};
}

ConfigValue FlattenImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["data_format"] = data_format_;
  return c;
}

std::shared_ptr<Layer> FlattenImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Flatten");
  FlattenOptions o;
  read_base_options(r, o);
  o.data_format = r.string("data_format", "");
  r.finish();
  return std::make_shared<FlattenImpl>(o);
}

}  // namespace keras::layers
