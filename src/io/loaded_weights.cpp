#include "src/io/loaded_weights.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::io {

void assign_loaded_weights(const std::vector<LoadedWeight>& weights, const std::string& file) {
  for (const auto& w : weights) {
    if (!is_floating(w.value.dtype())) continue;
    const Tensor nan = ops::isnan(w.value);
    if (!ops::any(nan).item<bool>()) continue;
    const auto count = ops::sum(ops::cast(nan, DType::int64)).item<std::int64_t>();
    throw ValueError("'" + file + "': weight '" + w.variable.path() + "' (" + w.source +
                     ") holds " + std::to_string(count) + " NaN value" + (count == 1 ? "" : "s") +
                     " of " + std::to_string(w.value.size()) +
                     "; a file with NaN weights is corrupt or was saved after training diverged");
  }
  for (const auto& w : weights) {
    Variable v = w.variable;  // a handle: assigning through the copy assigns the model's variable
    v.assign(backend::to_backend(w.value, v.value().backend()));
  }
}

}  // namespace keras::io
