// Bad arguments and inputs to the metrics of regression_metrics / f_score_metrics / iou_metrics
// throw Keras's exception, naming what was expected and what was received; nothing crashes.
// (Their values are checked against Keras in test_metrics_oracle.cpp.)
#include <keras/metrics/metrics.hpp>
#include <keras/utils/naming.hpp>

#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {

Tensor argument_f32(std::vector<float> v, const Shape& s) { return tensor<float>(v, s); }

}  // namespace

TEST_CASE("metric constructors reject bad arguments as Keras does", "[metrics]") {
  CHECK_THROWS_WITH(metrics::R2Score({.class_aggregation = "median"}),
                    Contains("class_aggregation") && Contains("median"));
  CHECK_THROWS_WITH(metrics::R2Score({.num_regressors = -1}), Contains("num_regressors=-1"));
  CHECK_THROWS_WITH(metrics::FBetaScore({.average = "samples"}),
                    Contains("'micro', 'macro', 'weighted'") && Contains("average=samples"));
  CHECK_THROWS_WITH(metrics::FBetaScore({.beta = 0.0}), Contains("> 0") && Contains("beta=0"));
  CHECK_THROWS_WITH(metrics::F1Score({.threshold = 1.5}),
                    Contains("0 < threshold <= 1") && Contains("threshold=1.5"));
  CHECK_THROWS_AS(metrics::F1Score({.threshold = 0.0}), ValueError);
  CHECK_THROWS_WITH(metrics::IoU({.num_classes = 3, .target_class_ids = {0, 3}}),
                    Contains("Target class id 3 is out of range") && Contains("[0, 3)"));
  CHECK_THROWS_AS(metrics::IoU({.num_classes = 3, .target_class_ids = {-1}}), ValueError);
  CHECK_THROWS_AS(metrics::IoU({.num_classes = 3}), ValueError);  // no target class
  CHECK_THROWS_WITH(metrics::MeanIoU({.num_classes = 0}), Contains("num_classes=0"));
  // A config without Keras's required arguments.
  CHECK_THROWS_WITH(metrics::deserialize(ConfigValue::parse(
                        R"({"class_name": "IoU", "config": {"num_classes": 2}})")),
                    Contains("target_class_ids"));
  CHECK_THROWS_AS(metrics::get("MeanIoU"), ValueError);  // num_classes is required
  CHECK_THROWS_AS(metrics::get("MeanMetricWrapper"), TypeError);
}

TEST_CASE("metrics reject inputs of the wrong shape with both shapes named", "[metrics]") {
  metrics::R2Score r2;
  CHECK_THROWS_WITH(r2->result(), Contains("update_state"));  // nothing to score yet
  CHECK_THROWS_WITH(
      r2->update_state(argument_f32({1, 2, 3}, {1, 1, 3}), argument_f32({1, 2, 3}, {1, 1, 3})),
      Contains("2D") && Contains("(1, 1, 3)"));
  r2->update_state(argument_f32({1, 2, 3, 4}, {2, 2}), argument_f32({1, 2, 3, 5}, {2, 2}));
  CHECK_THROWS_WITH(
      r2->update_state(argument_f32({1, 2, 3}, {1, 3}), argument_f32({1, 2, 3}, {1, 3})),
      Contains("output_dim 2") && Contains("(1, 3)"));
  CHECK_THROWS_AS(
      r2->update_state(argument_f32({1, 2, 3, 4}, {2, 2}), argument_f32({1, 2, 3, 5}, {2, 2}),
                       argument_f32({1, 2, 3}, {3})),
      ValueError);

  metrics::F1Score f1;
  CHECK_THROWS_WITH(f1->result(), Contains("update_state"));
  CHECK_THROWS_WITH(f1->update_state(argument_f32({1, 0}, {2}), argument_f32({1, 0}, {2})),
                    Contains("2D") && Contains("y_pred.shape=(2,)"));
  f1->update_state(argument_f32({1, 0, 0, 1}, {2, 2}),
                   argument_f32({0.9f, 0.1f, 0.4f, 0.6f}, {2, 2}));
  CHECK_THROWS_WITH(
      f1->update_state(argument_f32({1, 0, 0}, {1, 3}), argument_f32({1, 0, 0}, {1, 3})),
      Contains("built for 2 classes"));
  CHECK_THROWS_AS(
      f1->update_state(argument_f32({1, 0, 0, 1}, {2, 2}), argument_f32({1, 0, 0, 1}, {2, 2}),
                       argument_f32({1, 2, 3}, {3})),
      ValueError);
  // Per-sample functions of (y_true, y_pred) have no single-argument update.
  CHECK_THROWS_AS(f1->update_state(argument_f32({1}, {1})), TypeError);

  metrics::MeanIoU iou({.num_classes = 3});
  CHECK_THROWS_WITH(iou->update_state(argument_f32({0, 1, 2}, {3}), argument_f32({0, 1}, {2})),
                    Contains("(3,)") && Contains("(2,)"));
  CHECK_THROWS_WITH(iou->update_state(argument_f32({0, 1, 2}, {3}), argument_f32({0, 1, 2}, {3}),
                                      argument_f32({1, 1}, {2})),
                    Contains("sample_weight"));
  // Keras's result() sums the per-class scores along `axis` too: only -1 and 0 give a result.
  metrics::MeanIoU axis1({.num_classes = 2, .axis = 1});
  axis1->update_state(argument_f32({0, 1}, {2}), argument_f32({0, 1}, {2}));
  CHECK_THROWS_WITH(axis1->result(), Contains("axis 1"));
}

TEST_CASE("IoU metrics are auto-named per class as Keras names them", "[metrics]") {
  utils::clear_session();
  CHECK(metrics::MeanIoU({.num_classes = 2})->name() == "mean_io_u");
  CHECK(metrics::MeanIoU({.num_classes = 2})->name() == "mean_io_u_1");
  CHECK(metrics::BinaryIoU()->name() == "binary_io_u");
  CHECK(metrics::OneHotMeanIoU({.num_classes = 2, .name = "mine"})->name() == "mine");
  // The state is a (num_classes, num_classes) confusion matrix, rows true, columns predicted.
  metrics::IoU iou({.num_classes = 3, .target_class_ids = {1}, .name = "iou"});
  iou->update_state(argument_f32({1, 2}, {2}), argument_f32({2, 2}, {2}));
  REQUIRE(iou->variables().size() == 1);
  testing::require_values(iou->variables()[0].value(), {0, 0, 0, 0, 0, 1, 0, 0, 1}, {3, 3});
}
