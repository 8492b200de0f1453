// The shared layer harness over every built-in layer, plus Layer-base behaviour.
#include <set>

#include "layers/layer_test_harness.hpp"
#include "test_util.hpp"

using namespace keras;

TEST_CASE("every built-in layer passes the shared layer test") {
  for (const auto& c : testing::builtin_layer_cases()) testing::run_layer_test(c);
}

TEST_CASE("every registered layer class has a harness case") {
  std::set<std::string> covered;
  for (const auto& c : testing::builtin_layer_cases()) covered.insert(c.make()->class_name());
  for (const auto& entry : layers::layer_registry()) {
    if (entry.group == "models") continue;  // Functional / Sequential: tests/models
    INFO("registered layer " << entry.class_name);
    REQUIRE(covered.count(entry.class_name) == 1);
  }
}

TEST_CASE("layers get Keras's automatic unique names") {
  utils::clear_session();
  auto a = layers::Dense(2);
  auto b = layers::Dense(2);
  auto c = layers::Dense(2, {.name = "head"});
  auto d = layers::Dropout(0.1);
  REQUIRE(a->name() == "dense");
  REQUIRE(b->name() == "dense_1");
  REQUIRE(c->name() == "head");
  REQUIRE(d->name() == "dropout");
  REQUIRE(to_snake_case("InputLayer") == "input_layer");
  REQUIRE(to_snake_case("Conv2DTranspose") == "conv2d_transpose");
  REQUIRE_THROWS_AS(layers::Dense(2, {.name = "a/b"}), ValueError);
}

TEST_CASE("a layer called twice shares one set of weights") {
  auto dense = layers::Dense(3);
  Tensor x1 = testing::random_tensor({2, 4}, 1, -1, 1, DType::float32);
  Tensor x2 = testing::random_tensor({5, 4}, 2, -1, 1, DType::float32);
  dense(x1);
  auto w = dense->kernel();
  dense(x2);
  REQUIRE(dense->weights().size() == 2);
  REQUIRE(dense->kernel() == w);
  auto handle_copy = dense;  // handles share the layer
  Variable k = handle_copy->kernel();
  k.assign(ops::zeros({4, 3}));
  REQUIRE(ops::sum(ops::abs(dense->kernel().value())).item<double>() == 0.0);
}

TEST_CASE("trainable toggling moves weights between the trainable lists") {
  auto dense = layers::Dense(3);
  dense(ops::ones({1, 2}));
  REQUIRE(dense->trainable_weights().size() == 2);
  dense->set_trainable(false);
  REQUIRE(dense->trainable_weights().empty());
  REQUIRE(dense->non_trainable_weights().size() == 2);
  dense->set_trainable(true);
  REQUIRE(dense->trainable_weights().size() == 2);
}

TEST_CASE("set_weights checks count and shapes and names the layer") {
  auto dense = layers::Dense(3, {.name = "probe"});
  dense(ops::ones({1, 2}));
  try {
    dense->set_weights({ops::zeros({2, 3})});
    FAIL("expected ValueError");
  } catch (const ValueError& e) {
    REQUIRE(std::string(e.what()).find(
                "\"probe\" with a weight list of length 1, but the layer was expecting 2") !=
            std::string::npos);
  }
  REQUIRE_THROWS_WITH(
      dense->set_weights({ops::zeros({3, 3}), ops::zeros({3})}),
      Catch::Contains("(2, 3) is not compatible with provided weight shape (3, 3)"));
}

TEST_CASE("a wrong input size is an error naming the layer, in Keras's words") {
  auto dense = layers::Dense(3, {.name = "fc"});
  dense(ops::ones({1, 4}));
  REQUIRE_THROWS_WITH(
      dense(ops::ones({1, 5})),
      Catch::Contains("Input 0 of layer \"fc\" is incompatible with the layer: expected axis -1 "
                      "of input shape to have value 4, but received input with shape (1, 5)"));
  REQUIRE_THROWS_WITH(dense(ops::ones({4})), Catch::Contains("expected min_ndim=2, found ndim=1"));
  auto reshape = layers::Reshape({7});
  REQUIRE_THROWS_AS(reshape(ops::ones({2, 3})), ValueError);
  REQUIRE_THROWS_AS(layers::Dense(0), ValueError);
  REQUIRE_THROWS_AS(layers::Dropout(1.5), ValueError);
}

TEST_CASE("kernel regularizer penalties show in losses() and are differentiable") {
  auto dense =
      layers::Dense(2, {.kernel_initializer = "ones", .kernel_regularizer = regularizers::L2(0.5)});
  dense(ops::ones({1, 3}));
  auto penalties = dense->losses();
  REQUIRE(penalties.size() == 1);
  REQUIRE(penalties[0].item<double>() == Approx(0.5 * 6.0));  // 0.5 * sum(ones(3, 2)^2)
  GradientTape tape;
  Tensor p = dense->losses()[0];
  auto g = tape.gradient(p, std::vector<Variable>{dense->kernel()});
  testing::require_values(g[0], {1, 1, 1, 1, 1, 1}, {3, 2});  // d/dw 0.5 w^2 = w
}

