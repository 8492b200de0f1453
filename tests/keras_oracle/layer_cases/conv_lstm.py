"""ConvLSTM1D / 2D / 3D: the convolutional LSTMs (keras/src/layers/rnn/conv_lstm*.py), with
"valid" and "same" padding, strides, dilation, channels_first, return_sequences / return_state,
go_backwards (no mask: Keras 3.15's JAX loop cannot broadcast a (batch, 1) step mask against
feature-map states, so a masked ConvLSTM fails in Keras itself). Small maps: each case runs the loop through JAX's gradients."""
from layer_cases import case

CASES = [
    case("rnn/conv_lstm1d", "ConvLSTM1D", dict(filters=2, kernel_size=3),
         input_shape=(2, 3, 6, 2)),
    case("rnn/conv_lstm1d_same_sequences_state", "ConvLSTM1D",
         dict(filters=3, kernel_size=2, padding="same", return_sequences=True,
              return_state=True), input_shape=(2, 4, 5, 1)),
    case("rnn/conv_lstm2d", "ConvLSTM2D", dict(filters=2, kernel_size=(3, 2)),
         input_shape=(2, 3, 5, 4, 2)),
    case("rnn/conv_lstm2d_strides_backwards_sequences", "ConvLSTM2D",
         dict(filters=2, kernel_size=2, strides=2, go_backwards=True, return_sequences=True,
              activation="relu", recurrent_activation="hard_sigmoid"),
         input_shape=(2, 3, 5, 5, 1)),
    case("rnn/conv_lstm2d_channels_first_dilation_no_bias", "ConvLSTM2D",
         dict(filters=3, kernel_size=2, dilation_rate=2, data_format="channels_first",
              use_bias=False, return_state=True), input_shape=(1, 2, 2, 5, 5)),
    case("rnn/conv_lstm3d", "ConvLSTM3D", dict(filters=2, kernel_size=2),
         input_shape=(1, 2, 3, 3, 3, 1)),
]
