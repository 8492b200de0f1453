#include "keras/callbacks/progbar_logger.hpp"

namespace keras::callbacks {
namespace {

// Keras's Progbar shows `np.mean` of any value that is not a Python float, so an array-valued
// metric appears as the mean of its elements (a number for everything else).
utils::ProgbarValues progbar_values(const Logs& logs) {
  utils::ProgbarValues out;
  for (const auto& [key, value] : logs) out.emplace_back(key, value.mean());
  return out;
}

}  // namespace

ProgbarLoggerImpl::ProgbarLoggerImpl(ProgbarLoggerOptions options) : options_(std::move(options)) {
  if (!options_.output) options_.output = stdout;
}

void ProgbarLoggerImpl::set_params(const CallbackParams& params) {
  Callback::set_params(params);
  verbose_ = params.verbose;
  epochs_ = params.epochs;
  target_ = params.steps;
}

void ProgbarLoggerImpl::on_train_begin(const Logs&) { called_in_fit_ = true; }

void ProgbarLoggerImpl::on_test_begin(const Logs&) {
  if (!called_in_fit_) {
    reset_progbar();
    maybe_init_progbar();
  }
}

void ProgbarLoggerImpl::on_predict_begin(const Logs&) {
  reset_progbar();
  maybe_init_progbar();
}

void ProgbarLoggerImpl::on_epoch_begin(int epoch, const Logs&) {
  reset_progbar();
  maybe_init_progbar();
  if (verbose_ && epochs_ > 1) {
    std::fprintf(options_.output, "Epoch %d/%d\n", epoch + 1, epochs_);
    std::fflush(options_.output);
  }
}

void ProgbarLoggerImpl::on_train_batch_end(std::int64_t batch, const Logs& logs) {
  update_progbar(batch, logs);
}

void ProgbarLoggerImpl::on_test_batch_end(std::int64_t batch, const Logs& logs) {
  if (!called_in_fit_) update_progbar(batch, logs);
}

void ProgbarLoggerImpl::on_predict_batch_end(std::int64_t batch, const Logs&) {
  update_progbar(batch, {});  // predictions are not metrics
}

void ProgbarLoggerImpl::on_epoch_end(int, Logs& logs) { finalize_progbar(logs); }

void ProgbarLoggerImpl::on_test_end(const Logs& logs) {
  if (!called_in_fit_) finalize_progbar(logs);
}

void ProgbarLoggerImpl::on_predict_end(const Logs& logs) { finalize_progbar(logs); }

void ProgbarLoggerImpl::reset_progbar() {
  seen_ = 0;
  progbar_.reset();
}

void ProgbarLoggerImpl::maybe_init_progbar() {
  if (progbar_) return;
  // Keras's logs are already running averages, so nothing is averaged again: every metric is
  // shown as it is (stateless_metrics = {}).
  utils::ProgbarOptions bar;
  bar.verbose = verbose_;
  bar.stateless_metrics.emplace();
  bar.output = options_.output;
  bar.dynamic_display = options_.dynamic_display;
  bar.clock = options_.clock;
  progbar_.emplace(target_, std::move(bar));
}

void ProgbarLoggerImpl::update_progbar(std::int64_t batch, const Logs& logs) {
  maybe_init_progbar();
  seen_ = batch + 1;  // one-indexed
  if (verbose_ == 1) progbar_->update(seen_, progbar_values(logs), /*finalize=*/false);
}

void ProgbarLoggerImpl::finalize_progbar(const Logs& logs) {
  maybe_init_progbar();  // Keras assumes a bar exists; a stray end call should not crash here
  if (!target_) {
    target_ = seen_;
    progbar_->set_target(target_);
  }
  progbar_->update(*target_, progbar_values(logs), /*finalize=*/true);
}

}  // namespace keras::callbacks
