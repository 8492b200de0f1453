// Attention and AdditiveAttention beyond the shared harness: the scores written out, weights,
// configs, masks (value, query, causal) and errors in Keras's words (values against Keras are in
// tests/conformance/test_keras_layers.cpp, cases attention/attention_* and attention/additive_*).
#include <cmath>
#include <filesystem>

#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {
std::vector<std::string> attention_config_keys(const ConfigValue& config) {
  std::vector<std::string> out;
  for (const auto& [k, v] : config.as_dict()) out.push_back(k);
  return out;
}
Tensor attention_ones(const Shape& s) { return ops::ones(s, DType::float32); }
Tensor bools(const std::vector<std::int32_t>& v, const Shape& s) {
  return ops::cast(tensor<std::int32_t>(v, s), DType::bool_);
}
}  // namespace

TEST_CASE("Attention computes softmax(scale * q k^T) v, and concat scores", "[attention]") {
  Tensor q = testing::random_tensor({2, 3, 4}, 1), v = testing::random_tensor({2, 5, 4}, 2);
  Tensor k = testing::random_tensor({2, 5, 4}, 3);
  auto att = layers::Attention({.use_scale = true});
  att({q, v, k});
  att->scale().assign(tensor<float>({0.5f}, Shape{}));
  Tensor scores = ops::multiply(ops::matmul(q, ops::transpose(k, {0, 2, 1})), Tensor(0.5));
  testing::require_close(att({q, v, k})[0], ops::matmul(ops::softmax(scores, -1), v));
  // concat: w * sum(tanh(scale * (q_i + k_j))) over the features.
  auto concat = layers::Attention({.use_scale = true, .score_mode = "concat"});
  concat({q, v, k});
  concat->scale().assign(tensor<float>({0.5f}, Shape{}));
  concat->concat_score_weight().assign(tensor<float>({2.0f}, Shape{}));
  Tensor sum = ops::add(ops::expand_dims(q, -2), ops::expand_dims(k, -3));
  Tensor c = ops::multiply(Tensor(2.0), ops::sum(ops::tanh(ops::multiply(sum, Tensor(0.5))), -1));
  testing::require_close(concat({q, v, k})[0], ops::matmul(ops::softmax(c, -1), v));
  // Additive: sum(scale * tanh(q_i + k_j)), scale one per feature.
  auto additive = layers::AdditiveAttention();
  additive({q, v, k});
  Tensor s = additive->scale().value();
  CHECK(s.shape() == Shape{4});
  Tensor a = ops::sum(ops::multiply(s, ops::tanh(sum)), -1);
  testing::require_close(additive({q, v, k})[0], ops::matmul(ops::softmax(a, -1), v));
}

TEST_CASE("Attention's weights and configs are Keras's", "[attention]") {
  auto att = layers::Attention({.use_scale = true, .score_mode = "concat", .name = "att"});
  CHECK(att({attention_ones({2, 3, 4}), attention_ones({2, 5, 6}), attention_ones({2, 5, 4})})[0]
            .shape() == Shape{2, 3, 6});
  std::vector<std::string> paths;
  for (const auto& w : att->weights()) paths.push_back(w.path());
  CHECK(paths == std::vector<std::string>{"att/scale", "att/concat_score_weight"});
  CHECK(att->get_build_config().dump() == R"({"input_shape": [[2, 3, 4], [2, 5, 6], [2, 5, 4]]})");
  ConfigValue c = att->get_config();
  CHECK(attention_config_keys(c) == std::vector<std::string>{"name", "trainable", "dtype",
                                                             "use_scale", "score_mode", "dropout",
                                                             "seed"});
  CHECK(c.at("score_mode").as_string() == "concat");
  auto again = layers::deserialize(layers::serialize(*att));
  CHECK(again->get_config().dump() == c.dump());
  CHECK(again->weights().size() == 2);
  // No weights without scale or concat; AdditiveAttention has no score_mode key.
  auto plain = layers::Attention();
  plain({attention_ones({2, 3, 4}), attention_ones({2, 5, 4})});
  CHECK(plain->weights().empty());
  auto additive = layers::AdditiveAttention({.dropout = 0.25, .seed = 4, .name = "add"});
  additive({attention_ones({2, 3, 4}), attention_ones({2, 5, 4})});
  CHECK(additive->weights().size() == 1);
  CHECK(additive->weights()[0].path() == "add/scale");
  CHECK(attention_config_keys(additive->get_config()) ==
        std::vector<std::string>{"name", "trainable", "dtype", "use_scale", "dropout", "seed"});
  auto back = layers::deserialize(layers::serialize(*additive));
  CHECK(back->class_name() == "AdditiveAttention");
  CHECK(back->get_config().dump() == additive->get_config().dump());
  CHECK(layers::AdditiveAttention({.use_scale = false})->get_config().at("use_scale") ==
        ConfigValue(false));
}

