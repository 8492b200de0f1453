#pragma once
// keras.layers.GRUCell: one step of a gated recurrent unit layer. Weights as Keras 3's:
// kernel (features, 3 units), recurrent_kernel (units, 3 units), the gates in the order z, r, h;
// bias (2, 3 units) with reset_after (input and recurrent biases, the cuDNN convention, Keras's
// default), else (3 units). State: [h]; output: h.
#include "keras/layers/rnn/dense_rnn_cell.hpp"
#include "keras/layers/rnn/rnn_options.hpp"

namespace keras::layers {

struct GRUCellOptions {
  activations::Spec activation = "tanh";
  activations::Spec recurrent_activation = "sigmoid";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  // Applies the reset gate after the recurrent matmul (true) or before it (false).
  bool reset_after = true;
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

class GRUCellImpl : public DenseRNNCellImpl {
 public:
  using Positional = std::tuple<std::int64_t>;  // the handle's constructors (KERAS_LAYER)
  using Options = GRUCellOptions;
  GRUCellImpl(std::int64_t units, GRUCellOptions options = {});
  std::vector<std::int64_t> state_size() const override { return {units_}; }
  void begin_sequence(const Tensor& step_input, const Tensor& state, bool training) override;
  void end_sequence() override;
  std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                           bool training) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "GRUCell"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  const GRUCellOptions& options() const { return options_; }

 protected:
  Shape bias_shape() const override;
  Tensor input_bias() const override;

 private:
  // Per sequence (begin_sequence): the recurrent kernel's z|r and h columns, the recurrent bias.
  Tensor recurrent_zr_, recurrent_h_, recurrent_bias_;

 private:
  GRUCellOptions options_;
};

KERAS_LAYER(GRUCell);

}  // namespace keras::layers
