#include "keras/metrics/reduction_metrics.hpp"

#include <numeric>

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/reduction.hpp"

namespace keras::metrics {

namespace {

// Axes [from, rank) (an empty list when from >= rank).
std::vector<int> axes_from(int from, int rank) {
  std::vector<int> axes;
  for (int a = from; a < rank; ++a) axes.push_back(a);
  return axes;
}

Tensor reduce(const Tensor& x, const std::vector<int>& axes, bool use_mean) {
  if (axes.empty()) return x;
  return use_mean ? ops::mean(x, axes) : ops::sum(x, axes);
}

DType metric_dtype() { return DType::float32; }

}  // namespace

std::pair<Tensor, Tensor> reduce_to_samplewise_values(const Tensor& values,
                                                      const Tensor& sample_weight, bool use_mean) {
  Tensor v = ops::cast(values, metric_dtype());
  Tensor w;
  if (sample_weight.defined()) {
    auto [v2, w2] =
        losses::squeeze_or_expand_to_same_rank(v, ops::cast(sample_weight, metric_dtype()));
    v = v2;
    w = w2;
    const int weight_ndim = w.rank();
    v = reduce(v, axes_from(weight_ndim, v.rank()), use_mean);
    try {
      w = ops::broadcast_to(w, v.shape());
    } catch (const ValueError&) {
      throw ValueError("`sample_weight` of shape " + sample_weight.shape().to_string() +
                       " cannot be broadcast to the values of shape " + values.shape().to_string());
    }
    v = ops::multiply(v, w);
    if (weight_ndim > 1) w = reduce(w, axes_from(1, weight_ndim), use_mean);
  }
  v = reduce(v, axes_from(1, v.rank()), use_mean);
  return {v, w};
}

SumImpl::SumImpl(SumOptions options) : Metric(std::move(options.name)) {
  total_ = add_variable("total");
}

void SumImpl::update_state(const Tensor& values, const Tensor& sample_weight) {
  NoGrad no_grad;
  auto [v, w] = reduce_to_samplewise_values(values, sample_weight, /*use_mean=*/false);
  total_.assign_add(ops::sum(v));
}

void SumImpl::update_state(const Tensor&, const Tensor&, const Tensor&) {
  throw TypeError(
      "Sum.update_state() takes (values, sample_weight), not (y_true, y_pred, "
      "sample_weight)");
}

Tensor SumImpl::result() const {
  NoGrad no_grad;
  return total_.value();
}

MeanImpl::MeanImpl(MeanOptions options) : Metric(std::move(options.name)) {
  total_ = add_variable("total");
  count_ = add_variable("count");
}

void MeanImpl::update_state(const Tensor& values, const Tensor& sample_weight) {
  NoGrad no_grad;
  auto [v, w] = reduce_to_samplewise_values(values, sample_weight, /*use_mean=*/true);
  total_.assign_add(ops::sum(v));
  Tensor num_samples;
  if (w.defined()) num_samples = ops::sum(w);
  else
    num_samples = scalar(v.rank() >= 1 ? static_cast<double>(v.shape()[0]) : 1.0, metric_dtype());
  count_.assign_add(num_samples);
}

void MeanImpl::update_state(const Tensor&, const Tensor&, const Tensor&) {
  throw TypeError(
      "Mean.update_state() takes (values, sample_weight), not (y_true, y_pred, "
      "sample_weight); use MeanMetricWrapper for a function of (y_true, y_pred)");
}

Tensor MeanImpl::result() const {
  NoGrad no_grad;
  return losses::divide_no_nan(total_.value(), count_.value());
}

MeanMetricWrapperImpl::MeanMetricWrapperImpl(MetricFn fn, std::string name)
    : MeanImpl({.name = std::move(name)}), fn_(std::move(fn)) {
  if (!fn_) throw ValueError("MeanMetricWrapper: `fn` must be a callable, received an empty one");
}

void MeanMetricWrapperImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                         const Tensor& sample_weight) {
  NoGrad no_grad;
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError("Metric '" + name() + "': `y_true` and `y_pred` must be defined tensors");
  // Keras folds the predictions' mask into the sample weights (reduction "sum": 0 or 1).
  const Tensor mask = get_keras_mask(y_pred);
  MeanImpl::update_state(fn_(y_true, y_pred),
                         losses::apply_mask(sample_weight, mask, metric_dtype(), "sum"));
}

ConfigValue MeanMetricWrapperImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  if (!fn_name_.empty())
    config["fn"] = ConfigValue::Dict{{"module", "builtins"},
                                     {"class_name", "function"},
                                     {"config", fn_name_},
                                     {"registered_name", "function"}};
  return config;
}

}  // namespace keras::metrics
