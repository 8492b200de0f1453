#include "keras/core/variable.hpp"

#include "keras/backends/backend.hpp"

#include "keras/core/ops.hpp"
#include "src/core/variable_state.hpp"

namespace keras {

Variable::Variable(const Tensor& initial_value, bool trainable, std::string name)
    : state_(std::make_shared<State>()) {
  state_->value = ops::stop_gradient(initial_value);
  state_->trainable = trainable;
  state_->name = name;
  state_->path = std::move(name);
  state_->leaf->shape = initial_value.shape();
  state_->leaf->dtype = initial_value.dtype();
}

namespace {
template <class S>
S& checked(const std::shared_ptr<S>& s) {
  if (!s) throw ValueError("Use of an uninitialised Variable");
  return *s;
}
}  // namespace

Tensor Variable::value() const {
  auto& s = checked(state_);
  if (autodiff::is_recording() && s.trainable) return VariableAccess::leaf(*this);
  return s.value;
}

void Variable::assign(const Tensor& new_value) {
  auto& s = checked(state_);
  if (new_value.shape() != s.value.shape())
    throw ValueError("Variable '" + s.path + "' has shape " + s.value.shape().to_string() +
                     "; cannot assign a value of shape " + new_value.shape().to_string());
  backend::Backend& home = s.value.backend();
  if (&new_value.backend() != &home && !home.can_use(*new_value.buffer()))
    throw ValueError("Variable '" + s.path + "' lives on backend '" + home.name() +
                     "'; cannot assign a value from backend '" + new_value.backend().name() +
                     "' (copy it with keras::backend::to_backend first)");
  NoGrad no_grad;
  // Stored untracked and strong: the variable must not keep the graph (or the weak-scalar
  // flag) of whatever produced the new value.
  s.value = ops::stop_gradient(ops::cast(new_value, s.value.dtype()));
}

void Variable::assign_add(const Tensor& delta) {
  NoGrad no_grad;
  assign(ops::add(checked(state_).value, delta));
}
void Variable::assign_sub(const Tensor& delta) {
  NoGrad no_grad;
  assign(ops::subtract(checked(state_).value, delta));
}

const Shape& Variable::shape() const { return checked(state_).value.shape(); }
DType Variable::dtype() const { return checked(state_).value.dtype(); }
bool Variable::trainable() const { return checked(state_).trainable; }
void Variable::set_trainable(bool t) { checked(state_).trainable = t; }
const std::string& Variable::name() const { return checked(state_).name; }
const std::string& Variable::path() const { return checked(state_).path; }
void Variable::set_path(std::string p) { checked(state_).path = std::move(p); }
const std::shared_ptr<constraints::Constraint>& Variable::constraint() const {
  return checked(state_).constraint;
}
void Variable::set_constraint(std::shared_ptr<constraints::Constraint> c) {
  checked(state_).constraint = std::move(c);
}

}  // namespace keras
