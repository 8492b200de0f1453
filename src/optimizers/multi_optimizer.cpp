#include "keras/optimizers/multi_optimizer.hpp"

#include <algorithm>
#include <regex>

#include "keras/core/errors.hpp"
#include "keras/optimizers/optimizers.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers {

namespace {

std::string describe(const std::shared_ptr<Optimizer>& optimizer) {
  return optimizer ? "<" + optimizer->class_name() + " name=" + optimizer->name() + ">"
                   : std::string("None");
}

OptimizerOptions own_options(const MultiOptimizerOptions& o) {
  OptimizerOptions b;
  b.learning_rate = 0.0;  // Keras passes 0.0: the inner optimizers' rates are the ones used
  b.loss_scale_factor = o.loss_scale_factor;
  b.name = o.name;
  return b;
}

}  // namespace

// ---- OptimizerMap ----------------------------------------------------------------------

OptimizerMap::OptimizerMap(std::shared_ptr<Optimizer> default_optimizer, Entries optimizer_map)
    : default_(std::move(default_optimizer)), entries_(std::move(optimizer_map)) {
  if (!default_)
    throw TypeError("default_optimizer must be a Keras Optimizer instance. Received: None");
  for (const auto& [key, optimizer] : entries_)
    if (!optimizer)
      throw TypeError("OptimizerMap: the optimizer for key '" + key +
                      "' must be a Keras Optimizer instance. Received: None");
}

const std::shared_ptr<Optimizer>& OptimizerMap::at(const std::string& key) const {
  for (const auto& entry : entries_)
    if (entry.first == key) return entry.second;
  const std::shared_ptr<Optimizer>* found = nullptr;
  int matches = 0;
  for (const auto& [pattern, optimizer] : entries_) {
    std::regex re;
    try {
      re = std::regex(pattern);
    } catch (const std::regex_error& e) {
      throw ValueError("OptimizerMap: key '" + pattern + "' is not a valid regular expression (" +
                       e.what() + ")");
    }
    if (std::regex_match(key, re)) {
      found = &optimizer;
      ++matches;
    }
  }
  if (matches > 1) throw ValueError("Multiple optimizers assigned to variable " + key + ".");
  return matches == 1 ? *found : default_;
}

void OptimizerMap::set(const std::string& key, std::shared_ptr<Optimizer> optimizer) {
  for (const auto& entry : entries_)
    if (entry.first == key)
      throw ValueError("'" + key + "' already exists in the OptimizerMap with value " +
                       describe(entry.second) + ". Please make sure to not use duplicated keys.");
  if (!optimizer) throw ValueError("optimizer must be a Keras Optimizer instance. Received: None");
  if (dynamic_cast<const LossScaleOptimizerImpl*>(optimizer.get()))
    throw ValueError("optimizer cannot be LossScaleOptimizer.");
  if (dynamic_cast<const MultiOptimizerImpl*>(optimizer.get()))
    throw ValueError("optimizer cannot be MultiOptimizer.");
  entries_.emplace_back(key, std::move(optimizer));
}

void OptimizerMap::erase(const std::string& key) {
  auto it = std::find_if(entries_.begin(), entries_.end(),
                         [&](const auto& entry) { return entry.first == key; });
  if (it == entries_.end()) throw ValueError("OptimizerMap has no key '" + key + "'");
  entries_.erase(it);
}

ConfigValue OptimizerMap::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["default_optimizer"] = serialize(*default_);
  ConfigValue map = ConfigValue::dict();
  for (const auto& [key, optimizer] : entries_) map[key] = serialize(*optimizer);
  c["optimizer_map"] = map;
  return c;
}

OptimizerMap OptimizerMap::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "OptimizerMap");
  if (!r.has("default_optimizer"))
    throw TypeError("OptimizerMap() missing 1 required positional argument: 'default_optimizer'");
  auto default_optimizer = get(r.raw("default_optimizer"));
  Entries entries;
  if (const ConfigValue map = r.raw("optimizer_map"); !map.is_null()) {
    if (!map.is_dict())
      throw TypeError("optimizer_map must be a dictionary. Received: " + map.dump());
    for (const auto& [key, optimizer] : map.as_dict()) entries.emplace_back(key, get(optimizer));
  }
  r.finish();
  return OptimizerMap(std::move(default_optimizer), std::move(entries));
}

