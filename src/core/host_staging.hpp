#pragma once
// Host-side producers (the random streams, file readers, the fused optimizer loops) write a
// new tensor's elements through this: straight into its memory when the tensor is in host
// memory, otherwise into a host copy that `commit` writes through the tensor's backend in one
// transfer. Either way the producer sees one contiguous array of the tensor's elements.
#include <memory>

#include "keras/backends/backend.hpp"
#include "keras/core/tensor.hpp"

namespace keras::detail {

class HostStaging {
 public:
  explicit HostStaging(Tensor& t) : tensor_(t) {
    if (t.buffer()->is_host()) {
      data_ = mutable_data(t);
    } else {
      staging_.reset(new unsigned char[t.nbytes() == 0 ? 1 : t.nbytes()]);
      data_ = staging_.get();
    }
  }
  void* data() { return data_; }
  template <class T>
  T* as() {
    return static_cast<T*>(data_);
  }
  void commit() {
    if (staging_ && tensor_.nbytes())
      tensor_.backend().write(*tensor_.buffer(), 0, staging_.get(), tensor_.nbytes());
  }

 private:
  Tensor& tensor_;
  std::unique_ptr<unsigned char[]> staging_;
  void* data_ = nullptr;
};

// The elements of x as a host array: x's own memory for a host tensor, a copy otherwise.
class HostView {
 public:
  explicit HostView(const Tensor& x) {
    if (x.buffer()->is_host()) {
      data_ = x.raw_data();
    } else {
      copy_.reset(new unsigned char[x.nbytes() == 0 ? 1 : x.nbytes()]);
      x.backend().read(*x.buffer(), 0, copy_.get(), x.nbytes());
      data_ = copy_.get();
    }
  }
  const void* data() const { return data_; }
  template <class T>
  const T* as() const {
    return static_cast<const T*>(data_);
  }

 private:
  std::unique_ptr<unsigned char[]> copy_;
  const void* data_ = nullptr;
};

}  // namespace keras::detail
