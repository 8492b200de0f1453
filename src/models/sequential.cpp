#include "keras/models/sequential.hpp"

#include "keras/layers/registry.hpp"
#include "src/core/config_reader.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/models/functional_graph.hpp"

namespace keras {

Sequential::Sequential(std::vector<SequentialEntry> layers, const ModelOptions& options)
    : Model(ModelOptions{options.name.empty() ? utils::auto_name("sequential") : options.name,
                         options.trainable}) {
  for (const auto& e : layers) add(e, false);
  rebuild_graph();
}

void Sequential::add(const SequentialEntry& entry, bool rebuild) {
  if (entry.input().defined()) {
    auto input = std::dynamic_pointer_cast<layers::InputLayerImpl>(entry.input().node()->layer);
    if (!input || !layers_.empty() || input_layer_)
      throw ValueError("Sequential: an Input can only be the first entry of the model");
    input_layer_ = input;
  } else {
    const auto& layer = entry.layer();
    if (!layer) throw ValueError("Sequential.add: received an empty layer");
    if (auto input = std::dynamic_pointer_cast<layers::InputLayerImpl>(layer)) {
      if (!layers_.empty() || input_layer_)
        throw ValueError("Sequential: an InputLayer can only be the first layer of the model");
      input_layer_ = input;
    } else {
      for (const auto& l : layers_)
        if (l->name() == layer->name())
          throw ValueError(
              "All layers added to a Sequential model should have unique names. Name \"" +
              layer->name() +
              "\" is already the name of a layer in this model. Update the `name` "
              "argument to pass a unique name.");
      layers_.push_back(layer);
    }
  }
  if (rebuild) rebuild_graph();
}

void Sequential::pop(bool rebuild) {
  if (layers_.empty()) throw ValueError("There are no layers in the model.");
  layers_.pop_back();
  if (rebuild) rebuild_graph();
}

void Sequential::rebuild_graph() {
  if (!input_layer_) {
    set_graph(nullptr);
    set_built(false);
    return;
  }
  NameScope scope(name());  // weights built here are "<model>/<layer>/<weight>", as in Keras
  KerasTensor x = layers::make_input_tensor(input_layer_);
  KerasTensor in = x;
  for (const auto& l : layers_) {
    auto outs = (*l)(std::vector<KerasTensor>{x});
    if (outs.size() != 1)
      throw ValueError(
          "All layers in a Sequential model should have a single output tensor. For multi-output "
          "layers, use the functional API. Layer \"" +
          l->name() + "\" has " + std::to_string(outs.size()) + " outputs");
    x = outs[0];
  }
  if (layers_.empty()) {
    set_graph(nullptr);
    set_built(false);
    return;
  }
  set_graph(FunctionalGraph::build({in}, {x}));
}

void Sequential::build(const Shape& input_shape) {
  if (graph()) return;
  Shape batch_shape = input_shape;
  if (batch_shape.rank() > 0) batch_shape[0] = kNone;
  input_layer_ = std::make_shared<layers::InputLayerImpl>(batch_shape);
  rebuild_graph();
}

std::vector<Tensor> Sequential::call_list(const std::vector<Tensor>& inputs, bool training) {
  if (!graph()) {
    if (inputs.size() != 1)
      throw ValueError("A Sequential model takes a single input; received " +
                       std::to_string(inputs.size()));
    build(inputs[0].shape());
  }
  return Model::call_list(inputs, training);
}

std::vector<Shape> Sequential::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  if (!graph() && input_shapes.size() == 1) build(input_shapes[0]);
  return Model::compute_output_shape_list(input_shapes);
}

std::vector<std::shared_ptr<Layer>> Sequential::layers() const { return layers_; }

ConfigValue Sequential::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["name"] = name();
  c["trainable"] = trainable();
  c["dtype"] = layers::dtype_policy("float32");
  ConfigValue list = ConfigValue::list();
  if (input_layer_) list.push_back(layers::serialize(*input_layer_));
  for (const auto& l : layers_) list.push_back(layers::serialize(*l));
  c["layers"] = list;
  if (input_layer_) c["build_input_shape"] = get_build_config().at("input_shape");
  return c;
}

ConfigValue Sequential::get_build_config() const {
  if (!input_layer_) return Model::get_build_config();
  return ConfigValue::Dict{{"input_shape", layers::shape_to_config(input_layer_->batch_shape())}};
}

std::shared_ptr<Layer> Sequential::from_config(const ConfigValue& config) {
  // Keras 1 - 2.2.2 wrote the layer list alone.
  const ConfigValue& entries = config.is_list() ? config : config.get("layers");
  if (!entries.is_list())
    throw ValueError("A Sequential config needs a `layers` list; received " +
                     config.dump().substr(0, 200));
  ModelOptions options;
  ConfigValue build_input_shape;
  if (config.is_dict()) {
    keras::detail::ConfigReader r(config, "Sequential config");
    r.raw("layers");
    if (const ConfigValue name = r.raw("name"); name.is_string()) options.name = name.as_string();
    options.trainable = r.boolean("trainable", true);
    build_input_shape = r.raw("build_input_shape");
    r.ignore({"dtype"});  // Keras 3.4+: the model's DTypePolicy; its layers carry their own
    r.finish();
  }
  auto model = std::make_shared<Sequential>(std::vector<SequentialEntry>{}, options);
  bool first = true;
  for (const auto& entry : entries.as_list()) {
    if (!entry.is_dict())
      throw ValueError("Sequential config: a layer entry must be a dict, received " +
                       entry.dump().substr(0, 200));
    const ConfigValue& layer_config = entry.get("config", ConfigValue::dict());
    // Keras 1/2: the first layer carries the input's batch shape (and dtype) itself; Keras 1
    // may give only `input_dim` (Dense) for a batch shape of [null, input_dim].
    if (first && entry.get("class_name") != ConfigValue("InputLayer") && layer_config.is_dict()) {
      ConfigValue batch_shape = layer_config.get("batch_input_shape");
      if (!batch_shape.is_list() && layer_config.get("input_dim").is_number())
        batch_shape = ConfigValue::List{ConfigValue(), layer_config.at("input_dim")};
      if (batch_shape.is_list()) {
        ConfigValue dtype = layer_config.get("dtype", layer_config.get("input_dtype"));
        model->add(std::shared_ptr<Layer>(std::make_shared<layers::InputLayerImpl>(
                       layers::shape_from_config(batch_shape, "Sequential config"),
                       dtype.is_string() ? dtype.as_string() : "", "")),
                   false);
      }
    }
    model->add(layers::deserialize(entry), false);
    first = false;
  }
  if (!model->input_layer_ && build_input_shape.is_list())
    model->add(std::shared_ptr<Layer>(std::make_shared<layers::InputLayerImpl>(
                   layers::shape_from_config(build_input_shape, "Sequential config"))),
               false);
  model->rebuild_graph();
  return model;
}

}  // namespace keras
