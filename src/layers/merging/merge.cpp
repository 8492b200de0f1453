#include "keras/layers/merging/merge.hpp"

#include <set>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

namespace {

// A list of shapes as Python prints it: "[(2, 3), (2, 4)]".
std::string shapes_string(const std::vector<Shape>& shapes) {
  std::string s = "[";
  for (std::size_t i = 0; i < shapes.size(); ++i) s += (i ? ", " : "") + shapes[i].to_string();
  return s + "]";
}

Shape without_batch(const Shape& s) {
  if (s.rank() == 0) return s;
  return Shape(std::vector<std::int64_t>(s.dims().begin() + 1, s.dims().end()));
}

// Keras's _compute_elemwise_op_output_shape: right-aligned, a 1 stretches, unknown stays unknown.
Shape elementwise_shape(const Shape& a, const Shape& b, const std::string& layer) {
  if (a.rank() < b.rank()) return elementwise_shape(b, a, layer);
  std::vector<std::int64_t> out(a.dims().begin(), a.dims().end() - b.rank());
  const int offset = a.rank() - b.rank();
  for (int k = 0; k < b.rank(); ++k) {
    const std::int64_t i = a[offset + k], j = b[k];
    if (i < 0 || j < 0) out.push_back(kNone);
    else if (i == 1) out.push_back(j);
    else if (j == 1 || i == j) out.push_back(i);
    else
      throw ValueError("Layer \"" + layer +
                       "\": Inputs have incompatible shapes. Received shapes " + a.to_string() +
                       " and " + b.to_string());
  }
  return Shape(out);
}

}  // namespace

void MergeImpl::throw_shapes(const std::string& what, const std::vector<Shape>& shapes) const {
  throw ValueError("Layer \"" + name() + "\" (" + class_name() + "): " + what +
                   ". Received: input_shape=" + shapes_string(shapes));
}

void MergeImpl::build_list(const std::vector<Shape>& input_shapes) {
  if (input_shapes.empty())
    throw_shapes("A merge layer should be called on a list of at least 1 input", input_shapes);
  std::set<std::int64_t> batch_sizes;
  for (const auto& s : input_shapes)
    if (s.rank() > 0 && s[0] >= 0) batch_sizes.insert(s[0]);
  if (batch_sizes.size() > 1)
    throw_shapes("Cannot merge tensors with different batch sizes", input_shapes);
  compute_output_shape_list(input_shapes);  // the shape check
}

std::vector<Shape> MergeImpl::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  if (input_shapes.empty())
    throw_shapes("A merge layer should be called on a list of at least 1 input", input_shapes);
  Shape out = without_batch(input_shapes[0]);
  for (std::size_t i = 1; i < input_shapes.size(); ++i)
    out = elementwise_shape(out, without_batch(input_shapes[i]), name());
  std::int64_t batch = kNone;
  for (const auto& s : input_shapes)
    if (s.rank() > 0 && s[0] >= 0) batch = s[0];
  std::vector<std::int64_t> dims{batch};
  dims.insert(dims.end(), out.dims().begin(), out.dims().end());
  return {Shape(dims)};
}

std::vector<Tensor> MergeImpl::call_list(const std::vector<Tensor>& inputs, bool) {
  if (inputs.empty())
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     "): A merge layer should be called on a list of inputs. Received 0 inputs");
  // Inputs of lower rank get axes after the batch dimension, so they broadcast from the left
  // of the features (Keras's _reshape_required path).
  int max_rank = 0;
  for (const auto& x : inputs) max_rank = std::max(max_rank, x.shape().rank());
  std::vector<Tensor> same_rank;
  for (Tensor x : inputs) {
    while (x.shape().rank() < max_rank) x = ops::expand_dims(x, 1);
    same_rank.push_back(x);
  }
  return {merge_function(same_rank)};
}

Tensor MergeImpl::fold(const std::vector<Tensor>& inputs,
                       Tensor (*op)(const Tensor&, const Tensor&)) {
  Tensor out = inputs.at(0);
  for (std::size_t i = 1; i < inputs.size(); ++i) out = op(out, inputs[i]);
  return out;
}

LayerOptions MergeImpl::read_options(const ConfigValue& config, const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  LayerOptions o;
  read_base_options(r, o);
  r.finish();
  return o;
}

}  // namespace keras::layers

namespace keras::layers {

std::vector<Tensor> MergeImpl::compute_mask_list(const std::vector<Tensor>& inputs,
                                                 const std::vector<Tensor>& previous_masks) {
  if (previous_masks.size() != inputs.size())
    throw ValueError("The lists `inputs` and `mask` should have the same length. Received: " +
                     std::to_string(inputs.size()) + " inputs and " +
                     std::to_string(previous_masks.size()) + " masks (layer \"" + name() + "\")");
  Tensor any;
  for (const auto& m : previous_masks) {
    if (!m.defined()) return {Tensor()};
    Tensor b = ops::cast(m, DType::bool_);
    any = any.defined() ? ops::logical_or(any, b) : b;
  }
  return {any};
}

}  // namespace keras::layers
