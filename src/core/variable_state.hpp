#pragma once
// Internal: the shared state behind a Variable handle.
#include "keras/core/autodiff.hpp"
#include "keras/core/variable.hpp"

namespace keras {

struct Variable::State {
  Tensor value;
  bool trainable = true;
  std::string name;
  std::string path;
  std::shared_ptr<constraints::Constraint> constraint;
  // Stable leaf identity: every tracked read of the variable points at this node, so
  // gradients from all reads accumulate into one place.
  std::shared_ptr<autodiff::Node> leaf = std::make_shared<autodiff::Node>();
};

struct VariableAccess {
  // A tensor whose node is the variable's leaf (what tape.gradient looks up).
  static Tensor leaf(const Variable& v) {
    auto impl = std::make_shared<TensorImpl>(v.state_->value.impl());
    impl->node = v.state_->leaf;
    impl->keras_mask = nullptr;
    return Tensor(std::move(impl));
  }
};

}  // namespace keras
