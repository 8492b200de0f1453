#include "keras/initializers/constant_initializers.hpp"

#include "keras/core/ops/creation.hpp"
#include "keras/core/ops/math.hpp"

namespace keras::initializers {

Tensor Zeros::operator()(const Shape& shape, DType dtype) const { return ops::zeros(shape, dtype); }

Tensor Ones::operator()(const Shape& shape, DType dtype) const { return ops::ones(shape, dtype); }

Tensor Constant::operator()(const Shape& shape, DType dtype) const {
  return ops::full(shape, value_, dtype);
}

ConfigValue Constant::get_config() const {
  return ConfigValue(ConfigValue::Dict{{"value", value_}});
}

Tensor Identity::operator()(const Shape& shape, DType dtype) const {
  if (shape.rank() != 2)
    throw ValueError(
        "Identity matrix initializer can only be used for 2D matrices. Received: shape=" +
        shape.to_string() + " of rank " + std::to_string(shape.rank()) + ".");
  Tensor eye = ops::eye(shape[0], shape[1], 0, dtype);
  return gain_ == 1.0 ? eye : ops::multiply(eye, gain_);
}

ConfigValue Identity::get_config() const { return ConfigValue(ConfigValue::Dict{{"gain", gain_}}); }

}  // namespace keras::initializers
