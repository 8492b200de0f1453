#pragma once
// MultiOptimizer and OptimizerMap (keras.optimizers.MultiOptimizer / OptimizerMap): each
// trainable variable goes to the optimizer its path maps to — an exact key first, else the one
// key that matches the whole path as a regular expression (ValueError if several do), else the
// default optimizer — and each optimizer builds on and updates its own variables. Its
// variables: its own iteration and learning_rate (0, unused, as in Keras), then every inner
// optimizer's (mapped ones in map order, then the default), which is what files hold.
// The learning rate belongs to the inner optimizers: reading or setting it here is a TypeError
// (Keras: AttributeError).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

class OptimizerMap {
 public:
  using Entries = std::vector<std::pair<std::string, std::shared_ptr<Optimizer>>>;
  // `optimizer_map` is taken as given (in this order), as Keras's constructor takes a dict;
  // `set` checks its arguments.
  explicit OptimizerMap(std::shared_ptr<Optimizer> default_optimizer, Entries optimizer_map = {});

  const std::shared_ptr<Optimizer>& default_optimizer() const { return default_; }
  // The optimizer for a variable path (or any key): exact key, regex fullmatch, default.
  const std::shared_ptr<Optimizer>& at(const std::string& key) const;
  const std::shared_ptr<Optimizer>& operator()(const Variable& var) const { return at(var.path()); }
  // A new key: ValueError if it is already there, or for a LossScaleOptimizer/MultiOptimizer.
  void set(const std::string& key, std::shared_ptr<Optimizer> optimizer);
  void erase(const std::string& key);
  std::size_t size() const { return entries_.size(); }
  const Entries& entries() const { return entries_; }

  // {"default_optimizer": serialized, "optimizer_map": {key: serialized}}.
  ConfigValue get_config() const;
  static OptimizerMap from_config(const ConfigValue& config);

 private:
  std::shared_ptr<Optimizer> default_;
  Entries entries_;
};

// {"module": "keras.optimizers", "class_name": "OptimizerMap", "config": ..., ...}.
ConfigValue serialize(const OptimizerMap& map);

// Keras also routes with any callable: the optimizer for a variable (never a wrapper). Its
// optimizers are found as the variables are routed, at build; such a MultiOptimizer cannot be
// serialized (NotImplementedError from get_config, so from saving a model compiled with it).
using OptimizerSelector = std::function<std::shared_ptr<Optimizer>(const Variable&)>;

struct MultiOptimizerOptions {
  // Overrides the inner optimizers' own (gradients are unscaled once, by each inner one).
  std::optional<double> loss_scale_factor{};
  std::string name{};  // empty: automatic ("multi_optimizer", ...)
};

class MultiOptimizerImpl : public Optimizer {
 public:
  using Positional = std::tuple<OptimizerMap>;
  using Options = MultiOptimizerOptions;
  explicit MultiOptimizerImpl(OptimizerMap optimizer_map, MultiOptimizerOptions options = {});
  explicit MultiOptimizerImpl(OptimizerSelector selector, MultiOptimizerOptions options = {});
  std::string class_name() const override { return "MultiOptimizer"; }
  // optimizer_map (serialized OptimizerMap), loss_scale_factor, name: Keras's keys.
  ConfigValue get_config() const override;
  static std::shared_ptr<MultiOptimizerImpl> from_config(const ConfigValue& config);

  void apply(const std::vector<Tensor>& grads, const std::vector<Variable>& vars) override;
  void apply(const std::vector<Tensor>& grads) override;
  void build(const std::vector<Variable>& vars) override;
  double learning_rate() const override;
  void set_learning_rate(const LearningRate& learning_rate) override;
  std::vector<Variable> variables() const override;
  void finalize_variable_values(const std::vector<Variable>& var_list) override;
  void set_loss_scale_factor(std::optional<double> factor) override;

  // The inner optimizers, in the order their variables are listed (Keras's `optimizers`).
  const std::vector<std::shared_ptr<Optimizer>>& optimizers() const { return inner_; }
  // The map it routes with; ValueError when it routes with a selector.
  const OptimizerMap& optimizer_map() const;
  // The inner optimizer `var` was routed to (ValueError for a variable it was not built with).
  const std::shared_ptr<Optimizer>& optimizer_for(const Variable& var) const;

 protected:
  void build_slots(const std::vector<Variable>&) override {}
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;

 private:
  std::size_t add_inner(const std::shared_ptr<Optimizer>& optimizer);

  std::optional<OptimizerMap> map_;  // else selector_ routes
  OptimizerSelector selector_;
  std::vector<std::shared_ptr<Optimizer>> inner_;
  std::vector<std::size_t> routes_;  // per built variable: its optimizer in inner_
};

KERAS_HANDLE(MultiOptimizer);

}  // namespace keras::optimizers