namespace {
// A custom layer as a user writes one: weights in build, ops in call, nothing else.
class Scale : public Layer {
 public:
  void build(const Shape& s) override {
    w_ = add_weight({.shape = {s[-1 + s.rank()]}, .initializer = "ones", .name = "w"});
  }
  Tensor call(const Tensor& x, bool) override { return ops::multiply(x, w_.value()); }
  Variable w_;
};
}  // namespace

TEST_CASE("a subclassed layer gets its name, shape inference and gradients for free") {
  utils::clear_session();
  auto scale = make_layer<Scale>();
  REQUIRE(scale->name() == "scale");
  REQUIRE(scale->class_name() == "Scale");
  KerasTensor in = Input({3});
  KerasTensor out = scale(in);
  REQUIRE(out.shape().to_string() == "(None, 3)");
  REQUIRE(scale->weights().size() == 1);
  REQUIRE(scale->weights()[0].path() == "scale/w");
}

TEST_CASE("two layers built from the same default options get different random kernels") {
  auto a = layers::Dense(4);
  auto b = layers::Dense(4);
  a(ops::ones({1, 8}));
  b(ops::ones({1, 8}));
  double diff =
      ops::sum(ops::abs(ops::subtract(a->kernel().value(), b->kernel().value()))).item<double>();
  REQUIRE(diff > 0.1);
  // Glorot uniform: |w| <= sqrt(6 / (fan_in + fan_out)).
  double limit = std::sqrt(6.0 / 12.0);
  REQUIRE(ops::max(ops::abs(a->kernel().value())).item<double>() <= limit);
  testing::require_values(a->bias().value(), {0, 0, 0, 0}, {4});
}

TEST_CASE("utils::set_random_seed makes initial weights and dropout repeat") {
  auto draw = [] {
    utils::set_random_seed(1234);
    auto dense = layers::Dense(5);
    auto drop = layers::Dropout(0.5);
    Tensor y = drop(dense(ops::ones({3, 4})), true);
    return std::make_pair(dense->kernel().value(), y);
  };
  auto [k1, y1] = draw();
  auto [k2, y2] = draw();
  testing::require_close(k1, k2, 0, 0);
  testing::require_close(y1, y2, 0, 0);
}

TEST_CASE("an empty layer handle throws ValueError naming the class, copies share the layer") {
  layers::Dense empty;  // default-constructed: holds no layer until assigned
  REQUIRE_FALSE(empty);
  REQUIRE(empty.ptr() == nullptr);
  REQUIRE_THROWS_WITH(empty(ops::ones({1, 2})), Catch::Contains("Dense handle holds no object"));
  REQUIRE_THROWS_AS(empty->units(), ValueError);
  REQUIRE_THROWS_AS(Sequential({Input({2}), empty}), ValueError);

  auto dense = layers::Dense(3, {.kernel_initializer = "ones"});
  auto moved_to = std::move(dense);
  REQUIRE_THROWS_WITH(dense->units(), Catch::Contains("Dense"));  // NOLINT(bugprone-use-after-move)
  REQUIRE(moved_to->units() == 3);

  empty = moved_to;  // a copy shares the layer and its weights
  empty(ops::ones({1, 2}));
  REQUIRE(moved_to->built());
  REQUIRE(empty->kernel().value().shape() == moved_to->kernel().value().shape());
  REQUIRE(empty.ptr() == moved_to.ptr());

  // Handles of layers without positional arguments make the layer by default.
  layers::Flatten flatten;
  REQUIRE(flatten(ops::ones({2, 3, 4})).shape() == Shape({2, 12}));
  // And a handle wraps an existing layer of its class.
  layers::Dense rewrapped(std::dynamic_pointer_cast<layers::DenseImpl>(moved_to.ptr()));
  REQUIRE(rewrapped->name() == moved_to->name());
}

namespace {
// The one-line handle declaration a new layer uses.
class TwiceImpl : public Layer {
 public:
  using Positional = std::tuple<double>;
  using Options = LayerOptions;
  explicit TwiceImpl(double factor, LayerOptions options = {}) : Layer(options), factor_(factor) {}
  Tensor call(const Tensor& x, bool) override { return ops::multiply(x, factor_); }
  double factor_;
};
KERAS_LAYER(Twice);
}  // namespace

TEST_CASE("KERAS_LAYER declares a handle from the Impl's positional and keyword arguments") {
  Twice t(3.0, {.name = "thrice"});
  REQUIRE(t->name() == "thrice");
  testing::require_values(t(ops::ones({2})), {3, 3}, {2});
  Twice none;
  REQUIRE_THROWS_WITH(none(ops::ones({2})), Catch::Contains("Twice handle"));
}
