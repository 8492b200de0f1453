// CallbackList forwarding, History, LambdaCallback and callbacks::Spec. Keras behaviour checked
// by reading keras/src/callbacks/{callback_list,history,lambda_callback}.py (3.15.1).
#include <keras/callbacks/callbacks.hpp>

#include "test_util.hpp"

using namespace keras::callbacks;

namespace {

// Records every hook it sees, in order.
struct Recorder : Callback {
  std::vector<std::string>* log;
  explicit Recorder(std::vector<std::string>* l) : log(l) {}
  void on_train_begin(const Logs&) override { log->push_back("train_begin"); }
  void on_train_end(const Logs&) override { log->push_back("train_end"); }
  void on_epoch_begin(int e, const Logs&) override {
    log->push_back(std::string("epoch_begin ") + std::to_string(e));
  }
  void on_epoch_end(int e, Logs&) override {
    log->push_back(std::string("epoch_end ") + std::to_string(e));
  }
  void on_batch_begin(std::int64_t b, const Logs&) override {
    log->push_back(std::string("batch_begin ") + std::to_string(b));
  }
  void on_batch_end(std::int64_t b, const Logs&) override {
    log->push_back(std::string("batch_end ") + std::to_string(b));
  }
  void on_test_begin(const Logs&) override { log->push_back("test_begin"); }
  void on_test_batch_end(std::int64_t b, const Logs&) override {
    log->push_back(std::string("test_batch_end ") + std::to_string(b));
  }
  void on_test_end(const Logs&) override { log->push_back("test_end"); }
  void on_predict_begin(const Logs&) override { log->push_back("predict_begin"); }
  void on_predict_batch_begin(std::int64_t b, const Logs&) override {
    log->push_back(std::string("predict_batch_begin ") + std::to_string(b));
  }
  void on_predict_end(const Logs&) override { log->push_back("predict_end"); }
};

// Adds a key at epoch end, as Keras's LearningRateScheduler does.
struct AddsLearningRate : Callback {
  void on_epoch_end(int, Logs& logs) override { logs["learning_rate"] = 0.01; }
};

}  // namespace

TEST_CASE("CallbackList forwards hooks in order; on_train_batch_* default to on_batch_*") {
  std::vector<std::string> a_log, b_log;
  auto a = std::make_shared<Recorder>(&a_log);
  auto b = std::make_shared<Recorder>(&b_log);
  CallbackList list({a, b}, false, false, nullptr, {.verbose = 0, .epochs = 2, .steps = 4});
  CHECK(a->params().epochs == 2);
  CHECK(b->params().steps == std::optional<std::int64_t>(4));
  list.on_train_begin();
  list.on_epoch_begin(0);
  list.on_train_batch_begin(0);
  list.on_train_batch_end(0, {{"loss", 1.0}});
  list.on_test_begin();
  list.on_test_batch_end(0);
  list.on_test_end();
  list.on_epoch_end(0, Logs{{"loss", 1.0}});
  list.on_train_end();
  list.on_predict_begin();
  list.on_predict_batch_begin(3);
  list.on_predict_end();
  const std::vector<std::string> want = {
      "train_begin",           "epoch_begin 0", "batch_begin 0", "batch_end 0", "test_begin",
      "test_batch_end 0",      "test_end",      "epoch_end 0",   "train_end",   "predict_begin",
      "predict_batch_begin 3", "predict_end"};
  CHECK(a_log == want);
  CHECK(b_log == want);
}

TEST_CASE("CallbackList: an end without its begin is a ValueError, as in Keras") {
  CallbackList list;
  CHECK_THROWS_WITH(list.on_train_end(),
                    "`on_xxx_end` called without corresponding `on_xxx_begin`");
  list.on_test_begin();
  CHECK_NOTHROW(list.on_test_end());
  CHECK_THROWS_AS(list.on_predict_end(), keras::ValueError);
  CHECK_THROWS_AS(CallbackList({nullptr}), keras::ValueError);
}

