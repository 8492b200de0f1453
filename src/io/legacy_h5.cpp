#include "src/io/legacy_h5.hpp"

#include <map>

#include "keras/core/errors.hpp"
#include "keras/models/models.hpp"
#include "src/utils/messages.hpp"
#include "src/io/hdf5/hdf5.hpp"
#include "src/io/loaded_weights.hpp"
#include "src/io/model_from_file.hpp"
#include "src/io/optimizer_state.hpp"
#include "src/io/pre_keras3_files.hpp"
#include "src/io/tf_keras_optimizer_weights.hpp"

namespace keras::io {

std::vector<Variable> legacy_weight_order(const Layer& layer) {
  std::vector<Variable> out = layer.trainable_weights();
  for (const auto& v : layer.non_trainable_weights()) out.push_back(v);
  return out;
}

namespace {

// Reads and checks everything before any weight changes, so a file that does not fit leaves
// the model as it was; Keras's messages (legacy_h5_format.py).
class WeightLoader {
 public:
  WeightLoader(const hdf5::Group& group, std::string file, bool skip_mismatch)
      : group_(group), file_(std::move(file)), skip_mismatch_(skip_mismatch) {}

  // The names in layer_names whose groups hold weights.
  std::vector<std::string> saved_layers_with_weights() const {
    std::vector<std::string> names;
    for (const auto& name : group_.string_array_attr("layer_names")) {
      if (group_.kind(name) != hdf5::Kind::group)
        throw IOError("'" + file_ + "': layer_names lists \"" + name + "\", which has no group");
      if (!weight_names(name).empty()) names.push_back(name);
    }
    return names;
  }
  std::vector<std::string> weight_names(const std::string& layer) const {
    auto g = group_.group(layer);
    return g.has_attr("weight_names") ? g.string_array_attr("weight_names")
                                      : std::vector<std::string>{};
  }
  std::vector<Tensor> values(const std::string& layer, const std::vector<Variable>& like) const {
    auto g = group_.group(layer);
    std::vector<Tensor> out;
    const auto names = weight_names(layer);
    for (std::size_t i = 0; i < names.size(); ++i)
      out.push_back(g.dataset(names[i]).read(i < like.size() ? like[i].dtype() : DType::float32));
    return out;
  }
  // Keras's _set_weights: each value onto its variable, shapes checked.
  void set(const std::vector<Variable>& vars, const std::vector<Tensor>& values,
           const std::string& name) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i].shape() != vars[i].shape()) {
        const std::string what = name + "for weight " + vars[i].path() + ". Weight expects shape " +
                                 vars[i].shape().to_string() +
                                 ". Received saved weight with shape " +
                                 values[i].shape().to_string() + " (file '" + file_ + "')";
        if (!skip_mismatch_) throw ValueError("Shape mismatch in " + what);
        utils::detail::warn("Skipping loading weights for " + what);
        continue;
      }
      assignments_.push_back({vars[i], values[i], name + "saved weight " + std::to_string(i)});
    }
  }
  // Layer count or weight count mismatches (which skip_mismatch does not excuse in
  // topological loading, as in Keras).
  [[noreturn]] void fail(const std::string& message) const {
    throw ValueError(message + " (file '" + file_ + "')");
  }
  void warn(const std::string& message) const {
    utils::detail::warn(message + " (file '" + file_ + "')");
  }
  bool skip_mismatch() const { return skip_mismatch_; }
  void commit() { assign_loaded_weights(assignments_, file_); }

 private:
  hdf5::Group group_;
  std::string file_;
  bool skip_mismatch_;
  std::vector<LoadedWeight> assignments_;
};

std::string count_message(std::size_t k, const std::string& layer, std::size_t expects,
                          std::size_t received) {
  return "Layer #" + std::to_string(k) + " (named " + layer + ") expects " +
         std::to_string(expects) + " weight(s). Received " + std::to_string(received) +
         " saved weight(s)";
}

void load_in_order(Model& model, WeightLoader& loader) {
  std::vector<std::shared_ptr<Layer>> layers;
  for (const auto& l : model.layers())
    if (!legacy_weight_order(*l).empty()) layers.push_back(l);
  const auto names = loader.saved_layers_with_weights();
  if (names.size() != layers.size())
    loader.fail("Layer count mismatch when loading weights from file. Model expected " +
                std::to_string(layers.size()) + " layers, found " + std::to_string(names.size()) +
                " saved layers.");
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto vars = legacy_weight_order(*layers[k]);
    const auto values = merge_keras1_gate_weights(*layers[k], loader.values(names[k], vars));
    if (values.size() != vars.size())
      loader.fail("Weight count mismatch for layer #" + std::to_string(k) + " (named " +
                  layers[k]->name() + " in the current model, " + names[k] +
                  " in the save file). Layer expects " + std::to_string(vars.size()) +
                  " weight(s). Received " + std::to_string(values.size()) + " saved weight(s)");
    loader.set(vars, values, "layer #" + std::to_string(k) + " (named " + layers[k]->name() + ") ");
  }
}

