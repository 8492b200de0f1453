#include "keras/metrics/correlation_metrics.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/reduction.hpp"

namespace keras::metrics {

namespace {

// y_true in y_pred's dtype, both brought to the same rank, as Keras does first.
std::pair<Tensor, Tensor> prepare(const Tensor& y_true, const Tensor& y_pred) {
  const Tensor p = is_floating(y_pred.dtype()) ? y_pred : ops::cast(y_pred, DType::float32);
  return losses::squeeze_or_expand_to_same_rank(ops::cast(y_true, p.dtype()), p);
}

}  // namespace

Tensor pearson_correlation(const Tensor& y_true, const Tensor& y_pred) {
  return pearson_correlation(y_true, y_pred, -1);
}

Tensor pearson_correlation(const Tensor& y_true, const Tensor& y_pred, int axis) {
  auto [t, p] = prepare(y_true, y_pred);
  Tensor tn = ops::subtract(t, ops::mean(t, {axis}, true));
  Tensor pn = ops::subtract(p, ops::mean(p, {axis}, true));
  tn = ops::divide(tn, ops::std(tn, {axis}, true));
  pn = ops::divide(pn, ops::std(pn, {axis}, true));
  return ops::mean(ops::multiply(tn, pn), {axis});
}

Tensor concordance_correlation(const Tensor& y_true, const Tensor& y_pred) {
  return concordance_correlation(y_true, y_pred, -1);
}

Tensor concordance_correlation(const Tensor& y_true, const Tensor& y_pred, int axis) {
  auto [t, p] = prepare(y_true, y_pred);
  const Tensor t_mean = ops::mean(t, {axis}, true), p_mean = ops::mean(p, {axis}, true);
  const Tensor t_var = ops::var(ops::subtract(t, t_mean), {axis}, true);
  const Tensor p_var = ops::var(ops::subtract(p, p_mean), {axis}, true);
  // Keras centres y_true on y_pred's mean here; kept so that results match.
  const Tensor covar = ops::multiply(ops::subtract(t, p_mean), ops::subtract(p, p_mean));
  const Tensor norm = ops::add(ops::add(t_var, p_var), ops::square(ops::subtract(t_mean, p_mean)));
  const Tensor ratio = ops::divide(ops::multiply(scalar(2.0, covar.dtype()), covar),
                                   ops::add(norm, scalar(config::epsilon(), norm.dtype())));
  return ops::mean(ratio, {axis});
}

PearsonCorrelationImpl::PearsonCorrelationImpl(PearsonCorrelationOptions o)
    : MeanMetricWrapperImpl(
          [axis = o.axis](const Tensor& y_true, const Tensor& y_pred) {
            return pearson_correlation(y_true, y_pred, axis);
          },
          std::move(o.name)),
      axis_(o.axis) {}

ConfigValue PearsonCorrelationImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["axis"] = axis_;
  return config;
}

ConcordanceCorrelationImpl::ConcordanceCorrelationImpl(ConcordanceCorrelationOptions o)
    : MeanMetricWrapperImpl(
          [axis = o.axis](const Tensor& y_true, const Tensor& y_pred) {
            return concordance_correlation(y_true, y_pred, axis);
          },
          std::move(o.name)),
      axis_(o.axis) {}

ConfigValue ConcordanceCorrelationImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["axis"] = axis_;
  return config;
}

}  // namespace keras::metrics
