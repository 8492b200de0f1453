// model.save("m.h5"): the legacy HDF5 full-model file as Keras 3.15 writes it
// (keras/src/legacy/saving/legacy_h5_format.py), so Keras 3's load_model reads it back with
// its compile state and optimizer weights:
//   attrs        keras_version, backend, model_config (JSON), training_config (JSON)
//   model_weights/            attrs layer_names, backend, keras_version
//     <layer>/                attr weight_names; one dataset per name ("<layer>/kernel")
//     top_level_model_weights/  (a model's own variables; none here)
//   optimizer_weights/        attr weight_names; the optimizer's variables in order
// Configs use the older serialization Keras keeps for this format, in the dialect tf-keras 2
// loads too (src/io/legacy_h5_dialect.cpp); functions in the training config are their names.
// Written for tf-keras (saving::LegacyH5Reader::tf_keras_2), the file is tf-keras 2's: its
// call nodes, MultiHeadAttention config and optimizer state (src/io/tf_keras_h5_dialect.cpp,
// tf_keras_optimizer_weights.cpp).
#include <algorithm>

#include "keras/layers/registry.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/io/hdf5/hdf5.hpp"
#include "src/io/legacy_h5.hpp"
#include "src/io/legacy_h5_dialect.hpp"
#include "src/io/optimizer_state.hpp"
#include "src/io/temp_file.hpp"
#include "src/io/tf_keras_h5_dialect.hpp"
#include "src/io/tf_keras_optimizer_weights.hpp"

