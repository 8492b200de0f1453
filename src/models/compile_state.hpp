#pragma once
// What compile() sets up (internal): the optimizer, one loss per output with its weight,
// the metrics per output (resolved from strings once the first batch shows the shapes), and
// the loss trackers that give the running "loss" / "<output>_loss" values.
#include <memory>
#include <string>
#include <vector>

#include "keras/losses/losses.hpp"
#include "keras/metrics/metrics.hpp"
#include "keras/models/training_options.hpp"
#include "keras/optimizers/optimizers.hpp"

namespace keras {

struct CompileState {
  CompileOptions options{};
  std::shared_ptr<optimizers::Optimizer> optimizer{};
  // Per output, in output order (null: no loss for this output).
  std::vector<std::shared_ptr<losses::Loss>> losses{};
  std::vector<double> loss_weights{};
  // The user's metric specs per output, then the resolved objects (built on the first batch).
  std::vector<std::vector<metrics::Spec>> metric_specs, weighted_metric_specs{};
  std::vector<std::vector<std::shared_ptr<metrics::Metric>>> metrics, weighted_metrics{};
  bool metrics_built = false;
  std::shared_ptr<metrics::MeanImpl> loss_tracker{};
  std::vector<std::shared_ptr<metrics::MeanImpl>> output_loss_trackers{};  // multi-output only
  std::vector<std::string> output_names{};
  // Keras's `model._initial_epoch`: set during on_train_begin by a callback restoring a backup
  // (BackupAndRestore); fit then starts at this epoch when it is not 0. fit clears it before
  // on_train_begin, so it never outlives the fit it was set for.
  int initial_epoch = 0;
};

}  // namespace keras
