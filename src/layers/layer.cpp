#include "keras/layers/layer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <typeinfo>
#include <unordered_set>
#include <utility>

#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/ops.hpp"
#include "keras/core/random.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/layer_call_scope.hpp"

namespace keras {

namespace {
thread_local std::vector<std::string> name_scopes;
}  // namespace

NameScope::NameScope(const std::string& name) { name_scopes.push_back(name); }
NameScope::~NameScope() { name_scopes.pop_back(); }
std::string NameScope::current() {
  std::string s;
  for (const auto& n : name_scopes) s += (s.empty() ? "" : "/") + n;
  return s;
}

void utils::set_random_seed(std::uint64_t seed) { random::set_global_seed(seed); }

namespace {
bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_word(char c) { return is_upper(c) || is_lower(c) || (c >= '0' && c <= '9') || c == '_'; }
}  // namespace

// Keras's three substitutions (keras/src/utils/naming.py), each a left-to-right scan that
// matches as re.sub does, without <regex> (slow to compile and to run, and a name is computed
// for every layer):
//   \W+ -> ""                         drop non-word characters
//   (.)([A-Z][a-z]+) -> \1_\2           split before a capitalised word
//   ([a-z])([A-Z]) -> \1_\2             split between a lower-case letter and a capital
// then lower-case: "Conv2DTranspose" -> "conv2d_transpose", "HTTPServer" -> "http_server".
std::string to_snake_case(const std::string& name) {
  std::string words;
  for (char c : name)
    if (is_word(c)) words += c;

  std::string split;
  for (std::size_t i = 0; i < words.size();) {
    if (i + 2 < words.size() && is_upper(words[i + 1]) && is_lower(words[i + 2])) {
      // Matches are non-overlapping: the scan resumes after the word's lower-case run.
      std::size_t end = i + 3;
      while (end < words.size() && is_lower(words[end])) ++end;
      split += words[i];
      split += '_';
      split.append(words, i + 1, end - (i + 1));
      i = end;
    } else {
      split += words[i++];
    }
  }

  std::string s;
  for (std::size_t i = 0; i < split.size(); ++i) {
    s += split[i];
    if (i + 1 < split.size() && is_lower(split[i]) && is_upper(split[i + 1])) s += '_';
  }
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Layer::Layer(const LayerOptions& options, std::string default_prefix)
    : trainable_(options.trainable),
      dtype_(options.dtype),
      activity_regularizer_(options.activity_regularizer.get()) {
  if (!options.name.empty()) {
    if (options.name.find('/') != std::string::npos)
      throw ValueError(
          "Argument `name` must be a string and cannot contain character `/`. Received: name=" +
          options.name);
    name_ = options.name;
  } else if (!default_prefix.empty()) {
    name_ = utils::auto_name(default_prefix);
  }
}

Layer::~Layer() = default;

const std::string& Layer::name() const {
  if (name_.empty()) name_ = utils::auto_name(to_snake_case(class_name()));
  return name_;
}

std::string Layer::class_name() const { return detail::handle_class_name(typeid(*this)); }

DType Layer::compute_dtype() const {
  return dtype_from_name(dtype_.empty() ? config::floatx() : dtype_);
}

void Layer::build(const Shape&) {
  built_ = true;
  custom_build_ = false;
}

void Layer::build_list(const std::vector<Shape>& input_shapes) {
  if (input_shapes.size() == 1) build(input_shapes[0]);
  else custom_build_ = false;
  built_ = true;
}

Tensor Layer::call(const Tensor&, bool) {
  throw NotImplementedError("Layer " + class_name() + " (\"" + name() +
                            "\") does not implement call()");
}

std::vector<Tensor> Layer::call_list(const std::vector<Tensor>& inputs, bool training) {
  if (inputs.size() != 1)
    throw ValueError("Layer \"" + name() + "\" expects 1 input, but it received " +
                     std::to_string(inputs.size()) + " input tensors");
  return {call(inputs[0], training)};
}

Shape Layer::compute_output_shape(const Shape& input_shape) {
  auto shapes = compute_output_shape_list({input_shape});
  if (shapes.size() != 1)
    throw ValueError("Layer \"" + name() + "\" has " + std::to_string(shapes.size()) +
                     " outputs; use compute_output_shape_list");
  return shapes[0];
}

std::vector<Shape> Layer::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  // Trace the call on zeros twice, with unknown dims set to 1 and to 2: output dims that
  // differ follow an unknown input dim and are unknown too.
  NoGrad no_grad;
  auto run = [&](std::int64_t fill) {
    std::vector<Tensor> inputs;
    for (const auto& s : input_shapes) {
      Shape concrete = s;
      for (auto& d : concrete.dims())
        if (d < 0) d = fill;
      inputs.push_back(ops::zeros(concrete, compute_dtype()));
    }
    return call_list(inputs, false);
  };
  auto a = run(1);
  bool any_unknown = false;
  for (const auto& s : input_shapes)
    for (auto d : s)
      if (d < 0) any_unknown = true;
  std::vector<Shape> out;
  for (const auto& t : a) out.push_back(t.shape());
  if (!any_unknown) return out;
  auto b = run(2);
  for (std::size_t i = 0; i < out.size() && i < b.size(); ++i)
    for (int d = 0; d < out[i].rank() && d < b[i].rank(); ++d)
      if (out[i][d] != b[i].shape()[d]) out[i][d] = kNone;
  return out;
}

LayerOptions LayerOptions::from_config(const ConfigValue& config) {
  // No finish(): the custom layer reads its own keys from the same config.
  auto r = layers::layer_config_reader(config, "Layer");
  LayerOptions o;
  layers::read_base_options(r, o);
  return o;
}

ConfigValue Layer::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["name"] = name();
  c["trainable"] = trainable_;
  c["dtype"] = layers::dtype_policy(dtype_.empty() ? config::floatx() : dtype_);
  // Keras writes the key only when a regularizer is set.
  if (activity_regularizer_)
    c["activity_regularizer"] = layers::serialize_regularizer(activity_regularizer_);
  return c;
}

