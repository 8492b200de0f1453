#pragma once
// keras.losses.Tversky / tversky, for segmentation: 1 - TP / (TP + alpha * FP + beta * FN +
// epsilon) with soft counts summed over `axis` (every axis by default). alpha = beta = 0.5 is
// the Dice loss (up to epsilon); alpha = beta = 1 the Jaccard (IoU) loss.
#include "keras/core/ops/axes.hpp"
#include "keras/losses/loss.hpp"

namespace keras::losses {

// The two-argument overload (alpha = beta = 0.5, axis None) can be passed where a loss function
// is expected.
Tensor tversky(const Tensor& y_true, const Tensor& y_pred);
Tensor tversky(const Tensor& y_true, const Tensor& y_pred, double alpha, double beta = 0.5,
               const ops::Axes& axis = {});

struct TverskyOptions {
  double alpha = 0.5;
  double beta = 0.5;
  std::string reduction = "sum_over_batch_size";
  std::string name = "tversky";
  ops::Axes axis{};  // None: all axes
};

class Tversky : public LossFunctionWrapper {
 public:
  explicit Tversky(TverskyOptions options = {});
  std::string class_name() const override { return "Tversky"; }
  // name, reduction, alpha, beta, axis.
  ConfigValue get_config() const override;
  double alpha() const { return alpha_; }
  double beta() const { return beta_; }
  const ops::Axes& axis() const { return axis_; }

 private:
  double alpha_;
  double beta_;
  ops::Axes axis_;
};

}  // namespace keras::losses
