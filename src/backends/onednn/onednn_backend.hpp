#pragma once
// The oneDNN backend: convolution, average pooling, batch normalization, the LSTM at inference
// and the fused matmul + bias + relu on oneDNN (Debian's libdnnl, the CPU library TensorFlow and
// PyTorch run their convolutions on), every other kernel on the blas backend it wraps
// (DelegatingBackend). float32 only, as oneDNN's CPU primitives; other dtypes, and geometries for
// which oneDNN offers only its reference implementation, run on blas. Max pooling runs on blas:
// oneDNN's skips NaN where XLA's propagates it.
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "src/backends/delegating_backend.hpp"

namespace keras::backend::onednn {

struct Primitives;  // onednn_backend.cpp: the oneDNN objects of one geometry

class OnednnBackend final : public DelegatingBackend {
 public:
  OnednnBackend();
  ~OnednnBackend() override;
  std::string name() const override { return "onednn"; }
  std::string info() const override;
  std::vector<std::string> accelerated_kernels() const override;
  void set_num_threads(int n) override;

  void conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                    DType dtype) override;
  void conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                              const Buffer* bias, bool relu, Buffer& y, DType dtype) override;
  void conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w, Buffer& dx,
                          DType dtype) override;
  void conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy, Buffer& dw,
                            DType dtype) override;
  void matmul_bias_relu(const MatmulArgs& args, const Buffer* bias, bool relu) override;
  void pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                    DType dtype) override;
  void pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x, const Buffer& dy,
                     Buffer& dx, DType dtype) override;
  void batch_norm_forward(const BatchNormArgs& args) override;
  void batch_norm_backward(const BatchNormArgs& args) override;
  // The LSTM's time loop is made of kernels this backend leaves to blas (matmul, gates): blas's
  // loop on pointers, not the default's loop through step copies.
  void lstm_sequence_forward(const SequenceArgs& args) override {
    delegate().lstm_sequence_forward(args);
  }
  void lstm_sequence_backward(const SequenceArgs& args) override {
    delegate().lstm_sequence_backward(args);
  }
  // At inference, oneDNN's LSTM primitive (the input projection included).
  void lstm_inference(const SequenceArgs& args) override;

 private:
  // The primitives for `key` (a kernel and its geometry), made on first use by `make`; null
  // when oneDNN has nothing better than its reference code for it (the caller then delegates).
  template <class Make>
  Primitives* find(const std::vector<std::int64_t>& key, Make&& make);

  std::mutex mutex_;
  std::map<std::vector<std::int64_t>, std::unique_ptr<Primitives>> cache_;
};

}  // namespace keras::backend::onednn
