#include "src/io/legacy_h5.hpp"

#include "keras/core/errors.hpp"
#include "keras/models/models.hpp"
#include "src/io/hdf5/hdf5.hpp"
#include "src/io/model_from_file.hpp"

namespace keras::io {

namespace {

// Keras 2 orders a layer's weights trainable first, then non-trainable (`layer.weights`), and
// a nested model's as all of its layers' together in that order.
std::vector<Variable> legacy_weight_order(const Layer& layer) {
  std::vector<Variable> out = layer.trainable_weights();
  for (const auto& v : layer.non_trainable_weights()) out.push_back(v);
  return out;
}

void load_weights_group(Model& model, const hdf5::Group& group, const std::string& file) {
  std::vector<std::shared_ptr<Layer>> layers;
  for (const auto& l : model.layers())
    if (!l->weights().empty()) layers.push_back(l);
  std::vector<std::string> names;
  for (const auto& name : group.string_array_attr("layer_names")) {
    if (group.kind(name) != hdf5::Kind::group)
      throw IOError("'" + file + "': layer_names lists \"" + name + "\", which has no group");
    if (group.group(name).has_attr("weight_names") &&
        !group.group(name).string_array_attr("weight_names").empty())
      names.push_back(name);
  }
  if (names.size() != layers.size())
    throw ValueError("'" + file + "': you are trying to load a weight file containing " +
                     std::to_string(names.size()) + " layers with weights into a model with " +
                     std::to_string(layers.size()) + " layers with weights");
  // Read and check everything first, so a mismatch changes no weight.
  std::vector<std::pair<Variable, Tensor>> assignments;
  for (std::size_t k = 0; k < names.size(); ++k) {
    auto g = group.group(names[k]);
    auto weight_names = g.string_array_attr("weight_names");
    auto vars = legacy_weight_order(*layers[k]);
    if (weight_names.size() != vars.size())
      throw ValueError("'" + file + "': layer #" + std::to_string(k) + " (named \"" +
                       layers[k]->name() + "\" in the current model) corresponds to layer \"" +
                       names[k] + "\" in the file, which holds " +
                       std::to_string(weight_names.size()) + " weights; the layer expects " +
                       std::to_string(vars.size()));
    for (std::size_t i = 0; i < vars.size(); ++i) {
      Tensor value = g.dataset(weight_names[i]).read(vars[i].dtype());
      if (value.shape() != vars[i].shape())
        throw ValueError("'" + file + "': weight \"" + weight_names[i] + "\" of layer \"" +
                         names[k] + "\" has shape " + value.shape().to_string() + "; layer \"" +
                         layers[k]->name() + "\" expects " + vars[i].shape().to_string());
      assignments.emplace_back(vars[i], value);
    }
  }
  for (auto& [var, value] : assignments) var.assign(value);
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
  ModelHandle<> model = model_from_file_config(config, filepath);
  if (root.kind("model_weights") == hdf5::Kind::group)
    load_weights_group(*model, root.group("model_weights"), filepath);
  if (compile && root.has_attr("training_config")) {
    ConfigValue training;
    try {
      training = ConfigValue::parse(root.string_attr("training_config"));
    } catch (const ValueError& e) {
      throw IOError("'" + filepath + "': training_config is not valid JSON: " + e.what());
    }
    model->compile_from_config(training);
  }
  return model;
}

void load_legacy_weights_h5(Model& model, const std::string& filepath) {
  auto file = hdf5::File::open_read(filepath);
  auto root = file.root();
  // A full-model file keeps its weights in model_weights; save_weights wrote them at the root.
  if (root.kind("model_weights") == hdf5::Kind::group)
    load_weights_group(model, root.group("model_weights"), filepath);
  else load_weights_group(model, root, filepath);
}

}  // namespace keras::io
