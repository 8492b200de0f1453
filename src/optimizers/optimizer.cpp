#include "keras/optimizers/optimizer.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/core/config_reader.hpp"
#include "src/optimizers/gradient_clipping.hpp"
#include "keras/utils/naming.hpp"

namespace keras::optimizers {

namespace {

std::string py(const std::optional<double>& v) { return v ? ConfigValue(*v).dump() : "None"; }

ConfigValue optional_value(const std::optional<double>& v) {
  return v ? ConfigValue(*v) : ConfigValue();
}
ConfigValue optional_value(const std::optional<std::int64_t>& v) {
  return v ? ConfigValue(*v) : ConfigValue();
}

Variable make_variable(const Tensor& value, const std::string& owner, const std::string& name) {
  Variable v(value, /*trainable=*/false, name);
  v.set_path(owner + "/" + name);
  return v;
}

}  // namespace

Optimizer::Optimizer(OptimizerOptions options, const std::string& auto_name_prefix)
    : options_(std::move(options)) {
  int clip_args = options_.clipnorm.has_value() + options_.clipvalue.has_value() +
                  options_.global_clipnorm.has_value();
  if (clip_args > 1)
    throw ValueError(
        "Only one of `clipnorm`, `clipvalue` and `global_clipnorm` can be set. Received: "
        "clipnorm=" +
        py(options_.clipnorm) + ", clipvalue=" + py(options_.clipvalue) +
        ", global_clipnorm=" + py(options_.global_clipnorm));
  if (options_.gradient_accumulation_steps && *options_.gradient_accumulation_steps != 0 &&
      *options_.gradient_accumulation_steps < 2)
    throw ValueError(
        "`gradient_accumulation_steps` must be an integer >= 2. Received: "
        "gradient_accumulation_steps=" +
        std::to_string(*options_.gradient_accumulation_steps));
  if (options_.use_ema) {
    if (options_.ema_momentum > 1 || options_.ema_momentum < 0)
      throw ValueError("`ema_momentum` must be in the range [0, 1]. Received: ema_momentum=" +
                       py(options_.ema_momentum));
    if (options_.ema_overwrite_frequency && *options_.ema_overwrite_frequency < 1)
      throw ValueError(
          "`ema_overwrite_frequency` must be an integer >= 1 or None. Received: "
          "ema_overwrite_frequency=" +
          std::to_string(*options_.ema_overwrite_frequency));
  }
  name_ = options_.name.empty() ? utils::auto_name(auto_name_prefix) : options_.name;
  options_.name = name_;
  iterations_ = make_variable(scalar(0, DType::int64), name_, "iteration");
  if (!options_.learning_rate.is_schedule())
    learning_rate_variable_ = make_variable(scalar(options_.learning_rate.value(), DType::float32),
                                            name_, "learning_rate");
}

// ---- variables -------------------------------------------------------------------------

void Optimizer::build(const std::vector<Variable>& vars) {
  if (built_) return;
  if (options_.use_ema) averages_ = add_optimizer_variables(vars, "average");
  for (std::size_t i = 0; i < vars.size(); ++i) {
    index_[vars[i].id()] = i;
    if (accumulation_steps() > 1)
      accumulators_.push_back(add_optimizer_variables({vars[i]}, "gradient_accumulator")[0]);
  }
  trainable_variables_ = vars;
  build_slots(vars);
  built_ = true;
}

std::vector<Optimizer::SlotIds> Optimizer::add_optimizer_variables(
    const std::vector<Variable>& vars, const std::vector<std::string>& names) {
  std::vector<SlotIds> ids(names.size());
  for (const auto& var : vars) {
    std::string prefix = var.path().empty() ? "variable" : var.path();
    for (auto& c : prefix)
      if (c == '/') c = '_';
    for (std::size_t k = 0; k < names.size(); ++k) {
      ids[k].push_back(slots_.size());
      slots_.push_back(
          make_variable(ops::zeros(var.shape(), var.dtype()), name_, prefix + "_" + names[k]));
    }
  }
  return ids;
}

std::size_t Optimizer::add_variable(const Tensor& initial_value, const std::string& path) {
  const auto slash = path.rfind('/');
  Variable v(initial_value, /*trainable=*/false,
             slash == std::string::npos ? path : path.substr(slash + 1));
  v.set_path(path);
  slots_.push_back(v);
  return slots_.size() - 1;
}

Optimizer::SlotIds Optimizer::add_optimizer_variables(const std::vector<Variable>& vars,
                                                      const std::string& name) {
  return add_optimizer_variables(vars, std::vector<std::string>{name})[0];
}

std::size_t Optimizer::variable_index(const Variable& var) const {
  auto it = index_.find(var.id());
  if (it == index_.end())
    throw ValueError("Unknown variable: '" + var.path() +
                     "'. This optimizer can only be called for the variables it was originally "
                     "built with. When working with a new set of variables, you should recreate "
                     "a new optimizer instance.");
  return it->second;
}

void Optimizer::check_known(const std::vector<Variable>& vars) const {
  for (const auto& v : vars) (void)variable_index(v);
}

std::vector<Variable> Optimizer::variables() const {
  std::vector<Variable> out{iterations_};
  if (learning_rate_variable_.defined()) out.push_back(learning_rate_variable_);
  out.insert(out.end(), slots_.begin(), slots_.end());
  return out;
}

void Optimizer::set_weights(const std::vector<Tensor>& weights) {
  if (!built_)
    throw ValueError(
        "You are calling `set_weights()` on an optimizer that has not yet been built. Please "
        "call `optimizer.build(trainable_variables)` to create the optimizer weights before "
        "calling `set_weights()`.");
  auto vars = variables();
  if (weights.size() != vars.size())
    throw ValueError("Optimizer '" + name_ + "' has " + std::to_string(vars.size()) +
                     " variables; received " + std::to_string(weights.size()) + " weights");
  for (std::size_t i = 0; i < vars.size(); ++i) {
    if (vars[i].shape() != weights[i].shape())
      throw ValueError("Optimizer variable " + vars[i].path() + " has shape " +
                       vars[i].shape().to_string() + " not compatible with provided weight shape " +
                       weights[i].shape().to_string() + ".");
    vars[i].assign(weights[i]);
  }
}

// ---- learning rate ---------------------------------------------------------------------

std::int64_t Optimizer::raw_iterations() const { return iterations_.value().item<std::int64_t>(); }

std::int64_t Optimizer::accumulation_steps() const {
  return options_.gradient_accumulation_steps.value_or(0);
}

double Optimizer::learning_rate() const {
  if (options_.learning_rate.is_schedule())
    return static_cast<float>(options_.learning_rate.at(raw_iterations()));
  return learning_rate_variable_.value().item<double>();
}

void Optimizer::set_learning_rate(const LearningRate& learning_rate) {
  if (learning_rate.is_schedule()) {
    options_.learning_rate = learning_rate;
    learning_rate_variable_ = Variable();  // Keras stops tracking the variable
    return;
  }
  if (options_.learning_rate.is_schedule())
    throw TypeError(
        "This optimizer was created with a `LearningRateSchedule` object as its "
        "`learning_rate` constructor argument, hence its learning rate is not settable. If you "
        "need the learning rate to be settable, you should instantiate the optimizer with a "
        "float `learning_rate` argument.");
  options_.learning_rate = learning_rate;
  learning_rate_variable_.assign(scalar(learning_rate.value(), DType::float32));
}

// ---- config ----------------------------------------------------------------------------

ConfigValue Optimizer::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["name"] = name_;
  if (options_.learning_rate.is_schedule())
    c["learning_rate"] = schedules::serialize(*options_.learning_rate.schedule());
  else c["learning_rate"] = learning_rate_variable_.value().item<double>();
  c["weight_decay"] = optional_value(options_.weight_decay);
  c["clipnorm"] = optional_value(options_.clipnorm);
  c["global_clipnorm"] = optional_value(options_.global_clipnorm);
  c["clipvalue"] = optional_value(options_.clipvalue);
  c["use_ema"] = options_.use_ema;
  c["ema_momentum"] = options_.ema_momentum;
  c["ema_overwrite_frequency"] = optional_value(options_.ema_overwrite_frequency);
  c["loss_scale_factor"] = optional_value(options_.loss_scale_factor);
  c["gradient_accumulation_steps"] = optional_value(options_.gradient_accumulation_steps);
  return c;
}

