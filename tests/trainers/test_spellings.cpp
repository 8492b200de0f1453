// The spellings a Keras user writes when porting a script, compiled and run as written (the
// issue's item 7): a loss or metric as a lambda, a function, a built-in function, a string or
// an object; dict literals for losses, metrics, loss_weights, data and model inputs;
// `.validation_data = {xv, yv}`. Each checks a value, so a spelling that compiled to something
// else (a list read as a dict, a function never called) fails.
//
// The model is y = x (a Dense of one unit, kernel 1, no bias) trained with a learning rate of 0,
// so every loss is known in closed form: x = [1, 2, 3, 4] against y = 0 gives mse 7.5, mae 2.5
// and huber (delta 1) mean(e - 0.5) = 2.0.
#include "test_util.hpp"

using namespace keras;

namespace {

Tensor spelling_column(std::vector<float> v) {
  auto n = static_cast<std::int64_t>(v.size());
  return tensor<float>(v, {n, 1});
}

const Tensor kSpellingX = spelling_column({1, 2, 3, 4});
const Tensor kZero = spelling_column({0, 0, 0, 0});

layers::Dense identity(const std::string& name = "") {
  return layers::Dense(1, {.use_bias = false, .kernel_initializer = "ones", .name = name});
}

std::unique_ptr<Sequential> single() {
  return std::make_unique<Sequential>(std::vector<SequentialEntry>{Input({1}), identity()});
}

// Input "in", outputs "out_a" and "out_b", both y = x; the inputs and outputs as dict literals.
std::unique_ptr<Model> two_outputs() {
  auto in = Input({1}, {.name = "in"});
  return std::make_unique<Model>(
      KerasTensors{{"in", in}},
      KerasTensors{{"out_a", identity("out_a")(in)}, {"out_b", identity("out_b")(in)}});
}

double evaluate_loss(CompileOptions options) {
  auto model = single();
  options.optimizer = optimizers::SGD({.learning_rate = 0.0});
  model->compile(options);
  return model->evaluate(kSpellingX, kZero, {.verbose = 0})["loss"];
}

int calls = 0;
Tensor my_mse(const Tensor& y_true, const Tensor& y_pred) {
  ++calls;
  return ops::mean(ops::square(ops::subtract(y_pred, y_true)), -1);
}

}  // namespace

TEST_CASE("a loss is a string, an object, a lambda, a function or a built-in function") {
  REQUIRE(evaluate_loss({.loss = "mse"}) == Approx(7.5));
  REQUIRE(evaluate_loss({.loss = losses::MeanSquaredError()}) == Approx(7.5));
  REQUIRE(evaluate_loss({.loss = std::make_shared<losses::MeanAbsoluteError>()}) == Approx(2.5));

  int lambda_calls = 0;
  auto lambda = [&lambda_calls](const Tensor& y_true, const Tensor& y_pred) {
    ++lambda_calls;
    return ops::mean(ops::abs(ops::subtract(y_pred, y_true)), -1);
  };
  REQUIRE(evaluate_loss({.loss = lambda}) == Approx(2.5));
  REQUIRE(lambda_calls > 0);

  calls = 0;
  REQUIRE(evaluate_loss({.loss = my_mse}) == Approx(7.5));
  REQUIRE(evaluate_loss({.loss = &my_mse}) == Approx(7.5));
  REQUIRE(calls >= 2);

  // The header's own function, two overloads: the (y_true, y_pred) one is picked.
  REQUIRE(evaluate_loss({.loss = losses::huber}) == Approx(2.0));
  REQUIRE(evaluate_loss({.loss = losses::Huber()}) == Approx(2.0));
  REQUIRE(evaluate_loss({.loss = "huber"}) == Approx(2.0));
}

TEST_CASE("a named function loss keeps its name, as LossFunctionWrapper(fn, name=...)") {
  losses::Spec spec([](const Tensor& t, const Tensor& p) { return my_mse(t, p); }, "my_loss");
  REQUIRE(spec.get()->name() == "my_loss");
  REQUIRE(evaluate_loss({.loss = spec}) == Approx(7.5));
}

TEST_CASE("losses, loss_weights and metrics as dict literals, by output name") {
  auto model = two_outputs();
  model->compile(
      {.optimizer = optimizers::SGD({.learning_rate = 0.0}),
       .loss = {{"out_a", "mse"}, {"out_b", losses::Huber()}},
       .metrics = {{"out_a", "mae"}, {"out_b", {"mse", metrics::Spec(my_mse, "my_metric")}}},
       .loss_weights = {{"out_a", 1.0}, {"out_b", 0.5}}});
  auto ev =
      model->evaluate({{"in", kSpellingX}}, {{"out_a", kZero}, {"out_b", kZero}}, {.verbose = 0});
  REQUIRE(ev["out_a_loss"] == Approx(7.5));
  REQUIRE(ev["out_b_loss"] == Approx(2.0));
  REQUIRE(ev["loss"] == Approx(7.5 + 0.5 * 2.0));
  REQUIRE(ev["out_a_mae"] == Approx(2.5));
  REQUIRE(ev["out_b_mse"] == Approx(7.5));
  REQUIRE(ev["out_b_my_metric"] == Approx(7.5));
}

