// ReduceLROnPlateau, LearningRateScheduler and CSVLogger against Keras 3 itself (callbacks.json,
// written by tests/keras_oracle/generate_callbacks.py): the same scripted epochs on a model
// compiled with SGD give Keras's learning rates (exactly: both hold them in float32), counters
// and printed lines, and CSVLogger writes Keras's files byte for byte.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <keras/callbacks/csv_logger.hpp>
#include <keras/callbacks/learning_rate_scheduler.hpp>
#include <keras/callbacks/reduce_lr_on_plateau.hpp>
#include <keras/models/sequential.hpp>
#include <keras/optimizers/sgd.hpp>
#include <sstream>

#include "callbacks/capture.hpp"
#include "io/npy_test_helpers.hpp"
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;
using callbacks::Logs;

namespace {

nlohmann::json callbacks_manifest() {
  return testing::oracle::manifest("callbacks.json", "generate_callbacks.py");
}

ModelHandle<Sequential> model_with_lr(double lr) {
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(1)});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = lr}), .loss = "mse"});
  return model;
}

callbacks::ReduceLROnPlateauOptions reduce_lr_options(const nlohmann::json& o) {
  callbacks::ReduceLROnPlateauOptions out;
  out.monitor = o.value("monitor", out.monitor);
  out.factor = o.value("factor", out.factor);
  out.patience = o.value("patience", out.patience);
  out.verbose = o.value("verbose", out.verbose);
  out.mode = o.value("mode", out.mode);
  out.min_delta = o.value("min_delta", out.min_delta);
  out.cooldown = o.value("cooldown", out.cooldown);
  out.min_lr = o.value("min_lr", out.min_lr);
  return out;
}

// The schedules generate_callbacks.py runs, under the same names.
callbacks::LearningRateSchedule schedule_named(const std::string& name) {
  if (name == "halve_even_epochs")
    return [](int epoch, double lr) { return epoch > 0 && epoch % 2 == 0 ? lr * 0.5 : lr; };
  if (name == "exponential") return [](int epoch, double) { return 0.1 * std::exp(-0.3 * epoch); };
  if (name == "epoch_only") return [](int epoch, double) { return 0.01 * (epoch + 1); };
  throw std::runtime_error("no schedule " + name);
}

double log_number(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  const std::string s = v.get<std::string>();  // repr of a non-finite float
  if (s == "nan") return std::nan("");
  return s == "inf" ? INFINITY : -INFINITY;
}

