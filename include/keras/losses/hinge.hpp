#pragma once
// The hinge losses, keras.losses.Hinge / SquaredHinge / CategoricalHinge and their functions.
// Hinge and SquaredHinge take labels in {-1, 1}; labels that are all 0 or 1 are first mapped to
// {-1, 1}, as Keras does (a batch with any other value is used as given).
#include "keras/losses/loss.hpp"

namespace keras::losses {

// mean(maximum(1 - y_true * y_pred, 0)) over the last axis.
Tensor hinge(const Tensor& y_true, const Tensor& y_pred);
// mean(square(maximum(1 - y_true * y_pred, 0))) over the last axis.
Tensor squared_hinge(const Tensor& y_true, const Tensor& y_pred);
// maximum(max((1 - y_true) * y_pred) - sum(y_true * y_pred) + 1, 0) over the last axis, for
// one-hot labels.
Tensor categorical_hinge(const Tensor& y_true, const Tensor& y_pred);

struct HingeOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "hinge";
};

class Hinge : public LossFunctionWrapper {
 public:
  explicit Hinge(HingeOptions options = {});
  std::string class_name() const override { return "Hinge"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

struct SquaredHingeOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "squared_hinge";
};

class SquaredHinge : public LossFunctionWrapper {
 public:
  explicit SquaredHinge(SquaredHingeOptions options = {});
  std::string class_name() const override { return "SquaredHinge"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

struct CategoricalHingeOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "categorical_hinge";
};

class CategoricalHinge : public LossFunctionWrapper {
 public:
  explicit CategoricalHinge(CategoricalHingeOptions options = {});
  std::string class_name() const override { return "CategoricalHinge"; }
  ConfigValue get_config() const override { return Loss::get_config(); }
};

}  // namespace keras::losses
