// The merging layers outside the shared harness: shapes they refuse (in Keras's words, naming
// the layer), hand values of the broadcasting and Dot rules, and a two-input functional model
// that trains and survives its config.
#include "test_util.hpp"

using namespace keras;

namespace {
Tensor merge_input(const Shape& s, std::uint32_t seed) {
  return testing::random_tensor(s, seed, -1.0, 1.0, DType::float32);
}
}  // namespace

TEST_CASE("merge layers refuse incompatible shapes and wrong input counts") {
  auto add = layers::Add({.name = "sum"});
  REQUIRE_THROWS_WITH(add(std::vector<Tensor>{merge_input({2, 3}, 1), merge_input({2, 4}, 2)}),
                      Catch::Contains("Layer \"sum\"") &&
                          Catch::Contains("Inputs have incompatible shapes. Received shapes "
                                          "(3,) and (4,)"));
  REQUIRE_THROWS_WITH(
      layers::Maximum()(std::vector<Tensor>{merge_input({2, 3}, 1), merge_input({4, 3}, 2)}),
      Catch::Contains("Cannot merge tensors with different batch sizes") &&
          Catch::Contains("input_shape=[(2, 3), (4, 3)]"));
  REQUIRE_THROWS_WITH(layers::Subtract()(std::vector<Tensor>{
                          merge_input({2, 3}, 1), merge_input({2, 3}, 2), merge_input({2, 3}, 3)}),
                      Catch::Contains("A `Subtract` layer should be called on exactly 2 inputs"));
  // Symbolically too, when the model is defined.
  KerasTensor a = Input({3}), b = Input({4});
  REQUIRE_THROWS_AS(layers::Multiply()(std::vector<KerasTensor>{a, b}), ValueError);
  REQUIRE_THROWS_WITH(
      layers::Concatenate({.axis = 1})(std::vector<KerasTensor>{Input({2, 3}), Input({4, 5})}),
      Catch::Contains("A `Concatenate` layer requires inputs with matching shapes "
                      "except for the concatenation axis"));
  REQUIRE_THROWS_WITH(layers::Concatenate()(std::vector<KerasTensor>{Input({2, 3}), Input({3})}),
                      Catch::Contains("matching shapes"));
  REQUIRE_THROWS_WITH(layers::Dot(1)(std::vector<KerasTensor>{Input({3}), Input({4})}),
                      Catch::Contains("Incompatible input shapes: axis values 3 (at axis 1) != 4 "
                                      "(at axis 1)"));
  REQUIRE_THROWS_WITH(layers::Dot(0)(std::vector<KerasTensor>{Input({3}), Input({3})}),
                      Catch::Contains("Cannot perform batch_dot over axis 0"));
  REQUIRE_THROWS_WITH(layers::Dot(1)(std::vector<KerasTensor>{a, a, a}),
                      Catch::Contains("A `Dot` layer should be called on a list of 2 inputs"));
}

TEST_CASE("merge layers broadcast a lower-rank input after its batch axis, as Keras") {
  // (2, 3, 1) + (2, 3): Keras expands the second to (2, 1, 3), so the sum is (2, 3, 3),
  // not NumPy's right-aligned (2, 3, 3) of a different pairing.
  Tensor x = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3, 1});
  Tensor y = tensor<float>({10, 20, 30, 40, 50, 60}, {2, 3});
  Tensor s = layers::Add()(std::vector<Tensor>{x, y})[0];
  REQUIRE(s.shape() == Shape{2, 3, 3});
  auto v = s.to_vector<float>();
  REQUIRE(v[0] == 11.0f);   // x[0,0,0] + y[0,0]
  REQUIRE(v[5] == 32.0f);   // x[0,1,0] + y[0,2]
  REQUIRE(v[17] == 66.0f);  // x[1,2,0] + y[1,2]
  Tensor avg = layers::Average()(std::vector<Tensor>{x, x, ops::multiply(x, 4.0)})[0];
  testing::require_close(avg, ops::multiply(x, 2.0));
}

TEST_CASE("Dot: cosine similarity with normalize, and Keras's config for its axes") {
  Tensor u = tensor<float>({3, 4, 1, 0}, {2, 2});
  Tensor w = tensor<float>({4, 3, 0, 2}, {2, 2});
  Tensor cos = layers::Dot(-1, {.normalize = true})(std::vector<Tensor>{u, w})[0];
  REQUIRE(cos.shape() == Shape{2, 1});
  testing::require_close(cos, tensor<float>({24.0f / 25.0f, 0.0f}, {2, 1}));
  auto dot = layers::Dot({2, 1});
  REQUIRE(dot->get_config().at("axes").dump() == "[2, 1]");
  REQUIRE(layers::Dot(1)->get_config().at("axes").dump() == "1");
  ConfigValue bad = dot->get_config();
  bad["axes"] = ConfigValue::parse("[1, 2, 3]");
  REQUIRE_THROWS_WITH(layers::DotImpl::from_config(bad), Catch::Contains("axes=[1, 2, 3]"));
}

TEST_CASE("a two-input functional model with merge layers trains and reloads from its config") {
  utils::set_random_seed(3);
  KerasTensor a = Input({4}, {.name = "a"}), b = Input({4}, {.name = "b"});
  KerasTensor ha = layers::Dense(3)(a), hb = layers::Dense(3)(b);
  KerasTensor merged = layers::Concatenate()(
      std::vector<KerasTensor>{layers::Add()(std::vector<KerasTensor>{ha, hb})[0],
                               layers::Multiply()(std::vector<KerasTensor>{ha, hb})[0],
                               layers::Dot(1)(std::vector<KerasTensor>{ha, hb})[0]})[0];
  REQUIRE(merged.shape() == Shape{kNone, 7});
  auto model = make_model<Model>(KerasTensors{a, b}, layers::Dense(1)(merged));
  model->compile({.optimizer = "adam", .loss = "mse"});
  Tensor xa = merge_input({16, 4}, 1), xb = merge_input({16, 4}, 2), y = merge_input({16, 1}, 3);
  auto history = model.fit(Data{xa, xb}, y, {.batch_size = 8, .epochs = 5, .verbose = 0});
  const auto& loss = history->history.at("loss");
  REQUIRE(loss.back() < loss.front());
  auto twin = models::model_from_json(model->to_json());
  twin->set_weights(model->get_weights());
  testing::require_close(Tensor(twin.predict(Data{xa, xb}, {.verbose = 0})),
                         Tensor(model.predict(Data{xa, xb}, {.verbose = 0})));
}
