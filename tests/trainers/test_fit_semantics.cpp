// Training-loop semantics on small deterministic cases, with expected values worked out by
// hand from Keras 3's formulas (keras-formats.md §7.3-7.4).
#include "test_util.hpp"

using namespace keras;

namespace {

// y = w * x with w fixed at 1 (no bias), so per-sample squared error is known in closed form.
std::unique_ptr<Sequential> linear_model(double lr = 0.0) {
  auto model = std::make_unique<Sequential>(std::vector<SequentialEntry>{
      Input({1}), layers::Dense(1, {.use_bias = false, .kernel_initializer = "ones"})});
  model->compile(
      {.optimizer = optimizers::SGD({.learning_rate = lr}), .loss = "mse", .metrics = {"mae"}});
  return model;
}

Tensor semantics_column(std::vector<float> v) {
  auto n = static_cast<std::int64_t>(v.size());
  return tensor<float>(v, {n, 1});
}

}  // namespace

TEST_CASE("epoch loss weights a partial last batch by its size") {
  auto owner = linear_model();
  auto& model = *owner;
  // 7 samples, batch 4: batches {1,2,3,4} (mean x^2 = 7.5) and {5,6,7} (110/3).
  // Keras: (4 * 7.5 + 3 * 110/3) / 7 = 20 = mean of all x^2; the plain batch mean would be 22.08.
  auto h =
      model.fit(semantics_column({1, 2, 3, 4, 5, 6, 7}), semantics_column({0, 0, 0, 0, 0, 0, 0}),
                {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  REQUIRE(h->history.at("loss")[0] == Approx(20.0).epsilon(1e-6));
  REQUIRE(h->history.at("mae")[0] == Approx(4.0).epsilon(1e-6));
  REQUIRE(h->epoch == std::vector<int>{0});
}

TEST_CASE("sample weights multiply per-sample losses; the mean is over the batch size") {
  auto owner = linear_model();
  auto& model = *owner;
  // One batch: sum(w * x^2) / 4 with w = [1, 0, 2, 2], x = [1, 2, 3, 4] -> (1 + 18 + 32) / 4.
  auto ev = model.evaluate(semantics_column({1, 2, 3, 4}), semantics_column({0, 0, 0, 0}),
                           {.verbose = 0, .sample_weight = tensor<float>({1, 0, 2, 2}, {4})});
  REQUIRE(ev["loss"] == Approx(51.0 / 4.0));
  REQUIRE(ev["mae"] == Approx(2.5));  // plain metrics ignore sample weights
  REQUIRE(ev.names() == std::vector<std::string>{"loss", "mae"});
}

TEST_CASE("class weights become per-sample weights from the labels") {
  Sequential model(
      {Input({1}), layers::Dense(1, {.use_bias = false, .kernel_initializer = "ones"})});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}),
                 .loss = "mse",
                 .weighted_metrics = {"mse"}});
  // y in {0, 1}; class 1 weighs 3: losses (x - y)^2 = [1, 1, 4, 9] for x = [1, 2, 2, 3], y = [0, 1,
  // 0, 0]. Weighted: (1 + 3*1 + 4 + 9) / 4 = 4.25; the weighted metric divides by sum(w) = 6: 17/6.
  auto h = model.fit(semantics_column({1, 2, 2, 3}), semantics_column({0, 1, 0, 0}),
                     {.batch_size = 4, .verbose = 0, .shuffle = false, .class_weight = {{1, 3.0}}});
  REQUIRE(h->history.at("loss")[0] == Approx(4.25));
  REQUIRE(h->history.at("mse")[0] == Approx(17.0 / 6.0));
  REQUIRE_THROWS_WITH(
      model.fit(
          semantics_column({1}), semantics_column({1}),
          {.verbose = 0, .class_weight = {{1, 2.0}}, .sample_weight = tensor<float>({1}, {1})}),
      Catch::Contains("You cannot `class_weight` and `sample_weight` at the same time."));
}

