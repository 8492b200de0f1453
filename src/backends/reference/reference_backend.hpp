#pragma once
// The reference backend: plain loops over row-major buffers, written to be read as the
// specification of every kernel. Accumulations run in double for floating types.
#include "keras/backends/backend.hpp"

namespace keras::backend {

class HostBuffer final : public Buffer {
 public:
  explicit HostBuffer(std::size_t bytes);
  ~HostBuffer() override;
  bool is_host() const override { return true; }
  void* data() override { return ptr_; }
  const void* data() const override { return ptr_; }
  std::size_t bytes() const override { return bytes_; }

 private:
  void* ptr_;
  std::size_t bytes_;
};

class ReferenceBackend : public Backend {
 public:
  std::string name() const override { return "reference"; }
  BufferPtr allocate(std::size_t bytes) override;
  void read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) override;
  void write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) override;
  void fill(Buffer& out, DType dtype, std::int64_t n, double value) override;
  void cast(const Buffer& in, DType from, Buffer& out, DType to, std::int64_t n) override;
  void copy_strided(const Buffer& src, std::int64_t src_offset,
                    const std::vector<std::int64_t>& src_strides, Buffer& dst,
                    std::int64_t dst_offset, const std::vector<std::int64_t>& dst_strides,
                    const Shape& shape, DType dtype) override;
  void unary(UnaryOp op, const Buffer& in, Buffer& out, std::int64_t n, DType dtype,
             double alpha) override;
  void binary(BinaryOp op, const StridedInput& a, const StridedInput& b, Buffer& out,
              const Shape& out_shape, DType in) override;
  void where(const StridedInput& cond, const StridedInput& a, const StridedInput& b, Buffer& out,
             const Shape& out_shape, DType dtype) override;
  void reduce(ReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t reduced,
              std::int64_t inner, DType dtype) override;
  void arg_reduce(ArgReduceOp op, const Buffer& in, Buffer& out, std::int64_t outer,
                  std::int64_t reduced, std::int64_t inner, DType dtype) override;
  void matmul(const MatmulArgs& args) override;
  void conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                    DType dtype) override;
  void conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w, Buffer& dx,
                          DType dtype) override;
  void conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy, Buffer& dw,
                            DType dtype) override;
  void pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                    DType dtype) override;
  void pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                     Buffer& dx, DType dtype) override;
  void gather(const Buffer& in, const Buffer& indices, Buffer& out, std::int64_t outer,
              std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
              DType dtype) override;
  void scatter_add(const Buffer& updates, const Buffer& indices, Buffer& out, std::int64_t outer,
                   std::int64_t axis_len, std::int64_t inner, std::int64_t n_indices,
                   DType dtype) override;
  void gates_forward(const GateArgs& args) override;
  void gates_backward(const GateArgs& args) override;
  void softmax(const Buffer& in, Buffer& out, std::int64_t outer, std::int64_t axis_len,
               std::int64_t inner, DType dtype, bool log) override;
  void batch_norm_forward(const BatchNormArgs& args) override;
  void batch_norm_backward(const BatchNormArgs& args) override;
};

// Throws ValueError unless [offset, offset + bytes) lies inside a buffer of `size` bytes.
void check_transfer_range(const char* what, std::size_t offset, std::size_t bytes,
                          std::size_t size);

// Like dispatch_dtype, but also visits the 2-byte storage types (float16, bfloat16) as
// std::uint16_t: for kernels that only move elements.
template <class F>
decltype(auto) dispatch_storage(DType dtype, F&& f) {
  if (is_storage_only(dtype)) return f.template operator()<std::uint16_t>();
  return dispatch_dtype(dtype, std::forward<F>(f));
}

// Runs f<float> or f<double> for the kernels that take only those; any other dtype is a
// TypeError "<what> float32 or float64, received <dtype>".
template <class F>
void dispatch_float(DType dtype, const char* what, F&& f) {
  if (dtype == DType::float32) return f.template operator()<float>();
  if (dtype == DType::float64) return f.template operator()<double>();
  throw TypeError(std::string(what) + " float32 or float64, received " +
                  std::string(dtype_name(dtype)));
}

// Scalar definitions of the unary ops, shared with faster backends so both compute the
// same function (a fast backend vectorises the loop around them).
double apply_unary(UnaryOp op, double x, double alpha);

// Visits every multi-index of `shape` in row-major order, tracking offsets for each stride set.
// f(offsets) gets one offset per stride vector.
template <std::size_t K, class F>
void for_each_index(const Shape& shape,
                    const std::array<const std::vector<std::int64_t>*, K>& strides,
                    std::array<std::int64_t, K> offsets, F&& f) {
  const int rank = shape.rank();
  if (shape.size() == 0) return;
  std::vector<std::int64_t> idx(static_cast<std::size_t>(rank), 0);
  const std::int64_t total = shape.size();
  for (std::int64_t n = 0; n < total; ++n) {
    f(offsets);
    for (int d = rank - 1; d >= 0; --d) {
      auto ud = static_cast<std::size_t>(d);
      ++idx[ud];
      for (std::size_t k = 0; k < K; ++k) offsets[k] += (*strides[k])[ud];
      if (idx[ud] < shape[d]) break;
      for (std::size_t k = 0; k < K; ++k) offsets[k] -= (*strides[k])[ud] * shape[d];
      idx[ud] = 0;
    }
  }
}

}  // namespace keras::backend
