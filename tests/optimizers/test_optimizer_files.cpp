// Every registered optimizer's state survives a file: a model compiled with it, trained a few
// steps and saved as .keras (and legacy .h5 where Keras can write it) loads with the same
// optimizer, its variables (slots, counters, Nadam's product, Adafactor's factors, the loss
// scale, each of a MultiOptimizer's inner optimizers) restored exactly, and trains on exactly
// as the original does.
#include <filesystem>

#include <keras/optimizers/optimizers.hpp>

#include "test_util.hpp"

using namespace keras;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<optimizers::Optimizer> make(const std::string& name) {
  if (name == "lossscaleoptimizer")
    return optimizers::LossScaleOptimizer(optimizers::Nadam({.learning_rate = 0.01}),
                                          {.initial_scale = 8.0, .dynamic_growth_steps = 2});
  if (name == "multioptimizer") {
    // The kernels to Nadam, the biases to the default Adagrad.
    optimizers::OptimizerMap map(optimizers::get("adagrad"));
    map.set(".*kernel", optimizers::Nadam({.learning_rate = 0.01}));
    return optimizers::MultiOptimizer(std::move(map));
  }
  return optimizers::get(name);
}

}  // namespace

TEST_CASE("every optimizer's state round-trips through .keras and .h5", "[optimizers]") {
  for (const auto& name : optimizers::all_names()) {
    // Adafactor names its two factors of a matrix alike (as Keras), which the .h5 layout,
    // keyed by name, cannot hold: Keras cannot save it there either, and neither do we.
    for (const std::string extension : {".keras", ".h5"}) {
      INFO(name << " " << extension);
      utils::set_random_seed(3);
      auto model = make_model<Sequential>(std::vector<SequentialEntry>{
          Input({3}), layers::Dense(4, {.activation = "tanh"}), layers::Dense(1)});
      model.compile({.optimizer = make(name), .loss = "mse"});
      Tensor x = testing::random_tensor({8, 3}, 1, -1, 1, DType::float32);
      Tensor y = testing::random_tensor({8, 1}, 2, -1, 1, DType::float32);
      model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
      const fs::path p = fs::temp_directory_path() /
                         ("keraspp_optimizer_" + std::to_string(::getpid()) + extension);
      if (name == "adafactor" && extension == ".h5") {
        CHECK_THROWS_WITH(model->save(p.string()), Catch::Contains("two of its variables"));
        CHECK_FALSE(fs::exists(p));
        continue;
      }
      model->save(p.string());
      auto again = models::load_model(p.string());
      fs::remove(p);
      REQUIRE(again->optimizer());
      CHECK(again->optimizer()->class_name() == model->optimizer()->class_name());
      CHECK(optimizers::serialize(*again->optimizer()) ==
            optimizers::serialize(*model->optimizer()));
      auto a = model->optimizer()->variables(), b = again->optimizer()->variables();
      REQUIRE(a.size() == b.size());
      REQUIRE(a.size() >= 2);  // iteration and learning_rate at least (SGD has no slots)
      for (std::size_t i = 0; i < a.size(); ++i) {
        // Positional, as loading is. (The paths differ: a loaded Sequential's variables are
        // not prefixed with the model's name, "sequential/dense/kernel", as built ones are.)
        INFO("optimizer variable " << a[i].path());
        testing::require_close(b[i].value(), a[i].value(), 0, 0);
      }
      CHECK(again->optimizer()->iterations().value().item<std::int64_t>() == 2);
      auto h1 = model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
      auto h2 = again.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
      CHECK(h2->history.at("loss") == h1->history.at("loss"));
    }
  }
}
