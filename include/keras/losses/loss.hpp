#pragma once
// `Loss`: the base of every loss object, as keras.losses.Loss. Subclasses implement `call`
// (per-sample losses); `operator()` applies sample weights and the reduction.
#include <functional>
#include <memory>
#include <string>

#include "keras/core/config_value.hpp"
#include "keras/core/tensor.hpp"
#include "keras/losses/reduction.hpp"

namespace keras::losses {

// Per-sample losses plus an optional mask of the entries that count (Keras attaches the mask to
// the tensor as `_keras_mask`; here it travels alongside). An undefined mask keeps everything.
struct LossValues {
  Tensor values{};
  Tensor mask{};
};

class Loss {
 public:
  // `reduction`: "sum_over_batch_size" (default), "sum", "mean", "mean_with_sample_weight" or
  // "none"; anything else is a ValueError.
  explicit Loss(std::string name, std::string reduction = "sum_over_batch_size");
  virtual ~Loss() = default;

  // Per-sample losses (y_true and y_pred already floatx).
  virtual Tensor call(const Tensor& y_true, const Tensor& y_pred) const = 0;
  // `call` plus a mask; losses that ignore some entries override this.
  virtual LossValues call_with_mask(const Tensor& y_true, const Tensor& y_pred) const {
    return {call(y_true, y_pred), Tensor()};
  }

  // Keras's Loss.__call__: casts both inputs to floatx, calls, weights by `sample_weight`
  // (undefined = none) and reduces. Differentiable with respect to y_pred.
  Tensor operator()(const Tensor& y_true, const Tensor& y_pred,
                    const Tensor& sample_weight = Tensor()) const;

  const std::string& name() const { return name_; }
  void set_name(std::string name) { name_ = std::move(name); }
  const std::string& reduction() const { return reduction_; }
  // The Keras class name ("MeanSquaredError", ...), as written in serialized configs.
  virtual std::string class_name() const = 0;
  // {"name": ..., "reduction": ...}; subclasses append their arguments in Keras's order.
  virtual ConfigValue get_config() const;

 private:
  std::string name_;
  std::string reduction_;
};

// A loss computed by a plain function of (y_true, y_pred), as keras.losses.LossFunctionWrapper.
using LossFn = std::function<Tensor(const Tensor& y_true, const Tensor& y_pred)>;

struct LossFunctionWrapperOptions {
  std::string reduction = "sum_over_batch_size";
  std::string name = "loss_function_wrapper";
};

class LossFunctionWrapper : public Loss {
 public:
  explicit LossFunctionWrapper(LossFn fn, LossFunctionWrapperOptions options = {});
  // Wraps the built-in loss function registered as `fn_name` ("mean_squared_error", ...)
  // called with the keyword arguments in `fn_kwargs` (a dict, e.g. {"from_logits": true}),
  // so that get_config can name the function as Keras serializes it.
  LossFunctionWrapper(const std::string& fn_name, ConfigValue fn_kwargs,
                      LossFunctionWrapperOptions options = {});

  // Brings y_true and y_pred to the same rank (squeeze_or_expand_to_same_rank), then calls fn.
  Tensor call(const Tensor& y_true, const Tensor& y_pred) const override;
  std::string class_name() const override { return "LossFunctionWrapper"; }
  // name, reduction, fn (a registered function's serialization, null for an anonymous one),
  // then the function's keyword arguments.
  ConfigValue get_config() const override;
  // The registered function's name, empty for an anonymous function.
  const std::string& fn_name() const { return fn_name_; }

 protected:
  LossFn fn_;

 private:
  std::string fn_name_;
  ConfigValue fn_kwargs_ = ConfigValue::dict();
};

}  // namespace keras::losses
