// Overriding Model's train_step / test_step / predict_step / compute_loss / compute_metrics /
// metrics (Keras 3's way to customize fit), and loss_scale_factor in the default train_step.
// Expected values are worked out by hand on y = w * x with w fixed at 1 (learning rate 0).
#include "test_util.hpp"

using namespace keras;

namespace {

Tensor column(std::vector<float> v) {
  auto n = static_cast<std::int64_t>(v.size());
  return tensor<float>(v, {n, 1});
}

// x = [1, 2, 3, 4], y = 0: mse = mean(x^2) = 7.5, mae = 2.5 (w = 1, no bias).
const Tensor kX = column({1, 2, 3, 4});
const Tensor kY = column({0, 0, 0, 0});

// A functional y = w * x with w initialized to 1 and no bias, as subclass T.
template <class T, class... Args>
std::unique_ptr<T> linear(double lr = 0.0, Args&&... args) {
  auto inputs = Input({1});
  auto outputs = layers::Dense(1, {.use_bias = false, .kernel_initializer = "ones"})(inputs);
  auto model = std::make_unique<T>(inputs, outputs, std::forward<Args>(args)...);
  model->compile(
      {.optimizer = optimizers::SGD({.learning_rate = lr}), .loss = "mse", .metrics = {"mae"}});
  return model;
}

double kernel(Model& model) { return model.trainable_variables()[0].value().item<double>(); }

// A train_step that only counts its calls: fit must run it, and log what it returns.
class CountingModel : public Model {
 public:
  using Model::Model;
  int calls = 0;
  callbacks::Logs train_step(const Batch& data) override {
    ++calls;
    last_batch_rows = data.x.values()[0].shape()[0];
    return {{"calls", static_cast<double>(calls)}};
  }
  std::int64_t last_batch_rows = 0;
};

class DoubledLoss : public Model {
 public:
  using Model::Model;
  Tensor compute_loss(const Data& x, const Data& y, const Data& y_pred, const Data& sample_weight,
                      bool training) override {
    return ops::multiply(Model::compute_loss(x, y, y_pred, sample_weight, training), 2.0);
  }
};

class CustomTestStep : public Model {
 public:
  using Model::Model;
  callbacks::Logs test_step(const Batch& data) override {
    Tensor y_pred = (*this)(data.x, false);
    sum_ += ops::sum(y_pred).item<double>();
    return {{"sum_of_predictions", sum_}};
  }
  void reset_metrics() override {
    Model::reset_metrics();
    sum_ = 0;
  }

 private:
  double sum_ = 0;
};

class DoubledPredictions : public Model {
 public:
  using Model::Model;
  Data predict_step(const Batch& data) override {
    return ops::multiply(Tensor(Model::predict_step(data)), 2.0);
  }
};

// The guide's "going lower-level" model: its own metrics, listed in metrics() so that fit
// resets them at every epoch.
class OwnMetrics : public Model {
 public:
  using Model::Model;
  std::shared_ptr<metrics::SumImpl> seen =
      std::make_shared<metrics::SumImpl>(metrics::SumOptions{.name = "seen"});
  std::vector<std::shared_ptr<metrics::Metric>> metrics() const override { return {seen}; }
  callbacks::Logs train_step(const Batch& data) override {
    seen->update_state(ops::ones_like(Tensor(data.y)));
    return {{"seen", seen->result().item<double>()}};
  }
};

// compute_metrics extended as in Keras's docstring: the compiled metrics plus one of its own.
class ExtraMetric : public Model {
 public:
  using Model::Model;
  callbacks::Logs compute_metrics(const Data& x, const Data& y, const Data& y_pred,
                                  const Data& sample_weight) override {
    auto logs = Model::compute_metrics(x, y, y_pred, sample_weight);
    logs["max_prediction"] = ops::max(Tensor(y_pred)).item<double>();
    return logs;
  }
};

}  // namespace

TEST_CASE("fit runs an overridden train_step and logs what it returns") {
  auto model = linear<CountingModel>(0.5);
  auto h = model->fit(kX, kY, {.batch_size = 3, .epochs = 2, .verbose = 0, .shuffle = false});
  REQUIRE(model->calls == 4);  // 2 batches (3 + 1 rows) per epoch
  REQUIRE(model->last_batch_rows == 1);
  // The step's own logs (not the compiled metrics) are the epoch's logs, as in Keras.
  REQUIRE(h->history.count("loss") == 0);
  REQUIRE(h->history.at("calls").size() == 2);
  REQUIRE(h->history.at("calls")[0] == 2.0);
  REQUIRE(h->history.at("calls")[1] == 4.0);
  REQUIRE(kernel(*model) == 1.0);  // the override never applied gradients
  auto r = model->train_on_batch(kX, kY);
  REQUIRE(r.names() == std::vector<std::string>{"calls"});
}

