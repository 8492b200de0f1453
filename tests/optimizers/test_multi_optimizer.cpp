// MultiOptimizer and OptimizerMap beyond the oracle's numbers: how a path finds its optimizer
// (the examples of Keras's OptimizerMap docstring), Keras's refusals, the shared iteration
// count, loss-scale propagation and the learning rate that belongs to the inner optimizers.
#include <filesystem>

#include "io/npy_test_helpers.hpp"
#include "keras/optimizers/optimizers.hpp"
#include "test_util.hpp"

using namespace keras;
namespace opt = keras::optimizers;

namespace {

Variable at_path(const std::string& path, Shape shape = {2}) {
  Variable v(ops::ones(shape), /*trainable=*/true, path.substr(path.rfind('/') + 1));
  v.set_path(path);
  return v;
}

// A History series of scalars as plain numbers.
std::vector<double> numbers(const std::vector<LogValue>& series) {
  std::vector<double> out;
  for (const auto& value : series) out.push_back(value.item());
  return out;
}

}  // namespace

TEST_CASE("OptimizerMap: exact key, then a whole-path pattern, then the default", "[optimizers]") {
  auto adam = opt::get("adam"), sgd = opt::get("sgd"), rmsprop = opt::get("rmsprop");
  opt::OptimizerMap map(rmsprop);
  map.set("encoder/layer_0/dense", adam);
  map.set("encoder/.*", sgd);
  map.set("decoder", adam);
  CHECK(map.at("decoder") == adam);
  CHECK(map.at("encoder/layer_0/dense") == adam);  // exact beats the pattern that also matches
  CHECK(map.at("encoder/layer_0/attention/query") == sgd);
  CHECK(map.at("decoder/layer_0/dense") == rmsprop);  // "decoder" must match the whole path
  CHECK(map(at_path("encoder/x")) == sgd);

  opt::OptimizerMap conflict(rmsprop);
  conflict.set(".*kernel.*", adam);
  conflict.set(".*dense.*", sgd);
  CHECK_THROWS_WITH(conflict.at("dense/kernel"),
                    Catch::Contains("Multiple optimizers assigned to variable dense/kernel"));

  CHECK_THROWS_WITH(map.set("decoder", sgd), Catch::Contains("'decoder' already exists"));
  CHECK_THROWS_WITH(map.set("x", opt::LossScaleOptimizer(opt::SGD())),
                    Catch::Contains("cannot be LossScaleOptimizer"));
  CHECK_THROWS_WITH(map.set("x", opt::MultiOptimizer(opt::OptimizerMap(sgd))),
                    Catch::Contains("cannot be MultiOptimizer"));
  CHECK_THROWS_AS(opt::OptimizerMap(nullptr), TypeError);
  CHECK_THROWS_AS(opt::get("optimizermap"), TypeError);  // not an optimizer
}

TEST_CASE("MultiOptimizer: each inner optimizer steps its own variables", "[optimizers]") {
  auto fast = opt::SGD({.learning_rate = 1.0});
  auto slow = opt::SGD({.learning_rate = 0.1});
  auto unused = opt::Adam();
  opt::OptimizerMap map(unused, {{"a/.*", fast}, {"b/w", slow}});
  opt::MultiOptimizer multi(std::move(map), {.loss_scale_factor = 2.0});
  REQUIRE(multi->optimizers().size() == 3);  // mapped ones in order, then the default
  // The wrapper's loss scale factor replaces the inner ones' (each unscales once).
  for (const auto& o : multi->optimizers()) CHECK(o->options().loss_scale_factor == 2.0);

  Variable a = at_path("a/w"), b = at_path("b/w");
  const Tensor g = ops::full({2}, 2.0);  // the gradient of a loss scaled by 2: 1 unscaled
  multi->apply({g, g}, {a, b});
  multi->apply({g, g});  // without variables: the ones it was built with
  testing::require_values(a.value(), {-1.0, -1.0}, {2});
  testing::require_values(b.value(), {0.8, 0.8}, {2}, 1e-6, 1e-6);
  CHECK(multi->iterations().value().item<std::int64_t>() == 2);
  CHECK(fast->iterations().value().item<std::int64_t>() == 2);
  CHECK(unused->iterations().value().item<std::int64_t>() == 0);
  CHECK_FALSE(unused->built());
  CHECK(multi->optimizer_for(b) == slow.ptr());
  // iteration and learning_rate of the wrapper, then each inner optimizer's.
  CHECK(multi->variables().size() == 2 + 2 + 2 + 2);

  CHECK_THROWS_WITH(multi->learning_rate(), Catch::Contains("sub-optimizers"));
  CHECK_THROWS_WITH(multi->set_learning_rate(0.5), Catch::Contains("sub-optimizers"));
  CHECK_THROWS_WITH(multi->apply({g}, {a}), Catch::Contains("Received 1 gradients and 2"));
  CHECK_THROWS_AS(multi->apply({g}, {at_path("c/w")}), ValueError);

  multi->set_loss_scale_factor(std::nullopt);
  for (const auto& o : multi->optimizers()) CHECK_FALSE(o->options().loss_scale_factor);
}

