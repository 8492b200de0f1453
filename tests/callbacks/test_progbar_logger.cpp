// ProgbarLogger against the bytes real Keras 3.15.1 writes. The expected strings were produced
// by replaying the same events on keras.callbacks.ProgbarLogger in the venv, with time.time
// replaced by a fake clock (the times below) and `_dynamic_display = True` (what Keras 3 uses
// on POSIX), capturing sys.stdout: tests/callbacks/keras_reference.py prints them.
#include <keras/callbacks/callback_list.hpp>
#include <keras/callbacks/progbar_logger.hpp>

#include <cmath>
#include <limits>

#include "callbacks/capture.hpp"
#include "test_util.hpp"

using namespace keras::callbacks;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Event {
  double time;
  std::string hook;
  std::int64_t index = 0;
  Logs logs{};
};

void replay(Callback& cb, double& now, const std::vector<Event>& events) {
  for (const auto& e : events) {
    now = e.time;
    Logs logs = e.logs;
    const int i = static_cast<int>(e.index);
    if (e.hook == "on_train_begin") cb.on_train_begin(logs);
    else if (e.hook == "on_train_end") cb.on_train_end(logs);
    else if (e.hook == "on_epoch_begin") cb.on_epoch_begin(i, logs);
    else if (e.hook == "on_epoch_end") cb.on_epoch_end(i, logs);
    else if (e.hook == "on_train_batch_end") cb.on_train_batch_end(e.index, logs);
    else if (e.hook == "on_test_begin") cb.on_test_begin(logs);
    else if (e.hook == "on_test_batch_end") cb.on_test_batch_end(e.index, logs);
    else if (e.hook == "on_test_end") cb.on_test_end(logs);
    else if (e.hook == "on_predict_begin") cb.on_predict_begin(logs);
    else if (e.hook == "on_predict_batch_end") cb.on_predict_batch_end(e.index, logs);
    else if (e.hook == "on_predict_end") cb.on_predict_end(logs);
    else FAIL("unknown hook " << e.hook);
  }
}

// A fit of 2 epochs x 3 steps with validation: redraws skipped inside the 0.05 s interval, ETAs
// in s and h:mm:ss, e-notation for small values, blanking of a shorter line, NaN.
const std::vector<Event> kFitEvents = {
    {100.0, "on_train_begin"},
    {100.0, "on_epoch_begin", 0},
    {100.5, "on_train_batch_end", 0, {{"accuracy", 0.25}, {"loss", 2.302585}}},
    {100.52, "on_train_batch_end", 1, {{"accuracy", 0.5}, {"loss", 1.5}}},
    {101.0, "on_train_batch_end", 2, {{"accuracy", 0.6}, {"loss", 0.0004}}},
    {101.1, "on_test_begin"},  // validation inside fit is silent
    {101.2, "on_test_batch_end", 0, {{"loss", 0.5}}},
    {101.3, "on_test_end", 0, {{"loss", 0.5}}},
    {101.6, "on_epoch_end", 0, {{"accuracy", 0.6}, {"loss", 0.0004}, {"val_loss", 0.5}}},
    {200.0, "on_epoch_begin", 1},
    {4000.0, "on_train_batch_end", 0, {{"loss", 12.0}}},
    {4090.0, "on_train_batch_end", 1, {{"loss", -0.25}}},
    {4100.0, "on_epoch_end", 1, {{"loss", kNaN}}},
    {4100.0, "on_train_end"},
};
// Steps unknown: "Unknown" until the first epoch ends, which fixes the target.
const std::vector<Event> kUnknownEvents = {
    {50.0, "on_epoch_begin", 0},
    {50.001, "on_train_batch_end", 0, {{"loss", 1.0}}},
    {50.0015, "on_train_batch_end", 1, {{"loss", 0.5}}},
    {50.2, "on_train_batch_end", 2, {{"loss", 0.25}}},
    {50.3, "on_epoch_end", 0, {{"loss", 0.25}}},
    {51.0, "on_epoch_begin", 1},
    {51.25, "on_train_batch_end", 0, {{"loss", 0.2}}},
    {52.5, "on_epoch_end", 1, {{"loss", 0.125}}},
};
const std::vector<Event> kEvaluateEvents = {
    {10.0, "on_test_begin"},
    {10.0001, "on_test_batch_end", 0, {{"accuracy", 1.0}, {"loss", 0.0}}},
    {13.0, "on_test_batch_end", 1, {{"accuracy", 0.875}, {"loss", 0.03125}}},
    {75.0, "on_test_batch_end", 2, {{"accuracy", 0.75}, {"loss", 0.0625}}},
    {80.0, "on_test_end", 0, {{"accuracy", 0.75}, {"loss", 0.0625}}},
};
const std::vector<Event> kPredictEvents = {
    {5.0, "on_predict_begin"},
    {5.5, "on_predict_batch_end", 0, {{"outputs", 1.0}}},  // not shown: predictions are no metric
    {6.0, "on_predict_batch_end", 1, {{"outputs", 1.0}}},
    {6.0, "on_predict_end"},
};

