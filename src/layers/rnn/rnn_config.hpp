#pragma once
// Internal: the config keys the recurrent cells and layers share, written and read once for
// all of them (Keras 3's names; older generations' names arrive renamed by legacy_config).
#include "keras/layers/rnn/rnn.hpp"
#include "src/core/config_reader.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers::detail {

// units, activation(s), the weights' recipes, dropout rates, seed and the cell's own flags.
template <class Options>
void write_cell_arguments(ConfigValue& c, std::int64_t units, const Options& o) {
  c["units"] = units;
  c["activation"] = o.activation.name();
  if constexpr (requires { o.recurrent_activation; })
    c["recurrent_activation"] = o.recurrent_activation.name();
  c["use_bias"] = o.use_bias;
  if constexpr (requires { o.unit_forget_bias; }) c["unit_forget_bias"] = o.unit_forget_bias;
  c["kernel_initializer"] = serialize_initializer(o.kernel_initializer);
  c["recurrent_initializer"] = serialize_initializer(o.recurrent_initializer);
  c["bias_initializer"] = serialize_initializer(o.bias_initializer);
  c["kernel_regularizer"] = serialize_regularizer(o.kernel_regularizer);
  c["recurrent_regularizer"] = serialize_regularizer(o.recurrent_regularizer);
  c["bias_regularizer"] = serialize_regularizer(o.bias_regularizer);
  c["kernel_constraint"] = serialize_constraint(o.kernel_constraint);
  c["recurrent_constraint"] = serialize_constraint(o.recurrent_constraint);
  c["bias_constraint"] = serialize_constraint(o.bias_constraint);
  c["dropout"] = o.dropout;
  c["recurrent_dropout"] = o.recurrent_dropout;
  if constexpr (requires { o.reset_after; }) c["reset_after"] = o.reset_after;
  c["seed"] = seed_config(o.seed);
}

template <class Options>
void read_cell_arguments(keras::detail::ConfigReader& r, Options& o) {
  read_base_options(r, o);
  // A missing activation is Keras's default; an explicit null is linear, as activations.get(None).
  if (r.present("activation")) o.activation = r.string("activation", "linear");
  if constexpr (requires { o.recurrent_activation; })
    if (r.present("recurrent_activation"))
      o.recurrent_activation = r.string("recurrent_activation", "linear");
  o.use_bias = r.boolean("use_bias", true);
  if constexpr (requires { o.unit_forget_bias; })
    o.unit_forget_bias = r.boolean("unit_forget_bias", true);
  if constexpr (requires { o.reset_after; }) o.reset_after = r.boolean("reset_after", true);
  if (r.present("kernel_initializer"))
    o.kernel_initializer = read_initializer(r.raw("kernel_initializer"), "glorot_uniform");
  if (r.present("recurrent_initializer"))
    o.recurrent_initializer = read_initializer(r.raw("recurrent_initializer"), "orthogonal");
  if (r.present("bias_initializer"))
    o.bias_initializer = read_initializer(r.raw("bias_initializer"), "zeros");
  o.kernel_regularizer = read_regularizer(r.raw("kernel_regularizer"));
  o.recurrent_regularizer = read_regularizer(r.raw("recurrent_regularizer"));
  o.bias_regularizer = read_regularizer(r.raw("bias_regularizer"));
  o.kernel_constraint = read_constraint(r.raw("kernel_constraint"));
  o.recurrent_constraint = read_constraint(r.raw("recurrent_constraint"));
  o.bias_constraint = read_constraint(r.raw("bias_constraint"));
  o.dropout = r.number("dropout", 0.0);
  o.recurrent_dropout = r.number("recurrent_dropout", 0.0);
  o.seed = r.optional_integer("seed");
  // Keras 2's choice of kernel split and Keras 3's cuDNN switch: the results are the same.
  r.ignore({"implementation", "use_cudnn"});
}

// The build config of a layer called on {sequences, initial states...} (RNN, Bidirectional):
// the sequences' shape alone, as Keras builds from it (a list of shapes there would read, in
// Keras, as one malformed shape).
inline ConfigValue sequences_build_config(ConfigValue c) {
  if (c.is_dict() && c.get("input_shape").is_list() && c.at("input_shape").size() > 0 &&
      c.at("input_shape").as_list()[0].is_list()) {
    // A copy first: assigning a part of c["input_shape"] to it would read freed memory.
    const ConfigValue sequences = c.at("input_shape").as_list()[0];
    c["input_shape"] = sequences;
  }
  return c;
}