TEST_CASE("History records epochs and logs; keys added by earlier callbacks reach it") {
  CallbackList list({std::make_shared<AddsLearningRate>()}, /*add_history=*/true, false, nullptr,
                    {.verbose = 0, .epochs = 3, .steps = 1});
  REQUIRE(list.history());
  const Logs epoch0 = {{"loss", 0.5}, {"accuracy", 0.75}};
  list.on_train_begin();
  list.on_epoch_end(0, epoch0);
  list.on_epoch_end(1, Logs{{"loss", 0.25}, {"accuracy", 0.875}});
  list.on_train_end();
  CHECK(epoch0.size() == 2);  // the caller's logs are not changed (Keras copies them)

  History h(list.history());  // fit returns a handle to the History that recorded
  CHECK(h->epoch == std::vector<int>{0, 1});
  CHECK(h->params().epochs == 3);
  REQUIRE(h->history.size() == 3);
  CHECK(h->history["loss"] == std::vector<double>{0.5, 0.25});
  CHECK(h->history["accuracy"] == std::vector<double>{0.75, 0.875});
  CHECK(h->history["learning_rate"] == std::vector<double>{0.01, 0.01});
  // Keras order of keys: sorted.
  CHECK(h->history.begin()->first == "accuracy");

  // A second fit with the same History: epoch restarts, history accumulates (Keras).
  list.on_train_begin();
  list.on_epoch_end(0, Logs{{"loss", 0.125}});
  list.on_train_end();
  CHECK(list.history()->epoch == std::vector<int>{0});
  CHECK(list.history()->history["loss"] == std::vector<double>{0.5, 0.25, 0.125});
  // The handle taken before is the same History.
  CHECK(h->history["loss"].size() == 3);
}

TEST_CASE("LambdaCallback calls the functions given") {
  std::vector<std::string> seen;
  LambdaCallback cb({
      .on_epoch_begin = [&](int e,
                            const Logs&) { seen.push_back(std::string("eb") + std::to_string(e)); },
      .on_epoch_end =
          [&](int e, Logs& logs) {
            seen.push_back(std::string("ee") + std::to_string(e) + std::string(":") +
                           std::to_string(logs.at("loss")));
          },
      .on_train_begin = [&](const Logs&) { seen.push_back("tb"); },
      .on_train_end = [&](const Logs&) { seen.push_back("te"); },
      .on_train_batch_end =
          [&](std::int64_t b, const Logs&) {
            seen.push_back(std::string("b") + std::to_string(b));
          },
      .on_test_end = [&](const Logs&) { seen.push_back("test_end"); },
  });
  Logs logs = {{"loss", 2.0}};
  cb->on_train_begin({});
  cb->on_epoch_begin(0, {});
  cb->on_train_batch_begin(0, {});  // not given: nothing happens
  cb->on_train_batch_end(0, {});
  cb->on_epoch_end(0, logs);
  cb->on_test_end({});
  cb->on_predict_end({});
  cb->on_train_end({});
  CHECK(seen == std::vector<std::string>{"tb", "eb0", "b0", "ee0:2.000000", "test_end", "te"});

  // on_batch_end given without on_train_batch_end runs through the alias, as in Keras.
  int calls = 0;
  LambdaCallback alias({.on_batch_end = [&](std::int64_t, const Logs&) { ++calls; }});
  alias->on_train_batch_end(5, {});
  CHECK(calls == 1);
}

TEST_CASE("callbacks::Spec takes callback handles or shared_ptrs, and shares them") {
  std::vector<Spec> specs = {EarlyStopping({.patience = 2}), TerminateOnNaN(),
                             std::make_shared<HistoryImpl>()};
  History history;
  specs.push_back(history);
  const auto shared = to_shared(specs);
  REQUIRE(shared.size() == 4);
  auto es = std::dynamic_pointer_cast<EarlyStoppingImpl>(shared[0]);
  REQUIRE(es);
  CHECK(es->patience == 2);
  CHECK(es->monitor == "val_loss");
  CHECK(shared[3] == history.ptr());  // shared, so it can be read after fit

  // A History among the callbacks is the one CallbackList records into (the last, as Keras).
  CallbackList list(shared, true, false);
  CHECK(list.callbacks().size() == 4);
  CHECK(list.history() == history.ptr());
  CHECK_THROWS_AS(Spec(std::shared_ptr<HistoryImpl>()), keras::ValueError);
  CHECK_THROWS_WITH(Spec(EarlyStopping(std::shared_ptr<EarlyStoppingImpl>())),
                    Catch::Contains("This EarlyStopping handle holds no object"));
}
