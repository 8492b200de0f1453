// Model::compile and the first-batch resolution of losses and metrics per output.
#include "keras/core/ops.hpp"
#include "src/trainers/trainer.hpp"

namespace keras {

void Model::compile(const CompileOptions& options) {
  auto s = std::make_unique<CompileState>();
  s->options = options;
  s->optimizer = options.optimizer.get();
  if (!s->optimizer) throw ValueError("compile(): `optimizer` must be set");
  s->loss_tracker = std::make_shared<metrics::MeanImpl>(metrics::MeanOptions{.name = "loss"});
  Trainer::set_compile_state(*this, std::move(s));
}

void Trainer::set_compile_state(Model& model, std::unique_ptr<CompileState> state) {
  model.compile_ = std::move(state);
}

CompileState& Trainer::state(Model& model, const char* method) {
  if (!model.compile_)
    throw ValueError(std::string("You must call `compile()` before calling `") + method + "()`.");
  return *model.compile_;
}

namespace {

std::string list_names(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "'" : ", '") + n + "'";
  return "[" + s + "]";
}

// A list (in output order) or a dict by output name, as one value per output; `fallback` for
// outputs a dict leaves out. A single value is the caller's to interpret.
template <class T>
std::vector<T> per_output(const Nested<T>& arg, const std::vector<std::string>& names,
                          const char* what, T fallback) {
  std::size_t n = names.size();
  if (arg.is_list()) {
    if (arg.size() != n)
      throw ValueError(std::string("For a model with multiple outputs, when providing the `") +
                       what +
                       "` argument as a list, it should have as many entries as the model has "
                       "outputs. Received " +
                       std::to_string(arg.size()) + " entries whereas the model has " +
                       std::to_string(n) + " outputs.");
    return arg.values();
  }
  std::vector<T> out(n, fallback);
  for (std::size_t k = 0; k < arg.keys().size(); ++k) {
    const std::string& key = arg.keys()[k];
    bool found = false;
    for (std::size_t i = 0; i < n; ++i)
      if (names[i] == key) {
        out[i] = arg.values()[k];
        found = true;
      }
    if (!found)
      throw ValueError(
          std::string("In the dict argument `") + what + "`, key '" + key +
          "' does not correspond to any model output. Received: the model's outputs are " +
          list_names(names));
  }
  return out;
}

}  // namespace

void Trainer::build_compiled(Model& model, CompileState& s, const std::vector<Tensor>& y,
                             const std::vector<Tensor>& y_pred) {
  std::size_t n = y_pred.size();
  std::vector<std::string> names = model.output_names();
  if (names.size() != n) {
    names.clear();
    for (std::size_t i = 0; i < n; ++i)
      names.push_back(n == 1 ? "output" : "output_" + std::to_string(i));
  }
  s.output_names = names;
  const auto& o = s.options;

  // Losses: one for all outputs, a list, or a dict by output name.
  std::vector<losses::Spec> loss_specs;
  if (o.loss.is_single()) loss_specs.assign(n, o.loss.values()[0]);
  else if (!o.loss.empty())
    loss_specs = per_output<losses::Spec>(o.loss, names, "loss", losses::Spec());
  s.losses.assign(n, nullptr);
  for (std::size_t i = 0; i < loss_specs.size(); ++i)
    if (loss_specs[i])
      s.losses[i] = losses::resolve(loss_specs[i], y.size() > i ? y[i].shape() : y_pred[i].shape(),
                                    y_pred[i].shape());
  if (o.loss_weights.is_single() && n != 1)
    throw ValueError(
        "Expected `loss_weights` argument to be a float (single output case) or a list or dict "
        "(multiple output case). The model has " +
        std::to_string(n) + " outputs " + list_names(names));
  s.loss_weights = o.loss_weights.is_single()
                       ? std::vector<double>{o.loss_weights.values()[0]}
                       : per_output<double>(o.loss_weights, names, "loss_weights", 1.0);
  if (!y.empty() && y.size() != n)
    throw ValueError("The model has " + std::to_string(n) + " outputs, but the targets `y` hold " +
                     std::to_string(y.size()) + " arrays");

  auto metric_lists = [&](const MetricsArg& arg, const char* what) {
    if (!arg.flat().empty()) {
      if (n != 1)
        throw ValueError(
            std::string("For a model with multiple outputs, when providing the `") + what +
            "` argument as a list, it should be a list of lists (one per output) or a dict by "
            "output name. The model's outputs are " +
            list_names(names));
      return std::vector<std::vector<metrics::Spec>>{arg.flat()};
    }
    using PerOutput = Nested<std::vector<metrics::Spec>>;
    return per_output<std::vector<metrics::Spec>>(
        arg.per_output().empty() ? PerOutput(arg.dict()) : PerOutput(arg.per_output()), names, what,
        {});
  };
  auto build = [&](const std::vector<std::vector<metrics::Spec>>& specs,
                   std::vector<std::vector<std::shared_ptr<metrics::Metric>>>& out) {
    out.assign(n, {});
    for (std::size_t i = 0; i < n && i < specs.size(); ++i)
      for (const auto& spec : specs[i]) {
        auto m =
            metrics::resolve(spec, y.empty() ? y_pred[i].shape() : y[i].shape(), y_pred[i].shape());
        if (n > 1) m->set_name(names[i] + "_" + m->name());
        out[i].push_back(m);
      }
  };
  build(metric_lists(o.metrics, "metrics"), s.metrics);
  build(metric_lists(o.weighted_metrics, "weighted_metrics"), s.weighted_metrics);
  s.output_loss_trackers.clear();
  if (n > 1)
    for (std::size_t i = 0; i < n; ++i)
      s.output_loss_trackers.push_back(
          std::make_shared<metrics::MeanImpl>(metrics::MeanOptions{.name = names[i] + "_loss"}));
  s.metrics_built = true;
}

}  // namespace keras