TEST_CASE("Attention's masks: value, query, causal; the output carries the query's",
          "[attention]") {
  auto att = layers::Attention();
  Tensor q = testing::random_tensor({2, 3, 4}, 5, -1, 1, DType::float32);
  Tensor v = testing::random_tensor({2, 4, 4}, 6, -1, 1, DType::float32);
  Tensor v_mask = bools({1, 1, 0, 0, 1, 0, 1, 0}, {2, 4});
  Tensor q_mask = bools({1, 1, 0, 1, 0, 1}, {2, 3});
  Tensor qm = ops::copy(q), vm = ops::copy(v);
  set_keras_mask(qm, q_mask);
  set_keras_mask(vm, v_mask);
  auto r = att->call_attention({qm, vm}, {.return_attention_scores = true});
  REQUIRE(r.size() == 2);
  auto w = r[1].to_vector<double>();  // (2, 3, 4)
  for (int b = 0; b < 2; ++b)
    for (int t = 0; t < 3; ++t)
      for (int s = 0; s < 4; ++s)
        if (v_mask.to_vector<double>()[static_cast<std::size_t>(b * 4 + s)] == 0.0)
          CHECK(w[static_cast<std::size_t>((b * 3 + t) * 4 + s)] == 0.0);
  // Padded query steps give zeros, and the output carries the query mask (not the scores).
  auto out = r[0].to_vector<double>();
  for (int i = 0; i < 4; ++i) CHECK(out[static_cast<std::size_t>(2 * 4 + i)] == 0.0);
  REQUIRE(get_keras_mask(r[0]).defined());
  testing::require_close(ops::cast(get_keras_mask(r[0]), DType::float32),
                         ops::cast(q_mask, DType::float32));
  CHECK_FALSE(get_keras_mask(r[1]).defined());
  // The same masks as Keras's explicit `mask` list.
  auto listed = att->call_attention({q, v}, {.mask = {q_mask, v_mask}});
  testing::require_close(listed[0], r[0]);
  // Causal: query i sees attention_config_keys j <= i only.
  auto causal =
      att->call_attention({q, v}, {.return_attention_scores = true, .use_causal_mask = true});
  auto c = causal[1].to_vector<double>();
  CHECK(c[1] == 0.0);     // query 0, key 1
  CHECK(c[4 + 1] > 0.0);  // query 1, key 1
  // A query that may attend to nothing is spread evenly (Keras subtracts 1e9, not infinity).
  auto none =
      att->call_attention({q, v}, {.mask = {Tensor(), bools({0, 0, 0, 0, 1, 1, 1, 1}, {2, 4})},
                                   .return_attention_scores = true});
  CHECK(none[1].to_vector<double>()[0] == Approx(0.25));
}

