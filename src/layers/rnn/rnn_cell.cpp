#include "keras/layers/rnn/rnn_cell.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::layers {

std::vector<Shape> RNNCellImpl::state_shapes() const {
  std::vector<Shape> shapes;
  for (std::int64_t size : state_size()) shapes.push_back(Shape({size}));
  return shapes;
}

Shape batched_shape(std::int64_t batch, const Shape& shape) {
  std::vector<std::int64_t> dims{batch};
  for (int i = 0; i < shape.rank(); ++i) dims.push_back(shape[i]);
  return Shape(dims);
}

std::vector<Tensor> RNNCellImpl::get_initial_state(std::int64_t batch_size) const {
  std::vector<Tensor> states;
  for (const Shape& shape : state_shapes())
    states.push_back(ops::zeros(batched_shape(batch_size, shape), compute_dtype()));
  return states;
}

Tensor RNNCellImpl::project_inputs(const Tensor& sequences, bool) { return sequences; }

void RNNCellImpl::build_list(const std::vector<Shape>& input_shapes) {
  // Keras builds a cell from its step input's shape alone; the states follow from state_size.
  build(input_shapes.at(0));
}

std::vector<Tensor> RNNCellImpl::call_list(const std::vector<Tensor>& inputs, bool training) {
  const auto sizes = state_size();
  if (inputs.size() != sizes.size() + 1)
    throw ValueError("Layer \"" + name() + "\" (" + class_name() + ") is called with its inputs " +
                     "and " + std::to_string(sizes.size()) + " state tensor(s), but it received " +
                     std::to_string(inputs.size()) + " tensor(s) in all");
  const Tensor& x = inputs[0];
  if (x.rank() < 2)
    throw ValueError("Layer \"" + name() + "\" (" + class_name() +
                     ") expects inputs of shape (batch, features...), received " +
                     x.shape().to_string());
  std::vector<Tensor> states(inputs.begin() + 1, inputs.end());
  const auto shapes = state_shapes();
  for (std::size_t i = 0; i < states.size(); ++i)
    if (states[i].shape() != batched_shape(x.shape()[0], shapes[i]))
      throw ValueError("Layer \"" + name() + "\" (" + class_name() + "): state " +
                       std::to_string(i) + " should have shape " +
                       batched_shape(x.shape()[0], shapes[i]).to_string() + ", received " +
                       states[i].shape().to_string());
  begin_sequence(x, states.at(0), training);
  Tensor projected = ops::squeeze(project_inputs(ops::expand_dims(x, 1), training), 1);
  auto out = step(projected, states, training);
  end_sequence();
  return out;
}

std::vector<Shape> RNNCellImpl::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  const std::int64_t batch = input_shapes.at(0).rank() > 0 ? input_shapes[0][0] : kNone;
  std::vector<Shape> out{batched_shape(batch, output_shape())};
  for (const Shape& shape : state_shapes()) out.push_back(batched_shape(batch, shape));
  return out;
}

}  // namespace keras::layers
