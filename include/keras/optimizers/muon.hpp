#pragma once
// Muon (keras.optimizers.Muon): momentum SGD whose step is orthogonalised by a quintic
// Newton–Schulz iteration, for 2-D variables; every other variable — not 2-D, an "embedding"
// in its path (exclude_embeddings), or a path matching one of `exclude_layers` (regex search) —
// takes an Adam step at learning_rate * adam_lr_ratio instead. Weight decay is `weight_decay`
// on the Muon variables and `adam_weight_decay` on the Adam ones.
// Slots, per variable in order: "<var>_momentum", then "<var>_velocity" for Adam variables.
#include <string>
#include <vector>

#include "keras/optimizers/optimizer.hpp"

namespace keras::optimizers {

// In Keras's argument order (the base keywords between weight_decay and exclude_layers).
struct MuonOptions {
  LearningRate learning_rate = 0.001;
  double adam_beta_1 = 0.9;
  double adam_beta_2 = 0.999;
  std::optional<double> adam_weight_decay = 0.004;
  double epsilon = 1e-7;
  std::optional<double> weight_decay = 0.004;
  KERAS_OPTIMIZER_COMMON_FIELDS  // clipnorm ... name, as every optimizer (optimizer.hpp)
      std::vector<std::string>
          exclude_layers{};
  bool exclude_embeddings = true;
  double muon_a = 3.4445;
  double muon_b = -4.7750;
  double muon_c = 2.0315;
  double adam_lr_ratio = 1;  // Keras's default is the int 1 (an integral value serializes so)
  double momentum = 0.95;
  std::int64_t ns_steps = 5;
  bool nesterov = true;
  std::optional<double> rms_rate = 0.2;  // none: no Moonlight scaling of the Muon step
};

class MuonImpl : public Optimizer {
 public:
  using Options = MuonOptions;
  explicit MuonImpl(MuonOptions options = {});
  std::string class_name() const override { return "Muon"; }
  ConfigValue get_config() const override;
  static std::shared_ptr<MuonImpl> from_config(const ConfigValue& config);
  // Whether `var` takes the Adam step (Keras's _should_use_adamw).
  bool uses_adam(const Variable& var) const;

 protected:
  void build_slots(const std::vector<Variable>& vars) override;
  void update_step(const Tensor& grad, Variable& var, double learning_rate) override;
  std::optional<double> weight_decay_for(const Variable& var) const override;

 private:
  void adam_step(const Tensor& grad, Variable& var, Variable& m, Variable& v, double lr);
  void muon_step(const Tensor& grad, Variable& var, Variable& m, double lr);
  Tensor newton_schulz(Tensor x) const;

  MuonOptions o_;
  bool adam_lr_ratio_is_int_;
  SlotIds momentums_;
  std::vector<std::optional<std::size_t>> velocities_;  // Adam variables only
};

KERAS_HANDLE(Muon);

}  // namespace keras::optimizers
