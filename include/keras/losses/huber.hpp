#pragma once
// keras.losses.Huber / huber: 0.5 * e^2 where |e| <= delta, delta * |e| - 0.5 * delta^2
// elsewhere (e = y_pred - y_true), averaged over the last axis.
#include "keras/losses/loss.hpp"

namespace keras::losses {

// The two-argument overload (delta = 1) can be passed where a loss function is expected.
Tensor huber(const Tensor& y_true, const Tensor& y_pred);
Tensor huber(const Tensor& y_true, const Tensor& y_pred, double delta);

struct HuberOptions {
  double delta = 1.0;
  std::string reduction = "sum_over_batch_size";
  std::string name = "huber_loss";
};

class Huber : public LossFunctionWrapper {
 public:
  explicit Huber(HuberOptions options = {});
  std::string class_name() const override { return "Huber"; }
  // Keras 3.15.1 writes only name and reduction (delta is not saved), so neither do we;
  // deserialize still accepts a "delta" key.
  ConfigValue get_config() const override { return Loss::get_config(); }
  double delta() const { return delta_; }

 private:
  double delta_;
};

}  // namespace keras::losses
