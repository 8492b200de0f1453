#pragma once
// `Model`: a layer with training and inference features, as keras.Model. Three ways to make one:
//   - functional: `Model model(inputs, outputs)` over KerasTensors from `Input` and layer calls;
//   - `Sequential` (sequential.hpp);
//   - subclassing: derive from Model, create layers in the constructor, override `call`.
// compile / fit / evaluate / predict are Keras 3's (src/trainers/*.cpp). To customize what fit
// does, override train_step (and test_step / predict_step / compute_loss / compute_metrics /
// metrics), as in Keras's guide "Customizing what happens in fit()".
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/callbacks/history.hpp"
#include "keras/layers/layer.hpp"
#include "keras/models/data.hpp"
#include "keras/models/nested.hpp"
#include "keras/models/training_options.hpp"
#include "keras/saving/save_model.hpp"

namespace keras {

namespace utils {
class PyDataset;
}
namespace metrics {
class Metric;
}
struct FunctionalGraph;
struct CompileState;

struct ModelOptions {
  std::string name{};
  bool trainable = true;
};

// Model::load_weights's keyword arguments, as Keras 3's.
struct LoadWeightsOptions {
  // A layer whose saved weights do not fit it (count or shape) is skipped with a warning.
  bool skip_mismatch = false;
  // Legacy `.h5` / `.hdf5` files only (any other format refuses the argument, as Keras): match
  // the file's layers to the model's by name instead of by order.
  std::optional<bool> by_name{};
};

// Inputs or outputs of a functional model: one KerasTensor, a list, or a dict by name.
using KerasTensors = Nested<KerasTensor>;

// One batch as fit / evaluate / predict hand it to train_step / test_step / predict_step (Keras's
// `data`, unpacked with unpack_x_y_sample_weight): `x` and `y` hold one tensor for a
// single-input (single-output) model, else a list in the model's input (output) order;
// `sample_weight` is empty when none was given. Unpack it as in Python:
// `const auto& [x, y, sample_weight] = data;`.
struct Batch {
  Data x{};
  Data y{};
  Data sample_weight{};
};

class Model : public Layer {
 public:
  // For subclasses (override `call`).
  explicit Model(const ModelOptions& options = {});
  // A functional model; throws ValueError for a disconnected graph.
  Model(const KerasTensors& inputs, const KerasTensors& outputs, const ModelOptions& options = {});
  ~Model() override;

  // --- Layer interface ----------------------------------------------------------------------
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  void build(const Shape& input_shape) override;
  // A functional model's config is Keras 3's: the layers with their call nodes and the input
  // and output references ({"name", "trainable", "layers", "input_layers", "output_layers"}),
  // enough to rebuild the model with from_config. A subclassed model's is {"name",
  // "trainable"} (override it, as in Keras, to make the class serializable).
  ConfigValue get_config() const override;
  // {"input_shape": null} for a functional model, as Keras writes it.
  ConfigValue get_build_config() const override;
  // {"mask": null}: Model.call's keyword arguments, as Keras records them on call nodes.
  ConfigValue node_kwargs() const override;
  std::string class_name() const override;
  // Rebuilds a functional model from its config: Keras 3's, and Keras 1 / Keras 2 / tf.keras
  // ones (list-form call nodes). Layers come from the registry (layers::register_layer for your
  // own); an unknown class is a ValueError naming it.
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);
  // keras.Model.to_json(): {"module", "class_name", "config", "registered_name",
  // "build_config", "compile_config"} as JSON text; models::model_from_json reads it back.
  std::string to_json() const;
  // The compile arguments as Keras 3 saves them ({} before compile): the optimizer serialized,
  // losses and metrics as given (strings stay strings, built-in functions by name, objects
  // serialized), loss_weights, and Keras's run_eagerly / steps_per_execution / jit_compile.
  virtual ConfigValue get_compile_config() const;
  // Compiles from Keras 3's compile_config or a Keras 1/2 `training_config` ("optimizer_config",
  // "loss", "metrics", "loss_weights"); {} leaves the model uncompiled.
  virtual void compile_from_config(const ConfigValue& config);

  // --- Structure ----------------------------------------------------------------------------
  // For functional models, every layer of the graph (input layers included) in Keras's order;
  // for subclassed models, the tracked sublayers.
  virtual std::vector<std::shared_ptr<Layer>> layers() const;
  std::shared_ptr<Layer> get_layer(const std::string& name) const;
  std::shared_ptr<Layer> get_layer(int index) const;
  const std::vector<KerasTensor>& inputs() const;
  const std::vector<KerasTensor>& outputs() const;
  std::vector<std::string> input_names() const;
  std::vector<std::string> output_names() const;
  bool is_functional() const { return graph_ != nullptr; }
  // Prints Keras's summary table (to stdout unless `print_fn` is given). Columns widen to fit
  // their contents; Keras's line_length / positions are not offered.
  void summary(const std::function<void(const std::string&)>& print_fn = {}) const;
  std::string summary_string() const;

