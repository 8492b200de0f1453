#include "keras/callbacks/reduce_lr_on_plateau.hpp"

#include <algorithm>

#include "keras/core/errors.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/callbacks/model_access.hpp"
#include "src/utils/messages.hpp"

namespace keras::callbacks {

namespace {
constexpr const char* kPlateauName = "ReduceLROnPlateau";
}

ReduceLROnPlateauImpl::ReduceLROnPlateauImpl(ReduceLROnPlateauOptions options)
    : MonitorCallback(kPlateauName, std::move(options.monitor), std::move(options.mode),
                      std::nullopt, options.min_delta),
      factor(options.factor),
      min_lr(options.min_lr),
      patience(options.patience),
      verbose(options.verbose),
      cooldown(options.cooldown) {
  if (factor >= 1.0)
    throw ValueError("ReduceLROnPlateau does not support a factor >= 1.0. Received factor=" +
                     detail::python_float(factor));
}

void ReduceLROnPlateauImpl::on_train_begin(const Logs&) {
  best.reset();
  cooldown_counter = 0;
  wait = 0;
}

namespace {

// Keras's _reduce_optimizer_lr: one optimizer's rate times factor, not below min_lr.
bool reduce_one(optimizers::Optimizer& optimizer, int epoch, double factor, double min_lr,
                int verbose, const std::string& name) {
  const double old_lr = optimizer.learning_rate();
  // Keras compares the float32 rate with min_lr rounded to float32.
  if (!(old_lr > static_cast<double>(static_cast<float>(min_lr)))) return false;
  const double new_lr = std::max(old_lr * factor, min_lr);
  optimizer.set_learning_rate(new_lr);
  if (verbose > 0)
    utils::detail::print_msg("\nEpoch " + std::to_string(epoch + 1) +
                             ": ReduceLROnPlateau reducing" + (name.empty() ? "" : " " + name) +
                             " learning rate to " + detail::python_float(new_lr) + ".");
  return true;
}

}  // namespace

bool ReduceLROnPlateauImpl::reduce_learning_rate(int epoch) {
  auto& optimizer = detail::model_optimizer(model(), kPlateauName);
  const auto inner = detail::inner_optimizers(optimizer);
  if (inner.empty()) return reduce_one(optimizer, epoch, factor, min_lr, verbose, "");
  // A MultiOptimizer: every inner optimizer is reduced (no short cut once one was).
  bool reduced = false;
  for (auto* target : inner)
    reduced = reduce_one(*target, epoch, factor, min_lr, verbose, target->name()) || reduced;
  return reduced;
}

void ReduceLROnPlateauImpl::on_epoch_end(int epoch, Logs& logs) {
  if (!monitor_op_set()) set_monitor_op();
  auto& optimizer = detail::model_optimizer(model(), kPlateauName);
  const auto inner = detail::inner_optimizers(optimizer);
  if (inner.empty()) logs["learning_rate"] = optimizer.learning_rate();
  for (auto* target : inner) logs["learning_rate_" + target->name()] = target->learning_rate();
  auto it = logs.find(monitor);
  if (it == logs.end()) {
    std::string available;
    for (const auto& [key, value] : logs) available += (available.empty() ? "" : ",") + key;
    utils::detail::warn("Learning rate reduction is conditioned on metric `" + monitor +
                        "` which is not available. Available metrics are: " + available + ".");
    return;
  }
  const double current = monitored_number(it->second);
  if (in_cooldown()) {
    --cooldown_counter;
    wait = 0;
  }
  if (is_improvement(current, best)) {
    best = current;
    wait = 0;
  } else if (!in_cooldown()) {
    ++wait;
    if (wait >= patience && reduce_learning_rate(epoch)) {
      cooldown_counter = cooldown;
      wait = 0;
    }
  }
}

}  // namespace keras::callbacks