void Layer::check_input_specs(const std::vector<Shape>& shapes) const {
  for (std::size_t i = 0; i < input_spec.size() && i < shapes.size(); ++i)
    input_spec[i].check(shapes[i], name(), static_cast<int>(i));
}

void Layer::maybe_build(const std::vector<Shape>& shapes) {
  if (built_) return;
  if (shapes.size() == 1) build(shapes[0]);
  else build_list(shapes);
  built_ = true;
  build_shapes_ = shapes;
}

ConfigValue Layer::get_build_config() const {
  if (!built_ || !custom_build_ || build_shapes_.empty()) return ConfigValue();
  ConfigValue c = ConfigValue::dict();
  if (build_shapes_.size() == 1) {
    c["input_shape"] = layers::shape_to_config(build_shapes_[0]);
  } else {
    ConfigValue shapes = ConfigValue::list();
    for (const auto& s : build_shapes_) shapes.push_back(layers::shape_to_config(s));
    c["input_shape"] = shapes;
  }
  return c;
}

void Layer::build_from_config(const ConfigValue& build_config) {
  if (built_ || !build_config.is_dict() || build_config.get("input_shape").is_null()) return;
  const ConfigValue& shape = build_config.at("input_shape");
  // A list of lists is one shape per input; a list of ints (or nulls) is one shape.
  bool several = shape.is_list() && shape.size() > 0 && shape.as_list()[0].is_list();
  std::vector<Shape> shapes;
  if (several)
    for (const auto& s : shape.as_list())
      shapes.push_back(layers::shape_from_config(s, "Layer \"" + name() + "\""));
  else shapes.push_back(layers::shape_from_config(shape, "Layer \"" + name() + "\""));
  // As in a call: a subclassed model builds by running its call, and the layers it calls must
  // become its tracked sublayers (their weights are what a saved model loads into).
  LayerCallScope scope(this);
  maybe_build(shapes);
}

ConfigValue Layer::node_kwargs() const { return ConfigValue::dict(); }

ConfigValue Layer::node_config(const std::vector<ConfigValue>& input_tensors) const {
  ConfigValue args = ConfigValue::list();
  if (input_tensors.size() == 1) {
    args.push_back(input_tensors[0]);
  } else {
    ConfigValue list = ConfigValue::list();
    for (const auto& t : input_tensors) list.push_back(t);
    args.push_back(list);
  }
  return ConfigValue::Dict{{"args", args}, {"kwargs", node_kwargs()}};
}

std::vector<std::shared_ptr<Node>> Layer::inbound_nodes() const {
  std::vector<std::shared_ptr<Node>> out;
  for (const auto& w : nodes_)
    if (auto n = w.lock()) out.push_back(n);
  return out;
}

void Layer::reset_tracking(std::vector<std::shared_ptr<Layer>> layers) {
  sublayers_ = std::move(layers);
}

std::shared_ptr<Layer> Layer::track(std::shared_ptr<Layer> layer) {
  if (!layer || layer.get() == this) return layer;
  for (const auto& l : sublayers_)
    if (l == layer) return layer;
  sublayers_.push_back(layer);
  return layer;
}

}  // namespace keras
