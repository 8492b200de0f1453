#pragma once
// keras.initializers.Initializer: a recipe for a weight's starting values, called with the
// weight's shape and dtype. Initializers are small copyable values; layers hold them through
// std::shared_ptr<Initializer> (see initializers::Spec).
#include <string>

#include "keras/core/config.hpp"
#include "keras/core/config_value.hpp"
#include "keras/core/dtype.hpp"
#include "keras/core/shape.hpp"
#include "keras/core/tensor.hpp"

namespace keras::initializers {

// keras.config.floatx() as a DType: the dtype an initializer uses when none is given. A
// function, so a default argument written with it follows set_floatx at call time.
inline DType floatx_dtype() { return dtype_from_name(config::floatx()); }

class Initializer {
 public:
  virtual ~Initializer() = default;

  // A new tensor of `shape` and `dtype`. Overrides repeat the default argument (default
  // arguments bind to the static type), e.g.
  //   Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  virtual Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const = 0;

  // The Keras class name written in configs ("GlorotUniform").
  virtual std::string class_name() const = 0;
  // The constructor arguments as Keras writes them; {} for initializers without any.
  virtual ConfigValue get_config() const { return ConfigValue::dict(); }
};

}  // namespace keras::initializers
