#pragma once
// keras.metrics KLDivergence, Poisson and the crossentropies
// (keras/src/metrics/probabilistic_metrics.py): running means of the loss functions with the
// metric's arguments.
#include <optional>

#include "keras/metrics/reduction_metrics.hpp"

namespace keras::metrics {

KERAS_MEAN_METRIC_OF_FUNCTION(KLDivergence, "kl_divergence");
KERAS_MEAN_METRIC_OF_FUNCTION(Poisson, "poisson");

struct BinaryCrossentropyOptions {
  std::string name = "binary_crossentropy";
  bool from_logits = false;
  double label_smoothing = 0.0;
};
class BinaryCrossentropyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = BinaryCrossentropyOptions;
  explicit BinaryCrossentropyImpl(BinaryCrossentropyOptions options = {});
  std::string class_name() const override { return "BinaryCrossentropy"; }
  // name, dtype, from_logits, label_smoothing.
  ConfigValue get_config() const override;

 private:
  bool from_logits_;
  double label_smoothing_;
};
KERAS_HANDLE(BinaryCrossentropy);

struct CategoricalCrossentropyOptions {
  std::string name = "categorical_crossentropy";
  bool from_logits = false;
  double label_smoothing = 0.0;
  int axis = -1;
};
class CategoricalCrossentropyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = CategoricalCrossentropyOptions;
  explicit CategoricalCrossentropyImpl(CategoricalCrossentropyOptions options = {});
  std::string class_name() const override { return "CategoricalCrossentropy"; }
  // name, dtype, from_logits, label_smoothing, axis.
  ConfigValue get_config() const override;

 private:
  bool from_logits_;
  double label_smoothing_;
  int axis_;
};
KERAS_HANDLE(CategoricalCrossentropy);

// Entries whose label is `ignore_class` contribute 0. As in Keras, they also leave the mean
// only when a sample_weight is given (Keras folds the loss's mask into the weights, and only
// into weights that exist).
struct SparseCategoricalCrossentropyOptions {
  std::string name = "sparse_categorical_crossentropy";
  bool from_logits = false;
  std::optional<int> ignore_class = std::nullopt;
  int axis = -1;
};
class SparseCategoricalCrossentropyImpl : public MeanMetricWrapperImpl {
 public:
  using Options = SparseCategoricalCrossentropyOptions;
  explicit SparseCategoricalCrossentropyImpl(SparseCategoricalCrossentropyOptions options = {});
  void update_state(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) override;
  using MeanMetricWrapperImpl::update_state;
  std::string class_name() const override { return "SparseCategoricalCrossentropy"; }
  // name, dtype, from_logits, ignore_class, axis.
  ConfigValue get_config() const override;

 private:
  bool from_logits_;
  std::optional<int> ignore_class_;
  int axis_;
};
KERAS_HANDLE(SparseCategoricalCrossentropy);

}  // namespace keras::metrics
