#include "keras/layers/registry.hpp"

#include <algorithm>
#include <mutex>

#include "keras/core/errors.hpp"
#include "keras/layers/layers.hpp"
#include "keras/models/sequential.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/lambda_refusal.hpp"
#include "src/layers/legacy_config.hpp"
#include "src/saving/custom_objects.hpp"

namespace keras::layers {

namespace {

// Built explicitly on first use (no static-initialisation registration).
std::vector<LayerEntry> builtin_layers() {
  return {
      {"InputLayer", "core", InputLayerImpl::from_config},
      {"Dense", "core", DenseImpl::from_config},
      {"Embedding", "core", EmbeddingImpl::from_config},
      {"Identity", "core", IdentityImpl::from_config},
      {"Masking", "core", MaskingImpl::from_config},
      {"EinsumDense", "core", EinsumDenseImpl::from_config},
      {"Activation", "activations", ActivationImpl::from_config},
      {"ReLU", "activations", ReLUImpl::from_config},
      {"LeakyReLU", "activations", LeakyReLUImpl::from_config},
      {"PReLU", "activations", PReLUImpl::from_config},
      {"ELU", "activations", ELUImpl::from_config},
      {"Softmax", "activations", SoftmaxImpl::from_config},
      {"ThresholdedReLU", "activations", ThresholdedReLUImpl::from_config},
      {"BatchNormalization", "normalization", BatchNormalizationImpl::from_config},
      {"LayerNormalization", "normalization", LayerNormalizationImpl::from_config},
      {"GroupNormalization", "normalization", GroupNormalizationImpl::from_config},
      {"UnitNormalization", "normalization", UnitNormalizationImpl::from_config},
      {"Conv1D", "convolutional", Conv1DImpl::from_config},
      {"Conv2D", "convolutional", Conv2DImpl::from_config},
      {"Conv3D", "convolutional", Conv3DImpl::from_config},
      {"Conv1DTranspose", "convolutional", Conv1DTransposeImpl::from_config},
      {"Conv2DTranspose", "convolutional", Conv2DTransposeImpl::from_config},
      {"Conv3DTranspose", "convolutional", Conv3DTransposeImpl::from_config},
      {"DepthwiseConv1D", "convolutional", DepthwiseConv1DImpl::from_config},
      {"DepthwiseConv2D", "convolutional", DepthwiseConv2DImpl::from_config},
      {"SeparableConv1D", "convolutional", SeparableConv1DImpl::from_config},
      {"SeparableConv2D", "convolutional", SeparableConv2DImpl::from_config},
      {"Dropout", "regularization", DropoutImpl::from_config},
      {"SpatialDropout1D", "regularization", SpatialDropout1DImpl::from_config},
      {"SpatialDropout2D", "regularization", SpatialDropout2DImpl::from_config},
      {"SpatialDropout3D", "regularization", SpatialDropout3DImpl::from_config},
      {"GaussianNoise", "regularization", GaussianNoiseImpl::from_config},
      {"GaussianDropout", "regularization", GaussianDropoutImpl::from_config},
      {"AlphaDropout", "regularization", AlphaDropoutImpl::from_config},
      {"ActivityRegularization", "regularization", ActivityRegularizationImpl::from_config},
      {"MaxPooling1D", "pooling", MaxPooling1DImpl::from_config},
      {"MaxPooling2D", "pooling", MaxPooling2DImpl::from_config},
      {"MaxPooling3D", "pooling", MaxPooling3DImpl::from_config},
      {"AveragePooling1D", "pooling", AveragePooling1DImpl::from_config},
      {"AveragePooling2D", "pooling", AveragePooling2DImpl::from_config},
      {"AveragePooling3D", "pooling", AveragePooling3DImpl::from_config},
      {"GlobalMaxPooling1D", "pooling", GlobalMaxPooling1DImpl::from_config},
      {"GlobalMaxPooling2D", "pooling", GlobalMaxPooling2DImpl::from_config},
      {"GlobalMaxPooling3D", "pooling", GlobalMaxPooling3DImpl::from_config},
      {"GlobalAveragePooling1D", "pooling", GlobalAveragePooling1DImpl::from_config},
      {"GlobalAveragePooling2D", "pooling", GlobalAveragePooling2DImpl::from_config},
      {"GlobalAveragePooling3D", "pooling", GlobalAveragePooling3DImpl::from_config},
      {"Flatten", "reshaping", FlattenImpl::from_config},
      {"Reshape", "reshaping", ReshapeImpl::from_config},
      {"Permute", "reshaping", PermuteImpl::from_config},
      {"RepeatVector", "reshaping", RepeatVectorImpl::from_config},
      {"Cropping1D", "reshaping", Cropping1DImpl::from_config},
      {"Cropping2D", "reshaping", Cropping2DImpl::from_config},
      {"Cropping3D", "reshaping", Cropping3DImpl::from_config},
      {"ZeroPadding1D", "reshaping", ZeroPadding1DImpl::from_config},
      {"ZeroPadding2D", "reshaping", ZeroPadding2DImpl::from_config},
      {"ZeroPadding3D", "reshaping", ZeroPadding3DImpl::from_config},
      {"UpSampling1D", "reshaping", UpSampling1DImpl::from_config},
      {"UpSampling2D", "reshaping", UpSampling2DImpl::from_config},
      {"UpSampling3D", "reshaping", UpSampling3DImpl::from_config},
      {"Add", "merging", AddImpl::from_config},
      {"Subtract", "merging", SubtractImpl::from_config},
      {"Multiply", "merging", MultiplyImpl::from_config},
      {"Average", "merging", AverageImpl::from_config},
      {"Maximum", "merging", MaximumImpl::from_config},
      {"Minimum", "merging", MinimumImpl::from_config},
      {"Concatenate", "merging", ConcatenateImpl::from_config},
      {"Dot", "merging", DotImpl::from_config},
      {"SimpleRNNCell", "rnn", SimpleRNNCellImpl::from_config},
      {"LSTMCell", "rnn", LSTMCellImpl::from_config},
      {"GRUCell", "rnn", GRUCellImpl::from_config},
      {"SimpleRNN", "rnn", SimpleRNNImpl::from_config},
      {"LSTM", "rnn", LSTMImpl::from_config},
      {"GRU", "rnn", GRUImpl::from_config},
      {"StackedRNNCells", "rnn", StackedRNNCellsImpl::from_config},
      {"RNN", "rnn", RNNImpl::from_config},
      {"Bidirectional", "rnn", BidirectionalImpl::from_config},
      {"TimeDistributed", "rnn", TimeDistributedImpl::from_config},
      {"ConvLSTM1D", "rnn", ConvLSTM1DImpl::from_config},
      {"ConvLSTM2D", "rnn", ConvLSTM2DImpl::from_config},
      {"ConvLSTM3D", "rnn", ConvLSTM3DImpl::from_config},
      {"MultiHeadAttention", "attention", MultiHeadAttentionImpl::from_config},
      {"Attention", "attention", AttentionImpl::from_config},
      {"AdditiveAttention", "attention", AdditiveAttentionImpl::from_config},
      {"GroupQueryAttention", "attention", GroupQueryAttentionImpl::from_config},
      {"Rescaling", "preprocessing", RescalingImpl::from_config},
      {"Normalization", "preprocessing", NormalizationImpl::from_config},
      {"CategoryEncoding", "preprocessing", CategoryEncodingImpl::from_config},
      {"Resizing", "preprocessing", ResizingImpl::from_config},
      {"CenterCrop", "preprocessing", CenterCropImpl::from_config},
      // Models are layers too (nested models in a config); "Model" is tf.keras's name.
      {"Functional", "models", Model::from_config},
      {"Model", "models", Model::from_config},
      {"Sequential", "models", Sequential::from_config},
  };
}

std::mutex& registry_mutex() {
  static std::mutex m;
  return m;
}

std::vector<LayerEntry>& registry() {
  static std::vector<LayerEntry> entries = builtin_layers();
  return entries;
}

}  // namespace

const std::vector<LayerEntry>& layer_registry() {
  std::lock_guard<std::mutex> lock(registry_mutex());
  return registry();
}

void register_layer(LayerEntry entry) {
  if (entry.class_name.empty() || !entry.from_config)
    throw ValueError("register_layer needs a class name and a from_config function");
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (auto& e : registry())
    if (e.class_name == entry.class_name) {
      e = std::move(entry);
      return;
    }
  registry().push_back(std::move(entry));
}

namespace {

const LayerEntry* find_registered(const std::string& class_name) {
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (const auto& e : registry())
    if (e.class_name == class_name) return &e;
  return nullptr;
}

std::string registered_layer_names() {
  std::string known;
  for (const auto& name : saving::detail::scoped_layer_names()) known += name + ", ";
  std::lock_guard<std::mutex> lock(registry_mutex());
  for (const auto& e : registry()) known += e.class_name + ", ";
  return known.substr(0, known.size() - 2);
}

}  // namespace

const LayerEntry& find_layer(const std::string& class_name) {
  if (const LayerEntry* entry = find_registered(class_name)) return *entry;
  throw ValueError(
      "Unknown layer: '" + class_name +
      "'. Please ensure you are using a `keras.utils.custom_object_scope` and that this object is "
      "included in the scope (in C++: keras::layers::register_layer). Supported layers: " +
      registered_layer_names());
}

namespace {

// Keras's lookup order (serialization_lib._retrieve_class_or_fn): custom objects first, by the
// config's registered_name ("package>Name"), then the class name for what Keras wrote without
// one; a live CustomObjectScope (or load_model's custom_objects) before the global registry.
saving::LayerFactory resolve(const std::string& class_name, const ConfigValue& registered_name,
                             const ConfigValue& config) {
  std::vector<std::string> names;
  if (registered_name.is_string() && registered_name.as_string() != class_name)
    names.push_back(registered_name.as_string());
  names.push_back(class_name);
  for (const auto& name : names)
    if (const auto* factory = saving::detail::find_scoped_layer(name)) return *factory;
  for (const auto& name : names)
    if (const LayerEntry* entry = find_registered(name)) return entry->from_config;
  const ConfigValue name = config.is_dict() ? config.get("name") : ConfigValue();
  const std::string layer_name = name.is_string() ? name.as_string() : "(unnamed)";
  if (class_name == "Lambda") detail::refuse_lambda(config, layer_name);
  throw ValueError("Could not locate class '" + names.front() + "' (layer '" + layer_name +
                   "'). Make sure custom classes are registered: "
                   "keras::layers::register_layer (Keras's register_keras_serializable), a "
                   "keras::saving::CustomObjectScope, or the custom_objects of load_model / "
                   "model_from_json, under the config's registered_name or class_name. "
                   "Registered layers: " +
                   registered_layer_names());
}

}  // namespace

std::shared_ptr<Layer> deserialize(const ConfigValue& serialized) {
  if (!serialized.is_dict() || !serialized.contains("class_name"))
    throw ValueError("A serialized layer must be a dict with `class_name` and `config`; received " +
                     serialized.dump());
  auto [class_name, config] = detail::upgrade_keras1_layer(
      serialized.at("class_name").as_string(), serialized.get("config", ConfigValue::dict()));
  auto layer = resolve(class_name, serialized.get("registered_name"), config)(config);
  // activity_regularizer is a base Layer argument: honoured for every class, including those
  // whose from_config does not read it.
  if (layer && !layer->activity_regularizer() && config.contains("activity_regularizer"))
    layer->set_activity_regularizer(read_regularizer(config.at("activity_regularizer")));
  // As Keras's deserialize_keras_object: a saved build_config builds the layer at once, so its
  // weights exist before any call (a layer saved on its own, or a model's layer never called).
  if (layer && serialized.get("build_config").is_dict())
    layer->build_from_config(serialized.at("build_config"));
  return layer;
}

std::string supported_layers_markdown() {
  // Grouped as keras/src/layers groups them, groups in first-registration order.
  std::vector<std::string> groups;
  for (const auto& e : layer_registry())
    if (e.group != "models" && std::find(groups.begin(), groups.end(), e.group) == groups.end())
      groups.push_back(e.group);
  std::string out = "| group | layers |\n|---|---|\n";
  for (const auto& g : groups) {
    std::string names;
    for (const auto& e : layer_registry())
      if (e.group == g) names += (names.empty() ? "`" : ", `") + e.class_name + "`";
    out += "| " + g + " | " + names + " |\n";
  }
  return out;
}

ConfigValue serialize(const Layer& layer) {
  // Keras's serialize_keras_object: the public module of the class, and for models their
  // build and compile configs (Functional is registered under its own name). A custom class
  // registered as "package>Name" writes that registered_name, which Keras's loader looks up
  // first, and no module (it has no Python one).
  const auto* model = dynamic_cast<const Model*>(&layer);
  std::string cls = layer.class_name();
  const auto builtins = builtin_layers();
  const bool builtin = std::any_of(builtins.begin(), builtins.end(),
                                   [&](const LayerEntry& e) { return e.class_name == cls; });
  ConfigValue registered_name = cls == "Functional" ? ConfigValue("Functional") : ConfigValue();
  if (!builtin) {
    registered_name = cls;
    std::lock_guard<std::mutex> lock(registry_mutex());
    for (const auto& e : registry())
      if (e.class_name.ends_with(">" + cls)) registered_name = e.class_name;
  }
  ConfigValue c = ConfigValue::dict();
  c["module"] = !builtin              ? ConfigValue()
                : cls == "Functional" ? ConfigValue("keras.src.models.functional")
                : cls == "Sequential" ? ConfigValue("keras")
                                      : ConfigValue("keras.layers");
  c["class_name"] = cls;
  c["config"] = layer.get_config();
  c["registered_name"] = registered_name;
  ConfigValue build = layer.get_build_config();
  if (!build.is_null()) c["build_config"] = build;
  if (model) c["compile_config"] = model->get_compile_config();
  return c;
}

}  // namespace keras::layers