// Array-valued metrics (a per-class F1, Precision at two thresholds): Keras's bar shows the
// mean of the array.
LogValue array(std::vector<double> values) {
  const auto n = static_cast<std::int64_t>(values.size());
  return LogValue({n}, std::move(values));
}
const std::vector<Event> kArrayEvents = {
    {1.0, "on_train_begin"},
    {1.0, "on_epoch_begin", 0},
    {1.5,
     "on_train_batch_end",
     0,
     {{"f1", array({0.25, 0.5, 1.0})}, {"loss", 1.0}, {"p3", array({1e-4, 2e-4})}}},
    {2.0,
     "on_epoch_end",
     0,
     {{"f1", array({0.5, 0.75, 0.0})}, {"loss", 0.5}, {"p3", array({1e-4, 3e-4})}}},
};

const std::string kFitTty =
    std::string(
        "Epoch 1/2\n"
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m1s\x1b[0m "
        "500ms/step - accuracy: 0.2500 - loss: 2.3026") +
    std::string(72, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m "
        "250ms/step - accuracy: 0.6000 - loss: 4.0000e-04") +
    std::string(76, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m "
        "550ms/step - accuracy: 0.6000 - loss: 4.0000e-04 - val_loss: 0.5000\n"
        "Epoch 2/2\n"
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m "
        "\x1b[1m2:06:40\x1b[0m 3800s/step - loss: 12.0000") +
    std::string(59, '\b') +
    std::string(
        "\r\x1b[1m2/3\x1b[0m \x1b[32m━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━\x1b[0m \x1b[1m1:30\x1b[0m "
        "90s/step - loss: -0.2500     ") +
    std::string(54, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m "
        "\x1b[1m3900s\x1b[0m 50s/step - loss: nan   \n");
const std::string kFitVerbose2 = std::string(
    "Epoch 1/2\n"
    "3/3 - 2s - 533ms/step - accuracy: 0.6000 - loss: 4.0000e-04 - val_loss: 0.5000\n"
    "Epoch 2/2\n"
    "3/3 - 3900s - 1300s/step - loss: nan\n");
const std::string kUnknownTty =
    std::string(
        "Epoch 1/2\n"
        "\r      1/Unknown \x1b[1m0s\x1b[0m 1000us/step - loss: 1.0000") +
    std::string(45, '\b') +
    std::string("\r      3/Unknown \x1b[1m0s\x1b[0m 100ms/step - loss: 0.2500 ") +
    std::string(44, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m "
        "149ms/step - loss: 0.2500\n"
        "Epoch 2/2\n"
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m "
        "250ms/step - loss: 0.2000") +
    std::string(53, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m "
        "625ms/step - loss: 0.1250\n");
const std::string kEvaluateTty =
    std::string(
        "\r\x1b[1m1/3\x1b[0m \x1b[32m━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m "
        "100us/step - accuracy: 1.0000 - loss: 0.0000e+00") +
    std::string(76, '\b') +
    std::string(
        "\r\x1b[1m2/3\x1b[0m \x1b[32m━━━━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━\x1b[0m \x1b[1m2s\x1b[0m "
        "3s/step - accuracy: 0.8750 - loss: 0.0312       ") +
    std::string(69, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m "
        "32s/step - accuracy: 0.7500 - loss: 0.0625") +
    std::string(70, '\b') +
    std::string(
        "\r\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m70s\x1b[0m "
        "35s/step - accuracy: 0.7500 - loss: 0.0625\n");
const std::string kPredictTty =
    std::string(
        "\r\x1b[1m1/2\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m "
        "500ms/step") +
    std::string(38, '\b') +
    std::string(
        "\r\x1b[1m2/2\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m0s\x1b[0m "
        "500ms/step") +
    std::string(38, '\b') +
    std::string(
        "\r\x1b[1m2/2\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m "
        "500ms/step\n");
const std::string kFitNoTty = std::string(
    "Epoch 1/2\n"
    "\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m "
    "550ms/step - accuracy: 0.6000 - loss: 4.0000e-04 - val_loss: 0.5000\n"
    "Epoch 2/2\n"
    "\x1b[1m3/3\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m3900s\x1b[0m "
    "50s/step - loss: nan\n");

const std::string kArrayTty =
    std::string(
        "\r\x1b[1m1/2\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m "
        "500ms/step - f1: 0.5833 - loss: 1.0000 - p3: 1.5000e-04") +
    std::string(83, '\b') +
    std::string(
        "\r\x1b[1m2/2\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m "
        "500ms/step - f1: 0.4167 - loss: 0.5000 - p3: 2.0000e-04\n");
const std::string kArrayVerbose2 =
    "2/2 - 1s - 500ms/step - f1: 0.4167 - loss: 0.5000 - p3: 2.0000e-04\n";

std::string run(const std::vector<Event>& events, CallbackParams params, bool tty) {
  capture::TempOutput out;
  double now = 0.0;
  ProgbarLogger logger({.output = out.file, .dynamic_display = tty, .clock = [&] { return now; }});
  logger->set_params(params);
  replay(logger, now, events);
  return out.text();
}

}  // namespace