TEST_CASE("an overridden compute_loss is the loss fit and evaluate report and train on") {
  auto model = linear<DoubledLoss>();
  auto h = model->fit(kX, kY, {.batch_size = 4, .verbose = 0, .shuffle = false});
  REQUIRE(h->history.at("loss")[0] == Approx(15.0));  // 2 * 7.5
  REQUIRE(h->history.at("mae")[0] == Approx(2.5));
  REQUIRE(model->evaluate(kX, kY, {.verbose = 0})["loss"] == Approx(15.0));
  // The gradient is the doubled loss's: d/dw 2 * mean((w x)^2) = 4 * mean(x^2) = 30 at w = 1.
  auto trained = linear<DoubledLoss>(0.01);
  trained->fit(kX, kY, {.batch_size = 4, .verbose = 0, .shuffle = false});
  REQUIRE(kernel(*trained) == Approx(1.0 - 0.01 * 30.0));
}

TEST_CASE("evaluate and fit's validation run an overridden test_step") {
  auto model = linear<CustomTestStep>();
  auto ev = model->evaluate(kX, kY, {.batch_size = 3, .verbose = 0});
  REQUIRE(ev.names() == std::vector<std::string>{"sum_of_predictions"});
  REQUIRE(ev["sum_of_predictions"] == Approx(10.0));  // 1 + 2 + 3 + 4, both batches
  // reset_metrics (overridden too) runs at the start of each evaluation.
  REQUIRE(model->evaluate(kX, kY, {.verbose = 0})["sum_of_predictions"] == Approx(10.0));
  auto h = model->fit(kX, kY,
                      {.batch_size = 4, .verbose = 0, .validation_data = ValidationData{kX, kY}});
  REQUIRE(h->history.at("val_sum_of_predictions")[0] == Approx(10.0));
  REQUIRE(h->history.at("loss")[0] == Approx(7.5));  // training keeps the default step
}

TEST_CASE("predict and predict_on_batch run an overridden predict_step, batches concatenated") {
  auto model = linear<DoubledPredictions>();
  Tensor x = column({1, 2, 3, 4, 5});
  Tensor p = model->predict(x, {.batch_size = 2, .verbose = 0});
  REQUIRE(p.shape() == Shape({5, 1}));
  REQUIRE(p.to_vector<float>() == std::vector<float>{2, 4, 6, 8, 10});
  REQUIRE(Tensor(model->predict_on_batch(x)).to_vector<float>() ==
          std::vector<float>{2, 4, 6, 8, 10});
}

TEST_CASE("fit resets the metrics an override lists in metrics() at every epoch") {
  auto model = linear<OwnMetrics>();
  auto h = model->fit(kX, kY, {.batch_size = 3, .epochs = 3, .verbose = 0, .shuffle = false});
  REQUIRE(h->history.at("seen") == std::vector<double>{4, 4, 4});  // not 4, 8, 12
  model->reset_metrics();
  REQUIRE(model->seen->result().item<double>() == 0.0);
}

TEST_CASE("an overridden compute_metrics adds to the default logs") {
  auto model = linear<ExtraMetric>();
  auto h = model->fit(kX, kY, {.batch_size = 4, .verbose = 0, .shuffle = false});
  REQUIRE(h->history.at("loss")[0] == Approx(7.5));
  REQUIRE(h->history.at("max_prediction")[0] == Approx(4.0));
}

TEST_CASE("the default metrics() lists the loss tracker and the compiled metrics") {
  auto model = linear<Model>();
  REQUIRE(model->metrics().size() == 1);  // compiled metrics are built on the first batch
  model->fit(kX, kY, {.batch_size = 4, .verbose = 0});
  std::vector<std::string> names;
  for (const auto& m : model->metrics()) names.push_back(m->name());
  REQUIRE(names == std::vector<std::string>{"loss", "mae"});
  auto logs = model->get_metrics_result();
  REQUIRE(logs.at("loss") == Approx(7.5));
  REQUIRE(logs.at("mae") == Approx(2.5));
  // The loss tracker takes values alone through the Metric base; a (y_true, y_pred) metric
  // does not (Python raises TypeError for the missing y_pred).
  REQUIRE_NOTHROW(model->metrics()[0]->update_state(scalar(1.0)));
  REQUIRE_THROWS_AS(model->metrics()[1]->update_state(scalar(1.0)), TypeError);
}

TEST_CASE("loss_scale_factor: gradients of the scaled loss, unscaled by the optimizer") {
  // One SGD step on w = 1: the gradient of mean((w x)^2) is 2 * mean(x^2) = 15, so w = 1 - 0.01
  // * 15. Without scaling the loss, the optimizer's division would leave 1 - 0.01 * 15 / 1024.
  auto model = linear<Model>();
  model->compile(
      {.optimizer = optimizers::SGD({.learning_rate = 0.01, .loss_scale_factor = 1024.0}),
       .loss = "mse"});
  auto h = model->fit(kX, kY, {.batch_size = 4, .verbose = 0});
  REQUIRE(kernel(*model) == Approx(1.0 - 0.01 * 15.0));
  REQUIRE(h->history.at("loss")[0] == Approx(7.5));  // the tracker records the unscaled loss
}
