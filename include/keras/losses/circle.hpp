#pragma once
// keras.losses.Circle / circle (Sun et al., 2020), for metric learning: each embedding's
// similarities to the embeddings of the same class (positives) are pushed up and to other
// classes (negatives) down, each weighted by how far it is from its optimum. y_true holds the
// integer class of each row of y_pred, shape (batch,) or (batch, 1); y_pred holds the
// embeddings, (batch, dim), expected L2-normalised (the loss uses 1 - y_pred . ref^T as the
// cosine distance and does not normalise).
#include "keras/losses/loss.hpp"

namespace keras::losses {

// One loss per row of y_pred, softplus(logsumexp(positives) + logsumexp(negatives)). Rows
// compare against `ref_embeddings` / `ref_labels` (y_pred / y_true when undefined); with
// remove_diagonal each row is not its own positive. As in Keras, the result carries a mask
// (`get_keras_mask`) of the rows whose loss is above 0, so that the reduction averages over
// those. The two-argument overload (Keras's defaults) can be passed where a loss function is
// expected.
Tensor circle(const Tensor& y_true, const Tensor& y_pred);
Tensor circle(const Tensor& y_true, const Tensor& y_pred, const Tensor& ref_labels,
              const Tensor& ref_embeddings = Tensor(), bool remove_diagonal = true,
              double gamma = 80.0, double margin = 0.4);

struct CircleOptions {
  double gamma = 80.0;
  double margin = 0.4;
  bool remove_diagonal = true;
  std::string reduction = "sum_over_batch_size";
  std::string name = "circle";
};

class Circle : public LossFunctionWrapper {
 public:
  explicit Circle(CircleOptions options = {});
  std::string class_name() const override { return "Circle"; }
  // name, reduction, gamma, margin, remove_diagonal.
  ConfigValue get_config() const override;
  const CircleOptions& options() const { return options_; }

 private:
  CircleOptions options_;
};

}  // namespace keras::losses
