// Functional graphs: multi-input / multi-output (lists and dicts), shared layers, nested
// models, deferred Sequential, subclassed models, summary, and graph errors.
#include "test_util.hpp"

using namespace keras;

namespace {
Tensor rnd(const Shape& s, std::uint32_t seed) {
  return testing::random_tensor(s, seed, -1, 1, DType::float32);
}
}  // namespace

TEST_CASE("a multi-input multi-output functional model computes its graph") {
  utils::clear_session();
  auto a = Input({3}, {.name = "a"});
  auto b = Input({2}, {.name = "b"});
  auto da = layers::Dense(4, {.name = "da"});
  auto db = layers::Dense(4, {.name = "db"});
  auto merged = layers::Activation("relu")(da(a));
  auto head1 = layers::Dense(1, {.name = "reg"});
  auto head2 = layers::Dense(3, {.activation = "softmax", .name = "cls"});
  auto o1 = head1(merged);
  auto o2 = head2(db(b));
  Model model({a, b}, {o1, o2});
  REQUIRE(model.input_names() == std::vector<std::string>{"a", "b"});
  REQUIRE(model.output_names() == std::vector<std::string>{"reg", "cls"});
  REQUIRE(model.layers().size() == 7);
  REQUIRE(model.weights().size() == 8);

  Tensor xa = rnd({5, 3}, 1), xb = rnd({5, 2}, 2);
  auto outs = model(std::vector<Tensor>{xa, xb});
  REQUIRE(outs.size() == 2);
  testing::require_close(outs[0], head1(ops::relu(da(xa))));
  testing::require_close(outs[1], head2(db(xb)));

  Data pred = model.predict({xa, xb}, {.verbose = 0});
  REQUIRE(pred.size() == 2);
  testing::require_close(pred[1], outs[1]);
  REQUIRE(model.get_layer("cls") == head2.ptr());
  REQUIRE_THROWS_WITH(model.get_layer("nope"), Catch::Contains("No such layer: nope"));
}

TEST_CASE("dict inputs and outputs are matched by name") {
  auto a = Input({2}, {.name = "left"});
  auto b = Input({2}, {.name = "right"});
  auto out = layers::Dense(1, {.name = "out"})(layers::Dense(2)(a));
  auto aux = layers::Dense(1, {.name = "aux_head"})(b);
  Model model(std::map<std::string, KerasTensor>{{"left", a}, {"right", b}},
              std::map<std::string, KerasTensor>{{"main", out}, {"aux", aux}});
  Tensor xl = rnd({4, 2}, 3), xr = rnd({4, 2}, 4);
  Data pred =
      model.predict(std::map<std::string, Tensor>{{"right", xr}, {"left", xl}}, {.verbose = 0});
  REQUIRE(pred.is_dict());
  REQUIRE(
      model.predict_on_batch(std::map<std::string, Tensor>{{"right", xr}, {"left", xl}}).is_dict());
  testing::require_close(pred["aux"], model.get_layer("aux_head")->operator()(xr));
  model.compile({.optimizer = "sgd",
                 .loss = std::map<std::string, losses::Spec>{{"main", "mse"}, {"aux", "mae"}}});
  auto h =
      model.fit(std::map<std::string, Tensor>{{"left", xl}, {"right", xr}},
                std::map<std::string, Tensor>{{"main", rnd({4, 1}, 5)}, {"aux", rnd({4, 1}, 6)}},
                {.epochs = 2, .verbose = 0});
  REQUIRE(h->history.count("main_loss") == 1);
  REQUIRE(h->history.count("aux_loss") == 1);
  REQUIRE(h->history.at("loss").size() == 2);
  REQUIRE_THROWS_WITH(model.predict(std::map<std::string, Tensor>{{"left", xl}}, {.verbose = 0}),
                      Catch::Contains("Missing data for inputs 'right'"));
}

TEST_CASE("a shared layer used on two inputs has one set of weights") {
  auto a = Input({3});
  auto b = Input({3});
  auto shared = layers::Dense(2);
  Model model({a, b}, {shared(a), shared(b)});
  REQUIRE(model.weights().size() == 2);
  REQUIRE(shared->inbound_node_count() == 2);
  Tensor x = rnd({2, 3}, 7);
  auto outs = model(std::vector<Tensor>{x, x});
  testing::require_close(outs[0], outs[1]);
  REQUIRE(model.summary_string().find("Connected to") != std::string::npos);
}

