"""The wrappers of keras/src/layers/rnn: Bidirectional (merge modes, an explicit backward layer,
masks, return_state, initial states) and TimeDistributed (over Dense, Conv2D, a masked input and
BatchNormalization in training, which Keras runs step by step). The wrapped layer is built
fresh for each call of `make`, so every case starts from an unbuilt layer as Keras's do."""
from layer_cases import Spec


def wrapped(id, wrapper, inner, inner_kwargs, input_shape=None, inputs=None, wrapper_kwargs=None,
            backward=None, **options):
    """case() for a wrapper: `wrapper(inner(**inner_kwargs), **wrapper_kwargs)`; `backward`, a
    (class name, kwargs) pair, becomes Bidirectional's backward_layer."""
    import keras

    def make(k=keras):
        kwargs = dict(wrapper_kwargs or {})
        if backward is not None:
            kwargs["backward_layer"] = getattr(k.layers, backward[0])(**backward[1])
        return getattr(k.layers, wrapper)(getattr(k.layers, inner)(**inner_kwargs), **kwargs)

    shapes = [tuple(s) for s in inputs] if inputs is not None else [tuple(input_shape)]
    return Spec(id=id, make=make, class_name=wrapper, input_shapes=shapes, **options)


SEQ = (2, 4, 3)

CASES = [
    wrapped("rnn/bidirectional_lstm", "Bidirectional", "LSTM", dict(units=3), input_shape=SEQ),
    wrapped("rnn/bidirectional_gru_sum_sequences", "Bidirectional", "GRU",
            dict(units=2, return_sequences=True), input_shape=SEQ,
            wrapper_kwargs=dict(merge_mode="sum")),
    wrapped("rnn/bidirectional_simple_rnn_none_state", "Bidirectional", "SimpleRNN",
            dict(units=3, return_sequences=True, return_state=True), input_shape=(2, 3, 2),
            wrapper_kwargs=dict(merge_mode=None)),
    wrapped("rnn/bidirectional_lstm_mul_state", "Bidirectional", "LSTM",
            dict(units=2, return_state=True), input_shape=SEQ,
            wrapper_kwargs=dict(merge_mode="mul")),
    wrapped("rnn/bidirectional_backward_layer_ave", "Bidirectional", "LSTM",
            dict(units=2, return_sequences=True), input_shape=SEQ,
            wrapper_kwargs=dict(merge_mode="ave"),
            backward=("LSTM", dict(units=2, return_sequences=True, go_backwards=True,
                                   activation="relu"))),
    wrapped("rnn/bidirectional_gru_initial_state", "Bidirectional", "GRU",
            dict(units=2, return_sequences=True), inputs=[(2, 4, 3), (2, 2), (2, 2)],
            initial_state=True),
    wrapped("rnn/bidirectional_lstm_masked_sequences", "Bidirectional", "LSTM",
            dict(units=2, return_sequences=True), input_shape=(3, 5, 2), mask=True),
    wrapped("rnn/bidirectional_gru_masked", "Bidirectional", "GRU", dict(units=3),
            input_shape=(3, 5, 2), mask=True),
    wrapped("rnn/time_distributed_dense", "TimeDistributed", "Dense",
            dict(units=3, activation="tanh"), input_shape=(2, 4, 5)),
    wrapped("rnn/time_distributed_conv2d", "TimeDistributed", "Conv2D",
            dict(filters=2, kernel_size=3), input_shape=(2, 3, 5, 5, 1)),
    wrapped("rnn/time_distributed_dense_masked", "TimeDistributed", "Dense", dict(units=2),
            input_shape=(3, 4, 3), mask=True),
    wrapped("rnn/time_distributed_batch_norm_training", "TimeDistributed", "BatchNormalization",
            dict(), input_shape=(4, 3, 2), training=True),
]


def rnn_over(id, cells, rnn_kwargs=None, stacked_alone=False, **options):
    """keras.layers.RNN over the cells made by `cells()` (a list: Keras stacks them), or with
    `stacked_alone` StackedRNNCells itself called as a cell."""
    import keras

    def make(k=keras):
        made = cells(k)
        if stacked_alone:
            return k.layers.StackedRNNCells(made)
        return k.layers.RNN(made if len(made) > 1 else made[0], **(rnn_kwargs or {}))

    shapes = [tuple(s) for s in options.pop("inputs")]
    # A cell is called on [inputs, *states], as case() marks it.
    return Spec(id=id, make=make, class_name="StackedRNNCells" if stacked_alone else "RNN",
                input_shapes=shapes, multi_input=stacked_alone, **options)


def _cells(*specs):
    return lambda k: [getattr(k.layers, name)(**kwargs) for name, kwargs in specs]


CASES += [
    rnn_over("rnn/rnn_lstm_cell_sequences", _cells(("LSTMCell", dict(units=3))),
             dict(return_sequences=True), inputs=[(2, 4, 3)]),
    rnn_over("rnn/rnn_stacked_simple_gru_backwards", _cells(("SimpleRNNCell", dict(units=3)),
                                                            ("GRUCell", dict(units=2))),
             dict(go_backwards=True), inputs=[(2, 4, 3)]),
    rnn_over("rnn/rnn_stacked_lstm_cells_masked", _cells(("LSTMCell", dict(units=2)),
                                                         ("LSTMCell", dict(units=3))),
             dict(return_sequences=True), inputs=[(3, 5, 2)], mask=True),
    rnn_over("rnn/stacked_rnn_cells", _cells(("SimpleRNNCell", dict(units=3)),
                                             ("GRUCell", dict(units=2))),
             stacked_alone=True, inputs=[(2, 4), (2, 3), (2, 2)], cell=True),
]
