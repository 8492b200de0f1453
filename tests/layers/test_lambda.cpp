// layers::Lambda: a C++ callable as a layer. It has no Keras twin that can be compared (a
// Python lambda), no config (so neither the oracle nor the shared harness, which round-trips
// configs, can take it): these check what it does instead.
#include "test_util.hpp"

using namespace keras;

TEST_CASE("Lambda computes its callable, with an inferred or a given output shape") {
  auto square = layers::Lambda([](const Tensor& x) { return ops::square(x); });
  Tensor x = tensor<float>({1, -2, 3, 0.5f}, {2, 2});
  testing::require_close(square(x), tensor<float>({1, 4, 9, 0.25f}, {2, 2}));
  REQUIRE(square->name().rfind("lambda", 0) == 0);
  // Inferred by tracing, the unknown batch stays unknown.
  auto pairs = layers::Lambda([](const Tensor& t) { return ops::reshape(t, Shape{-1, 2, 3}); });
  REQUIRE(pairs(Input({6})).shape() == Shape{kNone, 2, 3});
  // Given: the function is trusted (and called with None dims).
  auto given = layers::Lambda([](const Tensor& t) { return ops::sum(t, -1, true); },
                              {.output_shape = [](const Shape& s) {
                                Shape out = s;
                                out[-1] = 1;
                                return out;
                              }});
  REQUIRE(given(Input({5})).shape() == Shape{kNone, 1});
  REQUIRE_THROWS_AS(layers::Lambda(layers::LambdaImpl::Function{}), ValueError);
}

TEST_CASE("Lambda trains inside Sequential and functional models, and refuses serialization") {
  utils::set_random_seed(5);
  Tensor x = testing::random_tensor({32, 3}, 1, -1, 1, DType::float32);
  Tensor y = ops::sum(ops::square(x), -1, true);
  auto doubled =
      layers::Lambda([](const Tensor& t) { return ops::multiply(t, 2.0); }, {.name = "doubler"});
  auto seq = make_model<Sequential>(std::vector<SequentialEntry>{
      layers::Dense(4, {.activation = "tanh"}), doubled, layers::Dense(1)});
  seq->compile({.optimizer = "adam", .loss = "mse"});
  auto h = seq.fit(x, y, {.batch_size = 8, .epochs = 4, .verbose = 0});
  REQUIRE(h->history.at("loss").back() < h->history.at("loss").front());

  KerasTensor in = Input({3});
  KerasTensor mid = layers::Lambda([](const Tensor& t) {
    return ops::concatenate({t, ops::square(t)}, -1);
  })(in);
  REQUIRE(mid.shape() == Shape{kNone, 6});
  auto model = make_model<Model>(in, layers::Dense(1)(mid));
  model->compile({.optimizer = "adam", .loss = "mse"});
  auto h2 = model.fit(x, y, {.batch_size = 8, .epochs = 4, .verbose = 0});
  REQUIRE(h2->history.at("loss").back() < h2->history.at("loss").front());

  REQUIRE_THROWS_WITH(doubled->get_config(), Catch::Contains("Lambda layer 'doubler'") &&
                                                 Catch::Contains("cannot be serialized"));
  REQUIRE_THROWS_AS(seq->to_json(), NotImplementedError);
  REQUIRE_THROWS_AS(model->get_config(), NotImplementedError);
}