// A number, or a list standing for a 1-d array (an array-valued metric's log).
LogValue log_value(const nlohmann::json& v) {
  if (!v.is_array()) return log_number(v);
  std::vector<double> values;
  for (const auto& e : v) values.push_back(log_number(e));
  return LogValue({static_cast<std::int64_t>(values.size())}, values);
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("ReduceLROnPlateau reduces the learning rate when and as Keras does", "[callbacks]") {
  const auto manifest = callbacks_manifest();
  REQUIRE(manifest.at("reduce_lr").size() >= 7);
  for (const auto& c : manifest.at("reduce_lr")) {
    INFO("case " << c.at("id").get<std::string>());
    auto model = model_with_lr(c.at("initial_lr").get<double>());
    callbacks::ReduceLROnPlateau cb(reduce_lr_options(c.at("options")));
    cb->set_model(&*model);
    const std::string monitor = c.at("monitor").get<std::string>();
    capture::Redirect out(stdout);
    capture::Redirect err(stderr);
    cb->on_train_begin({});
    const auto& epochs = c.at("epochs");
    for (std::size_t e = 0; e < epochs.size(); ++e) {
      INFO("epoch " << e);
      Logs logs{{"loss", 0.0}};
      if (!c.at("values")[e].is_null()) logs[monitor] = c.at("values")[e].get<double>();
      cb->on_epoch_end(static_cast<int>(e), logs);
      CHECK(model->optimizer()->learning_rate() == epochs[e].at("lr").get<double>());
      CHECK(logs.at("learning_rate") == epochs[e].at("logged_lr").get<double>());
      CHECK(cb->wait == epochs[e].at("wait").get<int>());
      CHECK(cb->cooldown_counter == epochs[e].at("cooldown_counter").get<int>());
    }
    CHECK(out.text() == c.at("printed").get<std::string>());
    const std::string warnings = err.text();
    bool missing = false;
    for (const auto& v : c.at("values")) missing = missing || v.is_null();
    CHECK((warnings.find("Learning rate reduction is conditioned on metric `" + monitor +
                         "` which is not available. Available metrics are: "
                         "learning_rate,loss.") != std::string::npos) == missing);
  }
}

TEST_CASE("LearningRateScheduler sets and logs the rates Keras does", "[callbacks]") {
  const auto manifest = callbacks_manifest();
  REQUIRE(manifest.at("scheduler").size() >= 3);
  for (const auto& c : manifest.at("scheduler")) {
    INFO("case " << c.at("id").get<std::string>());
    auto model = model_with_lr(c.at("initial_lr").get<double>());
    callbacks::LearningRateScheduler cb(schedule_named(c.at("schedule").get<std::string>()),
                                        {.verbose = c.at("verbose").get<int>()});
    cb->set_model(&*model);
    capture::Redirect out(stdout);
    const auto& epochs = c.at("epochs");
    for (std::size_t e = 0; e < epochs.size(); ++e) {
      INFO("epoch " << e);
      cb->on_epoch_begin(static_cast<int>(e), {});
      CHECK(model->optimizer()->learning_rate() == epochs[e].at("lr").get<double>());
      Logs logs{{"loss", 0.0}};
      cb->on_epoch_end(static_cast<int>(e), logs);
      CHECK(logs.at("learning_rate") == epochs[e].at("logged_lr").get<double>());
    }
    CHECK(out.text() == c.at("printed").get<std::string>());
  }
}

TEST_CASE("CSVLogger writes the files Keras writes", "[callbacks]") {
  const auto manifest = callbacks_manifest();
  REQUIRE(manifest.at("csv").size() >= 9);
  for (const auto& c : manifest.at("csv")) {
    INFO("case " << c.at("id").get<std::string>());
    npy_test::TempDir tmp;
    const auto path = tmp.dir / "log.csv";
    if (!c.at("existing").is_null())
      std::ofstream(path, std::ios::binary) << c.at("existing").get<std::string>();
    callbacks::CSVLogger cb(path.string(), {.separator = c.at("separator").get<std::string>(),
                                            .append = c.at("append").get<bool>()});
    cb->on_train_begin({});
    int epoch = 0;
    for (const auto& entry : c.at("logs")) {
      Logs logs;
      for (const auto& [key, value] : entry.items()) logs[key] = log_value(value);
      cb->on_epoch_end(epoch++, logs);
      // Flushed after each row, as Keras flushes: readable while training runs.
      CHECK(!read_file(path).empty());
    }
    cb->on_train_end({});
    CHECK(read_file(path) == c.at("content").get<std::string>());
  }
}

TEST_CASE("the learning-rate callbacks refuse what Keras refuses", "[callbacks][errors]") {
  REQUIRE_THROWS_WITH(callbacks::ReduceLROnPlateau({.factor = 1.0}),
                      "ReduceLROnPlateau does not support a factor >= 1.0. Received factor=1.0");
  // A rate driven by a schedule cannot be set, in Keras's words.
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(1)});
  model.compile({.optimizer = optimizers::SGD(
                     {.learning_rate = optimizers::schedules::ExponentialDecay(0.1, 10, 0.5)}),
                 .loss = "mse"});
  callbacks::LearningRateScheduler scheduler([](int, double lr) { return lr; });
  scheduler->set_model(&*model);
  REQUIRE_THROWS_WITH(scheduler->on_epoch_begin(0, {}),
                      Catch::Contains("hence its learning rate is not settable"));
  callbacks::LearningRateScheduler nan_schedule([](int, double) { return std::nan(""); });
  nan_schedule->set_model(&*model);
  REQUIRE_THROWS_WITH(nan_schedule->on_epoch_begin(0, {}), Catch::Contains("Got: nan"));
  // No compiled optimizer: named, not a crash.
  auto bare = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(1)});
  callbacks::ReduceLROnPlateau reduce;
  reduce->set_model(&*bare);
  Logs logs{{"val_loss", 1.0}};
  REQUIRE_THROWS_WITH(reduce->on_epoch_end(0, logs), Catch::Contains("compile the model"));
  REQUIRE_THROWS_WITH(callbacks::CSVLogger("x.csv", {.separator = ";;"}),
                      Catch::Contains("1-character string"));
}

TEST_CASE("ReduceLROnPlateau and CSVLogger in fit", "[callbacks]") {
  npy_test::TempDir tmp;
  auto model = model_with_lr(0.05);
  const Tensor x = testing::random_tensor({16, 1}, 1), y = testing::random_tensor({16, 1}, 2);
  callbacks::ReduceLROnPlateau reduce({.monitor = "loss",
                                       .factor = 0.5,
                                       .patience = 0,
                                       .min_delta = 1e9});  // never an improvement after the 1st
  callbacks::CSVLogger csv((tmp.dir / "fit.csv").string());
  History h = model.fit(
      x, y,
      {.batch_size = 8, .epochs = 3, .verbose = 0, .callbacks = {reduce, csv}, .shuffle = false});
  // Logged per epoch into History (Keras's callbacks add learning_rate before History reads).
  REQUIRE(h->history.count("learning_rate") == 1);
  const auto& lrs = h->history.at("learning_rate");
  REQUIRE(lrs.size() == 3);
  // Logged before the epoch's reduction, as Keras logs it.
  CHECK(lrs[0] == static_cast<double>(0.05f));
  CHECK(lrs[1] == static_cast<double>(0.05f));
  CHECK(lrs[2] == static_cast<double>(0.025f));
  CHECK(model->optimizer()->learning_rate() == static_cast<double>(0.0125f));
  const std::string content = read_file(tmp.dir / "fit.csv");
  CHECK(content.rfind("epoch,learning_rate,loss,val_learning_rate,val_loss\r\n0,0.05", 0) == 0);
}