  // --- Saving -------------------------------------------------------------------------------
  // Writes the model's weights in Keras 3's `.weights.h5` format (the name must end in
  // ".weights.h5"; anything else is a ValueError): Keras 3's `model.load_weights` reads the file
  // into the same architecture built in Python. Layers are keyed by class, not by name
  // (`layers/dense_1/vars/0` is the second Dense of `layers()`), each with a `name` attribute.
  // As in Keras, a compiled model's optimizer variables go along (`optimizer/vars`) once the
  // optimizer is built. Atomic: the file is written under a temporary name and renamed over
  // `filepath` only when complete, so a failure leaves any previous file intact.
  // Subclassed models and layers holding sublayers key them as a Functional model would
  // (`layers/<class>`): Keras keys those by Python attribute name, which C++ cannot know, so
  // such files round-trip through keraspp but not into Keras.
  void save_weights(const std::string& filepath) const;
  // Reads a `.weights.h5` file written by save_weights or by Keras 3 (tf.keras 2.12-2.15's
  // `_layer_checkpoint_dependencies` layout too) into this built model, as strictly as Keras:
  // every layer's count of stored variables must equal its own, and every shape must match,
  // else a ValueError naming the file, the layer, the variable and both shapes, and no weight
  // changes. A weight-less layer may have no group. Unreadable or hostile files give an
  // IOError. A `.keras` archive's weights load the same way. A legacy `.h5` / `.hdf5` weights
  // file (Keras 1 / Keras 2 / tf.keras save_weights, or the model_weights of a full-model file)
  // loads as Keras loads it: the file's layers with weights, in order, onto this model's layers
  // with weights, in order — or with `by_name`, each file layer onto the model's layers of its
  // name. With `skip_mismatch`, a layer whose weights do not fit (count or shape) keeps its own,
  // with a warning, instead of failing the load. A compiled model also takes the file's
  // optimizer variables, as Keras: when their count differs from the optimizer's (e.g. it is
  // not built yet: `optimizer()->build(trainable_variables())` first) Keras's warning is
  // printed and they are skipped; a shape that differs is a ValueError (a warning with
  // `skip_mismatch`).
  void load_weights(const std::string& filepath, const LoadWeightsOptions& options = {});
  // keras.Model.save: the whole model — config, weights, compile state and (with
  // include_optimizer) the optimizer's variables — as a Keras 3 `.keras` archive, or in the
  // legacy HDF5 format for a `.h5` / `.hdf5` name, as Keras 3 writes each; Keras 3's load_model
  // and models::load_model read both back. Atomic, as save_weights. Another extension is a
  // ValueError. The SaveOptions form also picks the Keras a `.h5` file is written for
  // (saving::LegacyH5Reader; tf-keras 2 needs its own).
  void save(const std::string& filepath, bool include_optimizer = true) const;
  void save(const std::string& filepath, const saving::SaveOptions& options) const;

  // --- Training -----------------------------------------------------------------------------
  void compile(const CompileOptions& options = {});
  bool compiled() const { return compile_ != nullptr; }
  History fit(const Data& x, const Data& y = {}, const FitOptions& options = {});
  History fit(utils::PyDataset& data, const FitOptions& options = {});
  Evaluation evaluate(const Data& x, const Data& y = {}, const EvaluateOptions& options = {});
  Evaluation evaluate(utils::PyDataset& data, const EvaluateOptions& options = {});
  Data predict(const Data& x, const PredictOptions& options = {});
  Evaluation train_on_batch(const Data& x, const Data& y = {}, const BatchOptions& options = {});
  Evaluation test_on_batch(const Data& x, const Data& y = {}, const BatchOptions& options = {});
  Data predict_on_batch(const Data& x);
  // Names of the logged values in order ("loss", then metrics), once compiled and run.
  std::vector<std::string> metrics_names() const;
  // The compiled optimizer (null before compile).
  std::shared_ptr<optimizers::Optimizer> optimizer() const;
  // Keras's alias of trainable_weights.
  std::vector<Variable> trainable_variables() const { return trainable_weights(); }

