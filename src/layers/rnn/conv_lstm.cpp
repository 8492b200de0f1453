#include "keras/layers/rnn/conv_lstm.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

ConvLSTMImpl::ConvLSTMImpl(int rank, std::string class_name, std::int64_t filters,
                           const IntTuple& kernel_size, ConvLSTMOptions options)
    : RNNImpl(std::make_shared<ConvLSTMCellImpl>(rank, filters, kernel_size, options),
              detail::rnn_options(options), to_snake_case(class_name)),
      class_name_(std::move(class_name)) {
  input_spec = {InputSpec{.ndim = rank + 3}};
}

std::vector<Shape> ConvLSTMImpl::compute_output_shape_list(const std::vector<Shape>& input_shapes) {
  const Shape& in = input_shapes.at(0);
  if (in.rank() != typed_cell().rank() + 3)
    throw ValueError(describe_layer(class_name(), name()) + " expects inputs of rank " +
                     std::to_string(typed_cell().rank() + 3) +
                     " (batch, time, spatial..., channels); received shape " + in.to_string());
  std::vector<std::int64_t> step{in[0]};
  for (int i = 2; i < in.rank(); ++i) step.push_back(in[i]);
  const Shape state = typed_cell().step_output_shape(Shape(step));
  std::vector<std::int64_t> sequence{in[0], in[1]};
  for (int i = 1; i < state.rank(); ++i) sequence.push_back(state[i]);
  std::vector<Shape> out{rnn_options().return_sequences ? Shape(sequence) : state};
  if (rnn_options().return_state) out.insert(out.end(), {state, state});
  return out;
}

ConfigValue ConvLSTMImpl::get_config() const {
  ConfigValue c = RNNImpl::get_config();
  const ConvLSTMCellImpl& cell = typed_cell();
  const ConvLSTMOptions& options = cell.options();
  c["filters"] = cell.filters();
  c["kernel_size"] = ConfigValue::list_of(cell.kernel_size());
  c["strides"] = ConfigValue::list_of(cell.strides());
  c["padding"] = cell.padding();
  c["data_format"] = cell.data_format();
  c["dilation_rate"] = ConfigValue::list_of(cell.dilation_rate());
  c["activation"] = options.activation.name();
  c["recurrent_activation"] = options.recurrent_activation.name();
  c["use_bias"] = options.use_bias;
  c["kernel_initializer"] = serialize_initializer(options.kernel_initializer);
  c["recurrent_initializer"] = serialize_initializer(options.recurrent_initializer);
  c["bias_initializer"] = serialize_initializer(options.bias_initializer);
  c["unit_forget_bias"] = options.unit_forget_bias;
  c["kernel_regularizer"] = serialize_regularizer(options.kernel_regularizer);
  c["recurrent_regularizer"] = serialize_regularizer(options.recurrent_regularizer);
  c["bias_regularizer"] = serialize_regularizer(options.bias_regularizer);
  c["activity_regularizer"] = serialize_regularizer(options.activity_regularizer);
  c["kernel_constraint"] = serialize_constraint(options.kernel_constraint);
  c["recurrent_constraint"] = serialize_constraint(options.recurrent_constraint);
  c["bias_constraint"] = serialize_constraint(options.bias_constraint);
  c["dropout"] = options.dropout;
  c["recurrent_dropout"] = options.recurrent_dropout;
  c["seed"] = detail::seed_config(options.seed);
  return c;
}

void ConvLSTMImpl::read_options(const ConfigValue& config, const char* class_name,
                                std::int64_t& filters, IntTuple& kernel_size, ConvLSTMOptions& o) {
  auto r = layer_config_reader(config, class_name);
  detail::read_cell_arguments(r, o);
  detail::read_rnn_arguments(r, o);
  filters = r.required_integer("filters");
  kernel_size = read_int_tuple(r, "kernel_size");
  o.strides = read_int_tuple(r, "strides", 1);
  o.padding = r.string("padding", "valid");
  o.data_format = r.string("data_format", "");
  o.dilation_rate = read_int_tuple(r, "dilation_rate", 1);
  r.finish();
}

}  // namespace keras::layers