TEST_CASE("MultiOptimizer refuses wrappers as inner optimizers and a config without a map",
          "[optimizers]") {
  opt::MultiOptimizer wraps_lso{opt::OptimizerMap(opt::LossScaleOptimizer(opt::SGD()))};
  CHECK_THROWS_WITH(wraps_lso->build({at_path("a/w")}),
                    Catch::Contains("LossScaleOptimizer cannot be used inside an MultiOptimizer"));
  CHECK_THROWS_AS(opt::get("multioptimizer"), TypeError);  // Keras's get refuses it too
  auto config =
      ConfigValue::parse(R"({"class_name": "MultiOptimizer", "config": {"optimizer_map": "sgd"}})");
  CHECK_THROWS_WITH(opt::deserialize(config), Catch::Contains("serialized OptimizerMap"));
}

TEST_CASE("learning-rate callbacks drive each of a MultiOptimizer's optimizers",
          "[optimizers][callbacks]") {
  // Keras's LearningRateScheduler and ReduceLROnPlateau act on every inner optimizer and log
  // "learning_rate_<name>" for each (the wrapper has no rate of its own).
  auto make = [] {
    opt::OptimizerMap map(opt::SGD({.learning_rate = 0.01, .name = "slow"}));
    map.set(".*kernel", opt::SGD({.learning_rate = 0.1, .name = "fast"}));
    auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(1)});
    model.compile({.optimizer = opt::MultiOptimizer(std::move(map)), .loss = "mse"});
    return model;
  };
  const Tensor x = testing::random_tensor({8, 1}, 1), y = testing::random_tensor({8, 1}, 2);

  auto scheduled = make();
  callbacks::LearningRateScheduler halve([](int, double lr) { return lr * 0.5; });
  History h = scheduled.fit(
      x, y, {.batch_size = 8, .epochs = 2, .verbose = 0, .callbacks = {halve}, .shuffle = false});
  CHECK(h->history.count("learning_rate") == 0);
  REQUIRE(h->history.count("learning_rate_fast") == 1);
  CHECK_THAT(numbers(h->history.at("learning_rate_fast")),
             Catch::Approx(std::vector<double>{0.05, 0.025}).epsilon(1e-6));
  CHECK_THAT(numbers(h->history.at("learning_rate_slow")),
             Catch::Approx(std::vector<double>{0.005, 0.0025}).epsilon(1e-6));

  auto plateau = make();
  callbacks::ReduceLROnPlateau reduce(
      {.monitor = "loss", .factor = 0.5, .patience = 0, .min_delta = 1e9});
  h = plateau.fit(
      x, y, {.batch_size = 8, .epochs = 2, .verbose = 0, .callbacks = {reduce}, .shuffle = false});
  // Logged before the epoch's reduction; the second epoch is not an improvement.
  CHECK_THAT(numbers(h->history.at("learning_rate_fast")),
             Catch::Approx(std::vector<double>{0.1, 0.1}).epsilon(1e-6));
  auto multi = std::dynamic_pointer_cast<opt::MultiOptimizerImpl>(plateau->optimizer());
  REQUIRE(multi);
  CHECK(multi->optimizers()[0]->learning_rate() == Approx(0.05).epsilon(1e-6));
  CHECK(multi->optimizers()[1]->learning_rate() == Approx(0.005).epsilon(1e-6));

  // TensorBoard logs the inner rates too (the wrapper's own would throw).
  npy_test::TempDir tmp;
  auto boarded = make();
  callbacks::TensorBoard board({.log_dir = (tmp.dir / "logs").string()});
  CHECK_NOTHROW(boarded.fit(
      x, y, {.batch_size = 8, .epochs = 1, .verbose = 0, .callbacks = {board}, .shuffle = false}));
  CHECK(std::filesystem::exists(tmp.dir / "logs" / "train"));
}

