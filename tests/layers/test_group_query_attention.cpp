// GroupQueryAttention beyond the shared harness: weights, files, configs, its relation to
// MultiHeadAttention, masks and errors in Keras's words (values against Keras are in
// tests/conformance/test_keras_layers.cpp, cases attention/gqa_*).
#include <filesystem>

#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {
std::vector<std::string> keys(const ConfigValue& config) {
  std::vector<std::string> out;
  for (const auto& [k, v] : config.as_dict()) out.push_back(k);
  return out;
}
Tensor ones(const Shape& s) { return ops::ones(s, DType::float32); }
}  // namespace

TEST_CASE("GroupQueryAttention's weights have Keras's paths, order, shapes and file keys",
          "[attention]") {
  auto gqa = layers::GroupQueryAttention(3, 4, 2, {.name = "g"});
  CHECK(gqa({ones({2, 3, 5}), ones({2, 6, 5})})[0].shape() == Shape{2, 3, 5});
  std::vector<std::string> paths;
  std::vector<Shape> shapes;
  for (const auto& w : gqa->weights()) {
    paths.push_back(w.path());
    shapes.push_back(w.value().shape());
  }
  CHECK(paths == std::vector<std::string>{"g/query/kernel", "g/query/bias", "g/key/kernel",
                                          "g/key/bias", "g/value/kernel", "g/value/bias",
                                          "g/attention_output/kernel", "g/attention_output/bias"});
  CHECK(shapes == std::vector<Shape>{
                      {5, 4, 3}, {4, 3}, {5, 2, 3}, {2, 3}, {5, 2, 3}, {2, 3}, {4, 3, 5}, {5}});
  CHECK(gqa->sublayer_attribute(*gqa->query_dense()) == "_query_dense");
  CHECK(gqa->sublayer_attribute(*gqa->output_dense()) == "_output_dense");
  CHECK(gqa->get_build_config().dump() ==
        R"({"shapes_dict": {"query_shape": [2, 3, 5], "value_shape": [2, 6, 5]}})");
  CHECK(layers::GroupQueryAttention(2, 2, 1)->name().rfind("grouped_query_attention", 0) == 0);
}

TEST_CASE("GroupQueryAttention's config has Keras's keys and round-trips", "[attention]") {
  auto gqa = layers::GroupQueryAttention(
      3, 4, 2, {.dropout = 0.1, .use_bias = false, .sliding_window = 3, .seed = 7});
  ConfigValue c = gqa->get_config();
  CHECK(keys(c) ==
        std::vector<std::string>{"name", "trainable", "dtype", "head_dim", "num_query_heads",
                                 "num_key_value_heads", "use_bias", "use_gate", "sliding_window",
                                 "dropout", "kernel_initializer", "bias_initializer",
                                 "kernel_regularizer", "bias_regularizer", "activity_regularizer",
                                 "kernel_constraint", "bias_constraint", "seed"});
  ConfigValue s = layers::serialize(*gqa);
  CHECK(s.at("class_name").as_string() == "GroupQueryAttention");
  auto again = layers::deserialize(s);
  CHECK(again->get_config().dump() == c.dump());
  // Keras writes no flash_attention key; a null or false one loads, true is refused.
  ConfigValue flash = c;
  flash["flash_attention"] = true;
  REQUIRE_THROWS_AS(layers::GroupQueryAttentionImpl::from_config(flash), NotImplementedError);
  flash["flash_attention"] = false;
  CHECK_NOTHROW(layers::GroupQueryAttentionImpl::from_config(flash));
}

TEST_CASE("GroupQueryAttention is MultiHeadAttention with key/value heads shared by groups",
          "[attention]") {
  Tensor q = testing::random_tensor({2, 3, 4}, 1), v = testing::random_tensor({2, 5, 4}, 2);
  // As many key/value heads as query heads: MultiHeadAttention with the same weights.
  auto gqa = layers::GroupQueryAttention(3, 2, 2);
  auto mha = layers::MultiHeadAttention(2, 3);
  gqa({q, v});
  mha({q, v});
  mha->set_weights(gqa->get_weights());
  testing::require_close(gqa({q, v})[0], mha({q, v})[0]);
  // One key/value head for both query heads: MHA with that head's kernels repeated.
  auto shared = layers::GroupQueryAttention(3, 2, 1);
  shared({q, v});
  auto w = shared->get_weights();  // query k, b; key k (4, 1, 3), b (1, 3); value; output
  for (std::size_t i : {2u, 3u, 4u, 5u}) w[i] = ops::repeat(w[i], 2, i % 2 ? 0 : 1);
  mha->set_weights(w);
  auto a = shared->call_attention(q, v, {.return_attention_scores = true});
  auto b = mha->call_attention(q, v, {.return_attention_scores = true});
  testing::require_close(a[0], b[0]);
  testing::require_close(a[1], b[1]);
  CHECK(a[1].shape() == Shape{2, 2, 3, 5});
}

