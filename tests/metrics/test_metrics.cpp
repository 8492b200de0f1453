// keras::metrics: running results over several update_state calls, compared with Keras 3.15.1
// (JAX backend): the expected numbers were printed in build/venv by the same calls, e.g.
//   m = keras.metrics.Mean(); m.update_state([1., 3., 5., 7.]); m.result()
// and pasted here rounded to 7 digits.
#include <keras/metrics/metrics.hpp>

#include "test_util.hpp"

using namespace keras;
using testing::require_values;

namespace {

Tensor metric_f32(std::vector<float> v, const Shape& s) { return tensor<float>(v, s); }
Tensor i32(std::vector<std::int32_t> v, const Shape& s) { return tensor<std::int32_t>(v, s); }
double result_of(const metrics::Metric& m) { return m.result().item<double>(); }

}  // namespace

TEST_CASE("Mean: weighted running mean, variables and reset", "[metrics]") {
  metrics::Mean m;
  CHECK(m->name() == "mean");
  m->update_state(metric_f32({1, 3, 5, 7}, {4}));
  CHECK(result_of(m) == Approx(4.0));
  // (2, 2) values with per-sample weights: each row is averaged first -> 1.5 * 1 + 3.5 * 0.
  m->update_state(metric_f32({1, 2, 3, 4}, {2, 2}), metric_f32({1, 0}, {2}));
  CHECK(result_of(m) == Approx(3.5));
  m->update_state(scalar(10.0));  // a scalar counts as one sample
  CHECK(result_of(m) == Approx(4.5833335));
  auto vars = m->variables();
  REQUIRE(vars.size() == 2);
  CHECK(vars[0].name() == "total");
  CHECK(vars[1].name() == "count");
  CHECK(vars[0].path() == "mean/total");
  CHECK_FALSE(vars[0].trainable());
  CHECK(vars[0].dtype() == DType::float32);
  CHECK(vars[0].value().item<double>() == Approx(27.5));
  CHECK(vars[1].value().item<double>() == Approx(6.0));
  // Elementwise weights: count grows by each row's mean weight (0.75 + 1).
  m->update_state(metric_f32({1, 2, 3, 4}, {2, 2}), metric_f32({0.5f, 1, 2, 0}, {2, 2}));
  CHECK(result_of(m) == Approx(4.0967741));
  CHECK(vars[1].value().item<double>() == Approx(7.75));
  m->reset_state();
  CHECK(result_of(m) == 0.0);  // 0 / 0 -> 0, as divide_no_nan
  CHECK(vars[0].value().item<double>() == 0.0);
  CHECK_THROWS_AS(
      static_cast<metrics::Metric&>(m).update_state(metric_f32({1}, {1}), metric_f32({1}, {1})),
      TypeError);

  metrics::Sum s;
  s->update_state(metric_f32({1, 3, 5, 7}, {4}), metric_f32({1, 1, 0, 0}, {4}));
  s->update_state(metric_f32({1, 2, 3, 4}, {2, 2}));
  CHECK(result_of(s) == Approx(14.0));
  CHECK(s->variables().size() == 1);
  CHECK(s->get_config().dump() == R"({"name": "sum", "dtype": "float32"})");
}

