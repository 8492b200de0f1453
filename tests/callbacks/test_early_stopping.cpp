// EarlyStopping on scripted logs. Every expected outcome below was produced by running
// keras.callbacks.EarlyStopping (Keras 3.15.1, JAX backend, in the venv) on the same
// sequences with a stand-in model whose weights mark the epoch; auto mode for val_accuracy
// used a model whose metrics list holds keras.metrics.Accuracy()
// (tests/callbacks/keras_reference.py prints them).
#include <cmath>
#include <keras/callbacks/early_stopping.hpp>
#include <keras/layers/core/dense.hpp>
#include <keras/models/sequential.hpp>
#include <limits>

#include "callbacks/capture.hpp"
#include "test_util.hpp"

using namespace keras;
using callbacks::EarlyStopping;
using callbacks::EarlyStoppingOptions;
using callbacks::Logs;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A built model with one weight-carrying layer; its weights are set to the epoch number before
// each epoch end, so the restored weights tell which epoch was restored.
struct MarkedModel {
  Sequential model{{Input({1}), layers::Dense(1)}};
  void mark(double value) {
    std::vector<Tensor> weights;
    for (const auto& w : model.get_weights())
      weights.push_back(ops::full(w.shape(), value, w.dtype()));
    model.set_weights(weights);
  }
  double marker() const { return model.get_weights().at(0).to_vector<double>().at(0); }
};

struct Outcome {
  int ran = 0;
  int stopped_epoch = 0;
  int best_epoch = 0;
  std::optional<double> best;
  int wait = 0;
  std::optional<int> restored;  // epoch whose weights were restored
};

Outcome run(EarlyStoppingOptions options, const std::vector<std::optional<double>>& values) {
  const std::string monitor = options.monitor;
  MarkedModel m;
  EarlyStopping cb(std::move(options));
  cb->set_model(&m.model);
  Logs empty;
  cb->on_train_begin(empty);
  Outcome out;
  for (std::size_t e = 0; e < values.size(); ++e) {
    m.mark(static_cast<double>(e));
    ++out.ran;
    Logs logs = values[e] ? Logs{{monitor, *values[e]}} : Logs{{"loss", 0.0}};
    cb->on_epoch_end(static_cast<int>(e), logs);
    if (m.model.stop_training) break;
  }
  m.mark(-1.0);  // stays -1 unless on_train_end restores an epoch's weights
  cb->on_train_end(empty);
  out.stopped_epoch = cb->stopped_epoch;
  out.best_epoch = cb->best_epoch;
  out.best = cb->best;
  out.wait = cb->wait;
  if (m.marker() != -1.0) out.restored = static_cast<int>(m.marker());
  return out;
}

void check(const Outcome& got, int ran, int stopped, int best_epoch, std::optional<double> best,
           int wait, std::optional<int> restored) {
  CHECK(got.ran == ran);
  CHECK(got.stopped_epoch == stopped);
  CHECK(got.best_epoch == best_epoch);
  CHECK(got.best == best);
  CHECK(got.wait == wait);
  CHECK(got.restored == restored);
}

}  // namespace

TEST_CASE("EarlyStopping patience and min_delta, as Keras") {
  // Keras: patience0: ran=3 stopped=2 best_epoch=1 best=0.9 wait=1
  check(run({.monitor = "loss"}, {1.0, 0.9, 0.95, 0.8}), 3, 2, 1, 0.9, 1, std::nullopt);
  // Keras: patience2: ran=4 stopped=3 best_epoch=1 best=0.9 wait=2
  check(run({.monitor = "loss", .patience = 2}, {1.0, 0.9, 0.95, 0.92, 0.8, 0.7, 0.75, 0.72, 0.71}),
        4, 3, 1, 0.9, 2, std::nullopt);
  // Keras: min_delta: ran=2 stopped=1 best_epoch=0 best=1.0 wait=1 (0.95 is not 0.1 better)
  check(run({.monitor = "loss", .min_delta = 0.1, .patience = 1}, {1.0, 0.95, 0.85, 0.8, 0.79}), 2,
        1, 0, 1.0, 1, std::nullopt);
  // A negative min_delta means its absolute value.
  check(run({.monitor = "loss", .min_delta = -0.1, .patience = 1}, {1.0, 0.95, 0.85, 0.8, 0.79}), 2,
        1, 0, 1.0, 1, std::nullopt);
}

TEST_CASE("EarlyStopping modes min, max and auto") {
  // Keras: max: ran=3 stopped=2 best_epoch=1 best=0.6 wait=1
  check(run({.monitor = "accuracy", .patience = 1, .mode = "max"}, {0.5, 0.6, 0.55, 0.58, 0.7}), 3,
        2, 1, 0.6, 1, std::nullopt);
  // Keras: auto on val_accuracy maximizes: same as max.
  check(run({.monitor = "val_accuracy", .patience = 1}, {0.5, 0.6, 0.55, 0.58, 0.7}), 3, 2, 1, 0.6,
        1, std::nullopt);
  // Keras: auto on val_loss minimizes: ran=3 stopped=2 best_epoch=1 best=0.9
  check(run({}, {1.0, 0.9, 0.95, 0.8}), 3, 2, 1, 0.9, 1, std::nullopt);
  // Keras: min on an accuracy: ran=2 stopped=1 best_epoch=0 best=0.5
  check(run({.monitor = "accuracy", .patience = 1, .mode = "min"}, {0.5, 0.6, 0.55, 0.58, 0.7}), 2,
        1, 0, 0.5, 1, std::nullopt);

  // An unknown mode falls back to auto with Keras's warning.
  capture::Redirect err(stderr);
  auto unknown = run({.monitor = "loss", .mode = "bogus"}, {1.0, 0.9, 0.95});
  CHECK(err.text() ==
        "UserWarning: EarlyStopping mode 'bogus' is unknown, fallback to auto mode.\n");
  check(unknown, 3, 2, 1, 0.9, 1, std::nullopt);

  // auto on a name with no known direction: Keras's ValueError.
  CHECK_THROWS_WITH(run({.monitor = "foo"}, {1.0}),
                    "EarlyStopping callback received monitor=foo, but Keras isn't able to "
                    "automatically determine whether that metric should be maximized or "
                    "minimized. Pass `mode='max'` in order to monitor based on the highest "
                    "metric value, or pass `mode='min'` in order to use the lowest value.");
}

