#pragma once
// keras.layers.LSTMCell: one step of a long short-term memory layer. Weights as Keras 3's:
// kernel (features, 4 units), recurrent_kernel (units, 4 units), bias (4 units), the gates in
// the order i, f, c, o. States: [h, c]; output: h.
#include "keras/layers/rnn/dense_rnn_cell.hpp"
#include "keras/layers/rnn/rnn_options.hpp"

namespace keras::layers {

struct LSTMCellOptions {
  activations::Spec activation = "tanh";
  activations::Spec recurrent_activation = "sigmoid";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  // Adds 1 to the forget gate's bias at initialization (Jozefowicz et al.).
  bool unit_forget_bias = true;
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class LSTMCellImpl : public DenseRNNCellImpl {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = LSTMCellOptions;
  LSTMCellImpl(std::int64_t units, LSTMCellOptions options = {});
  std::vector<std::int64_t> state_size() const override { return {units_, units_}; }
  std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                           bool training) override;
  // The fused sequence op (ops::detail::lstm_sequence) where `step` would run the fused gates
  // at every step and no recurrent dropout applies.
  std::vector<Tensor> run_sequence(const Tensor& sequences, const std::vector<Tensor>& states,
                                   bool go_backwards, bool training) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "LSTMCell"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const LSTMCellOptions& options() const { return options_; }

 protected:
  initializers::Spec bias_initializer() const override;

 private:
  LSTMCellOptions options_;
};

KERAS_LAYER(LSTMCell);

}  // namespace keras::layers