TEST_CASE("SwapEMAWeights swaps the averages of a MultiOptimizer's EMA optimizers",
          "[optimizers]") {
  auto make = [](bool ema) {
    opt::OptimizerMap map(opt::SGD({.learning_rate = 0.1}));
    map.set(".*kernel", opt::SGD({.learning_rate = 0.1, .use_ema = ema, .ema_momentum = 0.5}));
    auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({1}), layers::Dense(1)});
    model.compile({.optimizer = opt::MultiOptimizer(std::move(map)), .loss = "mse"});
    return model;
  };
  const Tensor x = testing::random_tensor({8, 1}, 1), y = testing::random_tensor({8, 1}, 2);
  const FitOptions options{.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false};

  auto without = make(false);
  without.fit(x, y, options);
  callbacks::SwapEMAWeights refused;
  refused->set_model(&*without);
  CHECK_THROWS_WITH(refused->on_test_begin({}), Catch::Contains("at least one inner optimizer"));

  auto with = make(true);
  with.fit(x, y, options);
  auto multi = std::dynamic_pointer_cast<opt::MultiOptimizerImpl>(with->optimizer());
  REQUIRE(multi);
  const auto& kernel_optimizer = multi->optimizers()[0];
  Variable kernel = kernel_optimizer->trainable_variables()[0];
  Variable average = kernel_optimizer->moving_averages()[0];
  // Move the kernel off its average, so a swap shows.
  kernel.assign(ops::add(kernel.value(), 1.0));
  const Tensor trained = kernel.value(), averaged = average.value();
  callbacks::SwapEMAWeights swap;
  swap->set_model(&*with);
  swap->on_test_begin({});
  testing::require_close(kernel.value(), averaged, 0, 0);
  testing::require_close(average.value(), trained, 0, 0);
  swap->on_test_end({});
  testing::require_close(kernel.value(), trained, 0, 0);
}

TEST_CASE("MultiOptimizer routes with a function too, finding its optimizers at build",
          "[optimizers]") {
  auto adam = opt::get("adam");
  auto sgd = opt::SGD({.learning_rate = 0.5});
  auto multi = std::make_shared<opt::MultiOptimizerImpl>(
      opt::OptimizerSelector([&](const Variable& v) -> std::shared_ptr<opt::Optimizer> {
        return v.path().find("dense_1") != std::string::npos ? adam : sgd.ptr();
      }),
      opt::MultiOptimizerOptions{.loss_scale_factor = 2.0});
  CHECK(multi->optimizers().empty());  // none known before the variables are seen
  Variable w1 = at_path("dense_1/kernel"), w2 = at_path("dense_2/kernel");
  multi->apply({ops::full({2}, 2.0), ops::full({2}, 2.0)}, {w1, w2});
  REQUIRE(multi->optimizers().size() == 2);
  CHECK(multi->optimizers()[0] == adam);  // in the order the variables found them
  CHECK(multi->optimizers()[1] == sgd.ptr());
  CHECK(sgd->options().loss_scale_factor == 2.0);
  testing::require_values(w2.value(), {0.5, 0.5}, {2}, 1e-6, 1e-6);  // 1 - 0.5 * (2 / 2)
  CHECK_THROWS_AS(multi->get_config(), NotImplementedError);
  CHECK_THROWS_AS(multi->optimizer_map(), ValueError);

  opt::MultiOptimizerImpl none(
      opt::OptimizerSelector([](const Variable&) { return std::shared_ptr<opt::Optimizer>(); }));
  CHECK_THROWS_WITH(none.build({w1}), Catch::Contains("is not an Optimizer instance"));
}
