#pragma once
// keras.utils numerical helpers.
#include <cstdint>
#include <optional>

#include "keras/core/tensor.hpp"

namespace keras::utils {

// keras.utils.to_categorical: class ids -> one-hot rows, the class axis last.
//   to_categorical(tensor<int>({0, 2, 1}, {3}))     -> shape (3, 3)
//   to_categorical(labels_of_shape_n_1, 10)         -> shape (n, 10), not (n, 1, 10)
// As in Keras: values are converted to int64 first (floats truncate toward zero); a trailing
// axis of size 1 is dropped when the input has rank > 1 (a column of labels); num_classes
// unset (or 0, which Keras also treats as unset) means max(x) + 1; a 0-d input gives a vector.
// The result has dtype config::floatx(), as Keras's tensor path (NumPy input gives float64 in
// Keras; a keraspp Tensor is a backend tensor, and float32 targets are what losses expect).
// Where Keras would wrap a negative id silently (NumPy indexing) or fail on a large one, any id
// outside [0, num_classes) is a ValueError naming it.
Tensor to_categorical(const Tensor& x, std::optional<std::int64_t> num_classes = std::nullopt);

}  // namespace keras::utils
