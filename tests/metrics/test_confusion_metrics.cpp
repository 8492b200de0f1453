// The confusion-matrix metrics beyond the Keras oracle (test_confusion_metrics_oracle.cpp):
// bad inputs raise clear errors, the options spell as in Keras, and compile/evaluate/fit update
// the metric objects they are given.
#include <keras/keras.hpp>

#include "test_util.hpp"

using namespace keras;

namespace {

Tensor confusion_f32(std::vector<float> v, Shape shape) { return tensor<float>(v, shape); }

}  // namespace

TEST_CASE("confusion metrics refuse bad arguments and inputs, naming them", "[metrics]") {
  CHECK_THROWS_WITH(metrics::Precision({.thresholds = {0.5, 1.5}}),
                    "Threshold values must be in [0, 1]. Received: [1.5]");
  CHECK_THROWS_WITH(metrics::TruePositives({.thresholds = -0.5}),
                    "Threshold values must be in [0, 1]. Received: [-0.5]");
  CHECK_THROWS_WITH(metrics::AUC({.num_thresholds = 1}),
                    "Argument `num_thresholds` must be an integer > 1. Received: num_thresholds=1");
  CHECK_THROWS_AS(metrics::SensitivityAtSpecificity(0.5, {.num_thresholds = 0}), ValueError);

  // y_true and y_pred of different shapes (after Keras's squeeze/expand of a last dim of 1).
  metrics::TruePositives tp;
  CHECK_THROWS_WITH(tp->update_state(confusion_f32({1, 0, 1, 1}, {4}),
                                     confusion_f32({.1f, .2f, .3f, .4f, .5f}, {5})),
                    Catch::Contains("y_true.shape=(4,)") && Catch::Contains("y_pred.shape=(5,)"));
  metrics::AUC auc;
  CHECK_THROWS_AS(
      auc->update_state(confusion_f32({1, 0}, {2, 1}), confusion_f32({.1f, .2f, .3f, .4f}, {2, 2})),
      ValueError);
  // A sample weight that does not broadcast to the predictions.
  CHECK_THROWS_WITH(
      tp->update_state(confusion_f32({1, 0, 1}, {3}), confusion_f32({.1f, .7f, .3f}, {3}),
                       confusion_f32({1, 2}, {2})),
      Catch::Contains("sample_weight") && Catch::Contains("(3,)"));
  // The state is untouched by the refused updates.
  CHECK(tp->result().item<double>() == 0.0);

  // class_id needs (num_samples, num_classes) predictions, and a class that exists.
  metrics::Precision by_class({.class_id = 1});
  CHECK_THROWS_WITH(
      by_class->update_state(confusion_f32({1, 0}, {2}), confusion_f32({.6f, .2f}, {2})),
      Catch::Contains("When class_id is provided, y_pred must be a 2D array") &&
          Catch::Contains("found shape: (2,)"));
  metrics::Recall far_class({.class_id = 3});
  CHECK_THROWS_WITH(
      far_class->update_state(confusion_f32({1, 0}, {1, 2}), confusion_f32({.6f, .2f}, {1, 2})),
      Catch::Contains("class_id=3") && Catch::Contains("(1, 2)"));
  // top_k beyond the number of classes, as Keras's top_k refuses it.
  metrics::Precision top5({.top_k = 5});
  CHECK_THROWS_WITH(top5->update_state(confusion_f32({1, 0, 1, 1}, {1, 4}),
                                       confusion_f32({.5f, .5f, .5f, .4f}, {1, 4})),
                    Catch::Contains("k=5") && Catch::Contains("(1, 4)"));
  // multi_label AUC needs rank-2 predictions, and the label count it was built for.
  metrics::AUC multi({.multi_label = true});
  CHECK_THROWS_WITH(
      multi->update_state(confusion_f32({1, 0, 1}, {3}), confusion_f32({.2f, .4f, .9f}, {3})),
      Catch::Contains("`y_pred` must have rank 2 when `multi_label=True`. Found rank 1"));
  metrics::AUC three({.multi_label = true, .num_labels = 3});
  CHECK(three->variables()[0].shape() == Shape{200, 3});
  CHECK_THROWS_AS(
      three->update_state(confusion_f32({1, 0}, {1, 2}), confusion_f32({.2f, .4f}, {1, 2})),
      ValueError);
  // Unknown curve and summation names list the valid ones.
  CHECK_THROWS_WITH(metrics::AUC({.curve = "roc_curve"}), Catch::Contains("\"PRGAIN\""));
  CHECK_THROWS_WITH(metrics::AUC({.summation_method = "trapezoid"}),
                    Catch::Contains("\"minoring\""));
  // Values alone are for Mean and Sum.
  CHECK_THROWS_AS(auc->update_state(confusion_f32({1}, {1})), TypeError);
}