TEST_CASE("ProgbarLogger verbose=1 on a terminal redraws as Keras") {
  CHECK(run(kFitEvents, {.verbose = 1, .epochs = 2, .steps = 3}, true) == kFitTty);
}

TEST_CASE("ProgbarLogger verbose=1 off a terminal: one line per epoch") {
  CHECK(run(kFitEvents, {.verbose = 1, .epochs = 2, .steps = 3}, false) == kFitNoTty);
}

TEST_CASE("ProgbarLogger verbose=2: one line per epoch with the time") {
  // verbose=2 prints the same whether or not the output is a terminal.
  CHECK(run(kFitEvents, {.verbose = 2, .epochs = 2, .steps = 3}, true) == kFitVerbose2);
  CHECK(run(kFitEvents, {.verbose = 2, .epochs = 2, .steps = 3}, false) == kFitVerbose2);
}

TEST_CASE("ProgbarLogger with unknown steps") {
  CHECK(run(kUnknownEvents, {.verbose = 1, .epochs = 2, .steps = std::nullopt}, true) ==
        kUnknownTty);
}

TEST_CASE("ProgbarLogger for evaluate and predict") {
  CHECK(run(kEvaluateEvents, {.verbose = 1, .epochs = 1, .steps = 3}, true) == kEvaluateTty);
  CHECK(run(kPredictEvents, {.verbose = 1, .epochs = 1, .steps = 2}, true) == kPredictTty);
}

TEST_CASE("ProgbarLogger shows an array-valued metric as its mean, as Keras") {
  CHECK(run(kArrayEvents, {.verbose = 1, .epochs = 1, .steps = 2}, true) == kArrayTty);
  CHECK(run(kArrayEvents, {.verbose = 2, .epochs = 1, .steps = 2}, false) == kArrayVerbose2);
}

TEST_CASE("ProgbarLogger: one epoch prints no Epoch line; verbose=0 prints nothing") {
  const std::vector<Event> one = {{1.0, "on_train_begin"},
                                  {1.0, "on_epoch_begin", 0},
                                  {1.5, "on_train_batch_end", 0, {{"loss", 1.0}}},
                                  {2.0, "on_epoch_end", 0, {{"loss", 1.0}}}};
  CHECK(run(one, {.verbose = 1, .epochs = 1, .steps = 1}, false) ==
        "\x1b[1m1/1\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m "
        "1s/step - loss: 1.0000\n");
  CHECK(run(one, {.verbose = 0, .epochs = 3, .steps = 1}, true).empty());
}

TEST_CASE("CallbackList adds a ProgbarLogger only for verbose != 0, after History") {
  CallbackList quiet({}, /*add_history=*/true, /*add_progbar=*/false, nullptr,
                     {.verbose = 0, .epochs = 1, .steps = 1});
  REQUIRE(quiet.callbacks().size() == 1);
  CHECK(quiet.progbar() == nullptr);

  CallbackList loud({}, true, true, nullptr, {.verbose = 1, .epochs = 1, .steps = 1});
  REQUIRE(loud.callbacks().size() == 2);
  CHECK(loud.callbacks()[0] == std::static_pointer_cast<Callback>(loud.history()));
  CHECK(loud.callbacks()[1] == std::static_pointer_cast<Callback>(loud.progbar()));

  // A ProgbarLogger the user passes is used instead of a new one.
  capture::TempOutput out;
  auto mine = std::make_shared<ProgbarLoggerImpl>(ProgbarLoggerOptions{.output = out.file});
  CallbackList given({mine}, true, true, nullptr, {.verbose = 2, .epochs = 1, .steps = 1});
  CHECK(given.callbacks().size() == 2);
  CHECK(given.progbar() == mine);
  given.on_train_begin();
  given.on_epoch_begin(0);
  given.on_train_batch_end(0, {{"loss", 0.5}});
  given.on_epoch_end(0, Logs{{"loss", 0.5}});
  given.on_train_end();
  CHECK(out.text().starts_with("1/1 - "));
  CHECK(out.text().ends_with("/step - loss: 0.5000\n"));
}
