// keras::metrics against Keras 3 itself (metrics.json, written by
// tests/keras_oracle/generate_metrics.py): each metric built from Keras's serialized form gives
// Keras's result after every update and Keras's state variables, on every backend, serializes
// back to the same JSON text, and does the same again after a from_config round trip; every name
// keras.metrics.get accepts gives Keras's object, and every built-in function given to compile
// is wrapped and named as Keras does.
#include <algorithm>
#include <set>
#include <sstream>

#include <keras/losses/losses.hpp>
#include <keras/metrics/metrics.hpp>
#include <keras/utils/naming.hpp>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

// Keras's get() makes an instance of its abstract base (whose methods raise
// NotImplementedError); ours is abstract and not a registered name.
const std::set<std::string> kNotByName = {"Metric", "metric"};

using testing::oracle::array;
using testing::oracle::shape_of;

// Float32 sums in another order than XLA's; R2's total variance is a difference of sums, so its
// rounding shows relatively larger in scores far from 1.
constexpr double kAtol = 2e-6, kRtol = 2e-6;

// Keras's serialized metric with the constructor arguments Keras does not save merged in.
ConfigValue config_of(const std::string& keras_json, const nlohmann::json& extra) {
  ConfigValue config = ConfigValue::parse(keras_json);
  for (const auto& [key, value] : extra.items())
    config["config"][key] = ConfigValue::parse(value.dump());
  return config;
}

// Replays the case's updates, checking the result after each.
void replay(metrics::Metric& metric, const nlohmann::json& c) {
  int step = 0;
  for (const auto& u : c.at("updates")) {
    INFO("update " << step++);
    const Tensor sw = u.at("sample_weight").is_null() ? Tensor() : array(u.at("sample_weight"));
    metric.update_state(array(u.at("y_true")), array(u.at("y_pred")), sw);
    const Tensor r = metric.result();
    CHECK(r.dtype() == DType::float32);
    testing::require_values(r, u.at("result").at("values").get<std::vector<double>>(),
                            shape_of(u.at("result")), kAtol, kRtol);
  }
}

std::vector<std::string> backends() {
  std::vector<std::string> out;
  std::stringstream expected(KERASPP_EXPECTED_BACKENDS);
  for (std::string name; std::getline(expected, name, ',');) out.push_back(name);
  return out;
}

}  // namespace

TEST_CASE("metrics compute Keras's results and state and serialize as Keras", "[metrics]") {
  auto manifest = testing::oracle::manifest("metrics.json", "generate_metrics.py");
  const auto& cases = manifest.at("cases");
  REQUIRE(cases.size() >= 56);
  for (const auto& backend_name : backends()) {
    testing::BackendScope scope(backend_name);
    for (const auto& c : cases) {
      INFO("[" << backend_name << "] case " << c.at("id").get<std::string>());
      const std::string keras_json = c.at("metric").get<std::string>();
      auto metric = metrics::deserialize(config_of(keras_json, c.at("extra_config")));
      CHECK(metrics::serialize(*metric).dump() == keras_json);
      replay(*metric, c);
      // The state variables, in Keras's order and under Keras's paths.
      const auto vars = metric->variables();
      const auto& want = c.at("variables");
      REQUIRE(vars.size() == want.size());
      for (std::size_t i = 0; i < vars.size(); ++i) {
        INFO("variable " << want[i].at("path").get<std::string>());
        CHECK(vars[i].path() == want[i].at("path").get<std::string>());
        testing::require_values(vars[i].value(),
                                want[i].at("value").at("values").get<std::vector<double>>(),
                                shape_of(want[i].at("value")), kAtol, kRtol);
      }
      // Our own config builds a metric that behaves the same, from scratch and after a reset.
      auto again =
          metrics::deserialize(config_of(metrics::serialize(*metric).dump(), c.at("extra_config")));
      CHECK(metrics::serialize(*again).dump() == keras_json);
      replay(*again, c);
      metric->reset_state();
      replay(*metric, c);
    }
  }
}

