// keras::LogValue, what fit / evaluate log: a number, or the array an array-valued metric
// returns; and the callbacks that need a number refusing an array as Keras fails on one.
// (The values fit logs are checked against Keras in the conformance case vector_metrics; the
// progress bar and CSVLogger text in test_progbar_logger.cpp and test_callbacks_oracle.cpp.)
#include <keras/keras.hpp>

#include <sstream>

#include "callbacks/capture.hpp"
#include "io/npy_test_helpers.hpp"
#include "test_util.hpp"

using namespace keras;

TEST_CASE("LogValue holds a number or an array with its shape", "[callbacks]") {
  const LogValue number = 0.25;
  CHECK(number.is_scalar());
  CHECK(number.shape().empty());
  CHECK(static_cast<double>(number) == 0.25);
  CHECK(number.shape_str() == "()");

  const LogValue array({3}, {0.5, 0.25, 1.0});
  CHECK_FALSE(array.is_scalar());
  CHECK(array.shape() == std::vector<std::int64_t>{3});
  CHECK(array.values() == std::vector<double>{0.5, 0.25, 1.0});
  CHECK(array.shape_str() == "(3,)");
  CHECK(array.mean() == Approx(0.5833333333));
  CHECK_THROWS_WITH(array.item(), Catch::Contains("array of shape (3,)"));
  CHECK_THROWS_AS(static_cast<double>(array), ValueError);
  std::ostringstream text;
  text << array;
  CHECK(text.str() == "[0.5, 0.25, 1.0]");

  // One element reads as a number (numpy's item()), but stays an array.
  const LogValue one({1}, {0.75});
  CHECK_FALSE(one.is_scalar());
  CHECK(one.item() == 0.75);

  CHECK_THROWS_WITH(LogValue({2, 2}, {1.0, 2.0}),
                    Catch::Contains("shape (2, 2) needs 4 values; received 2"));
  CHECK_THROWS_AS(LogValue({-1}, {}), ValueError);

  // A History series compares with plain numbers; an array equals no number.
  CHECK(std::vector<LogValue>{1.0, 2.0} == std::vector<double>{1.0, 2.0});
  CHECK_FALSE(std::vector<LogValue>{1.0, 2.0} == std::vector<double>{1.0, 3.0});
  CHECK_FALSE(std::vector<LogValue>{one} == std::vector<double>{0.75});
}

TEST_CASE("evaluate's result gives arrays by value(), numbers by []", "[callbacks]") {
  const Evaluation ev({"loss", "f1"}, {0.5, LogValue({2}, {0.25, 0.75})});
  CHECK(ev["loss"] == 0.5);
  CHECK(ev[std::size_t{0}] == 0.5);
  CHECK(ev.value("f1").values() == std::vector<double>{0.25, 0.75});
  CHECK_THROWS_WITH(ev["f1"], Catch::Contains("Result 'f1' is an array of shape (2,)"));
  CHECK_THROWS_AS(ev[std::size_t{1}], ValueError);
  CHECK(ev.as_dict().at("f1").values() == std::vector<double>{0.25, 0.75});
  CHECK_THROWS_AS(static_cast<double>(ev), ValueError);  // loss and a metric
}

TEST_CASE("callbacks monitoring an array raise, as Keras does", "[callbacks][errors]") {
  callbacks::Logs logs{{"loss", 0.5}, {"f1_score", LogValue({3}, {0.1, 0.2, 0.3})}};
  callbacks::EarlyStopping stop({.monitor = "f1_score"});
  stop->on_train_begin({});
  CHECK_THROWS_WITH(stop->on_epoch_end(0, logs),
                    Catch::Contains("EarlyStopping monitors `f1_score`, whose value is an array "
                                    "of shape (3,)"));
  // A one-element array compares as its element, as numpy's does.
  callbacks::Logs one{{"f1_score", LogValue({1}, {0.4})}};
  callbacks::EarlyStopping stop_one({.monitor = "f1_score"});
  stop_one->on_train_begin({});
  stop_one->on_epoch_end(0, one);
  REQUIRE(stop_one->best.has_value());
  CHECK(*stop_one->best == 0.4);

  npy_test::TempDir tmp;
  callbacks::ModelCheckpoint ck((tmp.dir / "m.keras").string(),
                                {.monitor = "f1_score", .save_best_only = true});
  CHECK_THROWS_WITH(ck->on_epoch_end(0, logs), Catch::Contains("ModelCheckpoint monitors"));

  auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(1)});
  model.compile({.optimizer = "sgd", .loss = "mse"});
  callbacks::ReduceLROnPlateau reduce({.monitor = "f1_score"});
  reduce->set_model(&*model);
  reduce->on_train_begin({});
  CHECK_THROWS_WITH(reduce->on_epoch_end(0, logs), Catch::Contains("ReduceLROnPlateau monitors"));

  // TensorBoard writes scalars only: tf.summary.scalar's ValueError in Keras.
  callbacks::TensorBoard board({.log_dir = (tmp.dir / "tb").string()});
  board->on_train_begin({});
  CHECK_THROWS_WITH(board->on_epoch_end(0, logs),
                    Catch::Contains("expected scalar shape for epoch_f1_score, saw shape: (3,)"));
}

TEST_CASE("fit logs an array-valued metric through History, the bar, CSVLogger and evaluate",
          "[callbacks]") {
  Sequential model{{Input({3}), layers::Dense(2, {.activation = "softmax"})}};
  model.compile({.optimizer = "sgd",
                 .loss = "categorical_crossentropy",
                 .metrics = {metrics::F1Score({.average = std::nullopt, .name = "f1"}),
                             metrics::Precision({.thresholds = {0.3, 0.6}, .name = "p"})}});
  const Tensor x = random::uniform({16, 3}, 0.0, 1.0, DType::float32, 1);
  const Tensor y = ops::one_hot(random::randint({16}, 0, 2, DType::int32, 2), 2);
  capture::TempOutput bar;
  npy_test::TempDir tmp;
  callbacks::ProgbarLogger progbar({.output = bar.file});
  callbacks::CSVLogger csv((tmp.dir / "log.csv").string());
  History h =
      model.fit(x, y, {.batch_size = 8, .epochs = 2, .verbose = 1, .callbacks = {progbar, csv}});
  REQUIRE(h->history.at("f1").size() == 2);
  CHECK(h->history.at("f1")[1].shape() == std::vector<std::int64_t>{2});
  CHECK(h->history.at("p")[1].shape() == std::vector<std::int64_t>{2});
  CHECK(h->history.at("loss")[1].is_scalar());
  CHECK(bar.text().find(" - f1: ") != std::string::npos);
  std::ifstream file(tmp.dir / "log.csv");
  std::string header, row;
  std::getline(file, header);
  std::getline(file, row);
  CHECK(header.rfind("epoch,f1,loss,p", 0) == 0);
  CHECK(row.find(",\"\"\"[") != std::string::npos);  // the array, quoted twice as Keras writes
  const Evaluation ev = model.evaluate(x, y, {.verbose = 0});
  CHECK(ev.value("f1").shape() == std::vector<std::int64_t>{2});
  CHECK(ev.value("p").values().size() == 2);
}
