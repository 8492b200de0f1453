#pragma once
// keras.layers.SimpleRNNCell: one step of a fully-connected recurrent layer,
// h = activation(x @ kernel + bias + h_prev @ recurrent_kernel). Weights as Keras 3's: kernel
// (features, units), recurrent_kernel (units, units), bias (units). State: [h]; output: h.
#include "keras/layers/rnn/dense_rnn_cell.hpp"
#include "keras/layers/rnn/rnn_options.hpp"

namespace keras::layers {

struct SimpleRNNCellOptions {
  activations::Spec activation = "tanh";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class SimpleRNNCellImpl : public DenseRNNCellImpl {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = SimpleRNNCellOptions;
  SimpleRNNCellImpl(std::int64_t units, SimpleRNNCellOptions options = {});
  std::vector<std::int64_t> state_size() const override { return {units_}; }
  std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                           bool training) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "SimpleRNNCell"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const SimpleRNNCellOptions& options() const { return options_; }

 private:
  SimpleRNNCellOptions options_;
};

KERAS_LAYER(SimpleRNNCell);

}  // namespace keras::layers
