// The one ownership rule (keras/core/handle.hpp): the optimizer, metric and callback a user
// passes to compile / fit are the objects that train, update and record — as in Python, where
// they are the same object — models are shared through make_model, and every empty handle is a
// ValueError naming the class.
#include "test_util.hpp"

using namespace keras;

namespace {

const Tensor kX = tensor<float>({1, 2, 3, 4, 5, 6, 7, 8}, {8, 1});
const Tensor kY = tensor<float>({2, 4, 6, 8, 10, 12, 14, 16}, {8, 1});

Sequential linear() { return Sequential({Input({1}), layers::Dense(1)}); }

// A subclassed model, as Keras's guide writes one.
class TwoDense : public Model {
 public:
  explicit TwoDense(std::int64_t hidden) : Model({.name = "two_dense"}), hidden_(hidden) {}
  Tensor call(const Tensor& x, bool training) override {
    return out_(hidden_(x, training), training);
  }

 private:
  layers::Dense hidden_;
  layers::Dense out_{1};
};

}  // namespace

TEST_CASE("the optimizer given to compile is the one that trains") {
  auto model = linear();
  optimizers::Adam opt({.learning_rate = 0.01});
  model.compile({.optimizer = opt, .loss = "mse"});
  REQUIRE(model.optimizer() == opt.ptr());
  model.fit(kX, kY, {.batch_size = 4, .epochs = 3, .verbose = 0});
  CHECK(opt->iterations().value().item<std::int64_t>() == 6);  // 2 batches x 3 epochs
  CHECK(opt->variables().size() == 2 + 2 * 2);                 // built on the model's weights
  // A second model compiled with the same handle shares it (as one Python object would be).
  auto other = linear();
  other.compile({.optimizer = opt, .loss = "mse"});
  CHECK(other.optimizer() == opt.ptr());
}

TEST_CASE("the metric given to compile is the one the model updates") {
  auto model = linear();
  metrics::MeanAbsoluteError mae({.name = "my_mae"});
  model.compile({.optimizer = "sgd", .loss = "mse", .metrics = {mae}});
  auto scores = model.evaluate(kX, kY, {.verbose = 0});
  CHECK(mae->result().item<double>() == Approx(scores["my_mae"]));
  CHECK(mae->result().item<double>() > 0.0);
  mae->reset_state();
  CHECK(model.get_metrics_result().at("my_mae") == 0.0);
}

TEST_CASE("the callbacks given to fit are the ones that run, and fit returns the History") {
  auto model = linear();
  model.compile({.optimizer = "sgd", .loss = "mse"});
  callbacks::History mine;
  int epochs_seen = 0;
  callbacks::LambdaCallback counter(
      {.on_epoch_end = [&](int, callbacks::Logs&) { ++epochs_seen; }});
  History h =
      model.fit(kX, kY, {.batch_size = 4, .epochs = 2, .verbose = 0, .callbacks = {counter, mine}});
  CHECK(h == mine);  // Keras returns the History among the callbacks
  CHECK(mine->epoch == std::vector<int>{0, 1});
  CHECK(mine->history.at("loss").size() == 2);
  CHECK(epochs_seen == 2);
  CHECK(counter->model() == &model);
}

TEST_CASE("make_model: a subclassed model behind a handle, called, trained, nested, shared") {
  utils::set_random_seed(3);
  auto net = make_model<TwoDense>(4);
  Tensor y = net(kX);  // no (*net)(x)
  CHECK(y.shape() == Shape{8, 1});
  net.compile({.optimizer = optimizers::SGD({.learning_rate = 0.001}), .loss = "mse"});
  double before = net.evaluate(kX, kY, {.verbose = 0});
  History h = net.fit(kX, kY, {.batch_size = 8, .epochs = 5, .verbose = 0});
  CHECK(h->history.at("loss").size() == 5);
  CHECK(static_cast<double>(net.evaluate(kX, kY, {.verbose = 0})) < before);
  CHECK(net->layers().size() == 2);
  CHECK(net->class_name() == "TwoDense");

  // Copies share the model; it nests into a functional model as itself.
  ModelHandle<TwoDense> same = net;
  CHECK(same.ptr() == net.ptr());
  auto in = Input({1});
  Model outer(in, layers::Dense(1)(net(in)));
  CHECK(outer.get_layer("two_dense") == net.ptr());
  CHECK(outer.weights().size() == 4 + 2);
  // A handle to the base class, as load_model will return.
  ModelHandle<> base = net;
  testing::require_close(base.predict(kX, {.verbose = 0}).values()[0],
                         net.predict(kX, {.verbose = 0}).values()[0]);
  // Functional and Sequential models too.
  auto functional = make_model<Model>(in, outer.outputs()[0], ModelOptions{.name = "again"});
  CHECK(functional->name() == "again");
  auto seq = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(2)});
  CHECK(seq(kX).shape() == Shape{8, 2});
}

TEST_CASE("an empty handle of any kind is a ValueError naming its class") {
  optimizers::Adam adam;
  optimizers::Adam moved = std::move(adam);
  CHECK(moved);
  CHECK_FALSE(adam);  // NOLINT(bugprone-use-after-move): testing the moved-from state
  CHECK_THROWS_MATCHES(
      adam->iterations(), ValueError,
      Catch::Matchers::Message("This Adam handle holds no object (it was default-constructed or "
                               "moved from); assign it one first, e.g. `handle = "
                               "optimizers::Adam(...)`"));
  auto model = linear();
  CHECK_THROWS_WITH(model.compile({.optimizer = adam, .loss = "mse"}),
                    Catch::Contains("This Adam handle holds no object"));
  CHECK_THROWS_WITH(
      model.compile({.optimizer = "sgd",
                     .loss = "mse",
                     .metrics = {metrics::Mean(std::shared_ptr<metrics::MeanImpl>())}}),
      Catch::Contains("This Mean handle holds no object"));
  model.compile({.optimizer = "sgd", .loss = "mse"});
  CHECK_THROWS_WITH(model.fit(kX, kY,
                              {.verbose = 0,
                               .callbacks = {callbacks::EarlyStopping(
                                   std::shared_ptr<callbacks::EarlyStoppingImpl>())}}),
                    Catch::Contains("This EarlyStopping handle holds no object"));
  ModelHandle<> none;
  CHECK_THROWS_WITH(none.fit(kX, kY), Catch::Contains("This Model handle holds no object"));
  CHECK_THROWS_WITH(none(kX), Catch::Contains("This Model handle holds no object"));
  Handle<metrics::Metric> no_metric;
  CHECK_THROWS_AS(metrics::serialize(no_metric), ValueError);  // handles bind to references
  CHECK(metrics::serialize(metrics::Mean()).at("class_name").as_string() == "Mean");
}
