#pragma once
// The keyword arguments the recurrent cells and layers share (keras.layers.SimpleRNNCell,
// LSTMCell, GRUCell and their layers), defined once as X-macros: X(type, name, default). Each
// options struct expands them in Keras's order; a base struct would be the plainer single
// definition, but C++20 designated initializers cannot name a base's members, so
// `LSTM(4, {.return_sequences = true})` would stop compiling.
#include <cstdint>
#include <optional>
#include <string>

#include "keras/activations/activations.hpp"
#include "keras/constraints/constraints.hpp"
#include "keras/initializers/initializers.hpp"
#include "keras/regularizers/regularizers.hpp"

// After `activation` (and `recurrent_activation`): the weights' recipes and the dropout rates.
#define KERAS_RNN_CELL_KWARGS(X)                                                             \
  X(bool, use_bias, true)                                                                    \
  X(initializers::Spec, kernel_initializer, "glorot_uniform")                                \
  X(initializers::Spec, recurrent_initializer, "orthogonal")                                 \
  X(initializers::Spec, bias_initializer, "zeros")                                           \
  X(regularizers::Spec, kernel_regularizer, {})                                              \
  X(regularizers::Spec, recurrent_regularizer, {})                                           \
  X(regularizers::Spec, bias_regularizer, {})                                                \
  X(constraints::Spec, kernel_constraint, {})                                                \
  X(constraints::Spec, recurrent_constraint, {})                                             \
  X(constraints::Spec, bias_constraint, {})                                                  \
  /* fractions of the inputs / recurrent state dropped in training, one mask per sequence */ \
  X(double, dropout, 0.0)                                                                    \
  X(double, recurrent_dropout, 0.0)                                                          \
  X(std::optional<std::int64_t>, seed, {}) /* of the dropout masks */

// The RNN layer's own arguments (keras.layers.RNN), after the cell's.
#define KERAS_RNN_LAYER_KWARGS(X)                                                       \
  X(regularizers::Spec, activity_regularizer, {})                                       \
  X(bool, return_sequences, false)                                                      \
  X(bool, return_state, false)                                                          \
  X(bool, go_backwards, false)                                                          \
  X(bool, stateful, false)                                                              \
  X(bool, unroll, false) /* accepted; the loop gives the same result */                 \
  /* masked steps output zeros instead of the previous output (Keras's RNN argument) */ \
  X(bool, zero_output_for_mask, false)

// The base Layer arguments.
#define KERAS_RNN_BASE_KWARGS(X) \
  X(std::string, name, {})       \
  X(bool, trainable, true)       \
  X(std::string, dtype, {})

#define KERAS_RNN_DECLARE_FIELD(type, field, init) type field = init;
