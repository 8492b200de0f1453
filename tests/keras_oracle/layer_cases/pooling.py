"""Pooling layers: both data formats, valid and same padding, strides unequal to the window,
odd sizes where a window does not fit evenly, and keepdims for the global poolings."""
from layer_cases import case

CF = dict(data_format="channels_first")

CASES = [
    # MaxPooling / AveragePooling 1D: (batch, steps, features).
    case("pooling/max1d", "MaxPooling1D", {}, input_shape=(2, 7, 3)),
    case("pooling/max1d_same_stride2_pool3", "MaxPooling1D",
         dict(pool_size=3, strides=2, padding="same"), input_shape=(2, 8, 2)),
    case("pooling/max1d_cf_stride1", "MaxPooling1D", dict(pool_size=2, strides=1, **CF),
         input_shape=(2, 3, 5)),
    case("pooling/avg1d", "AveragePooling1D", dict(pool_size=2), input_shape=(2, 7, 3)),
    case("pooling/avg1d_same_pool3", "AveragePooling1D", dict(pool_size=3, padding="same"),
         input_shape=(2, 7, 2)),
    case("pooling/avg1d_cf_same", "AveragePooling1D", dict(pool_size=2, padding="same", **CF),
         input_shape=(2, 3, 5)),
    # 2D: (batch, rows, cols, channels).
    case("pooling/max2d", "MaxPooling2D", {}, input_shape=(2, 5, 6, 3)),
    case("pooling/max2d_pool3x2_stride_2x1", "MaxPooling2D",
         dict(pool_size=(3, 2), strides=(2, 1)), input_shape=(2, 7, 5, 2)),
    case("pooling/max2d_same_odd", "MaxPooling2D", dict(pool_size=3, strides=2, padding="same"),
         input_shape=(1, 5, 6, 2)),
    case("pooling/max2d_cf_same", "MaxPooling2D", dict(padding="same", **CF),
         input_shape=(2, 3, 5, 5)),
    case("pooling/avg2d", "AveragePooling2D", dict(pool_size=(2, 2)), input_shape=(2, 5, 6, 3)),
    case("pooling/avg2d_same_pool3_stride2", "AveragePooling2D",
         dict(pool_size=3, strides=2, padding="same"), input_shape=(1, 6, 5, 2)),
    case("pooling/avg2d_cf_stride1", "AveragePooling2D", dict(pool_size=(2, 3), strides=1, **CF),
         input_shape=(2, 2, 4, 5)),
    # 3D: (batch, d1, d2, d3, channels).
    case("pooling/max3d", "MaxPooling3D", {}, input_shape=(1, 4, 5, 4, 2)),
    case("pooling/max3d_cf_same", "MaxPooling3D", dict(pool_size=(2, 3, 2), padding="same", **CF),
         input_shape=(1, 2, 3, 5, 4)),
    case("pooling/avg3d", "AveragePooling3D", dict(pool_size=2, strides=(1, 2, 2)),
         input_shape=(1, 3, 5, 4, 2)),
    case("pooling/avg3d_cf_same", "AveragePooling3D", dict(pool_size=3, strides=2,
                                                           padding="same", **CF),
         input_shape=(1, 2, 5, 4, 3)),
]

# Global poolings: every spatial position reduced, optionally kept as size 1.
for dims, shape, shape_cf in [(1, (2, 5, 3), (2, 3, 5)),
                              (2, (2, 3, 4, 3), (2, 3, 4, 3)),
                              (3, (1, 3, 2, 4, 2), (1, 2, 3, 2, 4))]:
    for kind, name in [("max", "GlobalMaxPooling"), ("avg", "GlobalAveragePooling")]:
        cls = f"{name}{dims}D"
        CASES += [
            case(f"pooling/global_{kind}{dims}d", cls, {}, input_shape=shape),
            case(f"pooling/global_{kind}{dims}d_keepdims", cls, dict(keepdims=True),
                 input_shape=shape),
            case(f"pooling/global_{kind}{dims}d_cf_keepdims", cls, dict(keepdims=True, **CF),
                 input_shape=shape_cf),
            case(f"pooling/global_{kind}{dims}d_cf", cls, CF, input_shape=shape_cf),
        ]
