"""Core layers: the cases that check the harness itself on layers that landed first."""
from layer_cases import case

CASES = [
    case("core/dense", "Dense", dict(units=3), input_shape=(2, 5)),
    case("core/dense_relu_no_bias_rank3", "Dense", dict(units=4, activation="relu",
                                                        use_bias=False), input_shape=(2, 3, 5)),
    case("core/identity", "Identity", input_shape=(3, 2)),
    case("core/embedding", "Embedding", dict(input_dim=7, output_dim=3), input_shape=(2, 5),
         dtype="int32", input_range=(0, 7)),
    case("core/embedding_rank3_int64", "Embedding", dict(input_dim=4, output_dim=5),
         input_shape=(2, 3, 2), dtype="int64", input_range=(0, 4)),
    case("activations/activation_softmax", "Activation", dict(activation="softmax"),
         input_shape=(2, 6)),
    case("reshaping/flatten", "Flatten", input_shape=(2, 3, 4)),
    case("reshaping/reshape", "Reshape", dict(target_shape=(6, -1)), input_shape=(2, 3, 4)),
]
CASES += [
    # Inference only: in training the mask is random (tests/layers/test_dropout.cpp checks it).
    case("regularization/dropout", "Dropout", dict(rate=0.5), input_shape=(2, 5)),
]
CASES += [
    # EinsumDense: the kernel and bias shapes come from the equation (Keras's
    # _analyze_einsum_string); with and without "...", biases on one and on several axes.
    case("core/einsum_dense_ab_bc", "EinsumDense",
         dict(equation="ab,bc->ac", output_shape=3, bias_axes="c"), input_shape=(2, 5)),
    case("core/einsum_dense_abc_cd", "EinsumDense",
         dict(equation="abc,cd->abd", output_shape=(None, 4), bias_axes="d", activation="relu"),
         input_shape=(2, 3, 5)),
    case("core/einsum_dense_abc_cde_bias_de", "EinsumDense",
         dict(equation="abc,cde->abde", output_shape=(3, 2, 4), bias_axes="de"),
         input_shape=(2, 3, 5)),
    case("core/einsum_dense_ellipsis_left", "EinsumDense",
         dict(equation="...b,bc->...c", output_shape=4), input_shape=(2, 3, 5)),
    case("core/einsum_dense_ellipsis_right", "EinsumDense",
         dict(equation="ab...,bc->ac...", output_shape=4, bias_axes="c"), input_shape=(2, 5, 3)),
    case("core/einsum_dense_bias_middle", "EinsumDense",
         dict(equation="abc,cde->abde", output_shape=(3, 2, 4), bias_axes="d",
              activation="tanh"), input_shape=(2, 3, 5)),
]
