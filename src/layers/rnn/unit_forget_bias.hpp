#pragma once
// Internal: the LSTM bias initializer of unit_forget_bias (LSTMCell and ConvLSTM's cell): the
// bias initializer for the i gate, ones for f, the initializer for c and o, each part drawn at
// its own shape as Keras's build does.
#include <memory>

#include "keras/core/ops.hpp"
#include "keras/initializers/initializers.hpp"

namespace keras::layers::detail {

class UnitForgetBias : public initializers::Initializer {
 public:
  UnitForgetBias(std::shared_ptr<initializers::Initializer> inner, std::int64_t units)
      : inner_(std::move(inner)), units_(units) {}
  Tensor operator()(const Shape&, DType dtype = initializers::floatx_dtype()) const override {
    return ops::concatenate({(*inner_)(Shape({units_}), dtype), ops::ones(Shape({units_}), dtype),
                             (*inner_)(Shape({2 * units_}), dtype)});
  }
  std::string class_name() const override { return inner_->class_name(); }

 private:
  std::shared_ptr<initializers::Initializer> inner_;
  std::int64_t units_;
};

}  // namespace keras::layers::detail
