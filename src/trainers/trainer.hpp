#pragma once
// What the training loop needs from a Model beyond its public methods (internal): the compile
// state, the first-batch resolution of losses and metrics, the log names and order, and the
// conversions between the loop's batches and what train_step / predict_step see.
#include <memory>
#include <string>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/models/model.hpp"
#include "src/models/compile_state.hpp"
#include "src/trainers/array_data.hpp"

namespace keras {

class Trainer {
 public:
  static CompileState& state(Model& model, const char* method);
  static std::vector<Tensor> forward(Model& model, const std::vector<Tensor>& x, bool training);
  // Resolves the losses and metrics of `compile` once the first batch shows the shapes.
  static void build_compiled(Model& model, CompileState& s, const std::vector<Tensor>& y,
                             const std::vector<Tensor>& y_pred);
  // The compiled metrics under the names Keras logs them with.
  static std::vector<std::pair<std::string, metrics::Metric*>> named_metrics(const CompileState& s);
  // Logs in Keras's evaluate order: loss, per-output losses, compile metrics, then the rest.
  static Evaluation ordered(Model& model, const callbacks::Logs& logs);
  // Keras's _get_metrics_result_or_logs: the metrics' current results when a step returned
  // the same names (the default steps), else the last step's own logs (a custom step).
  static callbacks::Logs result_or_logs(Model& model, const callbacks::Logs& logs);
  // A metric result as Keras logs it: a 0-d result as a number, any other as the array.
  static LogValue log_value(const Tensor& result);
  static void set_compile_state(Model& model, std::unique_ptr<CompileState> state);
  // Outputs as the model was defined: a dict, a list, or one tensor.
  static Data package_outputs(const Model& model, std::vector<Tensor> outs);
  // A loop batch as train_step sees it: one tensor per part when there is one, else a list.
  static Batch to_batch(const trainers::Batch& batch);
  // Data in model order: a dict is ordered by `names`, a tensor or list taken as is.
  static std::vector<Tensor> in_order(const Data& data, const std::vector<std::string>& names);
};

}  // namespace keras