TEST_CASE("a model is a layer: nested models share weights with the inner model") {
  auto in = Input({4});
  auto inner_out = layers::Dense(3, {.activation = "relu"})(in);
  auto inner = make_model<Model>(in, inner_out, ModelOptions{.name = "encoder"});
  auto outer_in = Input({4});
  auto outer_out = layers::Dense(1)(inner(outer_in));
  Model outer(outer_in, outer_out);
  REQUIRE(outer.weights().size() == 4);
  Tensor x = rnd({3, 4}, 8);
  testing::require_close(inner(x), outer.get_layer("encoder")->operator()(x));
  // The nested layer is the inner model itself, not a stand-in.
  REQUIRE(outer.get_layer("encoder") == inner.ptr());
  inner->set_trainable(false);
  REQUIRE(outer.trainable_weights().size() == 2);

  // A model on the stack is one object that cannot be shared: nesting it asks for a handle.
  Model stack_inner(in, inner_out, {.name = "on_stack"});
  REQUIRE_THROWS_MATCHES(stack_inner(outer_in), ValueError,
                         Catch::Matchers::Message(
                             "Model \"on_stack\" (Functional) lives on the stack, so it cannot be "
                             "nested in another model or layer: create it with "
                             "keras::make_model<Model>(...) (a shared handle) and nest the "
                             "handle"));
}

TEST_CASE("Sequential: list, add, pop, deferred build") {
  utils::clear_session();
  Sequential model;
  model.add(layers::Dense(4, {.activation = "relu"}));
  model.add(layers::Dense(2));
  REQUIRE_FALSE(model.built());
  REQUIRE(model.weights().empty());
  Tensor x = rnd({3, 5}, 9);
  Tensor y = model(x);
  REQUIRE(model.built());
  REQUIRE(y.shape() == Shape{3, 2});
  REQUIRE(model.weights().size() == 4);
  REQUIRE(model.layers().size() == 2);
  model.pop();
  REQUIRE(model.layers().size() == 1);
  REQUIRE(model(x).shape() == Shape{3, 4});
  REQUIRE(model.weights().size() == 2);
  Sequential empty;
  REQUIRE_THROWS_WITH(empty.pop(), Catch::Contains("There are no layers in the model."));

  Sequential with_input({Input({5}), layers::Dense(3)});
  REQUIRE(with_input.built());
  std::string s = with_input.summary_string();
  REQUIRE(s.find("Model: \"sequential_") != std::string::npos);
  REQUIRE(s.find("(None, 3)") != std::string::npos);
  REQUIRE(s.find("Total params: 18 (72.00 B)") != std::string::npos);
  REQUIRE(s.find("Connected to") == std::string::npos);

  auto dup = layers::Dense(2, {.name = "same"});
  Sequential s2({dup});
  REQUIRE_THROWS_WITH(s2.add(layers::Dense(2, {.name = "same"})), Catch::Contains("unique names"));
}

TEST_CASE("a disconnected graph is a ValueError naming the tensor and layer") {
  auto a = Input({2}, {.name = "a"});
  auto b = Input({2}, {.name = "b"});
  auto out = layers::Dense(1, {.name = "head"})(layers::Dense(2, {.name = "hidden"})(b));
  REQUIRE_THROWS_WITH(Model(a, out),
                      Catch::Contains("Graph disconnected: cannot find parent for tensor") &&
                          Catch::Contains("at layer 'hidden'"));
}

TEST_CASE("a model rejects inputs of the wrong shape with a clear message") {
  auto in = Input({4}, {.name = "features"});
  Model model(in, layers::Dense(2)(in));
  REQUIRE_THROWS_WITH(model(rnd({3, 5}, 1)),
                      Catch::Contains("expected shape=(None, 4), found shape=(3, 5)"));
}

namespace {
// A subclassed model, the way a Keras user writes one.
class TwoLayer : public Model {
 public:
  TwoLayer() : Model({.name = "two_layer"}) {}
  Tensor call(const Tensor& x, bool training) override {
    return out_(dropout_(hidden_(x), training));
  }

 private:
  layers::Dense hidden_{8, {.activation = "relu"}};
  layers::Dropout dropout_{0.0};
  layers::Dense out_{1};
};
}  // namespace

TEST_CASE("a subclassed model tracks the layers it calls and trains with fit") {
  TwoLayer model;
  Tensor x = rnd({32, 3}, 10);
  Tensor y = ops::sum(x, 1, true);
  model.compile({.optimizer = optimizers::SGD({.learning_rate = 0.1}), .loss = "mse"});
  auto h = model.fit(x, y, {.batch_size = 8, .epochs = 20, .verbose = 0});
  REQUIRE(model.layers().size() == 3);
  REQUIRE(model.weights().size() == 4);
  REQUIRE(h->history.at("loss").back() < 0.5 * h->history.at("loss").front());
  REQUIRE(model.class_name() == "TwoLayer");
}

