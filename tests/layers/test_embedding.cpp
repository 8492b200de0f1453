// Embedding: the lookup itself is checked against live Keras (layer_cases/core.py, masking.py);
// here the argument checks and the refusals.
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

TEST_CASE("Embedding refuses non-positive sizes, in Keras's words") {
  REQUIRE_THROWS_WITH(layers::Embedding(0, 3),
                      Contains("`input_dim` must be a positive integer. Received: "
                               "input_dim=0"));
  REQUIRE_THROWS_WITH(layers::Embedding(5, -2),
                      Contains("`output_dim` must be a positive integer. Received: "
                               "output_dim=-2"));
}

TEST_CASE("Embedding looks up rows, casts float ids, and names ids outside the vocabulary") {
  auto embedding = layers::Embedding(3, 2, {.embeddings_initializer = "zeros"});
  Tensor ids = tensor<double>({2, 0, 1, 2}, {2, 2});  // float ids are cast, as Keras does
  embedding(ids);                                     // builds
  embedding->set_weights({ops::reshape(ops::arange(0, 6, 1, DType::float32), {3, 2})});
  Tensor out = embedding(ids);
  CHECK(out.shape() == Shape{2, 2, 2});
  CHECK(out.to_vector<float>() == std::vector<float>{4, 5, 0, 1, 2, 3, 4, 5});
  CHECK_THROWS_WITH(embedding(tensor<std::int32_t>({0, 3}, {1, 2})),
                    Contains("Embedding layer '" + embedding->name() +
                             "' (input_dim=3): take: index 3 is out of bounds"));
}

TEST_CASE("Embedding reads Keras 2 configs with input_length") {
  ConfigValue config = ConfigValue::parse(
      R"({"name": "e", "input_dim": 10, "output_dim": 4, "input_length": 7, "mask_zero": false})");
  auto layer = layers::deserialize(
      ConfigValue::parse(R"({"class_name": "Embedding", "config": )" + config.dump() + "}"));
  CHECK(layer->class_name() == "Embedding");
  CHECK(layer->compute_output_shape(Shape{kNone, 7}) == Shape{kNone, 7, 4});
}
