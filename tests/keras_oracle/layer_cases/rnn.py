"""Recurrent layers: SimpleRNN, LSTM, GRU and their cells.

Inputs are (batch, time, features); a cell alone takes [inputs, *states] (`cell=True`: Keras
calls it as cell(inputs, states) and returns (output, new_states), recorded flattened). Masks,
stateful layers are not cases here: a stateful layer keeps its states outside the weights
stateless_call sees (tests/layers/test_rnn.cpp checks stateful against a single long call
instead). Masks are in masking.py. `initial_state=True`: the inputs after the sequences are the
initial states (Keras's keyword argument; keraspp's list call).
"""
from layer_cases import case

SEQ = (2, 4, 3)

CASES = [
    case("rnn/simple_rnn", "SimpleRNN", dict(units=5), input_shape=SEQ),
    case("rnn/simple_rnn_sequences_relu_no_bias", "SimpleRNN",
         dict(units=4, activation="relu", use_bias=False, return_sequences=True),
         input_shape=SEQ),
    case("rnn/simple_rnn_backwards_state", "SimpleRNN",
         dict(units=3, go_backwards=True, return_sequences=True, return_state=True),
         input_shape=(3, 5, 2)),
    case("rnn/simple_rnn_linear_one_step", "SimpleRNN", dict(units=2, activation=None),
         input_shape=(1, 1, 1)),
    case("rnn/lstm", "LSTM", dict(units=4), input_shape=SEQ),
    case("rnn/lstm_sequences_state", "LSTM",
         dict(units=3, return_sequences=True, return_state=True), input_shape=(2, 5, 4)),
    case("rnn/lstm_backwards_hard_sigmoid_relu", "LSTM",
         dict(units=5, go_backwards=True, recurrent_activation="hard_sigmoid", activation="relu"),
         input_shape=SEQ),
    case("rnn/lstm_no_bias_one_unit", "LSTM",
         dict(units=1, use_bias=False, unit_forget_bias=False, return_state=True),
         input_shape=(3, 6, 2)),
    case("rnn/lstm_unroll_backwards_state", "LSTM",
         dict(units=2, unroll=True, go_backwards=True, return_state=True,
              return_sequences=True), input_shape=(1, 3, 5)),
    case("rnn/gru", "GRU", dict(units=4), input_shape=SEQ),
    case("rnn/gru_reset_before_sequences", "GRU",
         dict(units=3, reset_after=False, return_sequences=True), input_shape=(2, 5, 4)),
    case("rnn/gru_backwards_state", "GRU",
         dict(units=5, go_backwards=True, return_state=True, return_sequences=True),
         input_shape=SEQ),
    case("rnn/gru_reset_before_no_bias_state", "GRU",
         dict(units=2, reset_after=False, use_bias=False, return_state=True),
         input_shape=(3, 4, 1)),
    case("rnn/gru_no_bias_softsign", "GRU",
         dict(units=3, use_bias=False, activation="softsign", recurrent_activation="tanh"),
         input_shape=SEQ),
    case("rnn/lstm_initial_state", "LSTM", dict(units=3, return_state=True),
         inputs=[(2, 4, 2), (2, 3), (2, 3)], initial_state=True),
    case("rnn/gru_initial_state_backwards_sequences", "GRU",
         dict(units=2, go_backwards=True, return_sequences=True),
         inputs=[(3, 3, 4), (3, 2)], initial_state=True),
    case("rnn/simple_rnn_initial_state_sequences", "SimpleRNN",
         dict(units=3, return_sequences=True), inputs=[(3, 4, 2), (3, 3)], initial_state=True),
    case("rnn/simple_rnn_cell", "SimpleRNNCell", dict(units=4), inputs=[(2, 3), (2, 4)],
         cell=True),
    case("rnn/lstm_cell", "LSTMCell", dict(units=3), inputs=[(2, 5), (2, 3), (2, 3)],
         cell=True),
    case("rnn/gru_cell", "GRUCell", dict(units=3), inputs=[(2, 4), (2, 3)], cell=True),
    case("rnn/gru_cell_reset_before", "GRUCell", dict(units=2, reset_after=False),
         inputs=[(3, 4), (3, 2)], cell=True),
]