TEST_CASE("metrics::get knows every Keras name, and says so for an unknown one", "[metrics]") {
  auto manifest = testing::oracle::manifest("metrics.json", "generate_metrics.py");
  const auto ours = metrics::all_names();
  std::size_t checked = 0, need_arguments = 0;
  std::set<std::string> keras_names;
  for (const auto& [name, keras_json] : manifest.at("names").items()) {
    keras_names.insert(name);
    if (kNotByName.count(name)) continue;
    INFO("name " << name);
    CHECK(std::find(ours.begin(), ours.end(), name) != ours.end());
    if (keras_json.is_null()) {
      // A class with a required argument (IoU's num_classes): Keras's get() raises TypeError.
      ++need_arguments;
      CHECK_THROWS_AS(metrics::get(name), Error);
      continue;
    }
    ++checked;
    utils::clear_session();  // the IoUs are auto-named ("binary_io_u", then "binary_io_u_1")
    CHECK(metrics::serialize(*metrics::get(name)).dump() == keras_json.get<std::string>());
  }
  CHECK(checked >= 60);
  // IoU, MeanIoU, OneHotIoU, OneHotMeanIoU, MeanMetricWrapper and the four X-at-Y confusion
  // metrics, each with its snake_case.
  CHECK(need_arguments == 18);
  // And we accept no name Keras does not.
  for (const auto& name : ours) {
    INFO("our name " << name);
    CHECK(keras_names.count(name) == 1);
  }
  const std::string keras_message = manifest.at("unknown_name_error").get<std::string>();
  CHECK_THROWS_WITH(metrics::get("no_such_metric"), Catch::StartsWith(keras_message));
}

TEST_CASE("compile wraps built-in functions given as metrics as Keras does", "[metrics]") {
  auto manifest = testing::oracle::manifest("metrics.json", "generate_metrics.py");
  const auto& functions = manifest.at("functions");
  using Fn = Tensor (*)(const Tensor&, const Tensor&);
  const std::vector<std::pair<std::string, Fn>> ours = {
      {"mean_squared_error", losses::mean_squared_error},
      {"mean_absolute_error", losses::mean_absolute_error},
      {"mean_absolute_percentage_error", losses::mean_absolute_percentage_error},
      {"mean_squared_logarithmic_error", losses::mean_squared_logarithmic_error},
      {"cosine_similarity", losses::cosine_similarity},
      {"log_cosh", losses::log_cosh},
      {"poisson", losses::poisson},
      {"kl_divergence", losses::kl_divergence},
      {"hinge", losses::hinge},
      {"squared_hinge", losses::squared_hinge},
      {"categorical_hinge", losses::categorical_hinge},
      {"binary_crossentropy", losses::binary_crossentropy},
      {"categorical_crossentropy", losses::categorical_crossentropy},
      {"sparse_categorical_crossentropy", losses::sparse_categorical_crossentropy},
      {"huber", losses::huber},
      {"binary_accuracy", metrics::binary_accuracy},
      {"categorical_accuracy", metrics::categorical_accuracy},
      {"sparse_categorical_accuracy", metrics::sparse_categorical_accuracy},
      {"top_k_categorical_accuracy", metrics::top_k_categorical_accuracy},
      {"sparse_top_k_categorical_accuracy", metrics::sparse_top_k_categorical_accuracy},
      {"pearson_correlation", metrics::pearson_correlation},
      {"concordance_correlation", metrics::concordance_correlation},
  };
  REQUIRE(functions.size() == ours.size());
  for (const auto& [name, fn] : ours) {
    INFO("function " << name);
    REQUIRE(functions.contains(name));
    const bool sparse = name.rfind("sparse_", 0) == 0;  // integer labels
    auto metric = metrics::resolve(metrics::Spec(fn), sparse ? Shape{2} : Shape{2, 3}, {2, 3});
    const std::string keras_json = functions.at(name).get<std::string>();
    CHECK(metrics::serialize(*metric).dump() == keras_json);
    // Keras's MeanMetricWrapper.from_config finds the function again by its name.
    auto restored = metrics::deserialize(ConfigValue::parse(keras_json));
    CHECK(metrics::serialize(*restored).dump() == keras_json);
    auto y_true = sparse ? tensor<float>({0, 2}, {2}) : tensor<float>({1, 0, 0, 0, 0, 1}, {2, 3});
    auto y_pred = tensor<float>({0.7f, 0.2f, 0.1f, 0.3f, 0.3f, 0.4f}, {2, 3});
    metric->update_state(y_true, y_pred);
    restored->update_state(y_true, y_pred);
    testing::require_close(restored->result(), metric->result());
  }
}
