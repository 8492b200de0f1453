// The optimizers against Keras 3 itself (optimizers.json, written by
// tests/keras_oracle/generate_optimizers.py): each case's optimizer, read from Keras's
// serialized form, serializes back to the same JSON text and, fed Keras's gradients for four
// steps, reproduces Keras's variables after every step, its iteration count and its optimizer
// variables (paths, shapes, values) on every backend. Every name keras.optimizers.get accepts
// gives Keras's object here too, and a .keras file Keras saved after training with a new
// optimizer loads with Keras's optimizer state and trains on with Keras's next loss.
#include <algorithm>
#include <limits>

#include <keras/optimizers/optimizers.hpp>
#include <keras/utils/naming.hpp>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;
namespace opt = keras::optimizers;

namespace {

Shape shape_of(const nlohmann::json& dims) { return Shape(dims.get<std::vector<std::int64_t>>()); }

std::vector<double> values_of(const nlohmann::json& v) { return v.get<std::vector<double>>(); }

// A variable named and placed as Keras's Dense "dense" names its weights.
Variable model_variable(const nlohmann::json& spec) {
  const std::string path = spec.at("path").get<std::string>();
  const Shape shape = shape_of(spec.at("shape"));
  const auto values = values_of(spec.at("value"));
  Variable v(tensor<float>(std::vector<float>(values.begin(), values.end()), shape),
             /*trainable=*/true, path.substr(path.rfind('/') + 1));
  v.set_path(path);
  return v;
}

// Float32 results of the same float32 formulas, in Keras's order; the sums of squares inside
// Lamb's and Adafactor's norms may be added up in another order.
constexpr double kOptimizerAtol = 1e-6, kOptimizerRtol = 2e-5;

}  // namespace

TEST_CASE("optimizers reproduce Keras 3 step by step, slots and configs included",
          "[optimizers][oracle]") {
  auto manifest = testing::oracle::manifest("optimizers.json", "generate_optimizers.py");
  const auto& cases = manifest.at("cases");
  REQUIRE(cases.size() >= 30);
  for (const auto& backend_name : backend::available()) {
    testing::BackendScope scope(backend_name);
    for (const auto& c : cases) {
      const std::string id = c.at("id").get<std::string>();
      INFO("[" << backend_name << "] case " << id);
      std::vector<Variable> vars;
      for (const auto& spec : manifest.at("variables")) vars.push_back(model_variable(spec));
      const std::string keras_json = c.at("optimizer").get<std::string>();
      auto optimizer = opt::deserialize(ConfigValue::parse(keras_json));
      CHECK(opt::serialize(*optimizer).dump() == keras_json);
      if (c.contains("exclude_from_weight_decay"))
        optimizer->exclude_from_weight_decay(
            {}, c.at("exclude_from_weight_decay").get<std::vector<std::string>>());

      const auto& steps = c.at("steps");
      for (std::size_t k = 0; k < steps.size(); ++k) {
        INFO("after step " << k + 1);
        std::vector<Tensor> grads;
        for (std::size_t i = 0; i < vars.size(); ++i) {
          auto g = values_of(steps[k].at("grads")[i]);
          // A non-finite gradient, which LossScaleOptimizer must skip (JSON holds no inf).
          if (i == 0 && steps[k].at("nonfinite").get<bool>())
            g[0] = std::numeric_limits<double>::infinity();
          grads.push_back(tensor<float>(std::vector<float>(g.begin(), g.end()), vars[i].shape()));
        }
        optimizer->apply(grads, vars);
        CHECK(optimizer->iterations().value().item<std::int64_t>() ==
              c.at("iterations")[k].get<std::int64_t>());
        for (std::size_t i = 0; i < vars.size(); ++i)
          testing::require_values(vars[i].value(), values_of(c.at("after")[k][i]), vars[i].shape(),
                                  kOptimizerAtol, kOptimizerRtol);
      }

      const auto ours = optimizer->variables();
      const auto& slots = c.at("slots");
      REQUIRE(ours.size() == slots.size());
      for (std::size_t i = 0; i < ours.size(); ++i) {
        INFO("optimizer variable " << i << " " << slots[i].at("path").get<std::string>());
        CHECK(ours[i].path() == slots[i].at("path").get<std::string>());
        CHECK_FALSE(ours[i].trainable());
        // Keras on JAX keeps its counters in int32; ours are int64 (files convert).
        const std::string dtype = slots[i].at("dtype").get<std::string>();
        CHECK(is_integer(ours[i].dtype()) == (dtype == "int32"));
        testing::require_values(ours[i].value(), values_of(slots[i].at("value")),
                                shape_of(slots[i].at("shape")), kOptimizerAtol, kOptimizerRtol);
      }
    }
  }
}

TEST_CASE("optimizers::get knows every Keras optimizer name", "[optimizers][oracle]") {
  auto manifest = testing::oracle::manifest("optimizers.json", "generate_optimizers.py");
  const auto ours = opt::all_names();
  for (const auto& [name, keras_json] : manifest.at("names").items()) {
    INFO("name " << name);
    const bool implemented = std::find(ours.begin(), ours.end(), name) != ours.end();
    utils::clear_session();  // Keras's names count from a fresh session too
    if (keras_json.is_null()) {
      // Keras's get refuses the bare name: LossScaleOptimizer needs the optimizer it wraps,
      // MultiOptimizer its map; the base class and OptimizerMap are not optimizers.
      CHECK_THROWS_AS(opt::get(name), Error);
    } else {
      // Every optimizer Keras's get makes from a bare name is here.
      REQUIRE(implemented);
      CHECK(opt::serialize(*opt::get(name)).dump() == keras_json.get<std::string>());
    }
  }
  // Keras 3.15's own get forgets Lamb; ours reads it from files all the same.
  CHECK(opt::get("Lamb")->class_name() == "Lamb");
  CHECK_THROWS_AS(opt::get("no_such_optimizer"), ValueError);
}

TEST_CASE("a .keras file Keras trained with a new optimizer loads with its optimizer state",
          "[optimizers][oracle]") {
  auto manifest = testing::oracle::manifest("optimizers.json", "generate_optimizers.py");
  REQUIRE(manifest.at("files").size() >= 3);
  for (const auto& f : manifest.at("files")) {
    const std::string file = f.at("file").get<std::string>();
    INFO(file);
    auto model = models::load_model((testing::oracle_dir() / file).string());
    REQUIRE(model->optimizer());
    const auto ours = model->optimizer()->variables();
    const auto& slots = f.at("slots");
    REQUIRE(ours.size() == slots.size());
    for (std::size_t i = 0; i < ours.size(); ++i) {
      // Positional, as Keras loads them. (The paths differ: Keras 3.15 names these slots after
      // the variables' paths in the model, "sequential_dense_kernel_momentum", and a loaded
      // model's variables here lack the model's name.)
      INFO("optimizer variable " << slots[i].at("path").get<std::string>());
      testing::require_values(ours[i].value(), values_of(slots[i].at("value")), ours[i].shape(), 0,
                              0);
    }
    // Training on from the file continues Keras's run.
    Tensor x = testing::oracle::npy(f.at("x").get<std::string>());
    Tensor y = testing::oracle::npy(f.at("y").get<std::string>());
    History h = model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
    CHECK(testing::is_close(h->history.at("loss")[0], f.at("next_loss").get<double>(), 1e-5, 1e-4));
  }
}
