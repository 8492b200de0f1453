#include "keras/callbacks/terminate_on_nan.hpp"

#include <cmath>
#include <string>

#include "keras/core/errors.hpp"
#include "src/utils/messages.hpp"
#include "src/callbacks/model_access.hpp"

namespace keras::callbacks {
namespace {

// Python's str(float) for the values that get here: "nan", "inf", "-inf".
std::string python_str(double v) {
  if (std::isnan(v)) return "nan";
  return v > 0 ? "inf" : "-inf";
}

}  // namespace

void TerminateOnNaNImpl::on_batch_end(std::int64_t batch, const Logs& logs) {
  auto it = logs.find("loss");
  if (it == logs.end()) return;
  const double loss = it->second;
  if (!std::isnan(loss) && !std::isinf(loss)) return;
  if (raise_error)
    throw RuntimeError(std::string("NaN or Inf loss encountered at batch ") +
                       std::to_string(batch) + ". Loss value: " + python_str(loss) +
                       ". Terminating training immediately.");
  utils::detail::print_msg(std::string("Batch ") + std::to_string(batch) +
                           ": Invalid loss, terminating training");
  detail::request_stop_training(model(), "TerminateOnNaN");
}

}  // namespace keras::callbacks
