// Calling a layer: the eager call (input specs, build on first use, masks in and out, keyword
// arguments, activity regularization) and the symbolic call that records a graph node.
#include <algorithm>
#include <utility>

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/layer.hpp"
#include "src/layers/layer_call_scope.hpp"

namespace keras {

namespace {
thread_local std::vector<Layer*> call_stack;

// Sets a layer's per-call state for the length of a call and restores the outer value after it
// (a layer may be called again inside its own call: a shared sublayer), also on an exception.
template <class T>
class Restoring {
 public:
  Restoring(T& slot, T value) : slot_(slot), outer_(std::exchange(slot, std::move(value))) {}
  ~Restoring() { slot_ = std::move(outer_); }
  Restoring(const Restoring&) = delete;
  Restoring& operator=(const Restoring&) = delete;

 private:
  T& slot_;
  T outer_;
};
}  // namespace

LayerCallScope::LayerCallScope(Layer* layer) {
  if (!call_stack.empty() && call_stack.back() != layer)
    call_stack.back()->track(layer->graph_handle());
  call_stack.push_back(layer);
}

LayerCallScope::~LayerCallScope() { call_stack.pop_back(); }

template <class T>
void Layer::check_call_keywords(const BasicCallKwargs<T>& kwargs) const {
  if (kwargs.empty()) return;
  const std::vector<std::string> accepted = call_keywords();
  auto check = [&](const std::string& keyword) {
    if (std::find(accepted.begin(), accepted.end(), keyword) == accepted.end())
      throw TypeError(class_name() + ".call() got an unexpected keyword argument '" + keyword +
                      "' (layer \"" + name() + "\")");
  };
  for (const auto& [keyword, value] : kwargs.values) check(keyword);
  for (const auto& [keyword, tensor] : kwargs.tensors) {
    check(keyword);
    if (!tensor.defined())
      throw ValueError("Layer \"" + name() + "\" received an undefined tensor for `" + keyword +
                       "`");
  }
}

bool Layer::call_flag(const std::string& keyword) const {
  for (const auto& [key, value] : call_kwargs_.values)
    if (key == keyword) {
      if (value.is_null()) return false;
      if (!value.is_bool())
        throw TypeError("Layer \"" + name() + "\": `" + keyword + "` must be a boolean; received " +
                        value.dump());
      return value.as_bool();
    }
  return false;
}

Tensor Layer::call_tensor(const std::string& keyword) const {
  auto it = call_kwargs_.tensors.find(keyword);
  return it == call_kwargs_.tensors.end() ? Tensor() : it->second;
}

Tensor Layer::compute_mask(const Tensor&, const Tensor& previous_mask) { return previous_mask; }

std::vector<Tensor> Layer::compute_mask_list(const std::vector<Tensor>& inputs,
                                             const std::vector<Tensor>& previous_masks) {
  if (inputs.size() == 1) return {compute_mask(inputs[0], previous_masks.at(0))};
  return previous_masks;
}

void Layer::attach_output_masks(const std::vector<Tensor>& inputs, const std::vector<Tensor>& masks,
                                const std::vector<Tensor>& outputs) {
  // Keras's _set_mask_metadata: nothing to do when every output has its mask already (a model
  // whose inner layers set them); otherwise each output without one gets compute_mask's.
  bool all_set = true;
  for (const auto& out : outputs) all_set = all_set && get_keras_mask(out).defined();
  if (all_set) return;
  NoGrad no_grad;
  auto out_masks = compute_mask_list(inputs, masks);
  for (std::size_t i = 0; i < outputs.size() && i < out_masks.size(); ++i)
    if (out_masks[i].defined() && !get_keras_mask(outputs[i]).defined())
      set_keras_mask(outputs[i], out_masks[i]);
}

std::vector<Tensor> Layer::call_checked(const std::vector<Tensor>& inputs, const CallKwargs& kwargs,
                                        bool training) {
  check_call_keywords(kwargs);
  std::vector<Shape> shapes;
  for (const auto& t : inputs) {
    if (!t.defined()) throw ValueError("Layer \"" + name() + "\" received an undefined tensor");
    shapes.push_back(t.shape());
  }
  check_input_specs(shapes);
  LayerCallScope scope(this);
  maybe_build(shapes);
  check_input_specs(shapes);
  added_losses_.clear();
  std::vector<Tensor> masks;
  masks.reserve(inputs.size());
  bool any_mask = false;
  for (const auto& t : inputs) {
    masks.push_back(get_keras_mask(t));
    any_mask = any_mask || masks.back().defined();
  }
  std::vector<Tensor> outputs;
  {
    Restoring<std::vector<Tensor>> call_masks(call_masks_,
                                              any_mask ? masks : std::vector<Tensor>{});
    Restoring<CallKwargs> call_kwargs(call_kwargs_, kwargs);
    outputs = call_list(inputs, training);
  }
  if (supports_masking_) attach_output_masks(inputs, masks, outputs);
  if (activity_regularizer_) {
    // Keras 3 divides each output's penalty by its batch size (divide_no_nan: an empty batch
    // adds zero), so the strength does not depend on batch_size.
    for (const auto& out : outputs) {
      Tensor loss = (*activity_regularizer_)(out);
      if (out.shape().rank() > 0) {
        std::int64_t batch = out.shape()[0];
        loss = batch > 0 ? ops::divide(loss, static_cast<double>(batch)) : ops::zeros_like(loss);
      }
      add_loss(loss);
    }
  }
  return outputs;
}

Tensor Layer::operator()(const Tensor& inputs, bool training) {
  auto out = call_checked({inputs}, {}, training);
  if (out.size() != 1)
    throw ValueError("Layer \"" + name() + "\" returned " + std::to_string(out.size()) +
                     " outputs; call it with a list of inputs to get all of them");
  return out[0];
}

std::vector<Tensor> Layer::operator()(const std::vector<Tensor>& inputs, bool training) {
  return call_checked(inputs, {}, training);
}

std::vector<Tensor> Layer::operator()(const std::vector<Tensor>& inputs, const CallKwargs& kwargs,
                                      bool training) {
  return call_checked(inputs, kwargs, training);
}

Tensor Layer::call_fused(const Tensor&, Layer&) { return {}; }

Tensor Layer::call_fused_checked(const Tensor& inputs, Layer& next) {
  if (!built_ || !next.built_ || activity_regularizer_ || next.activity_regularizer_ ||
      !inputs.defined() || get_keras_mask(inputs).defined())
    return {};
  check_input_specs({inputs.shape()});
  Tensor out;
  {
    LayerCallScope scope(this);
    out = call_fused(inputs, next);
  }
  if (out.defined()) added_losses_.clear(), next.added_losses_.clear();
  return out;
}

std::shared_ptr<Layer> Layer::graph_handle() {
  auto self = weak_from_this().lock();
  if (!self)
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     ") is not held by a std::shared_ptr, so it cannot be part of a model graph or "
                     "of another layer: create it with keras::make_layer<" +
                     class_name() + ">(...) or std::make_shared");
  return self;
}

