#pragma once
// AdamW (keras.optimizers.AdamW): Adam plus decoupled weight decay (w -= w * weight_decay * lr
// before each update), which the base optimizer applies for any optimizer given weight_decay.
#include "keras/optimizers/adam.hpp"

namespace keras::optimizers {

struct AdamWOptions {
  LearningRate learning_rate = 0.001;
  double weight_decay = 0.004;
  double beta_1 = 0.9;
  double beta_2 = 0.999;
  double epsilon = 1e-7;
  bool amsgrad = false;
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class AdamWImpl : public AdamImpl {
 public:
  using Options = AdamWOptions;
  explicit AdamWImpl(AdamWOptions options = {});
  std::string class_name() const override { return "AdamW"; }
  // weight_decay: null in a config is an error, as in Keras.
  static std::shared_ptr<AdamWImpl> from_config(const ConfigValue& config);
};

// The handle: `optimizers::AdamW opt({...}); model.compile({.optimizer = opt});` trains `opt`.
KERAS_HANDLE(AdamW);

}  // namespace keras::optimizers
