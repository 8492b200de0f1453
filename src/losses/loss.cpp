#include "keras/losses/loss.hpp"

#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"
#include "keras/losses/losses.hpp"

namespace keras::losses {

Loss::Loss(std::string name, std::string reduction)
    : name_(std::move(name)), reduction_(standardize_reduction(reduction)) {}

Tensor Loss::operator()(const Tensor& y_true, const Tensor& y_pred,
                        const Tensor& sample_weight) const {
  if (!y_true.defined() || !y_pred.defined())
    throw ValueError("Loss '" + name_ + "': `y_true` and `y_pred` must be defined tensors");
  // Keras converts both to the loss's dtype (floatx) before calling, integer labels included.
  const DType dtype = dtype_from_name(config::floatx());
  // The mask a layer attached to the predictions (padded time steps) joins the loss's own.
  const Tensor in_mask = get_keras_mask(y_pred);
  LossValues out = call_with_mask(ops::cast(y_true, dtype), ops::cast(y_pred, dtype));
  // A loss may also attach its mask to the values it returns (keras.losses.circle does).
  Tensor mask = out.mask.defined() ? out.mask : get_keras_mask(out.values);
  if (in_mask.defined())
    mask = mask.defined()
               ? ops::logical_and(ops::cast(in_mask, DType::bool_), ops::cast(mask, DType::bool_))
               : in_mask;
  return reduce_weighted_values(out.values, sample_weight, mask, reduction_, dtype);
}

ConfigValue Loss::get_config() const {
  return ConfigValue::Dict{{"name", name_}, {"reduction", reduction_}};
}

LossFunctionWrapper::LossFunctionWrapper(LossFn fn, LossFunctionWrapperOptions options)
    : Loss(std::move(options.name), std::move(options.reduction)), fn_(std::move(fn)) {
  if (!fn_) throw ValueError("LossFunctionWrapper: `fn` must be a callable, received an empty one");
}

LossFunctionWrapper::LossFunctionWrapper(const std::string& fn_name, ConfigValue fn_kwargs,
                                         LossFunctionWrapperOptions options)
    : Loss(std::move(options.name), std::move(options.reduction)),
      fn_(get_function(fn_name, fn_kwargs)),
      fn_name_(fn_name),
      fn_kwargs_(fn_kwargs.is_null() ? ConfigValue::dict() : std::move(fn_kwargs)) {}

Tensor LossFunctionWrapper::call(const Tensor& y_true, const Tensor& y_pred) const {
  auto [t, p] = squeeze_or_expand_to_same_rank(y_true, y_pred);
  return fn_(t, p);
}

ConfigValue LossFunctionWrapper::get_config() const {
  ConfigValue config = Loss::get_config();
  // Keras serializes a plain function by its name (module "builtins" for a module function).
  config["fn"] = fn_name_.empty() ? ConfigValue()
                                  : ConfigValue(ConfigValue::Dict{{"module", "builtins"},
                                                                  {"class_name", "function"},
                                                                  {"config", fn_name_},
                                                                  {"registered_name", "function"}});
  for (const auto& [key, value] : fn_kwargs_.as_dict()) config[key] = value;
  return config;
}

}  // namespace keras::losses