TEST_CASE("losses and loss_weights as lists, in the model's output order") {
  auto model = two_outputs();
  model->compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}),
                  .loss = {"mae", losses::huber},
                  .loss_weights = {1.0, 0.5}});
  auto ev = model->evaluate(kSpellingX, {kZero, kZero}, {.verbose = 0});
  REQUIRE(ev["out_a_loss"] == Approx(2.5));
  REQUIRE(ev["out_b_loss"] == Approx(2.0));
  REQUIRE(ev["loss"] == Approx(2.5 + 0.5 * 2.0));
}

TEST_CASE("a dict key that names no output is a ValueError naming the outputs") {
  auto model = two_outputs();
  model->compile(
      {.optimizer = "sgd", .loss = "mse", .loss_weights = {{"out_a", 1.0}, {"out_c", 0.5}}});
  REQUIRE_THROWS_AS(model->evaluate(kSpellingX, {kZero, kZero}, {.verbose = 0}), ValueError);
  try {
    model->evaluate(kSpellingX, {kZero, kZero}, {.verbose = 0});
  } catch (const ValueError& e) {
    REQUIRE_THAT(e.what(), Catch::Contains("'out_c'") && Catch::Contains("['out_a', 'out_b']"));
  }
}

TEST_CASE("a function metric is logged under the name given to it") {
  auto model = single();
  model->compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}),
                  .loss = "mse",
                  .metrics = {metrics::Spec(my_mse, "my_metric"),
                              metrics::Spec([](const Tensor& t,
                                               const Tensor& p) { return losses::huber(t, p); },
                                            "my_huber")}});
  auto ev = model->evaluate(kSpellingX, kZero, {.verbose = 0});
  REQUIRE(ev.names() == std::vector<std::string>{"loss", "my_metric", "my_huber"});
  REQUIRE(ev["my_metric"] == Approx(7.5));
  REQUIRE(ev["my_huber"] == Approx(2.0));
}

TEST_CASE("validation_data = {x_val, y_val} and {x_val, y_val, sample_weight}") {
  auto model = single();
  model->compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}), .loss = "mse"});
  const Tensor xv = spelling_column({1, 2});
  const Tensor yv = spelling_column({0, 0});
  auto h = model->fit(kSpellingX, kZero, {.epochs = 1, .verbose = 0, .validation_data = {xv, yv}});
  REQUIRE(h->history.at("val_loss")[0] == Approx(2.5));  // (1 + 4) / 2
  // Keras divides the weighted sum by the batch size: 1 * 1 / 2.
  h = model->fit(kSpellingX, kZero,
                 {.epochs = 1, .verbose = 0, .validation_data = {xv, yv, spelling_column({1, 0})}});
  REQUIRE(h->history.at("val_loss")[0] == Approx(0.5));
}

TEST_CASE("x and y as dict literals by input and output name") {
  auto model = two_outputs();
  model->compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}), .loss = "mse"});
  auto h =
      model->fit({{"in", kSpellingX}}, {{"out_a", kZero}, {"out_b", spelling_column({1, 2, 3, 4})}},
                 {.epochs = 1,
                  .verbose = 0,
                  .validation_data = {{{"in", kSpellingX}}, {{"out_a", kZero}, {"out_b", kZero}}}});
  REQUIRE(h->history.at("out_a_loss")[0] == Approx(7.5));
  REQUIRE(h->history.at("out_b_loss")[0] == Approx(0.0));
  REQUIRE(h->history.at("val_out_b_loss")[0] == Approx(7.5));
  Data predictions = model->predict({{"in", kSpellingX}}, {.verbose = 0});
  REQUIRE(predictions.size() == 2);
}

TEST_CASE(
    "optimizer keyword arguments, their own and the base optimizer's, in one designated list") {
  // The base arguments (clipnorm ... name) are defined once and expanded into each options
  // struct, so they are named as directly as the optimizer's own ones.
  auto check = [](const optimizers::Optimizer& opt, double learning_rate) {
    ConfigValue c = opt.get_config();
    CHECK(c.at("learning_rate").as_double() == Approx(learning_rate));
    CHECK(c.at("clipnorm").as_double() == 1.0);
    CHECK(c.at("ema_momentum").as_double() == 0.5);
    CHECK(c.at("name").as_string() == "opt");
  };
  check(optimizers::Adam({.learning_rate = 1e-3,
                          .amsgrad = true,
                          .clipnorm = 1.0,
                          .ema_momentum = 0.5,
                          .name = "opt"}),
        1e-3);
  check(optimizers::SGD({.learning_rate = 0.1,
                         .momentum = 0.9,
                         .clipnorm = 1.0,
                         .ema_momentum = 0.5,
                         .name = "opt"}),
        0.1);
  check(optimizers::RMSprop(
            {.rho = 0.5, .weight_decay = 0.1, .clipnorm = 1.0, .ema_momentum = 0.5, .name = "opt"}),
        0.001);
  check(optimizers::AdamW(
            {.weight_decay = 0.01, .clipnorm = 1.0, .ema_momentum = 0.5, .name = "opt"}),
        0.001);
}

TEST_CASE("loss_weights as one number: the single-output case, as Keras") {
  REQUIRE(evaluate_loss({.loss = "mse", .loss_weights = 0.5}) == Approx(0.5 * 7.5));
  auto model = two_outputs();
  model->compile({.optimizer = "sgd", .loss = "mse", .loss_weights = 0.5});
  REQUIRE_THROWS_WITH(model->evaluate(kSpellingX, {kZero, kZero}, {.verbose = 0}),
                      Catch::Contains("float (single output case)"));
}
