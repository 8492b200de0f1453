// The confusion-matrix metrics against Keras 3 itself (confusion_metrics.json, written by
// tests/keras_oracle/generate_confusion_metrics.py): each metric read from Keras's serialized
// form serializes back to the same JSON text, gives Keras's result after every update_state
// and ends with Keras's state variables (names, shapes, order, values); a copy made through
// from_config(get_config()) does the same. Every identifier keras.metrics.get accepts for
// these classes gives Keras's object (or Keras's error), and the arguments Keras refuses raise
// Keras's messages. Runs on the active backend (the suite runs once per backend).
#include <keras/keras.hpp>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

using testing::oracle::array;
using testing::oracle::shape_of;

std::vector<double> values_of(const nlohmann::json& a) {
  return a.at("values").get<std::vector<double>>();
}

// Float32 sums in another order than XLA's (per-bucket sums, then a matmul instead of a
// cumulative sum): a few ulps of the counts. Ratios of counts keep that relative error; a count
// that is a difference of sums (Keras's tn = negatives - fp) keeps the ulps of the sums, so
// counts are compared to the total weight seen.
constexpr double kConfusionRtol = 1e-6;

// Replays a case's updates on `metric`, checking the result after each and the variables at
// the end.
void replay_confusion(metrics::Metric& metric, const nlohmann::json& c) {
  double total_weight = 0;
  for (const auto& u : c.at("updates")) {
    Tensor sw = u.at("sample_weight").is_null() ? Tensor() : array(u.at("sample_weight"));
    Tensor y_pred = array(u.at("y_pred"));
    total_weight += static_cast<double>(y_pred.size()) *
                    (sw.defined() ? ops::max(ops::abs(sw)).item<double>() : 1.0);
    const double atol = std::max(1e-6, 2e-7 * total_weight);
    metric.update_state(array(u.at("y_true")), y_pred, sw);
    Tensor result = metric.result();
    CHECK(result.dtype() == DType::float32);
    testing::require_values(result, values_of(u.at("result")), shape_of(u.at("result")), atol,
                            kConfusionRtol);
  }
  const auto& want = c.at("variables");
  const auto got = metric.variables();
  REQUIRE(got.size() == want.size());
  for (std::size_t i = 0; i < got.size(); ++i) {
    INFO("variable " << want[i].at("path").get<std::string>());
    CHECK(got[i].path() == want[i].at("path").get<std::string>());
    CHECK_FALSE(got[i].trainable());
    testing::require_values(got[i].value(), values_of(want[i].at("value")),
                            shape_of(want[i].at("value")), std::max(1e-6, 2e-7 * total_weight),
                            kConfusionRtol);
  }
}

}  // namespace

TEST_CASE("confusion metrics compute Keras's results and state, and serialize as Keras",
          "[metrics]") {
  auto manifest =
      testing::oracle::manifest("confusion_metrics.json", "generate_confusion_metrics.py");
  const auto& cases = manifest.at("cases");
  REQUIRE(cases.size() >= 70);
  for (const auto& c : cases) {
    INFO("case " << c.at("id").get<std::string>());
    const std::string keras_json = c.at("metric").get<std::string>();
    auto metric = metrics::deserialize(ConfigValue::parse(keras_json));
    CHECK(metrics::serialize(*metric).dump() == keras_json);
    replay_confusion(*metric, c);
    // from_config(get_config()) is the same metric: same config, same results from zero.
    auto copy = metrics::deserialize(metrics::serialize(*metric));
    CHECK(metrics::serialize(*copy).dump() == keras_json);
    replay_confusion(*copy, c);
    // reset_state zeroes every count; the metric then replays the same.
    metric->reset_state();
    for (const auto& v : metric->variables())
      CHECK(ops::max(ops::abs(v.value())).item<double>() == 0.0);
    replay_confusion(*metric, c);
  }
}

TEST_CASE("confusion metric identifiers and refused arguments follow Keras", "[metrics]") {
  auto manifest =
      testing::oracle::manifest("confusion_metrics.json", "generate_confusion_metrics.py");
  const auto ours = metrics::all_names();
  std::size_t made = 0, refused = 0;
  for (const auto& [name, entry] : manifest.at("names").items()) {
    INFO("name " << name);
    CHECK(std::find(ours.begin(), ours.end(), name) != ours.end());
    if (entry.contains("serialized")) {
      ++made;
      CHECK(metrics::serialize(*metrics::get(name)).dump() ==
            entry.at("serialized").get<std::string>());
    } else {
      // The "X at Y" metrics need their target: Python's TypeError for the missing argument.
      ++refused;
      REQUIRE(entry.at("error").get<std::string>() == "TypeError");
      CHECK_THROWS_AS(metrics::get(name), TypeError);
      CHECK_THROWS_WITH(metrics::get(name), entry.at("message").get<std::string>());
    }
  }
  CHECK(made == 14);
  CHECK(refused == 8);

  for (const auto& e : manifest.at("errors")) {
    const std::string cls = e.at("class_name").get<std::string>();
    INFO(cls << " " << e.at("config").dump());
    const ConfigValue config = ConfigValue::parse(e.at("config").dump());
    const auto serialized = ConfigValue(ConfigValue::Dict{{"class_name", cls}, {"config", config}});
    const std::string message = e.at("message").get<std::string>();
    if (e.at("error").get<std::string>() == "TypeError")
      CHECK_THROWS_AS(metrics::deserialize(serialized), TypeError);
    else CHECK_THROWS_AS(metrics::deserialize(serialized), ValueError);
    CHECK_THROWS_WITH(metrics::deserialize(serialized), message);
  }
}
