#pragma once
// keras.metrics.PearsonCorrelation and ConcordanceCorrelation
// (keras/src/metrics/correlation_metrics.py): running means of per-sample correlations between
// y_true and y_pred along `axis`.
#include "keras/metrics/reduction_metrics.hpp"

namespace keras::metrics {

// Pearson's r along `axis`: the mean product of the standardised (population std) values.
// The two-argument overloads (axis -1) can be passed where a metric function is expected.
Tensor pearson_correlation(const Tensor& y_true, const Tensor& y_pred);
Tensor pearson_correlation(const Tensor& y_true, const Tensor& y_pred, int axis);
// Lin's concordance correlation along `axis`, as Keras 3.15.1 computes it: the covariance term
// centres y_true on y_pred's mean (not its own), and the denominator adds epsilon.
Tensor concordance_correlation(const Tensor& y_true, const Tensor& y_pred);
Tensor concordance_correlation(const Tensor& y_true, const Tensor& y_pred, int axis);

struct PearsonCorrelationOptions {
  std::string name = "pearson_correlation";
  int axis = -1;
};
class PearsonCorrelationImpl : public MeanMetricWrapperImpl {
 public:
  using Options = PearsonCorrelationOptions;
  explicit PearsonCorrelationImpl(PearsonCorrelationOptions options = {});
  std::string class_name() const override { return "PearsonCorrelation"; }
  ConfigValue get_config() const override;  // name, dtype, axis

 private:
  int axis_;
};
KERAS_HANDLE(PearsonCorrelation);

struct ConcordanceCorrelationOptions {
  std::string name = "concordance_correlation";
  int axis = -1;
};
class ConcordanceCorrelationImpl : public MeanMetricWrapperImpl {
 public:
  using Options = ConcordanceCorrelationOptions;
  explicit ConcordanceCorrelationImpl(ConcordanceCorrelationOptions options = {});
  std::string class_name() const override { return "ConcordanceCorrelation"; }
  ConfigValue get_config() const override;  // name, dtype, axis

 private:
  int axis_;
};
KERAS_HANDLE(ConcordanceCorrelation);

}  // namespace keras::metrics
