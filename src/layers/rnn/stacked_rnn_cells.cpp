#include "keras/layers/rnn/stacked_rnn_cells.hpp"

#include <map>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/registry.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

StackedRNNCellsImpl::StackedRNNCellsImpl(std::vector<std::shared_ptr<Layer>> cells,
                                         StackedRNNCellsOptions options)
    : RNNCellImpl({options.name, options.trainable, options.dtype}, "stacked_rnn_cells") {
  if (cells.empty())
    throw ValueError("StackedRNNCells needs at least one cell; received an empty list");
  for (const auto& cell : cells) {
    auto typed = std::dynamic_pointer_cast<RNNCellImpl>(cell);
    if (!typed)
      throw ValueError(
          "All cells must have a `state_size` attribute. Received cell without a "
          "`state_size`: " +
          (cell ? "<" + cell->class_name() + " name=" + cell->name() + ">" : std::string("None")) +
          " (in C++ a cell is a keras::layers::RNNCellImpl)");
    cells_.push_back(typed);
    track(typed);
  }
}

std::vector<std::int64_t> StackedRNNCellsImpl::state_size() const {
  std::vector<std::int64_t> sizes;
  for (const auto& cell : cells_)
    for (std::int64_t size : cell->state_size()) sizes.push_back(size);
  return sizes;
}

std::vector<Tensor> StackedRNNCellsImpl::get_initial_state(std::int64_t batch_size) const {
  std::vector<Tensor> states;
  for (const auto& cell : cells_)
    for (auto& s : cell->get_initial_state(batch_size)) states.push_back(std::move(s));
  return states;
}

std::size_t StackedRNNCellsImpl::output_state_index() const {
  return state_size().size() - cells_.back()->state_size().size();
}

void StackedRNNCellsImpl::build(const Shape& input_shape) {
  // Each cell takes the previous one's output: (batch, its output_size). Built under this
  // cell's name, as Keras: "rnn/stacked_rnn_cells/lstm_cell/kernel".
  NameScope scope(name());
  Shape step_input = input_shape;
  for (const auto& cell : cells_) {
    cell->build_from_config(ConfigValue::Dict{{"input_shape", shape_to_config(step_input)}});
    cell->set_built();
    step_input = Shape({input_shape[0], cell->output_size()});
  }
}

void StackedRNNCellsImpl::begin_sequence(const Tensor& step_input, const Tensor& state,
                                         bool training) {
  // Only the shapes of the later cells' inputs and states matter here (their dropout masks).
  const std::int64_t batch = step_input.shape()[0];
  Tensor input = step_input, first_state = state;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    if (i > 0) {
      input = ops::zeros({batch, cells_[i - 1]->output_size()}, step_input.dtype());
      first_state = ops::zeros({batch, cells_[i]->state_size().at(0)}, step_input.dtype());
    }
    cells_[i]->begin_sequence(input, first_state, training);
  }
}

void StackedRNNCellsImpl::end_sequence() {
  for (const auto& cell : cells_) cell->end_sequence();
}

Tensor StackedRNNCellsImpl::project_inputs(const Tensor& sequences, bool training) {
  return cells_.front()->project_inputs(sequences, training);
}

std::vector<Tensor> StackedRNNCellsImpl::step(const Tensor& projected,
                                              const std::vector<Tensor>& states, bool training) {
  std::vector<Tensor> new_states;
  Tensor output;
  std::size_t offset = 0;
  for (std::size_t i = 0; i < cells_.size(); ++i) {
    const std::size_t count = cells_[i]->state_size().size();
    std::vector<Tensor> own(states.begin() + offset, states.begin() + offset + count);
    offset += count;
    // A later cell's input is one step: projected as a one-step sequence.
    Tensor input =
        i == 0 ? projected
               : ops::squeeze(cells_[i]->project_inputs(ops::expand_dims(output, 1), training), 1);
    auto result = cells_[i]->step(input, own, training);
    output = result.at(0);
    new_states.insert(new_states.end(), result.begin() + 1, result.end());
  }
  std::vector<Tensor> out{output};
  out.insert(out.end(), new_states.begin(), new_states.end());
  return out;
}

std::string StackedRNNCellsImpl::sublayer_attribute(const Layer& sublayer) const {
  std::map<std::string, int> used;
  for (const auto& cell : cells_) {
    std::string key = to_snake_case(cell->class_name());
    const int n = used[key]++;
    // (Appended piece by piece: GCC 12 misreports "_" + std::string under -Wrestrict.)
    if (n > 0) {
      key += '_';
      key += std::to_string(n);
    }
    if (cell.get() == &sublayer) return "cells/" + key;
  }
  return "";
}

ConfigValue StackedRNNCellsImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  ConfigValue cells = ConfigValue::list();
  for (const auto& cell : cells_) cells.push_back(serialize(*cell));
  c["cells"] = cells;
  return c;
}

std::shared_ptr<Layer> StackedRNNCellsImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "StackedRNNCells");
  StackedRNNCellsOptions o;
  read_base_options(r, o);
  const ConfigValue serialized = r.raw("cells");
  if (!serialized.is_list())
    throw ValueError(r.owner() + ": `cells` must be a list of serialized cells; received " +
                     serialized.dump());
  std::vector<std::shared_ptr<Layer>> cells;
  for (const auto& cell : serialized.as_list()) cells.push_back(deserialize(cell));
  r.finish();
  return std::make_shared<StackedRNNCellsImpl>(std::move(cells), std::move(o));
}

}  // namespace keras::layers