TEST_CASE("GroupQueryAttention's masks: causal, query and value masks", "[attention]") {
  auto gqa = layers::GroupQueryAttention(2, 2, 1);
  Tensor q = testing::random_tensor({2, 4, 3}, 3), v = testing::random_tensor({2, 4, 3}, 4);
  auto causal =
      gqa->call_attention(q, v, {.return_attention_scores = true, .use_causal_mask = true});
  CHECK(causal[1].to_vector<double>()[1] == 0.0);  // query 0 may not see key 1
  Tensor q_mask =
      ops::cast(tensor<std::int32_t>({1, 1, 0, 1, 1, 1, 1, 1}, Shape{2, 4}), DType::bool_);
  Tensor qm = ops::copy(q);
  set_keras_mask(qm, q_mask);
  // The padded query step attends to nothing: zeros on the explicit path (scores returned),
  // spread evenly on the fused one, as in Keras.
  auto explicit_path = gqa->call_attention(qm, v, {.return_attention_scores = true});
  auto scores = explicit_path[1].to_vector<double>();  // (2, 2, 4, 4)
  for (int s = 0; s < 4; ++s) CHECK(scores[static_cast<std::size_t>(2 * 4 + s)] == 0.0);
  auto fused = gqa->call_attention(qm, v);
  REQUIRE(get_keras_mask(fused[0]).defined());
  testing::require_close(ops::cast(get_keras_mask(fused[0]), DType::float32),
                         ops::cast(q_mask, DType::float32));
  // The unpadded steps agree between the two paths.
  auto e = explicit_path[0].to_vector<double>(), f = fused[0].to_vector<double>();
  for (std::size_t i = 0; i < 3; ++i) CHECK(e[i] == Approx(f[i]).margin(1e-6));
}

TEST_CASE("GroupQueryAttention's errors use Keras's words and name the layer", "[attention]") {
  REQUIRE_THROWS_WITH(
      layers::GroupQueryAttention(2, 3, 2, {.name = "g3"}),
      Contains("GroupQueryAttention layer 'g3'") &&
          Contains("`num_query_heads` must be divisible by `num_key_value_heads`."));
  REQUIRE_THROWS_WITH(layers::GroupQueryAttention(0, 2, 1),
                      Contains("expected a positive integer. Received: head_dim=0"));
  REQUIRE_THROWS_WITH(layers::GroupQueryAttention(2, 2, 1, {.sliding_window = 0}),
                      Contains("`sliding_window` must be `None` or a positive integer"));
  REQUIRE_THROWS_AS(layers::GroupQueryAttention(2, 2, 1, {.flash_attention = true}),
                    NotImplementedError);
  auto gqa = layers::GroupQueryAttention(2, 2, 1, {.name = "g"});
  REQUIRE_THROWS_WITH(gqa(ones({2, 4, 5})), Contains("[query, value]"));
  REQUIRE_THROWS_WITH(gqa({ones({2, 4}), ones({2, 4})}),
                      Contains("GroupQueryAttention layer 'g'") && Contains("must be of rank 3"));
  REQUIRE_THROWS_WITH(gqa({ones({2, 4, 5}), ones({2, 6, 5}), ones({2, 5, 5})}),
                      Contains("All dimensions of `value` and `key`, except the last one, must be "
                               "equal. Received: value_shape=(2, 6, 5) and key_shape=(2, 5, 5)"));
  REQUIRE_THROWS_WITH(gqa->call_attention(ones({2, 4, 5}), ones({2, 6, 5}),
                                          {.attention_mask = ops::ones({2, 4, 5}, DType::bool_)}),
                      Contains("The `mask` must be broadcastable to `inputs`."));
  auto q = Input({4, 5});
  auto v = Input({6, 3});
  REQUIRE_THROWS_WITH(layers::GroupQueryAttention(2, 2, 1)(std::vector<KerasTensor>{q, v}),
                      Contains("The last dimension of `query_shape` and `value_shape` must be "
                               "equal, but are 5, 3."));
}

TEST_CASE("GroupQueryAttention in a functional model: .keras file and call nodes", "[attention]") {
  auto q = Input({4, 5});
  auto v = Input({6, 5});
  auto out = layers::GroupQueryAttention(2, 4, 2, {.name = "gqa"})(std::vector<KerasTensor>{q, v});
  auto model = make_model<Model>(KerasTensors{q, v}, out[0]);
  Tensor xq = testing::random_tensor({3, 4, 5}, 4), xv = testing::random_tensor({3, 6, 5}, 5);
  Tensor want = model.predict(Data(std::vector<Tensor>{xq, xv}), {.verbose = 0}).values()[0];
  const auto dir = std::filesystem::temp_directory_path();
  const auto path = dir / "keraspp_test_gqa_model.keras";
  model->save(path.string());
  auto again = models::load_model(path.string());
  std::filesystem::remove(path);
  testing::require_close(
      again.predict(Data(std::vector<Tensor>{xq, xv}), {.verbose = 0}).values()[0], want);
  ConfigValue config = ConfigValue::parse(model->to_json());
  for (const auto& entry : config["config"]["layers"].as_list())
    if (entry.at("class_name").as_string() == "GroupQueryAttention")
      CHECK(entry.at("inbound_nodes").as_list().at(0).at("args").size() == 2);
}