// Keras 3's call node for such a call given initial states: the sequences positional, the
// states as the `initial_state` keyword.
inline ConfigValue initial_state_node_config(const std::vector<ConfigValue>& input_tensors) {
  ConfigValue states = ConfigValue::list();
  for (std::size_t i = 1; i < input_tensors.size(); ++i) states.push_back(input_tensors[i]);
  return ConfigValue::Dict{{"args", ConfigValue::List{input_tensors.at(0)}},
                           {"kwargs", ConfigValue::Dict{{"initial_state", states}}}};
}

// The RNN layer's keys (keras.layers.RNN.get_config), before the cell's.
template <class Options>
void write_rnn_arguments(ConfigValue& c, const Options& o) {
  c["return_sequences"] = o.return_sequences;
  c["return_state"] = o.return_state;
  c["go_backwards"] = o.go_backwards;
  c["stateful"] = o.stateful;
  c["unroll"] = o.unroll;
  c["zero_output_for_mask"] = o.zero_output_for_mask;
}

template <class Options>
void read_rnn_arguments(keras::detail::ConfigReader& r, Options& o) {
  o.return_sequences = r.boolean("return_sequences", false);
  o.return_state = r.boolean("return_state", false);
  o.go_backwards = r.boolean("go_backwards", false);
  o.stateful = r.boolean("stateful", false);
  o.unroll = r.boolean("unroll", false);
  o.zero_output_for_mask = r.boolean("zero_output_for_mask", false);
  // Keras 1 / 2's input_length is the time dimension of the input shape, the model's to read.
  r.ignore({"input_length"});
  // tf.keras 2 wrote time_major; only batch-major inputs are what Keras 3 reads.
  if (r.boolean("time_major", false))
    throw ValueError(r.owner() +
                     ": time_major=True is not supported (Keras 3 has no such "
                     "argument); received time_major=true");
}

// A layer's options split as Keras's SimpleRNN / LSTM / GRU split their arguments: the cell's
// (named `cell_name`, as Keras names the cell it makes) ...
template <class CellOptions, class Options>
CellOptions cell_options(const Options& o, const char* cell_name) {
  CellOptions c;
  c.activation = o.activation;
  if constexpr (requires { o.recurrent_activation; })
    c.recurrent_activation = o.recurrent_activation;
  if constexpr (requires { o.unit_forget_bias; }) c.unit_forget_bias = o.unit_forget_bias;
  if constexpr (requires { o.reset_after; }) c.reset_after = o.reset_after;
#define KERAS_RNN_COPY_FIELD(type, field, init) c.field = o.field;
  KERAS_RNN_CELL_KWARGS(KERAS_RNN_COPY_FIELD)
#undef KERAS_RNN_COPY_FIELD
  c.name = cell_name;
  c.trainable = o.trainable;
  c.dtype = o.dtype;
  return c;
}

// ... and the RNN layer's.
template <class Options>
RNNOptions rnn_options(const Options& o) {
  RNNOptions r;
#define KERAS_RNN_COPY_FIELD(type, field, init) r.field = o.field;
  KERAS_RNN_LAYER_KWARGS(KERAS_RNN_COPY_FIELD)
  KERAS_RNN_BASE_KWARGS(KERAS_RNN_COPY_FIELD)
#undef KERAS_RNN_COPY_FIELD
  return r;
}

// A cell's or a recurrent layer's from_config: `Impl(units, options)` from Keras's keys.
template <class Impl>
std::shared_ptr<Layer> rnn_from_config(const ConfigValue& config, const char* class_name) {
  auto r = layer_config_reader(config, class_name);
  typename Impl::Options o;
  read_cell_arguments(r, o);
  if constexpr (requires { o.return_sequences; }) read_rnn_arguments(r, o);
  const std::int64_t units = r.required_integer("units");
  r.finish();
  return std::make_shared<Impl>(units, std::move(o));
}

}  // namespace keras::layers::detail