std::vector<KerasTensor> Layer::operator()(const std::vector<KerasTensor>& inputs) {
  return (*this)(inputs, SymbolicCallKwargs{});
}

std::vector<KerasTensor> Layer::operator()(const std::vector<KerasTensor>& inputs,
                                           const SymbolicCallKwargs& kwargs) {
  check_call_keywords(kwargs);
  std::vector<Shape> shapes;
  for (const auto& t : inputs) {
    if (!t.defined())
      throw ValueError("Layer \"" + name() + "\" received an undefined KerasTensor");
    shapes.push_back(t.shape());
  }
  check_input_specs(shapes);
  auto self = graph_handle();
  std::vector<Shape> out_shapes;
  {
    LayerCallScope scope(this);
    maybe_build(shapes);
    check_input_specs(shapes);
    // The output shapes may depend on the keywords (return_attention_scores adds one): they are
    // the call's while it traces, their tensors zeros with unknown dims 1, which broadcast.
    CallKwargs traced{kwargs.values, {}};
    for (const auto& [keyword, t] : kwargs.tensors) {
      Shape shape = t.shape();
      for (auto& d : shape.dims())
        if (d < 0) d = 1;
      traced.tensors[keyword] = ops::zeros(shape, t.dtype());
    }
    Restoring<CallKwargs> call_kwargs(call_kwargs_, std::move(traced));
    out_shapes = shapes.size() == 1 && !returns_several_outputs()
                     ? std::vector<Shape>{compute_output_shape(shapes[0])}
                     : compute_output_shape_list(shapes);
  }
  auto node = std::make_shared<Node>();
  node->layer = self;
  node->inputs = inputs;
  for (const auto& [keyword, t] : kwargs.tensors) {
    node->inputs.push_back(t);
    node->input_keywords.push_back(keyword);
  }
  node->kwargs = ConfigValue(kwargs.values);
  node->index = inbound_nodes_++;
  node->output_shapes = out_shapes;
  DType dtype = compute_dtype();
  std::vector<KerasTensor> outputs;
  for (std::size_t i = 0; i < out_shapes.size(); ++i) {
    KerasTensor out(out_shapes[i], dtype, name() + "_output_" + std::to_string(i));
    out.set_history(node, static_cast<int>(i));
    outputs.push_back(out);
  }
  nodes_.push_back(node);
  last_output_shapes_ = out_shapes;
  return outputs;
}

KerasTensor Layer::operator()(const KerasTensor& inputs) {
  auto out = (*this)(std::vector<KerasTensor>{inputs});
  if (out.size() != 1)
    throw ValueError("Layer \"" + name() + "\" returned " + std::to_string(out.size()) +
                     " outputs; call it with a list of inputs to get all of them");
  return out[0];
}

}  // namespace keras