OptimizerOptions Optimizer::read_base_config(keras::detail::ConfigReader& r, OptimizerOptions o) {
  if (const std::string key = r.alias({"learning_rate", "lr"}); r.has(key)) {
    const ConfigValue lr = r.raw(key);
    o.learning_rate =
        lr.is_dict() ? LearningRate(schedules::deserialize(lr)) : LearningRate(r.number(key, 0.0));
  }
  if (r.present("weight_decay")) o.weight_decay = r.optional_number("weight_decay");
  o.clipnorm = r.optional_number("clipnorm");
  o.global_clipnorm = r.optional_number("global_clipnorm");
  o.clipvalue = r.optional_number("clipvalue");
  o.use_ema = r.boolean("use_ema", o.use_ema);
  o.ema_momentum = r.number("ema_momentum", o.ema_momentum);
  o.ema_overwrite_frequency = r.optional_integer("ema_overwrite_frequency");
  o.loss_scale_factor = r.optional_number("loss_scale_factor");
  o.gradient_accumulation_steps = r.optional_integer("gradient_accumulation_steps");
  o.name = r.string("name", o.name);
  // Keras 3 drops `decay` (with a warning); tf.keras 2.11+ configs carry the other two.
  r.ignore({"decay", "jit_compile", "is_legacy_optimizer"});
  return o;
}

}  // namespace keras::optimizers
