#pragma once
// `Tensor`: an immutable n-dimensional value (shape, dtype, contiguous row-major storage).
// Copies share storage; every op returns a new tensor. A tensor produced while a
// `GradientTape` records carries the node that knows how to propagate gradients to its inputs.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/dtype.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/shape.hpp"

namespace keras {

namespace backend {
class Buffer;
class Backend;
}  // namespace backend
namespace autodiff {
struct Node;
}

struct TensorImpl {
  Shape shape{};
  DType dtype = DType::float32;
  std::shared_ptr<backend::Buffer> buffer{};
  backend::Backend* backend = nullptr;     // the backend that made `buffer` and moves its bytes
  std::shared_ptr<autodiff::Node> node{};  // set when this value is tracked by a tape
  bool weak = false;                       // a C++ scalar: does not widen dtypes in promotion
  // Keras's `_keras_mask`: the boolean mask a layer attached to its output (Embedding with
  // mask_zero, Masking, ...), read by the next layers, losses and metrics. Ops never copy it:
  // like a JAX array, the result of an op has no mask.
  std::shared_ptr<TensorImpl> keras_mask{};
};

class Tensor {
 public:
  Tensor() = default;  // an undefined tensor (`defined()` is false)
  explicit Tensor(std::shared_ptr<TensorImpl> impl) : impl_(std::move(impl)) {}
  // C++ scalars convert implicitly to weak 0-d tensors so `ops::add(x, 1.0)` works.
  Tensor(double value);
  Tensor(float value);
  Tensor(int value);

  bool defined() const { return impl_ != nullptr; }
  const Shape& shape() const { return impl().shape; }
  DType dtype() const { return impl().dtype; }
  int rank() const { return shape().rank(); }
  std::int64_t size() const { return shape().size(); }
  std::size_t nbytes() const;

  // Host pointer to the first element, for tensors in host memory (the blas and reference
  // backends); a tensor on a backend whose memory is not host memory throws TypeError: read
  // it with to_vector / item, which transfer through its backend.
  const void* raw_data() const;
  template <class T>
  const T* data() const;
  // Elements converted to T (a copy, read through the tensor's backend).
  template <class T>
  std::vector<T> to_vector() const;
  // The single element of a size-1 tensor, converted to T.
  template <class T>
  T item() const;

  std::string to_string() const;  // NumPy-like text, abbreviated for large tensors

  const TensorImpl& impl() const;
  const std::shared_ptr<TensorImpl>& impl_ptr() const { return impl_; }
  const std::shared_ptr<backend::Buffer>& buffer() const { return impl().buffer; }
  // The backend whose memory holds this tensor (see backend::to_backend to move it).
  backend::Backend& backend() const;
  bool is_tracked() const { return impl_ && impl_->node != nullptr; }

 private:
  std::shared_ptr<TensorImpl> impl_;
};

// Keras's backend.get_keras_mask / set_keras_mask: the mask attached to a tensor (undefined when
// none). Setting it marks the value itself, so every copy of `x` (which shares it) sees it, as
// every reference to a Python tensor does; an undefined `mask` removes it.
Tensor get_keras_mask(const Tensor& x);
void set_keras_mask(const Tensor& x, const Tensor& mask);

// Allocates an uninitialised tensor on the active backend (used by ops and kernels' callers).
Tensor empty(const Shape& shape, DType dtype);
// A tensor holding a copy of `values`, e.g. `tensor<float>({1, 2, 3, 4}, {2, 2})`.
template <class T>
Tensor tensor(const std::vector<T>& values, const Shape& shape);
template <class T>
Tensor tensor(std::initializer_list<T> values, const Shape& shape) {
  return tensor(std::vector<T>(values), shape);
}
// A tensor wrapping external data by copy, with an explicit dtype.
Tensor from_raw(const void* data, const Shape& shape, DType dtype);
// Strong (non-weak) 0-d tensor.
Tensor scalar(double value, DType dtype = DType::float32);
// Writable host pointer for code that builds new tensors in host memory; TypeError for a tensor
// on a non-host backend (build those with from_raw, which transfers through the backend).
void* mutable_data(Tensor& t);

namespace backend {
// A copy of x on the named backend (x itself if it is already there): tensors never move
// between backends implicitly.
Tensor to_backend(const Tensor& x, const std::string& name);
Tensor to_backend(const Tensor& x, Backend& target);
}  // namespace backend

extern template Tensor tensor<float>(const std::vector<float>&, const Shape&);
extern template Tensor tensor<double>(const std::vector<double>&, const Shape&);
extern template Tensor tensor<std::int32_t>(const std::vector<std::int32_t>&, const Shape&);
extern template Tensor tensor<std::int64_t>(const std::vector<std::int64_t>&, const Shape&);
extern template Tensor tensor<std::uint8_t>(const std::vector<std::uint8_t>&, const Shape&);
// std::vector<bool> is bit-packed, so bool tensors come from a vector of uint8 instead.
Tensor bool_tensor(const std::vector<std::uint8_t>& values, const Shape& shape);

}  // namespace keras
