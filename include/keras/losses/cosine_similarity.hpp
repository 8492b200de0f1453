#pragma once
// keras.losses.CosineSimilarity / cosine_similarity: the negated cosine similarity of y_true and
// y_pred along `axis`, in [-1, 1] (-1 when they point the same way, 0 when either is zero).
#include "keras/losses/loss.hpp"

namespace keras::losses {

// Both are L2-normalised along `axis` as keras.ops.normalize does (x * min(rsqrt(sum(x^2)),
// 1/epsilon)), then -sum(y_true * y_pred, axis). The two-argument overload (axis -1) can be
// passed where a loss function is expected.
Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred);
Tensor cosine_similarity(const Tensor& y_true, const Tensor& y_pred, int axis);

struct CosineSimilarityOptions {
  int axis = -1;
  std::string reduction = "sum_over_batch_size";
  std::string name = "cosine_similarity";
};

class CosineSimilarity : public LossFunctionWrapper {
 public:
  explicit CosineSimilarity(CosineSimilarityOptions options = {});
  std::string class_name() const override { return "CosineSimilarity"; }
  // Keras 3.15.1 writes only name and reduction (axis is not saved), so neither do we;
  // deserialize still accepts an "axis" key.
  ConfigValue get_config() const override { return Loss::get_config(); }
  int axis() const { return axis_; }

 private:
  int axis_;
};

}  // namespace keras::losses
