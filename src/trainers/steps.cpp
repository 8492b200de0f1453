// Model's train_step / test_step / predict_step / compute_loss / compute_metrics: the defaults
// fit, evaluate and predict run, as Keras 3's trainers run them (users may override each).
#include <algorithm>
#include <map>

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "src/trainers/trainer.hpp"

namespace keras {

std::vector<Tensor> Trainer::forward(Model& model, const std::vector<Tensor>& x, bool training) {
  return model(x, training);
}

// Per output, unweighted then weighted; a weighted metric whose name is taken becomes
// "weighted_<name>" (inside the output prefix) and other repeats get "_1", "_2", ... (Keras's
// CompileMetrics.result). Multi-output metrics carry their "<output>_" prefix in their name
// already (build_compiled sets it).
std::vector<std::pair<std::string, metrics::Metric*>> Trainer::named_metrics(
    const CompileState& s) {
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

std::vector<Tensor> Trainer::in_order(const Data& data, const std::vector<std::string>& names) {
  if (!data.is_dict() || names.empty()) return data.values();
  std::vector<Tensor> out;
  for (const auto& name : names) out.push_back(data[name]);
  return out;
}

Batch Trainer::to_batch(const trainers::Batch& b) {
  auto pack = [](const std::vector<Tensor>& v) {
    return v.size() == 1 ? Data(v[0]) : v.empty() ? Data() : Data(v);
  };
  return Batch{pack(b.x), pack(b.y), pack(b.sample_weight)};
}

namespace {

Tensor sample_weight_for(const std::vector<Tensor>& sample_weight, std::size_t output) {
  if (sample_weight.empty()) return Tensor();
  if (sample_weight.size() == 1) return sample_weight[0];
  return sample_weight[output];
}

// The number of samples in a batch: the leading dimension of its first input (as Keras's loss
// tracker counts them), or of the first output when no inputs are given.
double batch_size_of(const std::vector<Tensor>& first, const std::vector<Tensor>& second = {}) {
  const auto& v = first.empty() ? second : first;
  if (v.empty() || v[0].shape().rank() == 0) return 1.0;
  return static_cast<double>(v[0].shape()[0]);
}

}  // namespace

Tensor Model::compute_loss(const Data& /*x*/, const Data& y_data, const Data& y_pred_data,
                           const Data& sample_weight_data, bool /*training*/) {
  Tensor total;
  auto accumulate = [&](const Tensor& v) { total = total.defined() ? ops::add(total, v) : v; };
  if (compile_) {
    CompileState& s = *compile_;
    auto y = Trainer::in_order(y_data, output_names());
    auto y_pred = Trainer::in_order(y_pred_data, output_names());
    auto sample_weight = Trainer::in_order(sample_weight_data, output_names());
    if (!s.metrics_built) Trainer::build_compiled(*this, s, y, y_pred);
    const double batch_size = batch_size_of(y_pred);
    for (std::size_t i = 0; i < y_pred.size() && i < s.losses.size(); ++i) {
      if (!s.losses[i]) continue;
      if (y.size() <= i)
        throw ValueError("The model has a loss for output '" + s.output_names[i] +
                         "', but no target data `y` was given for it");
      Tensor value = (*s.losses[i])(y[i], y_pred[i], sample_weight_for(sample_weight, i));
      if (!s.output_loss_trackers.empty()) {
        NoGrad no_grad;
        s.output_loss_trackers[i]->update_state(value, scalar(batch_size));
      }
      accumulate(s.loss_weights[i] == 1.0 ? value : ops::multiply(value, s.loss_weights[i]));
    }
  }
  for (const auto& penalty : losses()) accumulate(ops::sum(ops::cast(penalty, DType::float32)));
  if (!total.defined())
    throw ValueError("No loss to compute. Provide a `loss` argument in `compile()`.");
  return total;
}

callbacks::Logs Model::compute_metrics(const Data& /*x*/, const Data& y_data,
                                       const Data& y_pred_data, const Data& sample_weight_data) {
  if (compile_) {
    CompileState& s = *compile_;
    NoGrad no_grad;
    auto y = Trainer::in_order(y_data, output_names());
    auto y_pred = Trainer::in_order(y_pred_data, output_names());
    auto sample_weight = Trainer::in_order(sample_weight_data, output_names());
    if (!s.metrics_built) Trainer::build_compiled(*this, s, y, y_pred);
    for (std::size_t i = 0; i < y_pred.size() && i < y.size() && i < s.metrics.size(); ++i) {
      for (auto& m : s.metrics[i]) m->update_state(y[i], y_pred[i]);
      for (auto& m : s.weighted_metrics[i])
        m->update_state(y[i], y_pred[i], sample_weight_for(sample_weight, i));
    }
  }
  return get_metrics_result();
}

callbacks::Logs Model::train_step(const Batch& data) {
  CompileState& s = Trainer::state(*this, "fit");
  auto x = Trainer::in_order(data.x, input_names());
  Data y_pred;
  Tensor loss;
  std::vector<Variable> vars;
  std::vector<Tensor> grads;
  {
    GradientTape tape;
    std::vector<Tensor> outputs = Trainer::forward(*this, x, true);
    loss = compute_loss(data.x, data.y, Data(outputs), data.sample_weight, true);
    vars = trainable_variables();
    // Gradients of the scaled loss; the optimizer divides them by the same factor (Keras 3's
    // loss_scale_factor). The loss tracker records the unscaled loss.
    grads = tape.gradient(s.optimizer->scale_loss(loss), vars);
    // The outputs and the loss, kept for the metrics, no longer hold the step's graph: it is
    // freed before the update, which then finds the weights referenced by nothing else and
    // writes over them instead of into fresh buffers.
    for (auto& out : outputs) {
      // The metrics honour the mask of the outputs (padded steps), which stop_gradient drops.
      const Tensor mask = get_keras_mask(out);
      out = ops::stop_gradient(out);
      if (mask.defined()) set_keras_mask(out, mask);
    }
    y_pred = Data(outputs);
    loss = ops::stop_gradient(loss);
  }
  {
    NoGrad no_grad;
    s.loss_tracker->update_state(loss, scalar(batch_size_of(x, y_pred.values())));
  }
  s.optimizer->apply(grads, vars);
  return compute_metrics(data.x, data.y, y_pred, data.sample_weight);
}

callbacks::Logs Model::test_step(const Batch& data) {
  CompileState& s = Trainer::state(*this, "evaluate");
  NoGrad no_grad;
  auto x = Trainer::in_order(data.x, input_names());
  Data y_pred(Trainer::forward(*this, x, false));
  Tensor loss = compute_loss(data.x, data.y, y_pred, data.sample_weight, false);
  s.loss_tracker->update_state(loss, scalar(batch_size_of(x, y_pred.values())));
  return compute_metrics(data.x, data.y, y_pred, data.sample_weight);
}

Data Model::predict_step(const Batch& data) {
  NoGrad no_grad;
  return Trainer::package_outputs(
      *this, Trainer::forward(*this, Trainer::in_order(data.x, input_names()), false));
}

std::vector<std::shared_ptr<metrics::Metric>> Model::metrics() const {
  // Keras's order: the loss tracker, the compiled metrics, the compiled losses' trackers.
  std::vector<std::shared_ptr<metrics::Metric>> out;
  if (!compile_) return out;
  const CompileState& s = *compile_;
  out.push_back(s.loss_tracker);
  for (const auto& list : s.metrics) out.insert(out.end(), list.begin(), list.end());
  for (const auto& list : s.weighted_metrics) out.insert(out.end(), list.begin(), list.end());
  out.insert(out.end(), s.output_loss_trackers.begin(), s.output_loss_trackers.end());
  return out;
}

void Model::reset_metrics() {
  for (const auto& m : metrics()) m->reset_state();
}

callbacks::Logs Model::get_metrics_result() const {
  // Compiled metrics log under their CompileMetrics names ("weighted_…", "…_1"), the rest
  // under their own.
  std::map<const metrics::Metric*, std::string> logged;
  if (compile_)
    for (const auto& [name, m] : Trainer::named_metrics(*compile_)) logged[m] = name;
  callbacks::Logs out;
  NoGrad no_grad;
  for (const auto& m : metrics()) {
    auto it = logged.find(m.get());
    out[it == logged.end() ? m->name() : it->second] = Trainer::log_value(m->result());
  }
  return out;
}

callbacks::Logs Trainer::result_or_logs(Model& model, const callbacks::Logs& logs) {
  callbacks::Logs results = model.get_metrics_result();
  bool same_names = results.size() == logs.size() &&
                    std::equal(results.begin(), results.end(), logs.begin(),
                               [](const auto& a, const auto& b) { return a.first == b.first; });
  return same_names ? results : logs;
}

LogValue Trainer::log_value(const Tensor& result) {
  if (result.shape().rank() == 0) return result.item<double>();
  return LogValue(result.shape().dims(), result.to_vector<double>());
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
  std::vector<LogValue> values;
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
