#pragma once
// keras.layers.StackedRNNCells: several cells run as one, each step feeding its output to the
// next cell; the states are all the cells' states in order (flat: an LSTMCell's h and c, then
// the next cell's). Wrapped in keras.layers.RNN it makes a stacked recurrent layer that steps
// through time once:
//   auto rnn = layers::RNN(layers::StackedRNNCells({layers::LSTMCell(8), layers::GRUCell(4)}));
#include <memory>
#include <vector>

#include "keras/layers/rnn/rnn_cell.hpp"

namespace keras::layers {

struct StackedRNNCellsOptions {
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class StackedRNNCellsImpl : public RNNCellImpl {
 public:
  using Positional = std::tuple<std::vector<std::shared_ptr<Layer>>>;  // the cells, in order
  using Options = StackedRNNCellsOptions;
  explicit StackedRNNCellsImpl(std::vector<std::shared_ptr<Layer>> cells,
                               StackedRNNCellsOptions options = {});

  std::vector<std::int64_t> state_size() const override;
  std::int64_t output_size() const override { return cells_.back()->output_size(); }
  std::vector<Tensor> get_initial_state(std::int64_t batch_size) const override;
  // The last cell's first state (Keras's scan: states[-1][0]).
  std::size_t output_state_index() const override;
  void build(const Shape& input_shape) override;
  void begin_sequence(const Tensor& step_input, const Tensor& state, bool training) override;
  void end_sequence() override;
  // The first cell's projection; the others project their step's input inside `step`.
  Tensor project_inputs(const Tensor& sequences, bool training) override;
  std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                           bool training) override;
  ConfigValue get_config() const override;
  // Keras saves a list attribute's layers as `cells/<class in snake_case>[_<n>]`.
  std::string sublayer_attribute(const Layer& sublayer) const override;
  std::string class_name() const override { return "StackedRNNCells"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const std::vector<std::shared_ptr<RNNCellImpl>>& cells() const { return cells_; }

 private:
  std::vector<std::shared_ptr<RNNCellImpl>> cells_;
};

KERAS_LAYER(StackedRNNCells);

}  // namespace keras::layers