TEST_CASE("EarlyStopping baseline, start_from_epoch and restore_best_weights") {
  // Keras: baseline_min: ran=6 stopped=0 best_epoch=5 best=0.3 wait=0 restored=5
  check(run({.monitor = "loss", .patience = 2, .baseline = 0.5, .restore_best_weights = true},
            {0.9, 0.8, 0.7, 0.6, 0.4, 0.3}),
        6, 0, 5, 0.3, 0, 5);
  // Keras: baseline_min_beaten: ran=3 stopped=2 best_epoch=1 best=0.4 wait=1 restored=1
  check(run({.monitor = "loss", .patience = 1, .baseline = 0.5, .restore_best_weights = true},
            {0.9, 0.4, 0.45, 0.3, 0.35, 0.36}),
        3, 2, 1, 0.4, 1, 1);
  // Keras: baseline_max: ran=4 stopped=3 best_epoch=2 best=0.7 wait=4 (never beats 0.8)
  check(run({.monitor = "accuracy", .patience = 2, .mode = "max", .baseline = 0.8},
            {0.5, 0.6, 0.7, 0.65, 0.9}),
        4, 3, 2, 0.7, 4, std::nullopt);
  // Keras: epoch0: ran=2 stopped=1 best_epoch=0 best=0.9 wait=2 (epoch 0 never stops)
  check(run({.monitor = "loss", .baseline = 0.5}, {0.9, 0.95}), 2, 1, 0, 0.9, 2, std::nullopt);
  // Keras: start_from: ran=4 stopped=3 best_epoch=2 best=3.0 wait=1
  check(run({.monitor = "loss", .start_from_epoch = 2}, {1.0, 2.0, 3.0, 4.0, 3.5, 3.6}), 4, 3, 2,
        3.0, 1, std::nullopt);
  // Keras: start_from_restore: ran=5 stopped=4 best_epoch=3 best=2.5 wait=1 restored=3
  check(run({.monitor = "loss", .patience = 1, .restore_best_weights = true, .start_from_epoch = 2},
            {1.0, 2.0, 3.0, 2.5, 3.5, 3.6}),
        5, 4, 3, 2.5, 1, 3);
  // Keras: restore: ran=3 stopped=2 best_epoch=1 best=0.5 wait=1 restored=1
  check(run({.monitor = "loss", .patience = 1, .restore_best_weights = true},
            {1.0, 0.5, 0.7, 0.8, 0.9}),
        3, 2, 1, 0.5, 1, 1);
}

TEST_CASE("EarlyStopping compares in float32 and treats NaN as no improvement") {
  // Keras: f32_equal: ran=2 stopped=1 (1 - 1e-9 equals 1 in float32: no improvement)
  check(run({.monitor = "loss"}, {1.0, 1.0 - 1e-9, 0.5}), 2, 1, 0, 1.0, 1, std::nullopt);
  // Keras: nan: ran=2 stopped=1 best_epoch=0 best=1.0 wait=1
  check(run({.monitor = "loss", .patience = 1}, {1.0, kNaN, 0.9, kNaN, kNaN}), 2, 1, 0, 1.0, 1,
        std::nullopt);
}

TEST_CASE("EarlyStopping warns (once) when the monitored value is missing") {
  capture::Redirect err(stderr);
  // Keras: missing: ran=3 stopped=0 best_epoch=0 best=None wait=0, a warning each epoch.
  check(run({}, {std::nullopt, std::nullopt, std::nullopt}), 3, 0, 0, std::nullopt, 0,
        std::nullopt);
  CHECK(err.text() ==
        "UserWarning: Early stopping conditioned on metric `val_loss` which is not available. "
        "Available metrics are: loss\n");
}

TEST_CASE("EarlyStopping verbose messages") {
  capture::Redirect out(stdout);
  check(run({.monitor = "loss", .patience = 1, .verbose = 1, .restore_best_weights = true},
            {1.0, 0.5, 0.7, 0.8, 0.9}),
        3, 2, 1, 0.5, 1, 1);
  CHECK(out.text() ==
        "Epoch 3: early stopping\n"
        "Restoring model weights from the end of the best epoch: 2.\n");
}

TEST_CASE("EarlyStopping state resets at train begin; no model is a clear error") {
  EarlyStopping cb({.monitor = "loss"});
  cb->on_train_begin({});
  Logs l0 = {{"loss", 1.0}}, l1 = {{"loss", 2.0}};
  cb->on_epoch_end(0, l0);
  CHECK_THROWS_AS(cb->on_epoch_end(1, l1), ValueError);  // must stop, but there is no model
  cb->on_train_begin({});
  CHECK(cb->wait == 0);
  CHECK(cb->stopped_epoch == 0);
  CHECK_FALSE(cb->best.has_value());
}
