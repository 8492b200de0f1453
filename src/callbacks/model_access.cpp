#include "src/callbacks/model_access.hpp"

#include <cmath>
#include <string>

#include "keras/core/config_value.hpp"

#include "keras/core/errors.hpp"
#include "keras/models/model.hpp"
#include "keras/optimizers/multi_optimizer.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/trainers/trainer.hpp"

namespace keras::callbacks::detail {
namespace {

Model& require(Model* model, const char* who) {
  if (!model)
    throw ValueError(std::string(who) +
                     " needs a model: fit() sets it, or call set_model() first.");
  return *model;
}

}  // namespace

void request_stop_training(Model* model, const char* who) {
  require(model, who).stop_training = true;
}

std::vector<Tensor> get_model_weights(Model* model, const char* who) {
  return require(model, who).get_weights();
}

void set_model_weights(Model* model, const std::vector<Tensor>& weights, const char* who) {
  require(model, who).set_weights(weights);
}

}  // namespace keras::callbacks::detail

namespace keras::callbacks::detail {

void save_model_to(Model* model, const std::string& path, bool weights_only, const char* who) {
  Model& m = require(model, who);
  if (weights_only) m.save_weights(path);
  else m.save(path);
}

bool model_built(Model* model, const char* who) { return require(model, who).built(); }

void load_training_state(Model* model, const std::string& path, const char* who) {
  Model& m = require(model, who);
  if (auto optimizer = m.optimizer(); optimizer && !optimizer->built())
    optimizer->build(m.trainable_variables());
  m.load_weights(path);
}

void set_initial_epoch(Model* model, int epoch, const char* who) {
  Trainer::state(require(model, who), "fit").initial_epoch = epoch;
}

optimizers::Optimizer& model_optimizer(Model* model, const char* who) {
  auto optimizer = require(model, who).optimizer();
  if (!optimizer)
    throw ValueError(std::string(who) +
                     " needs the model's optimizer: compile the model before fit.");
  return *optimizer;
}

std::vector<optimizers::Optimizer*> inner_optimizers(optimizers::Optimizer& optimizer) {
  std::vector<optimizers::Optimizer*> out;
  if (auto* multi = dynamic_cast<optimizers::MultiOptimizerImpl*>(&optimizer))
    for (const auto& inner : multi->optimizers()) out.push_back(inner.get());
  return out;
}

std::string python_float(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return ConfigValue(value).dump();  // JSON floats are written as Python's repr writes them
}

}  // namespace keras::callbacks::detail
