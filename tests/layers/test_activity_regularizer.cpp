// activity_regularizer, a base Layer argument (keras/src/layers/layer.py): each call adds
// regularizer(output) / batch_size to the layer's losses, for every layer class; get_config
// writes it when set and deserialize reads it back. The fit conformance case
// "activity_regularizer" checks it through training against Keras.
#include "test_util.hpp"

using namespace keras;

namespace {
// A custom layer that takes the base option through LayerOptions, as a user's layer does.
class Twice : public Layer {
 public:
  explicit Twice(LayerOptions options = {}) : Layer(options) {}
  Tensor call(const Tensor& x, bool) override { return ops::multiply(x, 2.0); }
  std::string class_name() const override { return "Twice"; }
};
}  // namespace

TEST_CASE("activity_regularizer adds the output penalty divided by the batch size") {
  auto dense = layers::Dense(
      2, {.kernel_initializer = "ones", .activity_regularizer = regularizers::L2(0.5)});
  // ones(4, 3) @ ones(3, 2) = 3 everywhere: 0.5 * 8 * 9 = 36 over a batch of 4 -> 9.
  dense(ops::ones({4, 3}));
  auto losses = dense->losses();
  REQUIRE(losses.size() == 1);
  REQUIRE(losses[0].item<double>() == Approx(9.0));
  // Keras normalises by batch size, so one row gives the same penalty: 0.5 * 2 * 9 / 1.
  dense(ops::ones({1, 3}));
  losses = dense->losses();
  REQUIRE(losses.size() == 1);  // replaced on each call, not accumulated
  REQUIRE(losses[0].item<double>() == Approx(9.0));

  // Differentiable through the layer's weights: d/dK 0.5 * sum((xK)^2) / 4 = x^T (xK) / 4 = 3.
  GradientTape tape;
  dense(ops::ones({4, 3}));
  auto g = tape.gradient(dense->losses()[0], std::vector<Variable>{dense->kernel()});
  testing::require_values(g[0], {3, 3, 3, 3, 3, 3}, {3, 2});
}

TEST_CASE("activity_regularizer belongs to every layer, custom ones included") {
  auto twice = make_layer<Twice>(LayerOptions{.activity_regularizer = regularizers::L1(0.25)});
  // |2 * [[1, -2], [3, 0]]| sums to 12: 0.25 * 12 / 2 rows.
  Tensor y = twice(keras::tensor<float>({1, -2, 3, 0}, {2, 2}));
  testing::require_values(y, {2, -4, 6, 0}, {2, 2});
  REQUIRE(twice->losses().size() == 1);
  REQUIRE(twice->losses()[0].item<double>() == Approx(0.25f * 12.0 / 2.0));

  // Without one, no loss and no config key (Keras writes the key only when set).
  auto plain = make_layer<Twice>();
  plain(ops::ones({2, 2}));
  REQUIRE(plain->losses().empty());
  REQUIRE_FALSE(plain->get_config().contains("activity_regularizer"));
}

TEST_CASE("activity_regularizer round-trips through get_config for every layer class") {
  auto dense = layers::Dense(3, {.activity_regularizer = regularizers::L1L2(0.1, 0.2)});
  auto config = dense->get_config();
  REQUIRE(config.at("activity_regularizer").at("class_name").as_string() == "L1L2");
  auto again = layers::deserialize(layers::serialize(*dense.ptr()));
  REQUIRE(again->activity_regularizer() != nullptr);
  REQUIRE(again->get_config().at("activity_regularizer") == config.at("activity_regularizer"));

  // Dropout's options have no such field: deserialize sets it from the base key.
  auto dropout = layers::Dropout(0.5);
  dropout->set_activity_regularizer(regularizers::L2(0.5));
  auto restored = layers::deserialize(layers::serialize(*dropout.ptr()));
  REQUIRE(restored->activity_regularizer() != nullptr);
  restored->operator()(ops::ones({2, 3}));  // inference: identity, 0.5 * 6 / 2
  REQUIRE(restored->losses().size() == 1);
  REQUIRE(restored->losses()[0].item<double>() == Approx(1.5));

  // LayerOptions::from_config (a custom layer's from_config) reads it too.
  auto options = LayerOptions::from_config(config);
  REQUIRE(options.activity_regularizer.get() != nullptr);
}

TEST_CASE("activity_regularizer penalties reach fit's loss") {
  // Zero kernel, bias one: every output is 1 against targets 0, so mse = 1, and the penalty is
  // 0.5 * batch * 1 / batch = 0.5 on every batch (sizes 4 and 2 here) whatever its size.
  Sequential model({Input({2}), layers::Dense(1, {.kernel_initializer = "zeros",
                                                  .bias_initializer = "ones",
                                                  .activity_regularizer = regularizers::L2(0.5)})});
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.0}), .loss = "mse"});
  auto scores =
      model.evaluate(ops::ones({6, 2}), ops::zeros({6, 1}), {.batch_size = 4, .verbose = 0});
  REQUIRE(scores["loss"] == Approx(1.0 + 0.5));
}
