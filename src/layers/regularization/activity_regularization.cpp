#include "keras/layers/regularization/activity_regularization.hpp"

#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ActivityRegularizationImpl::ActivityRegularizationImpl(ActivityRegularizationOptions options)
    : Layer({options.name, options.trainable, options.dtype,
             regularizers::L1L2(options.l1, options.l2)},
            "activity_regularization"),
      l1_(options.l1),
      l2_(options.l2) {
  set_supports_masking(true);
  set_built();
}

ConfigValue ActivityRegularizationImpl::get_config() const {
  ConfigValue full = Layer::get_config();
  ConfigValue c = ConfigValue::dict();
  for (const auto& [key, value] : full.as_dict())
    if (key != "activity_regularizer") c[key] = value;
  c["l1"] = l1_;
  c["l2"] = l2_;
  return c;
}

std::shared_ptr<Layer> ActivityRegularizationImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "ActivityRegularization");
  ActivityRegularizationOptions o;
  read_base_options(r, o);  // an activity_regularizer key would be the one l1 / l2 make
  o.l1 = r.number("l1", 0.0);
  o.l2 = r.number("l2", 0.0);
  r.finish();
  return std::make_shared<ActivityRegularizationImpl>(std::move(o));
}

}  // namespace keras::layers
