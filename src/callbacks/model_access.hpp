#pragma once
// Internal: the few `keras::Model` members callbacks use, behind functions so callback headers
// only forward-declare Model. Each throws ValueError naming `who` when no model is set.
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras {
class Model;
namespace optimizers {
class Optimizer;
}
}  // namespace keras

namespace keras::callbacks::detail {

void request_stop_training(Model* model, const char* who);
std::vector<Tensor> get_model_weights(Model* model, const char* who);
void set_model_weights(Model* model, const std::vector<Tensor>& weights, const char* who);
// model.save(path), or model.save_weights(path) when `weights_only`.
void save_model_to(Model* model, const std::string& path, bool weights_only, const char* who);
bool model_built(Model* model, const char* who);
// model.load_weights(path) with the optimizer built first, so its variables load too.
void load_training_state(Model* model, const std::string& path, const char* who);
// Keras's `model._initial_epoch = epoch`: the epoch the running fit starts at (see
// CompileState::initial_epoch).
void set_initial_epoch(Model* model, int epoch, const char* who);
// The compiled model's optimizer; a ValueError naming `who` when the model has none.
optimizers::Optimizer& model_optimizer(Model* model, const char* who);
// A MultiOptimizer's inner optimizers, which Keras's learning-rate callbacks drive one by one
// (they test hasattr(optimizer, "optimizers")); empty for any other optimizer.
std::vector<optimizers::Optimizer*> inner_optimizers(optimizers::Optimizer& optimizer);
// Python's repr of a float, as Keras prints and writes logged values ("0.1", "1e-05", "nan").
std::string python_float(double value);
// numpy's str of a float32 scalar ("0.33333334", "1e-04", "1e+06"), as Keras's CSVLogger
// writes the elements of a logged array.
std::string numpy_float32_str(double value);

}  // namespace keras::callbacks::detail
