#pragma once
// The steps of Keras's training loop (internal): compile-time setup resolved on the first
// batch, train_step / test_step / predict_step, and the metric logs.
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "src/models/compile_state.hpp"
#include "keras/models/model.hpp"
#include "src/trainers/array_data.hpp"

namespace keras {

class Trainer {
 public:
  static CompileState& state(Model& model, const char* method);
  static std::vector<Tensor> forward(Model& model, const std::vector<Tensor>& x, bool training);
  // Forward, loss, gradients, optimizer update, metrics; returns the running logs.
  static callbacks::Logs train_step(Model& model, const trainers::Batch& batch);
  static callbacks::Logs test_step(Model& model, const trainers::Batch& batch);
  static std::vector<Tensor> predict_step(Model& model, const std::vector<Tensor>& x);
  static void reset_metrics(Model& model);
  static callbacks::Logs logs(Model& model);
  // Logs in Keras's evaluate order: loss, per-output losses, compile metrics, then the rest.
  static Evaluation ordered(Model& model, const callbacks::Logs& logs);
  static void set_compile_state(Model& model, std::unique_ptr<CompileState> state);
  // Outputs as the model was defined: a dict, a list, or one tensor.
  static Data package_outputs(const Model& model, std::vector<Tensor> outs);

 private:
  static void build_compiled(Model& model, CompileState& s, const std::vector<Tensor>& y,
                             const std::vector<Tensor>& y_pred);
  static Tensor compute_loss(Model& model, CompileState& s, const trainers::Batch& batch,
                             const std::vector<Tensor>& y_pred);
  static void update_metrics(CompileState& s, const trainers::Batch& batch,
                             const std::vector<Tensor>& y_pred);
};

}  // namespace keras