ConfigValue serialize(const OptimizerMap& map) {
  ConfigValue out = ConfigValue::dict();
  out["module"] = "keras.optimizers";
  out["class_name"] = "OptimizerMap";
  out["config"] = map.get_config();
  out["registered_name"] = nullptr;
  return out;
}

// ---- MultiOptimizer --------------------------------------------------------------------

MultiOptimizerImpl::MultiOptimizerImpl(OptimizerMap optimizer_map, MultiOptimizerOptions o)
    : Optimizer(own_options(o), "multi_optimizer"), map_(std::move(optimizer_map)) {
  // The mapped optimizers (each once, in map order), then the default one.
  for (const auto& entry : map_->entries()) add_inner(entry.second);
  add_inner(map_->default_optimizer());
}

MultiOptimizerImpl::MultiOptimizerImpl(OptimizerSelector selector, MultiOptimizerOptions o)
    : Optimizer(own_options(o), "multi_optimizer"), selector_(std::move(selector)) {
  if (!selector_)
    throw TypeError(
        "MultiOptimizer: `optimizer_map` must be an OptimizerMap or a function; "
        "received an empty function");
}

const OptimizerMap& MultiOptimizerImpl::optimizer_map() const {
  if (!map_) throw ValueError("MultiOptimizer '" + name() + "' routes with a function, not a map");
  return *map_;
}

std::size_t MultiOptimizerImpl::add_inner(const std::shared_ptr<Optimizer>& optimizer) {
  auto it = std::find(inner_.begin(), inner_.end(), optimizer);
  if (it != inner_.end()) return static_cast<std::size_t>(it - inner_.begin());
  optimizer->set_loss_scale_factor(options().loss_scale_factor);
  inner_.push_back(optimizer);
  return inner_.size() - 1;
}

void MultiOptimizerImpl::build(const std::vector<Variable>& vars) {
  if (built()) return;
  std::vector<std::vector<Variable>> routed(inner_.size());
  std::vector<std::size_t> routes;
  for (const auto& var : vars) {
    const std::shared_ptr<Optimizer> optimizer = map_ ? (*map_)(var) : selector_(var);
    if (!optimizer)
      throw ValueError("Optimizer for variable " + var.path() + " is not an Optimizer instance.");
    if (dynamic_cast<const LossScaleOptimizerImpl*>(optimizer.get()))
      throw ValueError("LossScaleOptimizer cannot be used inside an MultiOptimizer.");
    if (dynamic_cast<const MultiOptimizerImpl*>(optimizer.get()))
      throw ValueError("MultiOptimizer cannot be used inside an MultiOptimizer.");
    const std::size_t k = add_inner(optimizer);
    if (k >= routed.size()) routed.resize(k + 1);
    routes.push_back(k);
    routed[k].push_back(var);
  }
  for (std::size_t k = 0; k < inner_.size(); ++k)
    if (!routed[k].empty()) inner_[k]->build(routed[k]);
  routes_ = std::move(routes);
  Optimizer::build(vars);
}

void MultiOptimizerImpl::apply(const std::vector<Tensor>& grads,
                               const std::vector<Variable>& vars) {
  if (grads.empty()) return;
  if (vars.empty()) {
    apply(grads);
    return;
  }
  if (grads.size() != vars.size())
    throw ValueError("MultiOptimizer.apply: received " + std::to_string(grads.size()) +
                     " gradients for " + std::to_string(vars.size()) +
                     " variables; they must match one-to-one.");
  if (!built()) build(vars);
  if (grads.size() != routes_.size())
    throw ValueError("Gradients must match trainable variables one-to-one. Received " +
                     std::to_string(grads.size()) + " gradients and " +
                     std::to_string(routes_.size()) + " variables.");
  std::vector<std::vector<Tensor>> sub_grads(inner_.size());
  std::vector<std::vector<Variable>> sub_vars(inner_.size());
  for (std::size_t i = 0; i < grads.size(); ++i) {
    const std::size_t k = routes_[variable_index(vars[i])];
    sub_grads[k].push_back(grads[i]);
    sub_vars[k].push_back(vars[i]);
  }
  for (std::size_t k = 0; k < inner_.size(); ++k)
    if (!sub_grads[k].empty()) inner_[k]->apply(sub_grads[k], sub_vars[k]);
  Variable counter = iterations();
  counter.assign(
      scalar(static_cast<double>(counter.value().item<std::int64_t>() + 1), DType::int64));
}

