// Layer weights: creation, listing (own first, then sublayers'), get/set, regularization.
#include <unordered_set>

#include "keras/core/ops.hpp"
#include "keras/layers/layer.hpp"

#include "keras/backends/backend.hpp"

namespace keras {

Variable Layer::add_weight(const WeightOptions& options) {
  DType dtype = options.dtype.value_or(compute_dtype());
  std::shared_ptr<initializers::Initializer> init = options.initializer.get();
  if (!init) init = initializers::get(is_floating(dtype) ? "glorot_uniform" : "zeros");
  for (auto d : options.shape)
    if (d < 0)
      throw ValueError("Layer \"" + name() + "\": cannot create weight \"" + options.name +
                       "\" with an unknown dimension in shape " + options.shape.to_string());
  Tensor value = (*init)(options.shape, dtype);
  std::string wname = options.name.empty() ? "variable" : options.name;
  Variable v(value, options.trainable && trainable_, wname);
  v.set_constraint(options.constraint.get());
  std::string scope = NameScope::current();
  v.set_path((scope.empty() ? "" : scope + "/") + name() + "/" + wname);
  own_weights_.push_back(v);
  created_trainable_.push_back(options.trainable);
  if (auto reg = options.regularizer.get()) regularized_.emplace_back(v, reg);
  return v;
}

std::vector<Variable> Layer::weights() const {
  std::vector<Variable> out;
  std::unordered_set<const void*> seen;
  std::unordered_set<const Layer*> visited;
  auto visit = [&](auto&& self, const Layer& layer) -> void {
    if (!visited.insert(&layer).second) return;
    for (const auto& v : layer.own_weights_)
      if (seen.insert(v.id()).second) out.push_back(v);
    for (const auto& sub : layer.sublayers_) self(self, *sub);
  };
  visit(visit, *this);
  return out;
}

std::vector<Variable> Layer::trainable_weights() const {
  std::vector<Variable> out;
  if (!trainable_) return out;
  for (auto& v : weights())
    if (v.trainable()) out.push_back(v);
  return out;
}

std::vector<Variable> Layer::non_trainable_weights() const {
  if (!trainable_) return weights();
  std::vector<Variable> out;
  for (auto& v : weights())
    if (!v.trainable()) out.push_back(v);
  return out;
}

std::vector<Variable> Layer::own_variables() const {
  std::vector<Variable> out;
  for (bool trainable : {true, false})
    for (std::size_t i = 0; i < own_weights_.size(); ++i)
      if (created_trainable_[i] == trainable) out.push_back(own_weights_[i]);
  return out;
}

std::vector<Tensor> Layer::get_weights() const {
  std::vector<Tensor> out;
  for (const auto& v : weights()) out.push_back(v.value());
  return out;
}

void Layer::set_weights(const std::vector<Tensor>& values) {
  auto vars = weights();
  if (values.size() != vars.size())
    throw ValueError("You called `set_weights(weights)` on layer \"" + name() +
                     "\" with a weight list of length " + std::to_string(values.size()) +
                     ", but the layer was expecting " + std::to_string(vars.size()) + " weights.");
  for (std::size_t i = 0; i < vars.size(); ++i)
    if (values[i].shape() != vars[i].shape())
      throw ValueError("Layer " + name() + " weight shape " + vars[i].shape().to_string() +
                       " is not compatible with provided weight shape " +
                       values[i].shape().to_string() + ".");
  // Like Keras's set_weights from NumPy arrays: values come from anywhere (another backend's
  // tensors, host data) and are copied to the backend each variable lives on.
  for (std::size_t i = 0; i < vars.size(); ++i)
    vars[i].assign(backend::to_backend(values[i], vars[i].value().backend()));
}

std::int64_t Layer::count_params() const {
  std::int64_t n = 0;
  for (const auto& v : weights()) n += v.shape().size();
  return n;
}

std::vector<Tensor> Layer::losses() const {
  std::vector<Tensor> out;
  std::unordered_set<const Layer*> visited;
  auto visit = [&](auto&& self, const Layer& layer) -> void {
    if (!visited.insert(&layer).second) return;
    for (const auto& [v, reg] : layer.regularized_) out.push_back((*reg)(v.value()));
    for (const auto& l : layer.added_losses_) out.push_back(l);
    for (const auto& sub : layer.sublayers_) self(self, *sub);
  };
  visit(visit, *this);
  return out;
}

void Layer::add_loss(const Tensor& loss) { added_losses_.push_back(loss); }

void Layer::set_trainable(bool trainable) {
  trainable_ = trainable;
  for (std::size_t i = 0; i < own_weights_.size(); ++i)
    if (created_trainable_[i]) own_weights_[i].set_trainable(trainable);
  for (auto& sub : sublayers_) sub->set_trainable(trainable);
}

}  // namespace keras
