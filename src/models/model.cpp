#include "keras/models/model.hpp"

#include "src/models/compile_state.hpp"
#include "src/models/functional_graph.hpp"
#include "src/models/model_config.hpp"
#include "keras/layers/registry.hpp"

namespace keras {

Model::Model(const ModelOptions& options) : Layer({options.name, options.trainable, ""}) {}

Model::Model(const KerasTensors& inputs, const KerasTensors& outputs, const ModelOptions& options)
    : Layer({options.name, options.trainable, ""}, "functional") {
  auto g = FunctionalGraph::build(inputs.values(), outputs.values());
  if (inputs.is_dict()) {
    g->input_names = inputs.keys();
    g->dict_inputs = true;
  }
  if (outputs.is_dict()) {
    g->output_names = outputs.keys();
    g->dict_outputs = true;
  }
  g->list_inputs = inputs.is_list();
  g->list_outputs = outputs.is_list();
  set_graph(std::move(g));
}

Model::~Model() = default;

void Model::set_graph(std::shared_ptr<FunctionalGraph> graph) {
  graph_ = std::move(graph);
  reset_tracking(graph_ ? graph_->layers : std::vector<std::shared_ptr<Layer>>{});
  if (!graph_) return;
  set_built(true);
}

std::string Model::class_name() const {
  if (graph_) return "Functional";
  return Layer::class_name();
}

std::vector<Tensor> Model::call_list(const std::vector<Tensor>& inputs, bool training) {
  if (graph_) return graph_->run(inputs, training);
  return Layer::call_list(inputs, training);
}

std::vector<Shape> Model::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  if (graph_ && input_shapes.size() == graph_->inputs.size()) {
    bool same = true;
    for (std::size_t i = 0; i < input_shapes.size(); ++i) {
      const Shape& want = graph_->inputs[i].shape();
      if (want.rank() != input_shapes[i].rank()) same = false;
      for (int d = 1; same && d < want.rank(); ++d)
        if (want[d] != input_shapes[i][d]) same = false;
    }
    if (same) {
      std::vector<Shape> out;
      for (const auto& t : graph_->outputs) {
        Shape s = t.shape();
        if (s.rank() > 0 && input_shapes[0].rank() > 0) s[0] = input_shapes[0][0];
        out.push_back(s);
      }
      return out;
    }
  }
  return Layer::compute_output_shape_list(input_shapes);
}

void Model::build(const Shape& input_shape) {
  if (graph_) return;
  // A subclassed model builds by running its call once, as Keras's Model.build does.
  Layer::compute_output_shape_list({input_shape});
}

ConfigValue Model::get_config() const {
  if (graph_ && class_name() == "Functional") return detail::functional_config(*this, *graph_);
  ConfigValue c = ConfigValue::dict();
  c["name"] = name();
  c["trainable"] = trainable();
  return c;
}

ConfigValue Model::get_build_config() const {
  if (graph_ && class_name() == "Functional") return ConfigValue::Dict{{"input_shape", nullptr}};
  return Layer::get_build_config();
}

ConfigValue Model::node_kwargs() const { return ConfigValue::Dict{{"mask", nullptr}}; }

std::shared_ptr<Layer> Model::from_config(const ConfigValue& config) {
  return detail::functional_from_config(config);
}

std::string Model::to_json() const { return layers::serialize(*this).dump(); }

std::vector<std::shared_ptr<Layer>> Model::layers() const {
  if (graph_) return graph_->layers;
  return sublayers();
}

std::shared_ptr<Layer> Model::get_layer(const std::string& name) const {
  for (const auto& l : layers())
    if (l->name() == name) return l;
  std::string names;
  for (const auto& l : layers()) names += (names.empty() ? "" : ", ") + l->name();
  throw ValueError("No such layer: " + name + ". Existing layers are: [" + names + "].");
}

std::shared_ptr<Layer> Model::get_layer(int index) const {
  auto ls = layers();
  if (index < 0 || index >= static_cast<int>(ls.size()))
    throw ValueError("Was asked to retrieve layer at index " + std::to_string(index) +
                     " but model only has " + std::to_string(ls.size()) + " layers.");
  return ls[static_cast<std::size_t>(index)];
}

namespace {
const std::vector<KerasTensor>& no_tensors() {
  static const std::vector<KerasTensor> none;
  return none;
}
}  // namespace

const std::vector<KerasTensor>& Model::inputs() const {
  return graph_ ? graph_->inputs : no_tensors();
}
const std::vector<KerasTensor>& Model::outputs() const {
  return graph_ ? graph_->outputs : no_tensors();
}
std::vector<std::string> Model::input_names() const {
  return graph_ ? graph_->input_names : std::vector<std::string>{};
}
std::vector<std::string> Model::output_names() const {
  return graph_ ? graph_->output_names : std::vector<std::string>{};
}

std::shared_ptr<Layer> Model::graph_handle() {
  if (auto self = weak_from_this().lock()) return self;
  // A stand-in sharing the layers would diverge from this model (its name, trainable flag,
  // compiled state); one model, one object: nesting needs the model behind a handle.
  throw ValueError("Model \"" + name() + "\" (" + class_name() +
                   ") lives on the stack, so it cannot be nested in another model or layer: "
                   "create it with keras::make_model<" +
                   (is_functional() && class_name() == "Functional" ? "Model" : class_name()) +
                   ">(...) (a shared handle) and nest the handle");
}

std::shared_ptr<optimizers::Optimizer> Model::optimizer() const {
  return compile_ ? compile_->optimizer : nullptr;
}

}  // namespace keras