TEST_CASE("validation_split holds out the last samples, before shuffling") {
  auto owner = linear_model();
  auto& model = *owner;
  // 10 samples, split 0.2: validation = x = {9, 10} -> val loss (81 + 100) / 2; training the rest.
  std::vector<float> xs{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  auto h = model.fit(semantics_column(xs), semantics_column(std::vector<float>(10, 0.0f)),
                     {.batch_size = 3, .epochs = 2, .verbose = 0, .validation_split = 0.2});
  REQUIRE(h->history.at("val_loss")[0] == Approx(90.5));
  REQUIRE(h->history.at("val_mae")[1] == Approx(9.5));
  REQUIRE(h->history.at("loss")[1] == Approx(204.0 / 8.0));  // mean of 1..8 squared
  std::vector<std::string> keys;
  for (const auto& [k, v] : h->history) keys.push_back(k);
  REQUIRE(keys == std::vector<std::string>{"loss", "mae", "val_loss", "val_mae"});
  REQUIRE_THROWS_WITH(
      model.fit(semantics_column({1}), semantics_column({0}),
                {.verbose = 0, .validation_split = 0.5}),
      Catch::Contains("not sufficient to split it into a validation and training set"));
}

TEST_CASE("SGD steps follow Keras's update on a model trained by fit") {
  auto owner = linear_model(0.1);
  auto& model = *owner;
  // Batch of x = [1, 2], y = 0, w = 1: loss = mean(w^2 x^2); grad = w * mean(2 x^2) = 5.
  model.fit(semantics_column({1, 2}), semantics_column({0, 0}),
            {.batch_size = 2, .verbose = 0, .shuffle = false});
  auto w = model.get_weights()[0];
  testing::require_values(w, {1.0 - 0.1 * 5.0}, {1, 1});
  REQUIRE(model.optimizer()->iterations().value().item<double>() == 1.0);
}

TEST_CASE("metrics reset each epoch and evaluate reports the same weighted mean") {
  auto owner = linear_model();
  auto& model = *owner;
  auto x = semantics_column({1, 2, 3});
  auto y = semantics_column({0, 0, 0});
  auto h = model.fit(x, y, {.batch_size = 2, .epochs = 3, .verbose = 0, .shuffle = false});
  for (double v : h->history.at("loss")) REQUIRE(v == Approx(14.0 / 3.0));
  double ev = model.evaluate(x, y, {.batch_size = 2, .verbose = 0})["loss"];
  REQUIRE(ev == Approx(14.0 / 3.0));
  auto r = model.train_on_batch(x, y);
  REQUIRE(r["loss"] == Approx(14.0 / 3.0));
  REQUIRE(model.test_on_batch(semantics_column({2}), semantics_column({0}))["loss"] == Approx(4.0));
  testing::require_values(model.predict_on_batch(x), {1, 2, 3}, {3, 1});
}

TEST_CASE("EarlyStopping with restore_best_weights returns the best epoch's weights") {
  // Training pulls w towards +1 while the validation targets want -1, so val_loss rises after
  // the first epoch; patience 1 stops at epoch 1 and restores the weights of epoch 0.
  Sequential model(
      {Input({1}), layers::Dense(1, {.use_bias = false, .kernel_initializer = "zeros"})});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.1}), .loss = "mse"});
  std::vector<double> kernels;
  auto record = std::make_shared<callbacks::LambdaCallbackImpl>(
      callbacks::LambdaCallbackOptions{.on_epoch_end = [&](int, callbacks::Logs&) {
        kernels.push_back(model.get_weights()[0].item<double>());
      }});
  auto stop = std::make_shared<callbacks::EarlyStoppingImpl>(callbacks::EarlyStoppingOptions{
      .monitor = "val_loss", .patience = 1, .restore_best_weights = true});
  auto h =
      model.fit(semantics_column({1, 1}), semantics_column({1, 1}),
                {.batch_size = 2,
                 .epochs = 10,
                 .verbose = 0,
                 .callbacks = {record, stop},
                 .validation_data = ValidationData{semantics_column({1}), semantics_column({-1})}});
  REQUIRE(h->history.at("loss").size() == 2);
  REQUIRE(stop->stopped_epoch == 1);
  REQUIRE(kernels.size() == 2);
  REQUIRE(kernels[1] > kernels[0]);
  REQUIRE(model.get_weights()[0].item<double>() == Approx(kernels[0]));
}

TEST_CASE("TerminateOnNaN stops training on a NaN loss without crashing") {
  auto owner = linear_model(0.1);
  auto& model = *owner;
  float nan = std::numeric_limits<float>::quiet_NaN();
  auto h = model.fit(semantics_column({nan, 1, 2, 3}), semantics_column({0, 0, 0, 0}),
                     {.batch_size = 1,
                      .epochs = 3,
                      .verbose = 0,
                      .callbacks = {callbacks::TerminateOnNaN()},
                      .shuffle = false});
  REQUIRE(h->history.at("loss").size() == 1);
  REQUIRE(std::isnan(h->history.at("loss")[0]));
}

TEST_CASE("bad fit inputs are ValueErrors in Keras's words") {
  Sequential fresh({Input({2}), layers::Dense(3, {.activation = "softmax", .name = "probs"})});
  REQUIRE_THROWS_WITH(fresh.fit(ops::ones({4, 2}), ops::ones({4})),
                      Catch::Contains("You must call `compile()` before calling `fit()`."));
  fresh.compile(
      {.optimizer = "adam", .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});
  REQUIRE_THROWS_WITH(
      fresh.fit(ops::ones({4, 2}), ops::zeros({3}), {.verbose = 0}),
      Catch::Contains("Data cardinality is ambiguous") && Catch::Contains("'y' sizes: 3"));
  REQUIRE_THROWS_WITH(fresh.fit(ops::ones({4, 3}), ops::zeros({4}), {.verbose = 0}),
                      Catch::Contains("expected shape=(None, 2), found shape=(4, 3)"));
  REQUIRE_THROWS_AS(
      fresh.fit(ops::ones({4, 2}), tensor<std::int32_t>({0, 1, 2, 7}, {4}), {.verbose = 0}),
      ValueError);
  REQUIRE_THROWS_WITH(Sequential({layers::Dense(1)}).compile({.optimizer = "adamax_typo"}),
                      Catch::Contains("adam"));
  Sequential m2({Input({2}), layers::Dense(1)});
  REQUIRE_THROWS_WITH(m2.compile({.loss = "not_a_loss"}), Catch::Contains("mean_squared_error"));
}

TEST_CASE("accuracy resolves from the loss and the label shapes") {
  Sequential model({Input({2}), layers::Dense(3, {.activation = "softmax"})});
  model.compile(
      {.optimizer = "sgd", .loss = "sparse_categorical_crossentropy", .metrics = {"acc"}});
  auto h = model.fit(ops::ones({4, 2}), tensor<std::int32_t>({0, 1, 2, 1}, {4}), {.verbose = 0});
  REQUIRE(h->history.count("acc") == 1);
  double acc = h->history.at("acc")[0];
  REQUIRE((acc == 0.0 || acc == 0.25 || acc == 0.5 || acc == 0.75 || acc == 1.0));
}