void load_by_name(Model& model, WeightLoader& loader, const hdf5::Group& group) {
  std::map<std::string, std::vector<std::shared_ptr<Layer>>> index;
  for (const auto& l : model.layers()) index[l->name()].push_back(l);
  const auto names = group.string_array_attr("layer_names");
  for (std::size_t k = 0; k < names.size(); ++k) {
    auto it = index.find(names[k]);
    if (it == index.end()) continue;
    for (const auto& layer : it->second) {
      const auto vars = legacy_weight_order(*layer);
      const auto values = merge_keras1_gate_weights(*layer, loader.values(names[k], vars));
      if (values.size() != vars.size()) {
        const std::string message = count_message(k, layer->name(), vars.size(), values.size());
        if (!loader.skip_mismatch()) loader.fail("Weight count mismatch for " + message);
        loader.warn("Skipping loading of weights for " + message);
        continue;
      }
      loader.set(vars, values, "layer #" + std::to_string(k) + " (named " + layer->name() + ") ");
    }
  }
}

void load_weights_group(Model& model, const hdf5::Group& group, const std::string& file,
                        bool by_name, bool skip_mismatch) {
  WeightLoader loader(group, file, skip_mismatch);
  if (by_name) load_by_name(model, loader, group);
  else load_in_order(model, loader);
  loader.commit();
}

// optimizer_weights: its weight_names and their values, in that order (the optimizer's
// variables).
struct SavedOptimizerWeights {
  std::vector<std::string> names;
  std::vector<Tensor> values;
};
SavedOptimizerWeights optimizer_weights(const hdf5::Group& root) {
  if (root.kind("optimizer_weights") != hdf5::Kind::group) return {};
  auto group = root.group("optimizer_weights");
  SavedOptimizerWeights out;
  out.names = group.string_array_attr("weight_names");
  for (const auto& name : out.names) out.values.push_back(group.dataset(name).read());
  return out;
}

// Keras 3 files hold its optimizer's variables (iteration, learning_rate, slots), as ours are
// ordered; tf.keras 2.11+ files hold them under TensorFlow names, mapped onto ours by name.
// Other layouts (Keras 2's legacy optimizers) Keras 3 cannot restore either: as Keras, a
// warning and a freshly initialized optimizer.
void restore_legacy_optimizer(Model& model, SavedOptimizerWeights saved, const std::string& file) {
  if (saved.values.empty()) return;
  try {
    if (is_tf_keras_optimizer_layout(saved.names))
      saved.values = tf_keras_optimizer_values(model, saved.names, saved.values, file);
    restore_optimizer_state(model, std::move(saved.values), file);
  } catch (const ValueError& e) {
    utils::detail::warn(
        std::string("Error in loading the saved optimizer state. As a result, your model is "
                    "starting with a freshly initialized optimizer. (") +
        e.what() + ")");
  }
}

}  // namespace

bool is_legacy_model_h5(const std::string& filepath) {
  return hdf5::File::open_read(filepath).root().has_attr("model_config");
}

ModelHandle<> load_legacy_h5(const std::string& filepath, bool compile) {
  auto file = hdf5::File::open_read(filepath);
  auto root = file.root();
  if (!root.has_attr("model_config"))
    throw ValueError("'" + filepath +
                     "' holds no model_config: it is a weights-only file; build "
                     "the model and call load_weights on it");
  ConfigValue config;
  try {
    config = ConfigValue::parse(root.string_attr("model_config"));
  } catch (const ValueError& e) {
    throw IOError("'" + filepath + "': model_config is not valid JSON: " + e.what());
  }
  if (saved_before_keras3(root.has_attr("keras_version") ? root.string_attr("keras_version") : ""))
    config = with_pre_keras3_semantics(config);
  ModelHandle<> model = model_from_file_config(config, filepath);
  if (root.kind("model_weights") == hdf5::Kind::group)
    load_weights_group(*model, root.group("model_weights"), filepath, false, false);
  if (compile && root.has_attr("training_config")) {
    ConfigValue training;
    try {
      training = ConfigValue::parse(root.string_attr("training_config"));
    } catch (const ValueError& e) {
      throw IOError("'" + filepath + "': training_config is not valid JSON: " + e.what());
    }
    model->compile_from_config(training);
    restore_legacy_optimizer(*model, optimizer_weights(root), filepath);
  }
  return model;
}

void load_legacy_weights_h5(Model& model, const std::string& filepath, bool by_name,
                            bool skip_mismatch) {
  auto file = hdf5::File::open_read(filepath);
  auto root = file.root();
  // A full-model file keeps its weights in model_weights; save_weights wrote them at the root.
  const bool nested =
      !root.has_attr("layer_names") && root.kind("model_weights") == hdf5::Kind::group;
  load_weights_group(model, nested ? root.group("model_weights") : root, filepath, by_name,
                     skip_mismatch);
}

}  // namespace keras::io
