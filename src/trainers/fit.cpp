// fit / evaluate / predict and the *_on_batch methods: Keras 3's epoch loop with callbacks.
#include <memory>
#include <utility>

#include "keras/callbacks/callback_list.hpp"
#include "keras/core/ops.hpp"
#include "src/models/functional_graph.hpp"
#include "src/trainers/trainer.hpp"
#include "keras/utils/py_dataset.hpp"

namespace keras {

namespace {

// Where batches come from: in-memory arrays or a PyDataset.
struct BatchSource {
  std::function<std::int64_t()> num_batches;
  std::function<trainers::Batch(std::int64_t)> get;
  std::function<void()> new_epoch = [] {};
  std::function<void()> epoch_end = [] {};
};

BatchSource array_source(std::shared_ptr<trainers::ArrayData> data, std::int64_t batch_size,
                         bool shuffle) {
  auto plan = std::make_shared<trainers::BatchPlan>(data->num_samples, batch_size, shuffle);
  BatchSource s;
  s.num_batches = [plan] { return plan->num_batches(); };
  s.get = [plan, data](std::int64_t i) { return plan->batch(*data, i); };
  s.new_epoch = [plan] { plan->new_epoch(); };
  return s;
}

BatchSource dataset_source(utils::PyDataset& ds, const Model& model) {
  BatchSource s;
  s.num_batches = [&ds] { return ds.size(); };
  s.get = [&ds, &model](std::int64_t i) {
    auto b = ds.get(i);
    auto d = trainers::ArrayData::from(b.x, b.y, b.sample_weight, model.input_names(),
                                       model.output_names());
    return d.slice(0, d.num_samples);
  };
  s.epoch_end = [&ds] { ds.on_epoch_end(); };
  return s;
}

std::int64_t positive(std::optional<std::int64_t> v, std::int64_t fallback, const char* what) {
  std::int64_t x = v.value_or(fallback);
  if (x <= 0)
    throw ValueError(std::string("`") + what + "` must be a positive integer. Received: " + what +
                     "=" + std::to_string(x));
  return x;
}

Data with_class_weight(const Data& y, const Data& sample_weight,
                       const std::map<int, double>& class_weight) {
  if (class_weight.empty()) return sample_weight;
  if (!sample_weight.empty())
    throw ValueError("You cannot `class_weight` and `sample_weight` at the same time.");
  if (y.size() != 1)
    throw ValueError("`class_weight` is only supported for Models with a single output.");
  return Data(trainers::class_weight_to_sample_weight(y.values()[0], class_weight));
}

callbacks::Logs run_evaluation(Model& model, BatchSource& source, std::optional<std::int64_t> steps,
                               callbacks::CallbackList& cbs) {
  model.reset_metrics();
  std::int64_t n = steps.value_or(source.num_batches());
  callbacks::Logs logs;
  cbs.on_test_begin();
  source.new_epoch();
  for (std::int64_t step = 0; step < n; ++step) {
    cbs.on_test_batch_begin(step);
    logs = model.test_step(Trainer::to_batch(source.get(step % source.num_batches())));
    cbs.on_test_batch_end(step, logs);
  }
  logs = Trainer::result_or_logs(model, logs);
  cbs.on_test_end(logs);
  return logs;
}

// validation_data as a batch source (validation_split is array-only and handled by fit).
std::optional<BatchSource> validation_source(const Model& model, const FitOptions& o,
                                             std::int64_t batch_size) {
  if (!o.validation_data) return std::nullopt;
  const auto& vd = o.validation_data;
  auto v = std::make_shared<trainers::ArrayData>(trainers::ArrayData::from(
      vd.x, vd.y, vd.sample_weight, model.input_names(), model.output_names()));
  return array_source(v, positive(o.validation_batch_size, batch_size, "validation_batch_size"),
                      false);
}

Evaluation evaluate_source(Model& model, BatchSource source, const EvaluateOptions& o) {
  std::int64_t steps = positive(o.steps, source.num_batches(), "steps");
  callbacks::CallbackList cbs(callbacks::to_shared(o.callbacks), false, o.verbose != 0, &model,
                              callbacks::CallbackParams{o.verbose, 1, steps});
  return Trainer::ordered(model, run_evaluation(model, source, steps, cbs));
}

// The epochs of fit, from `first_epoch` (or o.initial_epoch) on; `training_logs` ends as the
// last epoch's logs.
void run_epochs(Model& model, BatchSource& train, std::optional<BatchSource>& val,
                const FitOptions& o, callbacks::CallbackList& cbs, std::int64_t steps,
                int first_epoch, callbacks::Logs& training_logs) {
  const std::int64_t per_epoch = train.num_batches();
  // With steps_per_epoch, epochs continue through the data where the last one stopped.
  std::int64_t cursor = 0;
  for (int epoch = first_epoch ? first_epoch : o.initial_epoch; epoch < o.epochs; ++epoch) {
    model.reset_metrics();
    cbs.on_epoch_begin(epoch);
    callbacks::Logs logs;
    for (std::int64_t step = 0; step < steps; ++step) {
      if (cursor % per_epoch == 0) train.new_epoch();
      cbs.on_train_batch_begin(step);
      logs = model.train_step(Trainer::to_batch(train.get(cursor % per_epoch)));
      ++cursor;
      if (cursor % per_epoch == 0) train.epoch_end();
      cbs.on_train_batch_end(step, logs);
      if (model.stop_training) break;
    }
    if (!o.steps_per_epoch) cursor = 0;
    callbacks::Logs epoch_logs = Trainer::result_or_logs(model, logs);
    if (val && o.validation_freq > 0 && (epoch + 1) % o.validation_freq == 0) {
      auto val_logs = run_evaluation(model, *val, o.validation_steps, cbs);
      for (const auto& [k, v] : val_logs) epoch_logs["val_" + k] = v;
    }
    cbs.on_epoch_end(epoch, epoch_logs);
    training_logs = epoch_logs;
    if (model.stop_training) break;
  }
}

// Keras's fit ends, also when an error interrupts it, by letting the optimizer give the
// variables their final values: with use_ema, their moving averages.
void finalize_variables(Model& model, int epochs) {
  auto optimizer = model.optimizer();
  if (epochs > 0 && optimizer && optimizer->built())
    optimizer->finalize_variable_values(model.trainable_weights());
}

History run_fit(Model& model, BatchSource train, std::optional<BatchSource> val,
                const FitOptions& o) {
  Trainer::state(model, "fit");
  if (o.epochs < 0)
    throw ValueError("`epochs` must be non-negative. Received: epochs=" + std::to_string(o.epochs));
  std::int64_t per_epoch = train.num_batches();
  if (per_epoch == 0) throw ValueError("The training data is empty: there is nothing to fit on.");
  std::int64_t steps = positive(o.steps_per_epoch, per_epoch, "steps_per_epoch");
  callbacks::CallbackList cbs(callbacks::to_shared(o.callbacks), true, o.verbose != 0, &model,
                              callbacks::CallbackParams{o.verbose, o.epochs, steps});
  model.stop_training = false;
  callbacks::Logs training_logs;
  Trainer::state(model, "fit").initial_epoch = 0;
  cbs.on_train_begin();
  // A callback that restored a backup (BackupAndRestore) says where training resumes.
  const int resumed_at = std::exchange(Trainer::state(model, "fit").initial_epoch, 0);
  try {
    run_epochs(model, train, val, o, cbs, steps, resumed_at, training_logs);
  } catch (...) {
    finalize_variables(model, o.epochs);  // Keras's `finally`
    throw;
  }
  finalize_variables(model, o.epochs);
  cbs.on_train_end(training_logs);
  return History(cbs.history());
}

}  // namespace

History Model::fit(const Data& x, const Data& y, const FitOptions& o) {
  Trainer::state(*this, "fit");
  Data sw = with_class_weight(y, o.sample_weight, o.class_weight);
  auto all = std::make_shared<trainers::ArrayData>(
      trainers::ArrayData::from(x, y, sw, input_names(), output_names()));
  std::int64_t batch_size = positive(o.batch_size, 32, "batch_size");
  std::optional<BatchSource> val = validation_source(*this, o, batch_size);
  auto train = all;
  if (!o.validation_data && o.validation_split > 0.0) {
    auto [t, v] = all->split(o.validation_split);
    train = std::make_shared<trainers::ArrayData>(std::move(t));
    val =
        array_source(std::make_shared<trainers::ArrayData>(std::move(v)),
                     positive(o.validation_batch_size, batch_size, "validation_batch_size"), false);
  }
  return run_fit(*this, array_source(train, batch_size, o.shuffle), val, o);
}

History Model::fit(utils::PyDataset& data, const FitOptions& o) {
  if (o.validation_split > 0.0)
    throw ValueError(
        "`validation_split` is only supported for arrays and tensors, not for a PyDataset.");
  auto val = validation_source(*this, o, positive(o.batch_size, 32, "batch_size"));
  return run_fit(*this, dataset_source(data, *this), val, o);
}

Evaluation Model::evaluate(const Data& x, const Data& y, const EvaluateOptions& o) {
  Trainer::state(*this, "evaluate");
  auto data = std::make_shared<trainers::ArrayData>(
      trainers::ArrayData::from(x, y, o.sample_weight, input_names(), output_names()));
  return evaluate_source(*this, array_source(data, positive(o.batch_size, 32, "batch_size"), false),
                         o);
}

Evaluation Model::evaluate(utils::PyDataset& data, const EvaluateOptions& o) {
  Trainer::state(*this, "evaluate");
  return evaluate_source(*this, dataset_source(data, *this), o);
}

Data Model::predict(const Data& x, const PredictOptions& o) {
  auto data = std::make_shared<trainers::ArrayData>(
      trainers::ArrayData::from(x, {}, {}, input_names(), {}));
  auto source = array_source(data, positive(o.batch_size, 32, "batch_size"), false);
  std::int64_t steps = positive(o.steps, source.num_batches(), "steps");
  callbacks::CallbackList cbs(callbacks::to_shared(o.callbacks), false, o.verbose != 0, this,
                              callbacks::CallbackParams{o.verbose, 1, steps});
  // The batches' outputs, concatenated per position; the result keeps the first batch's
  // structure (one tensor, a list, or a dict), as Keras maps concatenation over the structure.
  std::optional<Data> first;
  std::vector<std::vector<Tensor>> pieces;
  cbs.on_predict_begin();
  for (std::int64_t step = 0; step < steps && step < source.num_batches(); ++step) {
    cbs.on_predict_batch_begin(step);
    Data outs = predict_step(Trainer::to_batch(source.get(step)));
    if (!first) {
      first = outs;
      pieces.resize(outs.size());
    }
    if (outs.size() != pieces.size() || outs.keys() != first->keys())
      throw ValueError("predict_step returned " + std::to_string(outs.size()) +
                       " outputs for batch " + std::to_string(step) + " but " +
                       std::to_string(pieces.size()) +
                       " for the first batch; every batch must return the same structure");
    for (std::size_t i = 0; i < outs.size(); ++i) pieces[i].push_back(outs[i]);
    cbs.on_predict_batch_end(step);
  }
  cbs.on_predict_end();
  std::vector<Tensor> outs;
  for (auto& p : pieces) outs.push_back(p.size() == 1 ? p[0] : ops::concatenate(p, 0));
  if (!first) return Trainer::package_outputs(*this, std::move(outs));
  if (first->is_dict()) {
    std::map<std::string, Tensor> dict;
    for (std::size_t i = 0; i < outs.size(); ++i) dict[first->keys()[i]] = outs[i];
    return Data(dict);
  }
  if (first->is_list() || outs.size() != 1) return Data(std::move(outs));
  return Data(outs[0]);
}

Evaluation Model::train_on_batch(const Data& x, const Data& y, const BatchOptions& o) {
  Trainer::state(*this, "train_on_batch");
  Data sw = with_class_weight(y, o.sample_weight, o.class_weight);
  auto data = trainers::ArrayData::from(x, y, sw, input_names(), output_names());
  reset_metrics();
  return Trainer::ordered(*this, train_step(Trainer::to_batch(data.slice(0, data.num_samples))));
}

Evaluation Model::test_on_batch(const Data& x, const Data& y, const BatchOptions& o) {
  Trainer::state(*this, "test_on_batch");
  Data sw = with_class_weight(y, o.sample_weight, o.class_weight);
  auto data = trainers::ArrayData::from(x, y, sw, input_names(), output_names());
  reset_metrics();
  return Trainer::ordered(*this, test_step(Trainer::to_batch(data.slice(0, data.num_samples))));
}

Data Model::predict_on_batch(const Data& x) {
  auto data = trainers::ArrayData::from(x, {}, {}, input_names(), {});
  return predict_step(Trainer::to_batch(trainers::Batch{data.x, {}, {}, data.num_samples}));
}

Data Trainer::package_outputs(const Model& model, std::vector<Tensor> outs) {
  const auto& g = model.graph_;
  if (g && g->dict_outputs) {
    std::map<std::string, Tensor> dict;
    for (std::size_t i = 0; i < outs.size(); ++i) dict[g->output_names[i]] = outs[i];
    return Data(dict);
  }
  if (outs.size() == 1 && !(g && g->list_outputs)) return Data(outs[0]);
  return Data(std::move(outs));
}

std::vector<std::string> Model::metrics_names() const {
  if (!compile_) return {};
  return Trainer::ordered(const_cast<Model&>(*this), get_metrics_result()).names();
}

const LogValue& Evaluation::value(const std::string& name) const {
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (names_[i] == name) return values_[i];
  std::string known;
  for (const auto& n : names_) known += (known.empty() ? "'" : ", '") + n + "'";
  throw ValueError("No result named '" + name + "'; the results are [" + known + "]");
}

namespace {

double number(const std::string& name, const LogValue& v) {
  if (v.size() != 1)
    throw ValueError("Result '" + name + "' is an array of shape " + v.shape_str() +
                     ", not a number; read it with value(\"" + name + "\") or values()");
  return v.item();
}

}  // namespace

double Evaluation::operator[](const std::string& name) const { return number(name, value(name)); }

double Evaluation::operator[](std::size_t i) const {
  if (i >= values_.size())
    throw ValueError("Result index " + std::to_string(i) + " is out of range");
  return number(names_[i], values_[i]);
}

callbacks::Logs Evaluation::as_dict() const {
  callbacks::Logs out;
  for (std::size_t i = 0; i < names_.size(); ++i) out[names_[i]] = values_[i];
  return out;
}

Evaluation::operator double() const {
  if (values_.size() != 1)
    throw ValueError("This evaluation holds " + std::to_string(values_.size()) +
                     " values (loss and metrics); read them by name, e.g. result[\"loss\"]");
  return values_[0];
}

}  // namespace keras
