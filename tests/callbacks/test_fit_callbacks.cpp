// Callbacks inside a real Model::fit: the progress output's format against the lines Keras
// 3.15.1 printed for the same tiny fit (run in the venv: Dense(2, softmax) on 40x3 inputs,
// sgd, sparse_categorical_crossentropy, accuracy, batch_size 4, 2 epochs, output piped), and
// EarlyStopping / TerminateOnNaN / LambdaCallback acting on the model.
#include <keras/keras.hpp>
#include <regex>

#include "callbacks/capture.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

// The per-epoch summaries Keras printed (verbose=2, with validation_split=0.2).
const std::string kKerasVerbose2 =
    "Epoch 1/2\n"
    "8/8 - 1s - 130ms/step - accuracy: 0.4375 - loss: 0.7076 - val_accuracy: 0.6250 - val_loss: "
    "0.7006\n"
    "Epoch 2/2\n"
    "8/8 - 0s - 823us/step - accuracy: 0.5312 - loss: 0.7029 - val_accuracy: 0.3750 - val_loss: "
    "0.7044\n";
// The last redraw of Keras's verbose=1 bar for an epoch (without validation), after its \r.
const std::string kKerasVerbose1Final =
    "\x1b[1m10/10\x1b[0m \x1b[32m━━━━━━━━━━━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m1s\x1b[0m "
    "12ms/step - accuracy: 0.5000 - loss: 0.7068\n";

const std::string kValue = R"(-?\d+\.\d{4}(e[-+]\d\d)?)";
const std::string kTime = R"(\d+(s|ms|us)/step)";

// Dense(2, softmax) on 3 inputs, compiled as the Keras run was.
struct TinyClassifier {
  Sequential model{{Input({3}), layers::Dense(2, {.activation = "softmax"})}};
  TinyClassifier() {
    model.compile(
        {.optimizer = "sgd", .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});
  }
};
Tensor features() { return random::uniform({40, 3}, 0.0, 1.0, DType::float32, 1); }
Tensor labels() { return random::randint({40}, 0, 2, DType::int32, 2); }

}  // namespace

TEST_CASE("fit verbose=2 prints Keras's epoch lines") {
  TinyClassifier tiny;
  Sequential& model = tiny.model;
  capture::Redirect out(stdout);
  History h = model.fit(features(), labels(),
                        {.batch_size = 4, .epochs = 2, .verbose = 2, .validation_split = 0.2});
  const std::string text = out.text();
  const std::string line = R"(8/8 - \d+s - )" + kTime + " - accuracy: " + kValue +
                           " - loss: " + kValue + " - val_accuracy: " + kValue +
                           " - val_loss: " + kValue + "\n";
  const std::regex want("Epoch 1/2\n" + line + "Epoch 2/2\n" + line);
  CHECK(std::regex_match(kKerasVerbose2, want));  // the pattern describes Keras's output
  CHECK(std::regex_match(text, want));
  CHECK(h->epoch == std::vector<int>{0, 1});
  std::vector<std::string> keys;
  for (const auto& [k, v] : h->history) keys.push_back(k);
  CHECK(keys == std::vector<std::string>{"accuracy", "loss", "val_accuracy", "val_loss"});
  CHECK(h->params().steps == std::optional<std::int64_t>(8));
}

TEST_CASE("fit verbose=1 into a file prints the finished bar once per epoch") {
  TinyClassifier tiny;
  Sequential& model = tiny.model;
  capture::Redirect out(stdout);
  model.fit(features(), labels(), {.batch_size = 4, .epochs = 1, .verbose = 1});
  const std::string bar =
      "\x1b\\[1m10/10\x1b\\[0m \x1b\\[32m(━){20}\x1b\\[0m\x1b\\[37m\x1b\\[0m "
      "\x1b\\[1m\\d+s\x1b\\[0m " +
      kTime + " - accuracy: " + kValue + " - loss: " + kValue + "\n";
  CHECK(std::regex_match(kKerasVerbose1Final, std::regex(bar)));
  CHECK(std::regex_match(out.text(), std::regex(bar)));  // one epoch: no "Epoch 1/1" line
}

TEST_CASE("EarlyStopping in fit stops training and restores the best weights") {
  TinyClassifier tiny;
  Sequential& model = tiny.model;
  std::vector<std::vector<Tensor>> weights_at_end;  // the weights after each epoch
  // A scripted "score" added to the epoch logs by a callback that runs before EarlyStopping
  // (a Keras callback may add keys; History, last, records them too): epoch 0 is the best,
  // epoch 1 is no improvement -> stop with patience 1, and restore epoch 0's weights.
  const std::vector<double> score = {0.5, 0.4, 0.9, 0.9};
  callbacks::LambdaCallback scripted({.on_epoch_end = [&](int epoch, callbacks::Logs& logs) {
    logs["score"] = score.at(static_cast<std::size_t>(epoch));
    weights_at_end.push_back(model.get_weights());
  }});
  // The user's handle is the callback that runs: its state is read after fit.
  callbacks::EarlyStopping es(
      {.monitor = "score", .patience = 1, .mode = "max", .restore_best_weights = true});
  History h = model.fit(features(), labels(),
                        {.batch_size = 4, .epochs = 4, .verbose = 0, .callbacks = {scripted, es}});
  CHECK(h->epoch == std::vector<int>{0, 1});
  CHECK(h->history["score"] == std::vector<double>{0.5, 0.4});
  CHECK(es->stopped_epoch == 1);
  CHECK(es->best_epoch == 0);
  CHECK(model.stop_training);  // as Keras, it stays set after fit
  const auto now = model.get_weights();
  REQUIRE(weights_at_end.size() == 2);
  REQUIRE(now.size() == weights_at_end[0].size());
  for (std::size_t i = 0; i < now.size(); ++i)
    testing::require_close(now[i], weights_at_end[0][i], 0, 0);
  // Training moved the weights in epoch 1, so restoring really changed them.
  CHECK(ops::any(ops::not_equal(weights_at_end[1][0], weights_at_end[0][0])).item<bool>());
}

TEST_CASE("TerminateOnNaN in fit stops after the first NaN batch") {
  TinyClassifier tiny;
  Sequential& model = tiny.model;
  Tensor x = ops::divide(features(), 0.0);  // inf -> NaN probabilities -> NaN loss
  x = ops::subtract(x, x);
  capture::Redirect out(stdout);
  History h = model.fit(
      x, labels(),
      {.batch_size = 4, .epochs = 3, .verbose = 0, .callbacks = {callbacks::TerminateOnNaN()}});
  CHECK(out.text() == "Batch 0: Invalid loss, terminating training\n");
  CHECK(h->epoch == std::vector<int>{0});
  CHECK(std::isnan(h->history["loss"].at(0)));
}