  // --- Customizing fit (Keras 3's Trainer methods; the defaults are what fit runs) ----------
  // One training step on a batch: forward under a GradientTape, compute_loss, scale the loss by
  // the optimizer's loss_scale_factor, gradients, optimizer update, loss tracker,
  // compute_metrics. Returns the logs the callbacks see for this batch.
  virtual callbacks::Logs train_step(const Batch& data);
  // One evaluation step: forward (training = false), compute_loss, loss tracker,
  // compute_metrics.
  virtual callbacks::Logs test_step(const Batch& data);
  // One prediction step: the model's outputs for data.x (one tensor, a list or a dict, as the
  // model defines its outputs). predict concatenates the batches' results along axis 0.
  virtual Data predict_step(const Batch& data);
  // The total loss: the compiled losses (weighted by loss_weights, per output) plus the
  // model's `losses()` (regularizers, add_loss). `x` and `training` are unused by default.
  // ValueError when there is no loss at all.
  virtual Tensor compute_loss(const Data& x, const Data& y, const Data& y_pred,
                              const Data& sample_weight = {}, bool training = true);
  // Updates the compiled metrics and returns get_metrics_result().
  virtual callbacks::Logs compute_metrics(const Data& x, const Data& y, const Data& y_pred,
                                          const Data& sample_weight = {});
  // The metrics fit resets at each epoch and evaluate at its start: the loss tracker ("loss"),
  // the per-output loss trackers, then the compiled metrics (built on the first batch).
  // Override to list your own metrics instead.
  virtual std::vector<std::shared_ptr<metrics::Metric>> metrics() const;
  // Resets every metric in metrics().
  virtual void reset_metrics();
  // {name: result} of every metric in metrics() (compiled metrics under the names Keras logs).
  callbacks::Logs get_metrics_result() const;
  // Set by callbacks (EarlyStopping, TerminateOnNaN) to end fit after the current batch.
  bool stop_training = false;

 protected:
  std::shared_ptr<Layer> graph_handle() override;
  // Sequential builds its graph lazily.
  void set_graph(std::shared_ptr<FunctionalGraph> graph);
  const std::shared_ptr<FunctionalGraph>& graph() const { return graph_; }

 private:
  std::shared_ptr<FunctionalGraph> graph_;
  std::unique_ptr<CompileState> compile_;
  friend class Trainer;
};

// A shared handle to a model (the one ownership rule, keras/core/handle.hpp): copies share the
// model, `model(x)` calls it, it nests into other models and Sequentials like a layer, and the
// Keras training API reads as in Python — `model.compile(...)`, `model.fit(...)`,
// `model.predict(...)` — with `->` reaching everything else (`model->layers()`, a subclass's own
// members). Made by make_model; `models::load_model` returns one too.
template <class M = Model>
class ModelHandle : public LayerHandle<M> {
 public:
  using LayerHandle<M>::LayerHandle;
  using LayerHandle<M>::get;
  using LayerHandle<M>::operator();

  void compile(const CompileOptions& options = {}) const { get().compile(options); }
  History fit(const Data& x, const Data& y = {}, const FitOptions& options = {}) const {
    return get().fit(x, y, options);
  }
  History fit(utils::PyDataset& data, const FitOptions& options = {}) const {
    return get().fit(data, options);
  }
  Evaluation evaluate(const Data& x, const Data& y = {},
                      const EvaluateOptions& options = {}) const {
    return get().evaluate(x, y, options);
  }
  Evaluation evaluate(utils::PyDataset& data, const EvaluateOptions& options = {}) const {
    return get().evaluate(data, options);
  }
  Data predict(const Data& x, const PredictOptions& options = {}) const {
    return get().predict(x, options);
  }
  Evaluation train_on_batch(const Data& x, const Data& y = {},
                            const BatchOptions& options = {}) const {
    return get().train_on_batch(x, y, options);
  }
  Evaluation test_on_batch(const Data& x, const Data& y = {},
                           const BatchOptions& options = {}) const {
    return get().test_on_batch(x, y, options);
  }
  Data predict_on_batch(const Data& x) const { return get().predict_on_batch(x); }
  void save_weights(const std::string& filepath) const { get().save_weights(filepath); }
  void load_weights(const std::string& filepath, const LoadWeightsOptions& options = {}) const {
    get().load_weights(filepath, options);
  }
  void save(const std::string& filepath, bool include_optimizer = true) const {
    get().save(filepath, include_optimizer);
  }
  void save(const std::string& filepath, const saving::SaveOptions& options) const {
    get().save(filepath, options);
  }
  void summary(const std::function<void(const std::string&)>& print_fn = {}) const {
    get().summary(print_fn);
  }
};

// A new model of class M on the heap, behind a handle: `auto net = keras::make_model<Net>();`
// for a subclassed model, `keras::make_model<keras::Model>(inputs, outputs)` for a functional
// one. A model declared on the stack (`Model model(inputs, outputs);`) trains the same way but
// cannot be shared or nested in another model: nesting asks for a handle.
template <class M = Model, class... Args>
ModelHandle<M> make_model(Args&&... args) {
  return ModelHandle<M>(std::make_shared<M>(std::forward<Args>(args)...));
}

}  // namespace keras
