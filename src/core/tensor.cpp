#include "keras/core/tensor.hpp"

#include <cstring>
#include <sstream>

#include "keras/backends/backend.hpp"
#include "src/backends/dispatch.hpp"
#include "src/core/host_staging.hpp"

namespace keras {

// Held in float64 so a float64 tensor meets the full value; promotion casts it to the
// strong operand's type otherwise.
Tensor::Tensor(double value) : Tensor(scalar(value, DType::float64)) { impl_->weak = true; }
Tensor::Tensor(float value) : Tensor(scalar(value, DType::float32)) { impl_->weak = true; }
Tensor::Tensor(int value) : Tensor(scalar(value, DType::int32)) { impl_->weak = true; }

const TensorImpl& Tensor::impl() const {
  if (!impl_) throw ValueError("Use of an undefined Tensor (default-constructed, never assigned)");
  return *impl_;
}

std::size_t Tensor::nbytes() const {
  return static_cast<std::size_t>(size()) * dtype_size(dtype());
}

namespace {
const void* host_pointer(const TensorImpl& impl, const char* what) {
  if (!impl.buffer->is_host())
    throw TypeError(std::string(what) + ": the tensor lives on backend '" + impl.backend->name() +
                    "', whose memory is not host memory; read it with to_vector() or item(), "
                    "or copy it to a host backend with keras::backend::to_backend");
  return impl.buffer->data();
}
}  // namespace

const void* Tensor::raw_data() const { return host_pointer(impl(), "Tensor::raw_data"); }

backend::Backend& Tensor::backend() const { return *impl().backend; }

template <class T>
const T* Tensor::data() const {
  if (dtype_of<T>() != dtype())
    throw TypeError("Tensor::data<" + std::string(dtype_name(dtype_of<T>())) +
                    ">() called on a tensor of dtype " + std::string(dtype_name(dtype())));
  return static_cast<const T*>(host_pointer(impl(), "Tensor::data"));
}

template <class T>
std::vector<T> Tensor::to_vector() const {
  std::vector<T> out(static_cast<std::size_t>(size()));
  const detail::HostView host(*this);  // in place for host memory, one transfer otherwise
  if (is_storage_only(dtype())) {
    const auto* src = host.as<std::uint16_t>();
    for (std::size_t i = 0; i < out.size(); ++i)
      out[i] = static_cast<T>(dtype() == DType::float16 ? half_to_float(src[i])
                                                        : bfloat16_to_float(src[i]));
    return out;
  }
  dispatch_dtype(dtype(), [&]<class S>() {
    const S* src = host.as<S>();
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<T>(src[i]);
  });
  return out;
}

template <class T>
T Tensor::item() const {
  if (size() != 1)
    throw ValueError("item() needs a tensor with exactly one element, received shape " +
                     shape().to_string());
  return to_vector<T>()[0];
}

#define KERASPP_INSTANTIATE(T)                          \
  template const T* Tensor::data<T>() const;            \
  template std::vector<T> Tensor::to_vector<T>() const; \
  template T Tensor::item<T>() const;
KERASPP_INSTANTIATE(float)
KERASPP_INSTANTIATE(double)
KERASPP_INSTANTIATE(std::int32_t)
KERASPP_INSTANTIATE(std::int64_t)
KERASPP_INSTANTIATE(std::uint8_t)
KERASPP_INSTANTIATE(bool)
#undef KERASPP_INSTANTIATE

std::string Tensor::to_string() const {
  if (!defined()) return "Tensor(undefined)";
  std::ostringstream os;
  os << "Tensor(shape=" << shape().to_string() << ", dtype=" << dtype_name(dtype()) << ", [";
  auto values = to_vector<double>();
  const std::size_t limit = 20;
  for (std::size_t i = 0; i < values.size() && i < limit; ++i) os << (i ? ", " : "") << values[i];
  if (values.size() > limit) os << ", ...";
  os << "])";
  return os.str();
}

Tensor empty(const Shape& shape, DType dtype) {
  for (auto d : shape)
    if (d < 0)
      throw ValueError("Cannot create a tensor with a negative dimension: shape " +
                       shape.to_string());
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = shape;
  impl->dtype = dtype;
  // Never allocate zero bytes: a buffer always has a valid pointer.
  std::size_t bytes = 0;
  if (__builtin_mul_overflow(static_cast<std::size_t>(shape.size()), dtype_size(dtype), &bytes))
    throw ValueError("Cannot create a tensor of shape " + shape.to_string() + " and dtype " +
                     std::string(dtype_name(dtype)) +
                     ": its size in bytes does not fit in 64 bits");
  impl->backend = &backend::current();
  impl->buffer = impl->backend->allocate(bytes == 0 ? 1 : bytes);
  return Tensor(std::move(impl));
}

Tensor get_keras_mask(const Tensor& x) {
  if (!x.defined() || !x.impl().keras_mask) return Tensor();
  return Tensor(x.impl().keras_mask);
}

void set_keras_mask(const Tensor& x, const Tensor& mask) {
  if (!x.defined()) throw ValueError("set_keras_mask: the tensor is undefined");
  // The mask is metadata, not part of the value: tensors stay immutable in what they hold.
  const_cast<TensorImpl&>(x.impl()).keras_mask = mask.impl_ptr();
}

void* mutable_data(Tensor& t) { return const_cast<void*>(host_pointer(t.impl(), "mutable_data")); }

Tensor from_raw(const void* data, const Shape& shape, DType dtype) {
  Tensor t = empty(shape, dtype);
  if (t.nbytes()) t.backend().write(*t.buffer(), 0, data, t.nbytes());
  return t;
}

namespace backend {
Tensor to_backend(const Tensor& x, const std::string& name) { return to_backend(x, get(name)); }

Tensor to_backend(const Tensor& x, Backend& target) {
  if (&x.backend() == &target) return x;
  auto impl = std::make_shared<TensorImpl>();
  impl->shape = x.shape();
  impl->dtype = x.dtype();
  impl->weak = x.impl().weak;
  impl->backend = &target;
  const std::size_t bytes = x.buffer()->bytes();
  impl->buffer = target.allocate(bytes);
  target.copy_from(*impl->buffer, x.backend(), *x.buffer(), bytes);
  return Tensor(std::move(impl));
}
}  // namespace backend

template <class T>
Tensor tensor(const std::vector<T>& values, const Shape& shape) {
  if (static_cast<std::int64_t>(values.size()) != shape.size())
    throw ValueError("tensor(): " + std::to_string(values.size()) + " values cannot fill shape " +
                     shape.to_string() + " (" + std::to_string(shape.size()) + " elements)");
  return from_raw(values.data(), shape, dtype_of<T>());
}
template Tensor tensor<float>(const std::vector<float>&, const Shape&);
template Tensor tensor<double>(const std::vector<double>&, const Shape&);
template Tensor tensor<std::int32_t>(const std::vector<std::int32_t>&, const Shape&);
template Tensor tensor<std::int64_t>(const std::vector<std::int64_t>&, const Shape&);
template Tensor tensor<std::uint8_t>(const std::vector<std::uint8_t>&, const Shape&);

Tensor bool_tensor(const std::vector<std::uint8_t>& values, const Shape& shape) {
  if (static_cast<std::int64_t>(values.size()) != shape.size())
    throw ValueError("bool_tensor(): " + std::to_string(values.size()) +
                     " values cannot fill shape " + shape.to_string());
  std::vector<std::uint8_t> normalised(values.size());  // a bool byte must be 0 or 1
  for (std::size_t i = 0; i < values.size(); ++i) normalised[i] = values[i] != 0;
  return from_raw(normalised.data(), shape, DType::bool_);
}

Tensor scalar(double value, DType dtype) {
  Tensor t = empty(Shape{}, dtype);
  backend::dispatch().fill(*t.buffer(), dtype, 1, value);
  return t;
}

}  // namespace keras
