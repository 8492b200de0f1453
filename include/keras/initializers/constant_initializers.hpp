#pragma once
// Deterministic initializers: Zeros, Ones, Constant, Identity
// (keras/src/initializers/constant_initializers.py).
#include "keras/initializers/initializer.hpp"

namespace keras::initializers {

class Zeros : public Initializer {
 public:
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "Zeros"; }
};

class Ones : public Initializer {
 public:
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "Ones"; }
};

// Every element equal to `value` (converted to the requested dtype).
class Constant : public Initializer {
 public:
  explicit Constant(double value = 0.0) : value_(value) {}
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "Constant"; }
  ConfigValue get_config() const override;  // {"value": ...}
  double value() const { return value_; }

 private:
  double value_;
};

// gain * eye(rows, cols); only for rank-2 shapes.
class Identity : public Initializer {
 public:
  explicit Identity(double gain = 1.0) : gain_(gain) {}
  Tensor operator()(const Shape& shape, DType dtype = floatx_dtype()) const override;
  std::string class_name() const override { return "Identity"; }
  // {"gain": ...}. Keras 3.15 writes {} here and so loses a non-default gain; writing the
  // gain is what its own from_config (cls(**config)) reads back.
  ConfigValue get_config() const override;
  double gain() const { return gain_; }

 private:
  double gain_;
};

}  // namespace keras::initializers