TEST_CASE("confusion metric options spell Keras's arguments", "[metrics]") {
  metrics::Precision p({.thresholds = {0.3, 0.7}, .top_k = 2, .name = "p"});
  CHECK(p->get_config().dump() ==
        R"({"name": "p", "dtype": "float32", "thresholds": [0.3, 0.7], "top_k": 2, )"
        R"("class_id": null})");
  CHECK(p->variables()[0].shape() == Shape{2});
  CHECK(metrics::Recall({.thresholds = 0.4})->get_config().at("thresholds") == ConfigValue(0.4));
  metrics::RecallAtPrecision rap(0.8, {.num_thresholds = 10, .class_id = 2});
  CHECK(rap->get_config().dump() ==
        R"({"name": "recall_at_precision", "dtype": "float32", "class_id": 2, )"
        R"("num_thresholds": 10, "precision": 0.8})");
  metrics::AUC auc({.curve = "pr", .thresholds = std::vector<double>{0.6, 0.2}});
  CHECK(auc->num_thresholds() == 4);
  CHECK(auc->get_config().at("curve") == ConfigValue("PR"));
  CHECK(auc->get_config().at("thresholds") == ConfigValue::list_of(std::vector<double>{0.2, 0.6}));
  // Results are scalars for one threshold, one value per threshold otherwise.
  metrics::FalsePositives fp({.thresholds = {0.25, 0.5, 0.75}});
  fp->update_state(confusion_f32({0, 0, 1}, {3}), confusion_f32({0.3f, 0.8f, 0.9f}, {3}));
  testing::require_values(fp->result(), {2, 1, 1}, Shape{3});
}

TEST_CASE("compile updates confusion metrics through evaluate and fit", "[metrics]") {
  // A fixed logistic model (lr 0): evaluate's metrics are the metrics of its predictions.
  Sequential model({Input({2}), layers::Dense(1, {.activation = "sigmoid",
                                                  .kernel_initializer = "glorot_uniform"})});
  metrics::AUC auc_pr({.curve = "PR", .name = "pr_auc"});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}),
                 .loss = "binary_crossentropy",
                 .metrics = {"auc", auc_pr, metrics::Precision({.thresholds = 0.4})}});
  Tensor x = testing::random_tensor({20, 2}, 7);
  Tensor y = confusion_f32({1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 0, 1, 1}, {20, 1});
  auto ev = model.evaluate(x, y, {.batch_size = 6, .verbose = 0});
  CHECK(ev.names() == std::vector<std::string>{"loss", "auc", "pr_auc", "precision"});

  // The same metrics fed the predictions batch by batch.
  Tensor pred = model.predict(x, {.batch_size = 6, .verbose = 0});
  metrics::AUC roc;
  metrics::AUC pr({.curve = "PR"});
  metrics::Precision precision({.thresholds = 0.4});
  for (std::int64_t start = 0; start < 20; start += 6) {
    const std::int64_t n = std::min<std::int64_t>(6, 20 - start);
    Tensor yt = ops::slice(y, {start, 0}, {n, 1}), yp = ops::slice(pred, {start, 0}, {n, 1});
    roc->update_state(yt, yp);
    pr->update_state(yt, yp);
    precision->update_state(yt, yp);
  }
  CHECK(ev["auc"] == Approx(roc->result().item<double>()).epsilon(1e-6));
  CHECK(ev["pr_auc"] == Approx(pr->result().item<double>()).epsilon(1e-6));
  CHECK(ev["precision"] == Approx(precision->result().item<double>()).epsilon(1e-6));
  // The object given to compile is the one evaluated.
  CHECK(auc_pr->result().item<double>() == Approx(pr->result().item<double>()).epsilon(1e-6));
  CHECK(auc_pr->result().item<double>() > 0.0);

  auto h = model.fit(x, y, {.batch_size = 6, .epochs = 2, .verbose = 0});
  REQUIRE(h->history.at("auc").size() == 2);
  // lr 0: the model does not change, so each epoch sees the same predictions.
  CHECK(h->history.at("auc")[1] == Approx(ev["auc"]).epsilon(1e-6));
  CHECK(h->history.at("pr_auc")[0] == Approx(ev["pr_auc"]).epsilon(1e-6));
}
