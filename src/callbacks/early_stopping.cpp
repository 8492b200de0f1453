#include "keras/callbacks/early_stopping.hpp"

#include "src/utils/messages.hpp"
#include "src/callbacks/model_access.hpp"

namespace keras::callbacks {

EarlyStoppingImpl::EarlyStoppingImpl(EarlyStoppingOptions options)
    // As in Keras, `best` starts empty: the baseline is only compared against, never "best".
    : MonitorCallback("EarlyStopping", std::move(options.monitor), std::move(options.mode),
                      std::nullopt, options.min_delta),
      patience(options.patience),
      verbose(options.verbose),
      baseline(options.baseline),
      restore_best_weights(options.restore_best_weights),
      start_from_epoch(options.start_from_epoch) {}

void EarlyStoppingImpl::on_train_begin(const Logs&) {
  wait = 0;
  stopped_epoch = 0;
  best.reset();
  best_weights.reset();
  best_epoch = 0;
}

void EarlyStoppingImpl::on_epoch_end(int epoch, Logs& logs) {
  if (!monitor_op_set()) set_monitor_op();

  const std::optional<double> current = get_monitor_value(logs);
  if (!current || epoch < start_from_epoch) return;
  if (restore_best_weights && !best_weights) {
    // So the weights of some epoch are restored even if none beats the baseline.
    best_weights = detail::get_model_weights(model(), "EarlyStopping");
    best_epoch = epoch;
  }

  ++wait;
  if (is_improvement(*current, best)) {
    best = current;
    best_epoch = epoch;
    if (restore_best_weights) best_weights = detail::get_model_weights(model(), "EarlyStopping");
    // Only an improvement over the baseline too resets the patience count.
    if (!baseline || is_improvement(*current, baseline)) wait = 0;
    return;
  }
  if (wait >= patience && epoch > 0) {
    stopped_epoch = epoch;
    detail::request_stop_training(model(), "EarlyStopping");
  }
}

void EarlyStoppingImpl::on_train_end(const Logs&) {
  if (stopped_epoch > 0 && verbose > 0)
    utils::detail::print_msg(std::string("Epoch ") + std::to_string(stopped_epoch + 1) +
                             ": early stopping");
  if (restore_best_weights && best_weights) {
    if (verbose > 0)
      utils::detail::print_msg("Restoring model weights from the end of the best epoch: " +
                               std::to_string(best_epoch + 1) + ".");
    detail::set_model_weights(model(), *best_weights, "EarlyStopping");
  }
}

std::optional<double> EarlyStoppingImpl::get_monitor_value(const Logs& logs) {
  auto it = logs.find(monitor);
  if (it != logs.end()) return monitored_number(it->second);
  std::string available;
  for (const auto& [key, value] : logs) available += (available.empty() ? "" : ",") + key;
  const std::string message = "Early stopping conditioned on metric `" + monitor +
                              "` which is not available. Available metrics are: " + available;
  if (warned_.insert(message).second) utils::detail::warn(message);
  return std::nullopt;
}

}  // namespace keras::callbacks
