"""Activation layers (ThresholdedReLU is gone from Keras 3:
tests/layers/test_activation_layers.cpp checks it against hand values). Inputs are standard normal, so every branch (below the
threshold, between, above max_value) is hit."""
import keras

from layer_cases import case


def elu_keeping_alpha(id, alpha, input_shape):
    """Keras 3's ELU has no get_config, so its serialized form drops alpha (a Keras bug that
    would make the C++ side rebuild alpha=1.0): the case's layer writes it, as ours does."""
    spec = case(id, "ELU", dict(alpha=alpha), input_shape=input_shape)

    def make():
        layer = keras.layers.ELU(alpha=alpha)
        base = layer.get_config
        layer.get_config = lambda: {**base(), "alpha": alpha}
        return layer

    spec.make = make
    return spec


CASES = [
    case("activations/relu", "ReLU", input_shape=(3, 5)),
    case("activations/relu_max_value", "ReLU", dict(max_value=0.8), input_shape=(4, 6)),
    case("activations/relu_all_options", "ReLU",
         dict(max_value=1.2, negative_slope=0.1, threshold=0.3), input_shape=(2, 3, 7)),
    case("activations/leaky_relu", "LeakyReLU", input_shape=(3, 5)),
    case("activations/leaky_relu_slope", "LeakyReLU", dict(negative_slope=0.05),
         input_shape=(2, 4, 3)),
    case("activations/prelu", "PReLU", input_shape=(3, 5)),
    case("activations/prelu_shared_axes", "PReLU", dict(shared_axes=[1, 2]),
         input_shape=(2, 3, 4, 5)),
    case("activations/prelu_constant_alpha", "PReLU",
         dict(alpha_initializer=keras.initializers.Constant(0.25)), input_shape=(2, 3, 4)),
    case("activations/elu", "ELU", input_shape=(3, 5)),
    elu_keeping_alpha("activations/elu_alpha", 0.5, (2, 3, 4)),
    case("activations/softmax", "Softmax", input_shape=(3, 5)),
    case("activations/softmax_axis1", "Softmax", dict(axis=1), input_shape=(2, 4, 3)),
    case("activations/softmax_two_axes", "Softmax", dict(axis=[1, 2]), input_shape=(2, 3, 4)),
]
