#include "keras/layers/merging/concatenate.hpp"

#include <set>

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

ConcatenateImpl::ConcatenateImpl(ConcatenateOptions options)
    : MergeImpl({options.name, options.trainable, options.dtype}, "concatenate"),
      axis_(options.axis) {}

void ConcatenateImpl::build_list(const std::vector<Shape>& input_shapes) {
  const char* mismatch =
      "A `Concatenate` layer requires inputs with matching shapes except for the concatenation "
      "axis";
  if (input_shapes.empty())
    throw_shapes("A `Concatenate` layer should be called on a list of at least 1 input",
                 input_shapes);
  const int rank = input_shapes[0].rank();
  for (const auto& s : input_shapes)
    if (s.rank() != rank) throw_shapes(mismatch, input_shapes);
  const int axis = normalize_axis(axis_, rank, "Concatenate axis");
  for (int d = 0; d < rank; ++d) {
    if (d == axis) continue;
    std::set<std::int64_t> known;  // unknown (None) dimensions match anything
    for (const auto& s : input_shapes)
      if (s[d] >= 0) known.insert(s[d]);
    if (known.size() > 1) throw_shapes(mismatch, input_shapes);
  }
}

std::vector<Tensor> ConcatenateImpl::call_list(const std::vector<Tensor>& inputs, bool) {
  return {merge_function(inputs)};  // no rank broadcasting: build checked the shapes
}

Tensor ConcatenateImpl::merge_function(const std::vector<Tensor>& inputs) {
  return ops::concatenate(inputs, axis_);
}

std::vector<Shape> ConcatenateImpl::compute_output_shape_list(
    const std::vector<Shape>& input_shapes) {
  build_list(input_shapes);  // the shape check, as the symbolic call is Keras's build
  Shape out = input_shapes[0];
  const int axis = normalize_axis(axis_, out.rank(), "Concatenate axis");
  for (std::size_t i = 1; i < input_shapes.size(); ++i) {
    if (out[axis] < 0 || input_shapes[i][axis] < 0) {
      out[axis] = kNone;
      break;
    }
    out[axis] += input_shapes[i][axis];
  }
  return {out};
}

ConfigValue ConcatenateImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["axis"] = axis_;
  return c;
}

std::shared_ptr<Layer> ConcatenateImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Concatenate");
  ConcatenateOptions o;
  read_base_options(r, o);
  o.axis = static_cast<int>(r.integer("axis", -1));
  r.finish();
  return std::make_shared<ConcatenateImpl>(std::move(o));
}

std::vector<Tensor> ConcatenateImpl::compute_mask_list(const std::vector<Tensor>& inputs,
                                                       const std::vector<Tensor>& previous_masks) {
  bool any_mask = false;
  for (const auto& m : previous_masks) any_mask = any_mask || m.defined();
  if (!any_mask) return {Tensor()};
  if (previous_masks.size() != inputs.size())
    throw ValueError("The lists `inputs` and `mask` should have the same length. Received: " +
                     std::to_string(inputs.size()) + " inputs and " +
                     std::to_string(previous_masks.size()) + " masks (layer \"" + name() + "\")");
  std::vector<Tensor> full;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const Tensor& m = previous_masks[i];
    if (!m.defined()) full.push_back(ops::ones(inputs[i].shape(), DType::bool_));
    else if (m.rank() < inputs[i].rank())
      full.push_back(ops::logical_or(ops::expand_dims(ops::cast(m, DType::bool_), -1),
                                     ops::zeros(inputs[i].shape(), DType::bool_)));
    else full.push_back(ops::cast(m, DType::bool_));
  }
  return {ops::any(ops::concatenate(full, axis_), {-1}, false)};
}

}  // namespace keras::layers
