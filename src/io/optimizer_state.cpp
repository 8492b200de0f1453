#include "src/io/optimizer_state.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/optimizers/optimizer.hpp"

namespace keras::io {

void restore_optimizer_state(Model& model, std::vector<Tensor> values, const std::string& file) {
  auto optimizer = model.optimizer();
  if (!optimizer || values.empty()) return;
  optimizer->build(model.trainable_variables());
  auto variables = optimizer->variables();
  for (std::size_t i = 0; i < values.size() && i < variables.size(); ++i)
    if (values[i].dtype() != variables[i].dtype())
      values[i] = ops::cast(values[i], variables[i].dtype());
  try {
    optimizer->set_weights(values);
  } catch (const ValueError& e) {
    throw ValueError("'" + file + "': the saved optimizer state does not fit the optimizer (" +
                     e.what() + ")");
  }
}

}  // namespace keras::io
