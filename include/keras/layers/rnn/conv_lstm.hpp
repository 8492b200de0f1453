#pragma once
// The base of keras.layers.ConvLSTM1D / 2D / 3D: an LSTM whose input and recurrent
// transformations are convolutions, over (batch, time, spatial..., channels) sequences
// (channels_last; (batch, time, channels, spatial...) with channels_first). The states h and c
// are feature maps of the convolution's output shape. Weights as Keras 3's, in its cell
// "conv_lstm_cell": kernel (kernel_size..., channels, 4 filters), recurrent_kernel
// (kernel_size..., filters, 4 filters), bias (4 filters), the gates in the order i, f, c, o; the
// recurrent convolution has stride 1 and "same" padding.
//
// The input convolution of every time step runs once for the whole sequence (one conv over
// batch * time samples); each step adds the recurrent convolution of h.
#include <cstdint>
#include <string>
#include <vector>

#include "keras/layers/int_tuple.hpp"
#include "keras/layers/rnn/dropout_rnn_cell.hpp"
#include "keras/layers/rnn/rnn.hpp"
#include "keras/layers/rnn/rnn_options.hpp"

namespace keras::layers {

// ConvLSTM1D / 2D / 3D's keyword arguments, with Keras's defaults.
struct ConvLSTMOptions {
  IntTuple strides = 1;
  std::string padding = "valid";  // or "same"
  std::string data_format{};      // empty: keras::config::image_data_format()
  IntTuple dilation_rate = 1;     // > 1 excludes strides > 1
  activations::Spec activation = "tanh";
  activations::Spec recurrent_activation = "sigmoid";
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_DECLARE_FIELD)
  // Adds 1 to the forget gate's bias at initialization.
  bool unit_forget_bias = true;
  KERAS_RNN_LAYER_KWARGS(KERAS_RNN_DECLARE_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_DECLARE_FIELD)
};

// Keras's ConvLSTMCell (not exported by Keras: made by the layer, named "conv_lstm_cell").
class ConvLSTMCellImpl : public RNNCellImpl {
 public:
  ConvLSTMCellImpl(int rank, std::int64_t filters, const IntTuple& kernel_size,
                   ConvLSTMOptions options);
  // (batch, spatial..., channels): one step's input.
  void build(const Shape& input_shape) override;
  std::vector<std::int64_t> state_size() const override { return {filters_, filters_}; }
  std::int64_t output_size() const override { return filters_; }
  std::vector<Shape> state_shapes() const override { return {step_output_, step_output_}; }
  Shape output_shape() const override { return step_output_; }
  void begin_sequence(const Tensor& step_input, const Tensor& state, bool training) override;
  Tensor project_inputs(const Tensor& sequences, bool training) override;
  std::vector<Tensor> step(const Tensor& projected, const std::vector<Tensor>& states,
                           bool training) override;
  std::string class_name() const override { return "ConvLSTMCell"; }

  // One step's output shape for one step's input shape (batch included).
  Shape step_output_shape(const Shape& step_input_shape) const;
  int rank() const { return rank_; }
  std::int64_t filters() const { return filters_; }
  const std::vector<std::int64_t>& kernel_size() const { return kernel_size_; }
  const std::vector<std::int64_t>& strides() const { return strides_; }
  const std::vector<std::int64_t>& dilation_rate() const { return dilation_rate_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }
  const ConvLSTMOptions& options() const { return options_; }

 private:
  int rank_;
  std::int64_t filters_;
  std::vector<std::int64_t> kernel_size_, strides_, dilation_rate_;
  std::string padding_, data_format_;
  ConvLSTMOptions options_;
  DropoutRNNCell dropout_;
  Variable kernel_, recurrent_kernel_, bias_;
  Shape step_output_;  // once built
  int channel_axis(int tensor_rank) const;
};

class ConvLSTMImpl : public RNNImpl {
 public:
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  // The RNN keys, then the convolution's and the cell's (Keras's ConvLSTM.get_config).
  ConfigValue get_config() const override;
  std::string class_name() const override { return class_name_; }

  ConvLSTMCellImpl& typed_cell() const { return static_cast<ConvLSTMCellImpl&>(*cell()); }
  std::int64_t filters() const { return typed_cell().filters(); }

 protected:
  ConvLSTMImpl(int rank, std::string class_name, std::int64_t filters, const IntTuple& kernel_size,
               ConvLSTMOptions options);
  // from_config of ConvLSTM<rank>D.
  template <class Impl>
  static std::shared_ptr<Layer> read_config(const ConfigValue& config, const char* class_name);
  static void read_options(const ConfigValue& config, const char* class_name, std::int64_t& filters,
                           IntTuple& kernel_size, ConvLSTMOptions& o);

 private:
  std::string class_name_;
};

template <class Impl>
std::shared_ptr<Layer> ConvLSTMImpl::read_config(const ConfigValue& config,
                                                 const char* class_name) {
  std::int64_t filters = 0;
  IntTuple kernel_size;
  ConvLSTMOptions o;
  read_options(config, class_name, filters, kernel_size, o);
  return std::make_shared<Impl>(filters, kernel_size, std::move(o));
}

}  // namespace keras::layers