namespace {
// Doubles its input, and fuses with whatever layer follows it, counting the fused calls.
class FusingDoubler : public Layer {
 public:
  Tensor call(const Tensor& x, bool) override { return ops::multiply(x, 2.0); }
  Tensor call_fused(const Tensor& x, Layer& next) override {
    ++fused_calls;
    return next(call(x, false));
  }
  int fused_calls = 0;
};
}  // namespace

TEST_CASE("a model runs a call and its only reader fused at inference, and only there") {
  utils::clear_session();
  auto doubler = std::make_shared<FusingDoubler>();
  auto dense = layers::Dense(2, {.name = "after_doubler"});
  auto in = Input({3});
  auto h = (*doubler)(in);
  Model model(in, dense(h));
  const Tensor x = rnd({8, 3}, 61);
  const Tensor want = dense(ops::multiply(x, 2.0));
  testing::require_close(model.predict(x, {.batch_size = 4, .verbose = 0}), want);
  CHECK(doubler->fused_calls == 2);  // one per batch
  testing::require_close(model(x), want);
  CHECK(doubler->fused_calls == 3);
  // Training, or a tape recording the call, runs the two calls.
  model(x, true);
  {
    GradientTape tape;
    Tensor xv = tape.watch(ops::copy(x));
    testing::require_close(model(xv), want);
  }
  CHECK(doubler->fused_calls == 3);
  // The intermediate is read elsewhere (here: a model output): no fusion.
  Model both(in, {dense(h), h});
  const std::vector<Tensor> outs = both(std::vector<Tensor>{x});
  testing::require_close(outs[0], want);
  testing::require_close(outs[1], ops::multiply(x, 2.0));
  CHECK(doubler->fused_calls == 3);
}

TEST_CASE("Conv2D then MaxPooling2D at inference: the layers' values, fused") {
  utils::clear_session();
  Sequential model({Input({14, 14, 16}), layers::Conv2D(24, {3, 3}, {.activation = "relu"}),
                    layers::MaxPooling2D(), layers::Conv2D(8, {3, 3}), layers::MaxPooling2D()});
  const Tensor x = rnd({9, 14, 14, 16}, 62);
  Tensor want = x;
  for (const auto& layer : model.layers()) want = (*layer)(want);
  const Tensor got = model.predict(x, {.batch_size = 9, .verbose = 0});
  REQUIRE(got.shape() == Shape({9, 2, 2, 8}));
  CHECK(got.to_vector<double>() == want.to_vector<double>());
}

TEST_CASE("a convolution then BatchNormalization at inference: the normalization folded in") {
  for (bool use_bias : {true, false}) {
    utils::clear_session();
    auto bn = layers::BatchNormalization({.epsilon = 0.01});
    Sequential model({Input({9, 8, 3}), layers::Conv2D(5, {3, 3}, {.use_bias = use_bias}), bn,
                      layers::ReLU(), layers::MaxPooling2D()});
    // Statistics and parameters far from the initial ones (Variables are handles: the copies
    // assign the layer's own).
    Variable mean = bn->moving_mean(), variance = bn->moving_variance(), gamma = bn->gamma(),
             beta = bn->beta();
    mean.assign(rnd({5}, 63));
    variance.assign(ops::add(ops::abs(rnd({5}, 64)), 0.5));
    gamma.assign(rnd({5}, 65));
    beta.assign(rnd({5}, 66));
    const Tensor x = rnd({6, 9, 8, 3}, 67);
    Tensor want = x;
    for (const auto& layer : model.layers()) want = (*layer)(want);
    INFO("use_bias=" << use_bias);
    testing::require_close(model.predict(x, {.verbose = 0}), want, 1e-5);
    // Training runs the layers one by one, with the batch's statistics.
    Tensor trained = x;
    for (const auto& layer : model.layers()) trained = (*layer)(trained, true);
    testing::require_close(model(x, true), trained, 1e-6);
  }
}

namespace {
// A Conv2D subclass with its own call: models must not fuse it (fusing would skip the call).
class DoubledConv2D : public layers::Conv2DImpl {
 public:
  using layers::Conv2DImpl::Conv2DImpl;
  Tensor call(const Tensor& x, bool training) override {
    return ops::multiply(layers::Conv2DImpl::call(x, training), 2.0);
  }
};
}  // namespace

TEST_CASE("a subclass of a fusing layer that overrides call is not fused") {
  utils::clear_session();
  const std::shared_ptr<Layer> conv = std::make_shared<DoubledConv2D>(3, IntTuple{3, 3});
  Sequential model({Input({8, 8, 2}), conv, layers::MaxPooling2D()});
  const Tensor x = rnd({2, 8, 8, 2}, 68);
  Tensor want = x;
  for (const auto& layer : model.layers()) want = (*layer)(want);
  const Tensor got = model.predict(x, {.verbose = 0});
  CHECK(got.to_vector<double>() == want.to_vector<double>());
}