TEST_CASE("accuracy metrics over several batches match Keras", "[metrics]") {
  metrics::BinaryAccuracy b;
  b->update_state(metric_f32({1, 1, 0, 0}, {4, 1}), metric_f32({0.98f, 1, 0, 0.6f}, {4, 1}));
  CHECK(result_of(b) == Approx(0.75));
  b->update_state(metric_f32({1, 0}, {2, 1}), metric_f32({0.2f, 0.4f}, {2, 1}),
                  metric_f32({2, 1}, {2}));
  CHECK(result_of(b) == Approx(0.5714286));
  b->update_state(metric_f32({1, 0, 1}, {3}),
                  metric_f32({0.7f, 0.5f, 0.5f}, {3, 1}));  // rank-1 labels
  CHECK(result_of(b) == Approx(0.6));
  metrics::BinaryAccuracy b7({.threshold = 0.7});
  b7->update_state(metric_f32({1, 0, 1, 1}, {2, 2}), metric_f32({0.75f, 0.9f, 0.6f, 0.71f}, {2, 2}),
                   metric_f32({1, 3}, {2}));
  CHECK(result_of(b7) == Approx(0.5));

  metrics::CategoricalAccuracy c;
  c->update_state(metric_f32({0, 0, 1, 0, 1, 0}, {2, 3}),
                  metric_f32({0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, {2, 3}));
  CHECK(result_of(c) == Approx(0.5));
  c->update_state(metric_f32({0, 0, 1, 0, 1, 0, 1, 0, 0}, {3, 3}),
                  metric_f32({0.1f, 0.2f, 0.8f, 0.05f, 0.95f, 0, 0.3f, 0.4f, 0.3f}, {3, 3}),
                  metric_f32({0.7f, 0.3f, 1}, {3}));
  CHECK(result_of(c) == Approx(0.5));

  metrics::SparseCategoricalAccuracy sc;
  sc->update_state(i32({2, 1}, {2, 1}), metric_f32({0.1f, 0.6f, 0.3f, 0.05f, 0.95f, 0}, {2, 3}));
  CHECK(result_of(sc) == Approx(0.5));
  sc->update_state(i32({0, 1, 2}, {3}),
                   metric_f32({0.5f, 0.2f, 0.3f, 0.1f, 0.1f, 0.8f, 0.2f, 0.2f, 0.6f}, {3, 3}),
                   metric_f32({1, 2, 3}, {3}));
  CHECK(result_of(sc) == Approx(0.625));
  // Rank-3 predictions: (2, 2) labels, each sample's two positions averaged.
  Tensor scores =
      ops::reshape(ops::mod(ops::arange(0.0, 12.0, 1.0, DType::float32), 5.0), {2, 2, 3});
  sc->update_state(i32({0, 1, 2, 2}, {2, 2}), scores);
  CHECK(result_of(sc) == Approx(0.6));

  metrics::Accuracy a;
  a->update_state(metric_f32({1, 2, 3, 4}, {4, 1}), metric_f32({0, 2, 3, 4}, {4, 1}));
  a->update_state(metric_f32({1, 2}, {2, 1}), metric_f32({1, 0}, {2, 1}),
                  metric_f32({0.5f, 2}, {2}));
  CHECK(result_of(a) == Approx(0.5384616));
}

TEST_CASE("top-k accuracies match Keras, ties count as in, bad labels raise", "[metrics]") {
  Tensor onehot = metric_f32({0, 0, 1, 0, 1, 0}, {2, 3});
  Tensor pred = metric_f32({0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0}, {2, 3});
  metrics::TopKCategoricalAccuracy t1({.k = 1});
  t1->update_state(onehot, pred);
  CHECK(result_of(t1) == Approx(0.5));
  metrics::TopKCategoricalAccuracy t5;  // k = 5 > 3 classes: always in
  t5->update_state(onehot, pred);
  CHECK(result_of(t5) == Approx(1.0));
  metrics::TopKCategoricalAccuracy t2({.k = 2});
  t2->update_state(metric_f32({0, 0, 1, 0, 1, 0, 1, 0, 0}, {3, 3}),
                   metric_f32({0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0, 0.1f, 0.5f, 0.4f}, {3, 3}),
                   metric_f32({0.7f, 0.3f, 2}, {3}));
  CHECK(result_of(t2) == Approx(0.3333333));

  metrics::SparseTopKCategoricalAccuracy s1({.k = 1});
  s1->update_state(i32({2, 1}, {2}), pred);
  CHECK(result_of(s1) == Approx(0.5));
  metrics::SparseTopKCategoricalAccuracy s2({.k = 2});
  s2->update_state(i32({2, 1, 0}, {3}),
                   metric_f32({0.1f, 0.9f, 0.8f, 0.05f, 0.95f, 0, 0.1f, 0.5f, 0.4f}, {3, 3}),
                   metric_f32({0.7f, 0.3f, 2}, {3}));
  CHECK(result_of(s2) == Approx(0.3333333));
  s2->update_state(i32({0, 2}, {2, 1}), metric_f32({0.5f, 0.5f, 0.5f, 0.1f, 0.1f, 0.2f}, {2, 3}));
  CHECK(result_of(s2) == Approx(0.6));
  metrics::SparseTopKCategoricalAccuracy sorted({.k = 1, .from_sorted_ids = true});
  sorted->update_state(i32({2, 1}, {2}), i32({2, 0, 1, 0, 1, 2}, {2, 3}));
  CHECK(result_of(sorted) == Approx(0.5));
  CHECK(
      sorted->get_config().dump() ==
      R"({"name": "sparse_top_k_categorical_accuracy", "dtype": "float32", "k": 1, "from_sorted_ids": true})");

  CHECK_THROWS_AS(s1->update_state(i32({3, 0}, {2}), pred), ValueError);
  CHECK_THROWS_AS(s1->update_state(i32({-1, 0}, {2}), pred), ValueError);
  CHECK(result_of(s1) == Approx(0.5));  // the failed updates changed nothing
}

TEST_CASE("regression metrics and sample weight shapes", "[metrics]") {
  metrics::MeanSquaredError mse;
  mse->update_state(metric_f32({0, 1, 0, 0}, {2, 2}), metric_f32({1, 1, 0, 0}, {2, 2}));
  CHECK(result_of(mse) == Approx(0.25));
  mse->update_state(metric_f32({1, 2, 3, 0, 0, 1}, {2, 3}),
                    metric_f32({1.5f, 2, 2, 1, 0, 1}, {2, 3}), metric_f32({1, 3}, {2}));
  CHECK(result_of(mse) == Approx(0.3194444));
  metrics::MeanAbsoluteError mae;
  mae->update_state(metric_f32({0, 1, 0, 0}, {2, 2}), metric_f32({1, 1, 0, 0}, {2, 2}),
                    metric_f32({1, 0}, {2}));
  mae->update_state(metric_f32({1, 2, 3, 0, 0, 1}, {2, 3}),
                    metric_f32({1.5f, 2, 2, 1, 0, 1}, {2, 3}));
  CHECK(result_of(mae) == Approx(0.4444444));
  // Keras cannot broadcast a (2, 3) weight onto per-sample values of shape (2,) either.
  CHECK_THROWS_AS(mae->update_state(metric_f32({1, 2, 3, 0, 0, 1}, {2, 3}),
                                    metric_f32({1.5f, 2, 2, 1, 0, 1}, {2, 3}), ops::ones({2, 3})),
                  ValueError);
}

TEST_CASE("metrics never record on a tape", "[metrics]") {
  Variable w(metric_f32({0.2f, 0.9f}, {1, 2}));
  GradientTape tape;
  Tensor pred = ops::multiply(w.value(), 1.0);
  metrics::BinaryAccuracy acc;
  metrics::MeanSquaredError mse;
  acc->update_state(metric_f32({0, 1}, {1, 2}), pred);
  mse->update_state(metric_f32({0, 1}, {1, 2}), pred);
  CHECK_FALSE(mse->result().is_tracked());
  CHECK_FALSE(mse->variables()[0].value().is_tracked());
  CHECK(result_of(acc) == Approx(1.0));
}

TEST_CASE("metric configs match Keras", "[metrics]") {
  CHECK(metrics::Mean()->get_config().dump() == R"({"name": "mean", "dtype": "float32"})");
  CHECK(metrics::BinaryAccuracy()->get_config().dump() ==
        R"({"name": "binary_accuracy", "dtype": "float32", "threshold": 0.5})");
  CHECK(metrics::TopKCategoricalAccuracy()->get_config().dump() ==
        R"({"name": "top_k_categorical_accuracy", "dtype": "float32", "k": 5})");
  CHECK(metrics::SparseTopKCategoricalAccuracy()->get_config().dump() ==
        R"({"name": "sparse_top_k_categorical_accuracy", "dtype": "float32", "k": 5})");
  CHECK(metrics::MeanAbsoluteError()->get_config().dump() ==
        R"({"name": "mean_absolute_error", "dtype": "float32"})");
  CHECK(metrics::serialize(metrics::CategoricalAccuracy()).dump() ==
        R"({"module": "keras.metrics", "class_name": "CategoricalAccuracy", "config": )"
        R"({"name": "categorical_accuracy", "dtype": "float32"}, "registered_name": null})");
  auto again = metrics::deserialize(ConfigValue::parse(
      metrics::serialize(metrics::BinaryAccuracy({.name = "ba", .threshold = 0.3})).dump()));
  CHECK(again->name() == "ba");
  CHECK(again->get_config().at("threshold").as_double() == 0.3);
}

TEST_CASE("metrics::get and resolve follow compile_utils.get_metric", "[metrics]") {
  CHECK(metrics::get("mse")->class_name() == "MeanSquaredError");
  CHECK(metrics::get("mse")->name() == "mean_squared_error");  // get keeps the default name
  CHECK(metrics::get("binary_accuracy")->class_name() == "BinaryAccuracy");
  CHECK(metrics::get("SparseTopKCategoricalAccuracy")->class_name() ==
        "SparseTopKCategoricalAccuracy");
  CHECK(metrics::get("accuracy")->class_name() == "Accuracy");
  CHECK_THROWS_WITH(metrics::get("acc"),
                    Catch::Contains("Could not interpret metric identifier: acc") &&
                        Catch::Contains("binary_accuracy") && Catch::Contains("MAE"));

  // The three accuracy cases, named after the user's string.
  auto bin = metrics::resolve("accuracy", {8, 1}, {8, 1});
  CHECK(bin->class_name() == "BinaryAccuracy");
  CHECK(bin->name() == "accuracy");
  auto sparse = metrics::resolve("acc", {8}, {8, 10});
  CHECK(sparse->class_name() == "SparseCategoricalAccuracy");
  CHECK(sparse->name() == "acc");
  CHECK(metrics::resolve("acc", {8, 1}, {8, 10})->class_name() == "SparseCategoricalAccuracy");
  auto cat = metrics::resolve("Accuracy", {8, 10}, {8, 10});
  CHECK(cat->class_name() == "CategoricalAccuracy");
  CHECK(cat->name() == "Accuracy");
  // Binary wins when y_pred has one column, even with rank-1 labels.
  CHECK(metrics::resolve("accuracy", {8}, {8, 1})->class_name() == "BinaryAccuracy");

  auto mae = metrics::resolve("mae", {8, 1}, {8, 1});
  CHECK(mae->class_name() == "MeanAbsoluteError");
  CHECK(mae->name() == "mae");
  // Strings give a fresh metric on every call (one per output).
  metrics::Spec acc = "accuracy";
  auto first = metrics::resolve(acc, {4}, {4, 3}), second = metrics::resolve(acc, {4}, {4, 3});
  CHECK(first != second);
  first->update_state(i32({0}, {1}), metric_f32({1, 0, 0}, {1, 3}));
  CHECK(result_of(*second) == 0.0);

  // Objects keep their name and identity; copies share state with the original.
  metrics::TopKCategoricalAccuracy mine({.k = 2, .name = "top2"});
  metrics::Spec obj = mine;
  auto resolved = metrics::resolve(obj, {4, 3}, {4, 3});
  CHECK(resolved->name() == "top2");
  CHECK(resolved == obj.get());
  resolved->update_state(metric_f32({1, 0, 0}, {1, 3}), metric_f32({0.5f, 0.3f, 0.2f}, {1, 3}));
  CHECK(result_of(mine) == Approx(1.0));
  auto shared = std::make_shared<metrics::MeanImpl>();
  CHECK(metrics::resolve(shared, {1}, {1}) == shared);

  // Functions become MeanMetricWrapper.
  metrics::Spec fn = metrics::categorical_accuracy;
  auto wrapped = metrics::resolve(fn, {2, 3}, {2, 3});
  CHECK(wrapped->class_name() == "MeanMetricWrapper");
  CHECK(wrapped->name() == "categorical_accuracy");
  CHECK(wrapped->get_config().at("fn").at("config").as_string() == "categorical_accuracy");
  metrics::Spec overloaded = metrics::binary_accuracy;
  auto ba = metrics::resolve(overloaded, {2, 1}, {2, 1});
  CHECK(ba->name() == "binary_accuracy");
  ba->update_state(metric_f32({1, 0}, {2, 1}), metric_f32({0.7f, 0.6f}, {2, 1}));
  CHECK(result_of(*ba) == Approx(0.5));
  metrics::Spec lambda = [](const Tensor& t, const Tensor& p) {
    return ops::abs(ops::subtract(t, p));
  };
  auto l = metrics::resolve(lambda, {2}, {2});
  CHECK(l->name() == "mean_metric_wrapper");
  l->update_state(metric_f32({1, 2}, {2}), metric_f32({2, 4}, {2}));
  CHECK(result_of(*l) == Approx(1.5));

  CHECK_THROWS_AS(metrics::resolve(metrics::Spec(), {1}, {1}), ValueError);
  CHECK_THROWS_AS(metrics::resolve("precision_at_42", {1}, {1}), ValueError);
  CHECK_THROWS_WITH(metrics::Spec("precision_at_42"),
                    Catch::Contains("sparse_categorical_accuracy"));
  CHECK_NOTHROW(metrics::Spec("ACC"));
}