namespace keras::io {

namespace {

// What legacy readers call the backend: whose weight layout the kernels follow. Keras 1/2
// convert kernels only from "theano"; ours are laid out as TensorFlow's (and JAX's).
constexpr const char* kBackend = "tensorflow";

// Losses and metrics in a training config: a built-in function by its name, an object as
// {class_name, config}; lists and dicts (per-output) element by element.
ConfigValue legacy_object(const ConfigValue& value) {
  if (value.is_list()) {
    ConfigValue out = ConfigValue::list();
    for (const auto& v : value.as_list()) out.push_back(legacy_object(v));
    return out;
  }
  if (!value.is_dict()) return value;
  if (!value.contains("class_name")) {
    ConfigValue out = ConfigValue::dict();
    for (const auto& [k, v] : value.as_dict()) out[k] = legacy_object(v);
    return out;
  }
  if (value.at("class_name") == ConfigValue("function")) return value.get("config");
  return ConfigValue::Dict{{"class_name", value.at("class_name")},
                           {"config", value.get("config", ConfigValue::dict())}};
}

ConfigValue training_config(const Model& model, saving::LegacyH5Reader reader) {
  ConfigValue compile = model.get_compile_config();
  ConfigValue out = ConfigValue::dict();
  for (const auto& [key, value] : compile.as_dict())
    if (key != "optimizer") out[key] = legacy_object(value);
  if (reader == saving::LegacyH5Reader::tf_keras_2 && out.contains("metrics") &&
      (!out.contains("weighted_metrics") || out.at("weighted_metrics").is_null())) {
    const auto compiled = model.metrics();  // the loss tracker, then the compiled metrics
    std::vector<std::string> classes;
    for (std::size_t i = 1; i < compiled.size(); ++i) classes.push_back(compiled[i]->class_name());
    out["metrics"] = tf_keras_metrics(out.at("metrics"), classes, model.outputs().size());
  }
  const auto& optimizer = *model.optimizer();
  out["optimizer_config"] =
      reader == saving::LegacyH5Reader::tf_keras_2
          ? tf_keras_optimizer_config(optimizer.class_name(), optimizer.get_config())
          : ConfigValue::Dict{{"class_name", optimizer.class_name()},
                              {"config", legacy_h5_optimizer_config(optimizer.get_config())}};
  return out;
}

std::string weight_name(const Layer& layer, const Variable& v) {
  return v.path().empty() ? layer.name() + "/" + v.name() : v.path();
}

// Datasets under `group` named by `names`, listed in its weight_names attribute.
void write_weights(const hdf5::Group& group, const std::vector<std::string>& names,
                   const std::vector<Variable>& vars) {
  group.set_string_array_attr("weight_names", names);
  for (std::size_t i = 0; i < vars.size(); ++i) group.write(names[i], vars[i].value());
}

void write_model_weights(const hdf5::Group& group, const Model& model,
                         const std::string& keras_version) {
  auto layers = model.layers();
  std::vector<std::string> layer_names;
  for (const auto& l : layers) layer_names.push_back(l->name());
  group.set_string_array_attr("layer_names", layer_names);
  group.set_string_attr("backend", kBackend);
  group.set_string_attr("keras_version", keras_version);
  // Sorted by name, as Keras does, so that no group name is created after one it prefixes.
  std::sort(layers.begin(), layers.end(),
            [](const auto& a, const auto& b) { return a->name() < b->name(); });
  for (const auto& layer : layers) {
    const auto vars = legacy_weight_order(*layer);
    std::vector<std::string> names;
    for (const auto& v : vars) names.push_back(weight_name(*layer, v));
    write_weights(group.create_group(layer->name()), names, vars);
  }
  write_weights(group.create_group("top_level_model_weights"), {}, {});
}

void write_optimizer_weights(const hdf5::Group& root, const Model& model,
                             saving::LegacyH5Reader reader) {
  const auto& optimizer = *model.optimizer();
  std::vector<std::string> names;
  std::vector<Variable> vars;
  if (reader == saving::LegacyH5Reader::tf_keras_2) {
    auto weights = tf_keras_optimizer_weights(model);
    names = std::move(weights.names);
    vars = std::move(weights.variables);
  } else {
    vars = optimizer.variables();
    for (const auto& v : vars) names.push_back(v.path().empty() ? v.name() : v.path());
  }
  // Datasets are keyed by these names. Adafactor names both factors of a matrix after it, as
  // Keras does, and Keras's own .h5 save fails on them ("name already exists").
  for (std::size_t i = 0; i < names.size(); ++i)
    for (std::size_t j = 0; j < i; ++j)
      if (names[i] == names[j])
        throw ValueError("The legacy .h5 format cannot hold the state of optimizer '" +
                         optimizer.name() + "' (" + optimizer.class_name() +
                         "): two of its variables are named '" + names[i] +
                         "' (Keras's .h5 save fails on them too). Save as .keras, or with "
                         "include_optimizer=false.");
  write_weights(root.create_group("optimizer_weights"), names, vars);
}

}  // namespace

void save_legacy_h5(const Model& model, const std::string& filepath, bool include_optimizer,
                    saving::LegacyH5Reader reader) {
  if (!model.built())
    throw ValueError("save('" + filepath +
                     "'): the model has not been built yet, so it has no weights to save; call "
                     "it on data or give it an Input first");
  ConfigValue model_config = legacy_h5_layer(layers::serialize(model), reader);
  const std::string keras_version = legacy_h5_keras_version(model_config, filepath, reader);
  const bool with_training = include_optimizer && model.compiled();
  TempFile tmp = TempFile::beside(filepath);
  hdf5::File file = hdf5::File::create(tmp.path());
  {
    const hdf5::Group root = file.root();
    root.set_string_attr("keras_version", keras_version);
    root.set_string_attr("backend", kBackend);
    root.set_string_attr("model_config", model_config.dump());
    if (with_training)
      root.set_string_attr("training_config", training_config(model, reader).dump());
    write_model_weights(root.create_group("model_weights"), model, keras_version);
    if (with_training && model.optimizer()->built()) write_optimizer_weights(root, model, reader);
  }
  file.close();
  tmp.commit_to(filepath);
}

}  // namespace keras::io
