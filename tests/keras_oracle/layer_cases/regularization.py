"""Regularization layers. The random ones are checked at inference (the identity) here; their
training-mode statistics are tests/layers/test_regularization.cpp's. ActivityRegularization is
deterministic: both modes, and the penalty it adds to layer.losses."""
from layer_cases import case

CASES = [
    case("regularization/spatial_dropout1d", "SpatialDropout1D", dict(rate=0.3),
         input_shape=(2, 5, 3)),
    case("regularization/spatial_dropout2d", "SpatialDropout2D", dict(rate=0.5, seed=4),
         input_shape=(2, 3, 4, 5)),
    case("regularization/spatial_dropout2d_channels_first", "SpatialDropout2D",
         dict(rate=0.5, data_format="channels_first"), input_shape=(2, 3, 4, 5)),
    case("regularization/spatial_dropout3d", "SpatialDropout3D", dict(rate=0.2),
         input_shape=(2, 3, 2, 3, 4)),
    case("regularization/spatial_dropout3d_channels_first", "SpatialDropout3D",
         dict(rate=0.2, data_format="channels_first"), input_shape=(2, 3, 2, 3, 4)),
    case("regularization/gaussian_noise", "GaussianNoise", dict(stddev=0.3, seed=2),
         input_shape=(3, 4)),
    case("regularization/gaussian_dropout", "GaussianDropout", dict(rate=0.4),
         input_shape=(3, 4)),
    case("regularization/alpha_dropout", "AlphaDropout", dict(rate=0.2), input_shape=(3, 4)),
    case("regularization/alpha_dropout_noise_shape", "AlphaDropout",
         dict(rate=0.3, noise_shape=(None, 1, 3), seed=5), input_shape=(2, 4, 3)),
    case("regularization/activity_regularization", "ActivityRegularization",
         dict(l1=0.01, l2=0.02), input_shape=(4, 3), training=True, losses=True),
    case("regularization/activity_regularization_l2_rank3", "ActivityRegularization",
         dict(l2=0.5), input_shape=(3, 2, 5), training=True, losses=True),
]
