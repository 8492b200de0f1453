"""Preprocessing layers that C++ pipelines need. Normalization's adapt is checked in
tests/layers/test_preprocessing.cpp: Keras computes an adapted layer's output from statistics
cached at adapt time, not from the weights this generator sets, so its cases give the
statistics directly."""
from layer_cases import case

CASES = [
    case("preprocessing/rescaling", "Rescaling", dict(scale=1.0 / 127.5, offset=-1.0),
         input_shape=(2, 4, 4, 3)),
    # Integer pixels come out as floats; there is no gradient with respect to integers.
    case("preprocessing/rescaling_int_pixels", "Rescaling", dict(scale=1.0 / 255),
         input_shape=(2, 3, 3, 1), dtype="int32", input_range=(0, 256), grads=False),
    case("preprocessing/normalization", "Normalization",
         dict(mean=[0.5, -1.0, 2.0], variance=[4.0, 0.25, 1.0]), input_shape=(4, 3)),
    case("preprocessing/normalization_invert_scalar", "Normalization",
         dict(axis=None, mean=0.3, variance=2.0, invert=True), input_shape=(2, 3, 2)),
    case("preprocessing/normalization_two_axes", "Normalization",
         dict(axis=(1, 2), mean=[[1.0, 2.0], [0.0, -1.0], [0.5, 0.5]],
              variance=[[1.0, 2.0], [3.0, 0.5], [1.0, 1e-20]]), input_shape=(2, 3, 2)),
    case("preprocessing/category_encoding_one_hot", "CategoryEncoding",
         dict(num_tokens=5, output_mode="one_hot"), input_shape=(4, 1), dtype="int32",
         input_range=(0, 5), grads=False),
    case("preprocessing/category_encoding_one_hot_rank2", "CategoryEncoding",
         dict(num_tokens=4, output_mode="one_hot"), input_shape=(3, 2), dtype="int32",
         input_range=(0, 4), grads=False),
    case("preprocessing/category_encoding_multi_hot", "CategoryEncoding",
         dict(num_tokens=6), input_shape=(3, 4), dtype="int32", input_range=(0, 6), grads=False),
    case("preprocessing/category_encoding_count", "CategoryEncoding",
         dict(num_tokens=5, output_mode="count"), input_shape=(3, 6), dtype="int32",
         input_range=(0, 5), grads=False),
    case("preprocessing/resizing_bilinear_up", "Resizing", dict(height=7, width=5),
         input_shape=(2, 3, 4, 2)),
    case("preprocessing/resizing_bilinear_down", "Resizing", dict(height=2, width=3),
         input_shape=(2, 5, 7, 3)),
    case("preprocessing/resizing_nearest", "Resizing",
         dict(height=5, width=3, interpolation="nearest"), input_shape=(2, 3, 4, 1)),
    case("preprocessing/resizing_crop_channels_first", "Resizing",
         dict(height=3, width=3, crop_to_aspect_ratio=True, data_format="channels_first"),
         input_shape=(2, 2, 4, 6)),
    case("preprocessing/resizing_unbatched", "Resizing", dict(height=4, width=2),
         input_shape=(3, 5, 2)),
    case("preprocessing/center_crop", "CenterCrop", dict(height=2, width=3),
         input_shape=(2, 5, 6, 2)),
    case("preprocessing/center_crop_channels_first", "CenterCrop",
         dict(height=3, width=2, data_format="channels_first"), input_shape=(2, 2, 4, 5)),
    case("preprocessing/center_crop_smaller_resizes", "CenterCrop", dict(height=5, width=4),
         input_shape=(2, 3, 6, 1)),
]
