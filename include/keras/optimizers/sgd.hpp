#pragma once
// Gradient descent with optional (Nesterov) momentum (keras.optimizers.SGD). Keras folds the
// learning rate into the velocity: v = momentum * v - lr * g; w += v (nesterov:
// w += momentum * v - lr * g).
#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

struct SGDOptions {
  LearningRate learning_rate = 0.01;
  double momentum = 0.0;
  bool nesterov = false;
  std::optional<double> weight_decay{};
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
};

class SGDImpl : public Optimizer {
 public:
  using Options = SGDOptions;
  explicit SGDImpl(SGDOptions options = {});
  std::string class_name() const override { return "SGD"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<SGDImpl> from_config(const ConfigValue& config);

  double momentum() const { return momentum_; }
  bool nesterov() const { return nesterov_; }

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  double momentum_;
  bool nesterov_;
  SlotIds momentums_;
};

// The handle: `optimizers::SGD opt({...}); model.compile({.optimizer = opt});` trains `opt`.
KERAS_HANDLE(SGD);

}  // namespace keras::optimizers
