#include "keras/layers/keras_tensor.hpp"

#include "keras/core/errors.hpp"

namespace keras {

KerasTensor::KerasTensor(Shape shape, DType dtype, std::string name)
    : impl_(std::make_shared<Impl>(Impl{std::move(shape), dtype, std::move(name), nullptr, 0})) {}

namespace {
[[noreturn]] void undefined() { throw ValueError("Use of an undefined KerasTensor"); }
}  // namespace

const Shape& KerasTensor::shape() const {
  if (!impl_) undefined();
  return impl_->shape;
}
DType KerasTensor::dtype() const {
  if (!impl_) undefined();
  return impl_->dtype;
}
const std::string& KerasTensor::name() const {
  if (!impl_) undefined();
  return impl_->name;
}
const std::shared_ptr<Node>& KerasTensor::node() const {
  if (!impl_) undefined();
  return impl_->node;
}
int KerasTensor::output_index() const {
  if (!impl_) undefined();
  return impl_->output_index;
}
void KerasTensor::set_history(std::shared_ptr<Node> node, int output_index) {
  if (!impl_) undefined();
  impl_->node = std::move(node);
  impl_->output_index = output_index;
}

}  // namespace keras
