#pragma once
// keras.layers.GRU: gated recurrent unit (Cho et al. 2014), GRUCell looped over time
// (keras/layers/rnn/rnn.hpp has what every recurrent layer shares).
#include "keras/layers/rnn/gru_cell.hpp"
#include "keras/layers/rnn/rnn.hpp"

namespace keras::layers {

struct GRUOptions {
  activations::Spec activation = "tanh";
  activations::Spec recurrent_activation = "sigmoid";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  // Applies the reset gate after the recurrent matmul (true, cuDNN's convention) or before.
  bool reset_after = true;
  KERAS_RNN_LAYER_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class GRUImpl : public RNNImpl {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = GRUOptions;
  GRUImpl(std::int64_t units, GRUOptions options = {});
  ConfigValue get_config() const override;
  std::string class_name() const override { return "GRU"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  std::int64_t units() const { return typed_cell().units(); }
  // The cell holds the weights (kernel, recurrent_kernel, bias), as in Keras.
  GRUCellImpl& typed_cell() const { return static_cast<GRUCellImpl&>(*cell()); }

 private:
  GRUOptions options_;
};

KERAS_LAYER(GRU);

}  // namespace keras::layers
