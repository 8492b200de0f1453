#pragma once
// keras.constraints: projections applied to a weight after every optimizer update
// (keras/src/constraints/constraints.py), lookup by Keras name, (de)serialization, and `Spec`,
// the type of a layer option such as `.kernel_constraint`:
//   layers::Dense(64, {.kernel_constraint = constraints::MaxNorm({.max_value = 3})});
//   layers::Dense(64, {.bias_constraint = "non_neg"});
// The optimizer applies a variable's constraint after its update, as Keras 3's
// BaseOptimizer.apply does: `variable.assign(constraint(variable))`.
//
// A constraint of your own derives from Constraint and overrides operator() (and get_config
// when it has arguments); class_name() defaults to the C++ class name.
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/ops/axes.hpp"
#include "keras/core/spec.hpp"
#include "keras/core/tensor.hpp"

namespace keras::constraints {

// keras.constraints.Constraint: the identity projection, and the base class.
class Constraint {
 public:
  virtual ~Constraint() = default;
  // The projected weight (the base returns `w` unchanged).
  virtual Tensor operator()(const Tensor& w) const { return w; }
  // "MaxNorm"; by default the C++ class name, so a subclass serializes under its own name.
  virtual std::string class_name() const;
  virtual ConfigValue get_config() const { return ConfigValue::dict(); }
};

// A number argument kept as given, because Keras writes it back as given: MaxNorm() has
// "max_value": 2 in its config (Python's int default), MaxNorm({.max_value = 2.5}) 2.5.
class Number {
 public:
  Number(int v) : value_(v), integral_(true) {}
  Number(std::int64_t v) : value_(static_cast<double>(v)), integral_(true) {}
  Number(double v) : value_(v), integral_(false) {}
  double value() const { return value_; }
  ConfigValue config() const;
  // An int or float config value; ValueError naming `name` for anything else.
  static Number from_config(const ConfigValue& value, const char* name);

 private:
  double value_;
  bool integral_;
};

// The norm-based constraints' `axis`, as Keras takes it and writes it back to the config: one
// axis (`0`), a list (`{0, 1, 2}`: one norm per filter of a Conv2D kernel) or None (`{}`: the
// norm of the whole weight). 0 is a Dense kernel's (input_dim, units) input axis: one norm per
// unit. An axis the weight does not have is a ValueError when the constraint is applied.
class Axis {
 public:
  Axis() = default;  // None
  Axis(int axis) : axes_(axis) {}
  Axis(std::initializer_list<int> axes) : axes_(std::vector<int>(axes)), list_(true) {}
  Axis(std::vector<int> axes) : axes_(std::move(axes)), list_(true) {}
  const ops::Axes& axes() const { return axes_; }
  ConfigValue config() const;  // 0, [0, 1] or null
  // An int, a list of ints or null; ValueError for anything else.
  static Axis from_config(const ConfigValue& value);

 private:
  ops::Axes axes_;
  bool list_ = false;
};

struct MaxNormOptions {
  Number max_value = 2;
  Axis axis = 0;
};
// Rescales `w` along `axis` so that each norm is at most max_value:
// w * clip(norms, 0, max_value) / (epsilon + norms).
class MaxNorm : public Constraint {
 public:
  // max_value must be a non-negative finite number, else ValueError.
  explicit MaxNorm(MaxNormOptions options = {});
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "MaxNorm"; }
  ConfigValue get_config() const override;  // {"max_value": ..., "axis": ...}
  double max_value() const { return options_.max_value.value(); }
  const Axis& axis() const { return options_.axis; }

 private:
  MaxNormOptions options_;
};

struct MinMaxNormOptions {
  Number min_value = 0.0;
  Number max_value = 1.0;
  Number rate = 1.0;
  Axis axis = 0;
};
// Moves each norm of `w` along `axis` towards [min_value, max_value]:
// desired = rate * clip(norms, min_value, max_value) + (1 - rate) * norms,
// w * desired / (epsilon + norms). rate 1 enforces the bounds strictly.
class MinMaxNorm : public Constraint {
 public:
  // 0 <= min_value <= max_value (finite) and 0 <= rate <= 1, else ValueError.
  explicit MinMaxNorm(MinMaxNormOptions options = {});
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "MinMaxNorm"; }
  ConfigValue get_config() const override;  // {"min_value", "max_value", "rate", "axis"}
  double min_value() const { return options_.min_value.value(); }
  double max_value() const { return options_.max_value.value(); }
  double rate() const { return options_.rate.value(); }
  const Axis& axis() const { return options_.axis; }

 private:
  MinMaxNormOptions options_;
};

// maximum(w, 0).
class NonNeg : public Constraint {
 public:
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "NonNeg"; }
};

// w / (epsilon + norms) along `axis`.
class UnitNorm : public Constraint {
 public:
  explicit UnitNorm(Axis axis = 0) : axis_(std::move(axis)) {}
  Tensor operator()(const Tensor& w) const override;
  std::string class_name() const override { return "UnitNorm"; }
  ConfigValue get_config() const override;  // {"axis": ...}
  const Axis& axis() const { return axis_; }

 private:
  Axis axis_;
};

// A new constraint with default arguments for a Keras name: the class names ("MaxNorm",
// "MinMaxNorm", "NonNeg", "UnitNorm", "Constraint"), their snake_case forms ("max_norm",
// "min_max_norm", "non_neg", "unit_norm", "constraint"), and Keras 1/2's "maxnorm",
// "nonneg", "unitnorm". An unknown name throws ValueError listing the valid ones.
std::shared_ptr<Constraint> get(const std::string& identifier);
// A name or a {"class_name": ..., "config": {...}} dict (Keras 3's "module" and
// "registered_name" are accepted and ignored). Missing config keys take Keras's defaults;
// unknown ones are ignored, and MaxNorm also reads Keras 1's "m" for max_value.
std::shared_ptr<Constraint> deserialize(const ConfigValue& config);
// {"module": "keras.constraints", "class_name": ..., "config": ..., "registered_name": null}
ConfigValue serialize(const Constraint& constraint);
// Every name `get` accepts, sorted.
std::vector<std::string> all_names();

// How `Spec` looks up and checks a constraint identifier (see keras/core/spec.hpp).
struct ConstraintFamily {
  using Object = Constraint;
  static constexpr const char* kind = "constraint";
  static constexpr bool has_identifiers = true;
  static std::shared_ptr<Constraint> get(const std::string& identifier) {
    return constraints::get(identifier);
  }
  static void check(const std::string& identifier) { constraints::get(identifier); }
};

// What a layer option holds: nothing (default), a Keras name or a constraint.
using Spec = ObjectSpec<ConstraintFamily>;

}  // namespace keras::constraints