TEST_CASE("Attention's errors use Keras's words and name the layer", "[attention]") {
  REQUIRE_THROWS_WITH(layers::Attention({.score_mode = "sum", .name = "a"}),
                      Contains("Attention layer 'a'") &&
                          Contains("Invalid value for argument score_mode. Expected one of {'dot', "
                                   "'concat'}. Received: score_mode=sum"));
  auto att = layers::Attention({.name = "att"});
  REQUIRE_THROWS_WITH(att(attention_ones({2, 3, 4})),
                      Contains("Attention layer 'att'") &&
                          Contains("Attention layer must be called on a list of inputs, namely "
                                   "[query, value] or [query, value, key]"));
  REQUIRE_THROWS_WITH(att({attention_ones({2, 3, 4}), attention_ones({2, 3, 4}),
                           attention_ones({2, 3, 4}), attention_ones({2, 3, 4})}),
                      Contains("Attention layer accepts inputs list of length 2 or 3, namely "
                               "[query, value] or [query, value, key]. Received length: 4."));
  REQUIRE_THROWS_WITH(
      att({attention_ones({2, 3, 4}), attention_ones({5, 4})}),
      Contains("must have the same rank, at least 3") && Contains("value_shape=(5, 4)"));
  REQUIRE_THROWS_WITH(
      att({attention_ones({2, 3, 4}), attention_ones({2, 5, 4}), attention_ones({2, 5, 3})}),
      Contains("the last dimension of `query` and `key` must be equal"));
  REQUIRE_THROWS_WITH(
      att({attention_ones({2, 3, 4}), attention_ones({2, 5, 4}), attention_ones({2, 6, 4})}),
      Contains("the same number of steps"));
  REQUIRE_THROWS_WITH(att->call_attention({attention_ones({2, 3, 4}), attention_ones({2, 5, 4})},
                                          {.mask = {Tensor(), bools({1, 1, 1, 1}, {2, 2})}}),
                      Contains("Attention layer 'att'") &&
                          Contains("the value mask must have the value's shape without its last "
                                   "axis, (2, 5). Received: value_mask.shape=(2, 2)"));
  REQUIRE_THROWS_WITH(att->call_attention({attention_ones({2, 3, 4}), attention_ones({2, 5, 4})},
                                          {.mask = {Tensor()}}),
                      Contains("Attention layer accepts mask list of length 2 or 3"));
  auto additive = layers::AdditiveAttention({.name = "add"});
  REQUIRE_THROWS_WITH(additive(attention_ones({2, 3, 4})),
                      Contains("AdditiveAttention layer must be called on a list of inputs"));
}

TEST_CASE("Attention on masked embeddings in a functional model: save and load", "[attention]") {
  auto ids = Input({5}, {.dtype = "int32"});
  auto x = layers::Embedding(10, 4, {.mask_zero = true})(ids);
  auto out = layers::Attention({.use_scale = true})(std::vector<KerasTensor>{x, x});
  auto pooled = layers::GlobalAveragePooling1D()(out[0]);
  auto model = make_model<Model>(ids, pooled);
  Tensor xs = tensor<std::int32_t>({1, 2, 3, 0, 0, 4, 5, 6, 7, 0}, Shape{2, 5});
  Tensor want = model.predict(xs, {.verbose = 0}).values()[0];
  const auto path = std::filesystem::temp_directory_path() / "keraspp_test_attention.keras";
  model->save(path.string());
  auto again = models::load_model(path.string());
  std::filesystem::remove(path);
  testing::require_close(again.predict(xs, {.verbose = 0}).values()[0], want);
  // A call flag written on the node is replayed: causal, the pooled output changes.
  ConfigValue config = ConfigValue::parse(model->to_json());
  for (auto& entry : config["config"]["layers"].as_list())
    if (entry.at("class_name").as_string() == "Attention")
      entry["inbound_nodes"].as_list().at(0)["kwargs"]["use_causal_mask"] = true;
  auto causal = models::model_from_json(config.dump());
  causal->set_weights(model->get_weights());
  CHECK(testing::tensor_mismatch(causal.predict(xs, {.verbose = 0}).values()[0], want, 1e-6,
                                 1e-6) != "");
}
