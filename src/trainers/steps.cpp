// train_step / test_step / predict_step, as Keras 3's trainer runs them.
#include <algorithm>
#include <cmath>
#include <map>

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "src/trainers/trainer.hpp"

namespace keras {

std::vector<Tensor> Trainer::forward(Model& model, const std::vector<Tensor>& x, bool training) {
  return model(x, training);
}

namespace {

// The compiled metrics under the names Keras logs them with (CompileMetrics.result): per output,
// unweighted then weighted; a weighted metric whose name is taken becomes "weighted_<name>"
// (inside the output prefix) and other repeats get "_1", "_2", ... Multi-output metrics carry
// their "<output>_" prefix in their name already (build_compiled sets it).
std::vector<std::pair<std::string, metrics::Metric*>> named_metrics(const CompileState& s) {
  std::vector<std::pair<std::string, metrics::Metric*>> out;
  std::map<std::string, int> counters;
  auto numbered = [&](const std::string& name) {
    if (!counters.count(name)) {
      counters[name] = 1;
      return name;
    }
    return name + "_" + std::to_string(counters[name]++);
  };
  bool prefixed = s.output_names.size() > 1;
  for (std::size_t i = 0; i < s.metrics.size(); ++i)
    for (const auto& m : s.metrics[i]) out.emplace_back(numbered(m->name()), m.get());
  for (std::size_t i = 0; i < s.weighted_metrics.size(); ++i)
    for (const auto& m : s.weighted_metrics[i]) {
      std::string name = m->name();
      if (counters.count(name)) {
        std::string prefix = prefixed ? s.output_names[i] + "_" : "";
        if (name.compare(0, prefix.size(), prefix) == 0) name = name.substr(prefix.size());
        name = prefix + "weighted_" + name;
      }
      out.emplace_back(numbered(name), m.get());
    }
  return out;
}

Tensor sample_weight_for(const trainers::Batch& b, std::size_t output) {
  if (b.sample_weight.empty()) return Tensor();
  if (b.sample_weight.size() == 1) return b.sample_weight[0];
  return b.sample_weight[output];
}
}  // namespace

Tensor Trainer::compute_loss(Model& model, CompileState& s, const trainers::Batch& batch,
                             const std::vector<Tensor>& y_pred) {
  Tensor total;
  auto accumulate = [&](const Tensor& v) { total = total.defined() ? ops::add(total, v) : v; };
  double batch_size = static_cast<double>(batch.size);
  for (std::size_t i = 0; i < y_pred.size(); ++i) {
    if (!s.losses[i]) continue;
    if (batch.y.size() <= i)
      throw ValueError("The model has a loss for output '" + s.output_names[i] +
                       "', but no target data `y` was given for it");
    Tensor value = (*s.losses[i])(batch.y[i], y_pred[i], sample_weight_for(batch, i));
    if (!s.output_loss_trackers.empty()) {
      NoGrad no_grad;
      s.output_loss_trackers[i]->update_state(value, scalar(batch_size));
    }
    accumulate(s.loss_weights[i] == 1.0 ? value : ops::multiply(value, s.loss_weights[i]));
  }
  for (const auto& penalty : model.losses()) accumulate(ops::sum(ops::cast(penalty, DType::float32)));
  if (!total.defined())
    throw ValueError("No loss to compute. Provide a `loss` argument in `compile()`.");
  return total;
}

void Trainer::update_metrics(CompileState& s, const trainers::Batch& batch, const std::vector<Tensor>& y_pred) {
  NoGrad no_grad;
  for (std::size_t i = 0; i < y_pred.size() && i < batch.y.size(); ++i) {
    for (auto& m : s.metrics[i]) m->update_state(batch.y[i], y_pred[i]);
    for (auto& m : s.weighted_metrics[i]) m->update_state(batch.y[i], y_pred[i], sample_weight_for(batch, i));
  }
}

callbacks::Logs Trainer::train_step(Model& model, const trainers::Batch& batch) {
  CompileState& s = state(model, "fit");
  std::vector<Tensor> y_pred;
  Tensor loss;
  std::vector<Variable> vars;
  std::vector<Tensor> grads;
  {
    GradientTape tape;
    y_pred = forward(model, batch.x, true);
    if (!s.metrics_built) build_compiled(model, s, batch.y, y_pred);
    loss = compute_loss(model, s, batch, y_pred);
    vars = model.trainable_weights();
    grads = tape.gradient(loss, vars);
  }
  {
    NoGrad no_grad;
    s.loss_tracker->update_state(loss, scalar(static_cast<double>(batch.size)));
  }
  s.optimizer->apply(grads, vars);
  update_metrics(s, batch, y_pred);
  return logs(model);
}

callbacks::Logs Trainer::test_step(Model& model, const trainers::Batch& batch) {
  CompileState& s = state(model, "evaluate");
  NoGrad no_grad;
  auto y_pred = forward(model, batch.x, false);
  if (!s.metrics_built) build_compiled(model, s, batch.y, y_pred);
  Tensor loss = compute_loss(model, s, batch, y_pred);
  s.loss_tracker->update_state(loss, scalar(static_cast<double>(batch.size)));
  update_metrics(s, batch, y_pred);
  return logs(model);
}

std::vector<Tensor> Trainer::predict_step(Model& model, const std::vector<Tensor>& x) {
  NoGrad no_grad;
  return forward(model, x, false);
}

void Trainer::reset_metrics(Model& model) {
  if (!model.compile_) return;
  auto& s = *model.compile_;
  s.loss_tracker->reset_state();
  for (auto& t : s.output_loss_trackers) t->reset_state();
  for (auto& list : s.metrics)
    for (auto& m : list) m->reset_state();
  for (auto& list : s.weighted_metrics)
    for (auto& m : list) m->reset_state();
}

callbacks::Logs Trainer::logs(Model& model) {
  callbacks::Logs out;
  if (!model.compile_) return out;
  auto& s = *model.compile_;
  NoGrad no_grad;
  out["loss"] = s.loss_tracker->result().item<double>();
  for (auto& t : s.output_loss_trackers) out[t->name()] = t->result().item<double>();
  for (const auto& [name, m] : named_metrics(s)) out[name] = m->result().item<double>();
  return out;
}

Evaluation Trainer::ordered(Model& model, const callbacks::Logs& logs) {
  std::vector<std::string> names{"loss"};
  if (model.compile_) {
    auto& s = *model.compile_;
    for (auto& t : s.output_loss_trackers) names.push_back(t->name());
    if (s.metrics.size() == 1)
      for (const auto& [name, m] : named_metrics(s)) names.push_back(name);
  }
  std::vector<std::string> out_names;
  std::vector<double> values;
  for (const auto& n : names)
    if (logs.count(n) && std::find(out_names.begin(), out_names.end(), n) == out_names.end()) {
      out_names.push_back(n);
      values.push_back(logs.at(n));
    }
  for (const auto& [k, v] : logs)
    if (std::find(out_names.begin(), out_names.end(), k) == out_names.end()) {
      out_names.push_back(k);
      values.push_back(v);
    }
  return Evaluation(out_names, values);
}

}  // namespace keras
