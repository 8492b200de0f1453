#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "keras/core/errors.hpp"

#include "src/backends/convert_element.hpp"
#include "src/backends/host_allocator.hpp"
#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {

HostBuffer::HostBuffer(std::size_t bytes) : ptr_(host_allocator::allocate(bytes)), bytes_(bytes) {}
HostBuffer::~HostBuffer() { host_allocator::release(ptr_, bytes_); }

BufferPtr ReferenceBackend::allocate(std::size_t bytes) {
  return std::make_shared<HostBuffer>(bytes);
}

void check_transfer_range(const char* what, std::size_t offset, std::size_t bytes,
                          std::size_t size) {
  if (offset > size || bytes > size - offset)
    throw ValueError(std::string(what) + ": bytes [" + std::to_string(offset) + ", " +
                     std::to_string(offset + bytes) + ") are outside a buffer of " +
                     std::to_string(size) + " bytes");
}

void ReferenceBackend::read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) {
  check_transfer_range("Backend::read", offset, bytes, src.bytes());
  if (bytes) std::memcpy(dst, static_cast<const char*>(src.data()) + offset, bytes);
}

void ReferenceBackend::write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) {
  check_transfer_range("Backend::write", offset, bytes, dst.bytes());
  if (bytes) std::memcpy(static_cast<char*>(dst.data()) + offset, src, bytes);
}

namespace {
// Element i of a float16/bfloat16 buffer as float, and back.
float load_storage(DType dtype, const void* p, std::int64_t i) {
  const auto bits = static_cast<const std::uint16_t*>(p)[i];
  return dtype == DType::float16 ? half_to_float(bits) : bfloat16_to_float(bits);
}
std::uint16_t to_storage(DType dtype, float v) {
  return dtype == DType::float16 ? float_to_half(v) : float_to_bfloat16(v);
}

// Casts with a float16/bfloat16 side go through float.
void cast_storage(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) {
  std::vector<float> tmp(static_cast<std::size_t>(n));
  if (is_storage_only(from)) {
    for (std::int64_t i = 0; i < n; ++i)
      tmp[static_cast<std::size_t>(i)] = load_storage(from, in.data(), i);
  } else {
    dispatch_dtype(from, [&]<class S>() {
      const S* src = static_cast<const S*>(in.data());
      for (std::int64_t i = 0; i < n; ++i)
        tmp[static_cast<std::size_t>(i)] = static_cast<float>(src[i]);
    });
  }
  if (is_storage_only(to)) {
    auto* dst = static_cast<std::uint16_t*>(out.data());
    for (std::int64_t i = 0; i < n; ++i) dst[i] = to_storage(to, tmp[static_cast<std::size_t>(i)]);
  } else {
    dispatch_dtype(to, [&]<class D>() {
      D* dst = static_cast<D*>(out.data());
      for (std::int64_t i = 0; i < n; ++i) {
        dst[i] = keras::detail::convert_element<D>(tmp[static_cast<std::size_t>(i)]);
      }
    });
  }
}
}  // namespace

void ReferenceBackend::fill(Buffer& out, DType dtype, std::int64_t n, double value) {
  if (is_storage_only(dtype)) {
    const std::uint16_t bits = to_storage(dtype, static_cast<float>(value));
    auto* p = static_cast<std::uint16_t*>(out.data());
    for (std::int64_t i = 0; i < n; ++i) p[i] = bits;
    return;
  }
  dispatch_dtype(dtype, [&]<class T>() {
    T* p = static_cast<T*>(out.data());
    T v = keras::detail::convert_element<T>(value);
    for (std::int64_t i = 0; i < n; ++i) p[i] = v;
  });
}

void ReferenceBackend::cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) {
  if (is_storage_only(from) || is_storage_only(to)) return cast_storage(in, from, out, to, n);
  dispatch_dtype(from, [&]<class S>() {
    dispatch_dtype(to, [&]<class D>() {
      const S* src = static_cast<const S*>(in.data());
      D* dst = static_cast<D*>(out.data());
      for (std::int64_t i = 0; i < n; ++i) {
        dst[i] = keras::detail::convert_element<D>(src[i]);
      }
    });
  });
}

void ReferenceBackend::copy_strided(const Buffer& src, std::int64_t src_offset,
                                    const std::vector<std::int64_t>& src_strides, Buffer& dst,
                                    std::int64_t dst_offset,
                                    const std::vector<std::int64_t>& dst_strides,
                                    const Shape& shape, DType dtype) {
  dispatch_storage(dtype, [&]<class T>() {
    const T* s = static_cast<const T*>(src.data());
    T* d = static_cast<T*>(dst.data());
    for_each_index<2>(shape, {&src_strides, &dst_strides}, {src_offset, dst_offset},
                      [&](const std::array<std::int64_t, 2>& o) { d[o[1]] = s[o[0]]; });
  });
}

void ReferenceBackend::gather(const Buffer& in, const Buffer& indices, Buffer& out,
                              std::int64_t outer, std::int64_t axis_len, std::int64_t inner,
                              std::int64_t n_indices, DType dtype) {
  const auto* idx = static_cast<const std::int64_t*>(indices.data());
  dispatch_dtype(dtype, [&]<class T>() {
    const T* src = static_cast<const T*>(in.data());
    T* dst = static_cast<T*>(out.data());
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t j = 0; j < n_indices; ++j)
        for (std::int64_t i = 0; i < inner; ++i)
          dst[(o * n_indices + j) * inner + i] = src[(o * axis_len + idx[j]) * inner + i];
  });
}

void ReferenceBackend::scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out,
                                   std::int64_t outer, std::int64_t axis_len, std::int64_t inner,
                                   std::int64_t n_indices, DType dtype) {
  const auto* idx = static_cast<const std::int64_t*>(indices.data());
  dispatch_dtype(dtype, [&]<class T>() {
    const T* src = static_cast<const T*>(updates.data());
    T* dst = static_cast<T*>(out.data());
    for (std::int64_t o = 0; o < outer; ++o)
      for (std::int64_t j = 0; j < n_indices; ++j)
        for (std::int64_t i = 0; i < inner; ++i) {
          T& slot = dst[(o * axis_len + idx[j]) * inner + i];
          if constexpr (std::is_same_v<T, bool>)
            slot = slot || src[(o * n_indices + j) * inner + i];
          else slot = static_cast<T>(slot + src[(o * n_indices + j) * inner + i]);
        }
  });
}

}  // namespace keras::backend
