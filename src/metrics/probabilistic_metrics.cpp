#include "keras/metrics/probabilistic_metrics.hpp"

#include <cmath>

#include "keras/core/autodiff.hpp"
#include "keras/core/errors.hpp"
#include "keras/losses/binary_crossentropy.hpp"
#include "keras/losses/categorical_crossentropy.hpp"
#include "keras/losses/kl_divergence.hpp"
#include "keras/losses/poisson.hpp"
#include "keras/losses/reduction.hpp"
#include "keras/losses/sparse_categorical_crossentropy.hpp"

namespace keras::metrics {

namespace {

// Keras's default label_smoothing is the int 0, and a config holds what was passed: write whole
// values as ints (0 as Keras writes it; a 0.0 passed in Python would read back as 0).
ConfigValue smoothing_value(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) return ConfigValue(static_cast<std::int64_t>(v));
  return ConfigValue(v);
}

}  // namespace

KLDivergenceImpl::KLDivergenceImpl(KLDivergenceOptions o)
    : MeanMetricWrapperImpl(losses::kl_divergence, std::move(o.name)) {}

PoissonImpl::PoissonImpl(PoissonOptions o)
    : MeanMetricWrapperImpl(losses::poisson, std::move(o.name)) {}

BinaryCrossentropyImpl::BinaryCrossentropyImpl(BinaryCrossentropyOptions o)
    : MeanMetricWrapperImpl(
          [from_logits = o.from_logits, smoothing = o.label_smoothing](const Tensor& y_true,
                                                                       const Tensor& y_pred) {
            return losses::binary_crossentropy(y_true, y_pred, from_logits, smoothing);
          },
          std::move(o.name)),
      from_logits_(o.from_logits),
      label_smoothing_(o.label_smoothing) {}

ConfigValue BinaryCrossentropyImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["from_logits"] = from_logits_;
  config["label_smoothing"] = smoothing_value(label_smoothing_);
  return config;
}

CategoricalCrossentropyImpl::CategoricalCrossentropyImpl(CategoricalCrossentropyOptions o)
    : MeanMetricWrapperImpl(
          [from_logits = o.from_logits, smoothing = o.label_smoothing, axis = o.axis](
              const Tensor& y_true, const Tensor& y_pred) {
            return losses::categorical_crossentropy(y_true, y_pred, from_logits, smoothing, axis);
          },
          std::move(o.name)),
      from_logits_(o.from_logits),
      label_smoothing_(o.label_smoothing),
      axis_(o.axis) {}

ConfigValue CategoricalCrossentropyImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["from_logits"] = from_logits_;
  config["label_smoothing"] = smoothing_value(label_smoothing_);
  config["axis"] = axis_;
  return config;
}

SparseCategoricalCrossentropyImpl::SparseCategoricalCrossentropyImpl(
    SparseCategoricalCrossentropyOptions o)
    : MeanMetricWrapperImpl(
          [from_logits = o.from_logits, ignore = o.ignore_class, axis = o.axis](
              const Tensor& y_true, const Tensor& y_pred) {
            return losses::sparse_categorical_crossentropy(y_true, y_pred, from_logits, ignore,
                                                           axis);
          },
          std::move(o.name)),
      from_logits_(o.from_logits),
      ignore_class_(o.ignore_class),
      axis_(o.axis) {}

void SparseCategoricalCrossentropyImpl::update_state(const Tensor& y_true, const Tensor& y_pred,
                                                     const Tensor& sample_weight) {
  if (!ignore_class_) return MeanMetricWrapperImpl::update_state(y_true, y_pred, sample_weight);
  NoGrad no_grad;
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError("Metric '" + name() + "': `y_true` and `y_pred` must be defined tensors");
  const losses::LossValues lv = losses::sparse_categorical_crossentropy_with_mask(
      y_true, y_pred, from_logits_, ignore_class_, axis_);
  Tensor w = losses::apply_mask(sample_weight, get_keras_mask(y_pred), DType::float32, "sum");
  // Keras's Mean applies the values' own mask (the ignored entries) only to existing weights.
  if (w.defined()) w = losses::apply_mask(w, lv.mask, DType::float32, "sum");
  MeanImpl::update_state(lv.values, w);
}

ConfigValue SparseCategoricalCrossentropyImpl::get_config() const {
  ConfigValue config = Metric::get_config();
  config["from_logits"] = from_logits_;
  config["ignore_class"] = ignore_class_ ? ConfigValue(*ignore_class_) : ConfigValue();
  config["axis"] = axis_;
  return config;
}

}  // namespace keras::metrics
