#pragma once
// keras.losses.CategoricalGeneralizedCrossEntropy / categorical_generalized_cross_entropy
// (Zhang & Sabuncu 2018), a loss robust to noisy labels: (1 - p^q) / q with p the predicted
// probability of the true class. q near 0 behaves like cross entropy, q near 1 like MAE.
// y_true holds integer class indices, shape (batch,); y_pred probabilities (batch, classes).
//
// Keras 3 exports both under keras.losses but leaves them out of the identifiers
// `keras.losses.get` knows (ALL_OBJECTS): neither name works as a string in compile(), and only
// a saved config naming the "keras.losses" module loads the class — mirrored here.
#include "keras/losses/loss.hpp"

namespace keras::losses {

// q has no default, as in Keras: the function is not a two-argument loss.
Tensor categorical_generalized_cross_entropy(const Tensor& y_true, const Tensor& y_pred, double q);

struct CategoricalGeneralizedCrossEntropyOptions {
  double q = 0.5;  // in (0, 1), else a ValueError
  std::string reduction = "sum_over_batch_size";
  std::string name = "categorical_generalized_cross_entropy";
};

class CategoricalGeneralizedCrossEntropy : public LossFunctionWrapper {
 public:
  explicit CategoricalGeneralizedCrossEntropy(
      CategoricalGeneralizedCrossEntropyOptions options = {});
  std::string class_name() const override { return "CategoricalGeneralizedCrossEntropy"; }
  // name, reduction, q.
  ConfigValue get_config() const override;
  double q() const { return q_; }

 private:
  double q_;
};

}  // namespace keras::losses
