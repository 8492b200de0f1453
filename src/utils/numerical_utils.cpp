#include "keras/utils/numerical_utils.hpp"

#include <string>
#include <vector>

#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::utils {

Tensor to_categorical(const Tensor& x, std::optional<std::int64_t> num_classes) {
  if (!x.defined()) throw ValueError("to_categorical: received an undefined tensor");
  if (num_classes && *num_classes < 0)
    throw ValueError("to_categorical: num_classes must be non-negative, received " +
                     std::to_string(*num_classes));
  // np.array(x, dtype="int64") in Keras.
  Tensor labels = ops::cast(x, DType::int64);
  std::vector<std::int64_t> dims = x.shape().dims();
  if (dims.size() > 1 && dims.back() == 1) {
    dims.pop_back();
    labels = ops::reshape(labels, Shape(dims));
  }
  std::int64_t n = num_classes.value_or(0);
  if (labels.size() > 0) {
    // Two scalars read back, not the labels: the check stays cheap on any backend.
    const auto lo = ops::min(labels).item<std::int64_t>();
    const auto hi = ops::max(labels).item<std::int64_t>();
    if (n == 0) n = hi + 1;  // Keras: `if not num_classes: num_classes = np.max(x) + 1`
    if (lo < 0 || hi >= n)
      throw ValueError("to_categorical: class ids must be in [0, " + std::to_string(n) +
                       "), received " + std::to_string(lo < 0 ? lo : hi) + " (input of shape " +
                       x.shape().to_string() + ")");
  } else if (n == 0) {
    throw ValueError("to_categorical: cannot infer num_classes from an empty input of shape " +
                     x.shape().to_string() + "; pass num_classes");
  }
  return ops::one_hot(labels, n, -1, dtype_from_name(config::floatx()));
}

}  // namespace keras::utils
