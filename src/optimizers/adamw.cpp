#include "keras/optimizers/adamw.hpp"

#include "keras/core/errors.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

AdamWImpl::AdamWImpl(AdamWOptions o)
    : AdamImpl(base_options(o), o.beta_1, o.beta_2, o.epsilon, o.amsgrad, "adam_w") {}

std::shared_ptr<AdamWImpl> AdamWImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "AdamW");
  AdamWOptions o;
  OptimizerOptions b = read_base_config(r, base_options(o));
  if (!b.weight_decay)
    throw ValueError("Argument `weight_decay` must be a float. Received: weight_decay=None");
  o.weight_decay = *b.weight_decay;
  o.beta_1 = r.number("beta_1", o.beta_1);
  o.beta_2 = r.number("beta_2", o.beta_2);
  o.epsilon = r.number("epsilon", o.epsilon);
  o.amsgrad = r.boolean("amsgrad", o.amsgrad);
  r.finish();
  set_base_options(o, b);
  return std::make_shared<AdamWImpl>(std::move(o));
}

}  // namespace keras::optimizers