void MultiOptimizerImpl::apply(const std::vector<Tensor>& grads) {
  if (grads.empty()) return;
  if (!built())
    throw ValueError(
        "When passing `grads` without `variables`, the optimizer must already be built on a "
        "list of variables. Call `optimizer.build(trainable_variables)` first.");
  apply(grads, trainable_variables());
}

const std::shared_ptr<Optimizer>& MultiOptimizerImpl::optimizer_for(const Variable& var) const {
  return inner_[routes_[variable_index(var)]];
}

void MultiOptimizerImpl::update_step(const Tensor&, Variable&, double) {
  throw ValueError("MultiOptimizer has no update step of its own; its inner optimizers update");
}

double MultiOptimizerImpl::learning_rate() const {
  throw TypeError(
      "Learning rate cannot be accessed on a MultiOptimizer. Access the learning rate on the "
      "individual sub-optimizers instead.");
}

void MultiOptimizerImpl::set_learning_rate(const LearningRate&) {
  throw TypeError(
      "Learning rate cannot be set on a MultiOptimizer. Set the learning rate on the individual "
      "sub-optimizers instead.");
}

std::vector<Variable> MultiOptimizerImpl::variables() const {
  std::vector<Variable> out = Optimizer::variables();
  for (const auto& optimizer : inner_) {
    const auto own = optimizer->variables();
    out.insert(out.end(), own.begin(), own.end());
  }
  return out;
}

void MultiOptimizerImpl::finalize_variable_values(const std::vector<Variable>& var_list) {
  std::vector<std::vector<Variable>> routed(inner_.size());
  for (const auto& var : var_list) routed[routes_[variable_index(var)]].push_back(var);
  for (std::size_t k = 0; k < inner_.size(); ++k)
    if (!routed[k].empty()) inner_[k]->finalize_variable_values(routed[k]);
}

void MultiOptimizerImpl::set_loss_scale_factor(std::optional<double> factor) {
  Optimizer::set_loss_scale_factor(factor);
  for (const auto& optimizer : inner_) optimizer->set_loss_scale_factor(factor);
}

ConfigValue MultiOptimizerImpl::get_config() const {
  ConfigValue c = ConfigValue::dict();
  if (!map_)
    throw NotImplementedError(
        "MultiOptimizer '" + name() +
        "' routes with a C++ function, which cannot be serialized: use an OptimizerMap to save "
        "or serialize it");
  c["optimizer_map"] = serialize(*map_);
  const auto& factor = options().loss_scale_factor;
  c["loss_scale_factor"] = factor ? ConfigValue(*factor) : ConfigValue();
  c["name"] = name();
  return c;
}

std::shared_ptr<MultiOptimizerImpl> MultiOptimizerImpl::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "MultiOptimizer");
  if (!r.has("optimizer_map"))
    throw TypeError(
        "MultiOptimizer() missing 1 required positional argument: 'optimizer_map' (an "
        "OptimizerMap config)");
  const ConfigValue map = r.raw("optimizer_map");
  if (!map.is_dict() || !map.contains("class_name") ||
      map.at("class_name").as_string() != "OptimizerMap")
    throw ValueError(
        "MultiOptimizer: `optimizer_map` must be a serialized OptimizerMap (a callable cannot "
        "be read from a config). Received: " +
        map.dump());
  MultiOptimizerOptions o;
  o.loss_scale_factor = r.optional_number("loss_scale_factor");
  o.name = r.string("name", o.name);
  r.finish();
  return std::make_shared<MultiOptimizerImpl>(
      OptimizerMap::from_config(map.get("config", ConfigValue::dict())), std::move(o));
}

}  // namespace keras::optimizers
