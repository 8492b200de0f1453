#pragma once
// `Variable`: mutable state (weights, optimizer slots). Handles share the same variable, so a
// layer handle copied into two places updates one set of weights. Reading `value()` while a
// tape records returns a tracked tensor whose gradient `tape.gradient` can return.
#include <memory>
#include <string>

#include "keras/core/tensor.hpp"

namespace keras {

namespace constraints {
class Constraint;
}

class Variable {
 public:
  Variable() = default;
  explicit Variable(const Tensor& initial_value, bool trainable = true, std::string name = "");

  bool defined() const { return state_ != nullptr; }
  Tensor value() const;
  void assign(const Tensor& new_value);  // same shape required; cast to the variable's dtype
  void assign_add(const Tensor& delta);
  void assign_sub(const Tensor& delta);

  const Shape& shape() const;
  DType dtype() const;
  bool trainable() const;
  void set_trainable(bool trainable);
  const std::string& name() const;
  const std::string& path() const;  // "dense/kernel" once owned by a layer
  void set_path(std::string path);
  // Keras's `variable.constraint` (null: none): optimizers assign `constraint(value)` to the
  // variable after each update. Layers set it from add_weight's `constraint`.
  const std::shared_ptr<constraints::Constraint>& constraint() const;
  void set_constraint(std::shared_ptr<constraints::Constraint> constraint);

  bool operator==(const Variable& other) const { return state_ == other.state_; }
  // Identity of the shared state (for maps keyed by variable).
  const void* id() const { return state_.get(); }

 private:
  struct State;
  std::shared_ptr<State> state_;
  friend class GradientTape;
  friend struct VariableAccess;
};

}  // namespace keras
