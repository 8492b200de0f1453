// EinsumDense and MultiHeadAttention beyond the shared harness: the equation analysis, kernel
// fans, masks and scores, configs, weight paths and errors in Keras's words (values against
// Keras are in tests/conformance/test_keras_layers.cpp).
#include <algorithm>
#include <cmath>
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

TEST_CASE("EinsumDense's kernel, bias and output shapes follow Keras's analysis", "[attention]") {
  auto heads = layers::EinsumDense("abc,cde->abde", {3, 4, 5}, {.bias_axes = "de"});
  CHECK(heads(ones({2, 3, 7})).shape() == Shape{2, 3, 4, 5});
  CHECK(heads->kernel().shape() == Shape{7, 4, 5});
  CHECK(heads->bias().shape() == Shape{4, 5});
  // A bias on the middle output axis broadcasts over the last one.
  auto middle = layers::EinsumDense("abc,cde->abde", {3, 4, 5}, {.bias_axes = "d"});
  middle(ones({2, 3, 7}));
  CHECK(middle->bias().shape() == Shape{4, 1});
  // "..." on the left takes any number of leading axes, on the right trailing ones.
  auto left = layers::EinsumDense("...b,bc->...c", 5);
  CHECK(left(ones({2, 3, 4, 7})).shape() == Shape{2, 3, 4, 5});
  CHECK(left->kernel().shape() == Shape{7, 5});
  CHECK_FALSE(left->bias().defined());
  auto right = layers::EinsumDense("ab...,bc->ac...", 4, {.bias_axes = "c"});
  CHECK(right(ones({2, 5, 3})).shape() == Shape{2, 4, 3});
  CHECK(right->bias().shape() == Shape{4, 1});
  // An output size left as None stays unknown in the inferred shape, as in Keras.
  auto seq = layers::EinsumDense("abc,cd->abd", {kNone, 64}, {.bias_axes = "d"});
  CHECK(seq->compute_output_shape(Shape{kNone, 32, 128}).to_string() == "(None, None, 64)");
  CHECK(seq(ones({2, 32, 128})).shape() == Shape{2, 32, 64});
}

TEST_CASE("EinsumDense computes the einsum: Dense's result for ab,bc->ac", "[attention]") {
  auto einsum = layers::EinsumDense("ab,bc->ac", 3, {.activation = "relu", .bias_axes = "c"});
  auto dense = layers::Dense(3, {.activation = "relu"});
  Tensor x = testing::random_tensor({4, 5}, 3);
  dense(x);
  einsum(x);
  einsum->set_weights(dense->get_weights());
  testing::require_close(einsum(x), dense(x));
  // Two heads by hand: out[b, t, n, h] = sum_c x[b, t, c] k[c, n, h].
  auto proj = layers::EinsumDense("abc,cde->abde", {2, 2, 3});
  Tensor x3 = testing::random_tensor({1, 2, 4}, 5);
  proj(x3);
  Tensor k = proj->kernel().value();
  Tensor want =
      ops::reshape(ops::matmul(ops::reshape(x3, {2, 4}), ops::reshape(k, {4, 6})), {1, 2, 2, 3});
  testing::require_close(proj(x3), want);
}

TEST_CASE("EinsumDense's variance-scaling kernel takes its fans from the equation's axes",
          "[attention]") {
  // glorot_uniform on (7, 4, 5) for "abc,cde->abde": fan_in 7, fan_out 20, limit
  // sqrt(6 / 27) = 0.471; read as a conv kernel it would be sqrt(6 / 63) = 0.309.
  auto layer = layers::EinsumDense("abc,cde->abde", {3, 4, 5});
  layer(ones({1, 3, 7}));
  auto v = layer->kernel().value().to_vector<double>();
  double biggest = 0;
  for (double e : v) biggest = std::max(biggest, std::abs(e));
  CHECK(biggest <= std::sqrt(6.0 / 27.0) + 1e-6);
  CHECK(biggest > std::sqrt(6.0 / 63.0));
}

TEST_CASE("EinsumDense's errors use Keras's words and name the layer", "[attention]") {
  Tensor x = ones({2, 4, 5});
  REQUIRE_THROWS_WITH(layers::EinsumDense("ab->b", 3)(x),
                      Contains("Invalid einsum equation 'ab->b'. Equations must be in the form "
                               "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]...."));
  REQUIRE_THROWS_WITH(layers::EinsumDense("abc,cd->abd", {5, 3}, {.name = "ed"})(x),
                      Contains("EinsumDense layer 'ed'") &&
                          Contains("Input shape and output shape do not match at shared "
                                   "dimension 'b'. Input shape is 4, and output shape is 5."));
  REQUIRE_THROWS_WITH(layers::EinsumDense("abc,cd->abd", {4, 3}, {.bias_axes = "x"})(x),
                      Contains("Bias dimension 'x' was requested, but is not part of the output "
                               "spec 'abd'"));
  REQUIRE_THROWS_WITH(layers::EinsumDense("abc,cx->abd", {4, 3})(x),
                      Contains("Dimension 'd' was specified in the output 'abd' but has no "
                               "corresponding dim in the input spec 'abc'"));
  REQUIRE_THROWS_AS(layers::EinsumDense("abc,cd->abd", {4, 3}, {.lora_rank = 2}),
                    NotImplementedError);
  CHECK_NOTHROW(layers::EinsumDense("abc,cd->abd", {4, 3}, {.lora_rank = 0}));
}

TEST_CASE("EinsumDense's config has Keras's keys in Keras's order", "[attention]") {
  auto layer = layers::EinsumDense("ab,bc->ac", 64, {.bias_axes = "c"});
  ConfigValue c = layer->get_config();
  CHECK(keys(c) == std::vector<std::string>{
                       "name", "trainable", "dtype", "output_shape", "equation", "activation",
                       "bias_axes", "kernel_initializer", "bias_initializer", "kernel_regularizer",
                       "bias_regularizer", "activity_regularizer", "kernel_constraint",
                       "bias_constraint", "quantization_config"});
  CHECK(c.at("output_shape").dump() == "[64]");
  CHECK(c.at("bias_axes").as_string() == "c");
  auto none = layers::EinsumDense("abc,cd->abd", {kNone, 4});
  CHECK(none->get_config().at("output_shape").dump() == "[null, 4]");
  CHECK(none->get_config().at("bias_axes").is_null());
  // Keras writes lora_rank only when LoRA is on; a config with lora_rank null or 0 loads.
  ConfigValue lora = c;
  lora["lora_rank"] = 4;
  REQUIRE_THROWS_AS(layers::EinsumDenseImpl::from_config(lora), NotImplementedError);
}

TEST_CASE("MultiHeadAttention's weights have Keras's paths, order and file attributes",
          "[attention]") {
  auto mha = layers::MultiHeadAttention(2, 3, {.name = "mha"});
  CHECK(mha({ones({2, 4, 5}), ones({2, 6, 7})})[0].shape() == Shape{2, 4, 5});
  std::vector<std::string> paths;
  for (const auto& w : mha->weights()) paths.push_back(w.path());
  CHECK(paths == std::vector<std::string>{"mha/query/kernel", "mha/query/bias", "mha/key/kernel",
                                          "mha/key/bias", "mha/value/kernel", "mha/value/bias",
                                          "mha/attention_output/kernel",
                                          "mha/attention_output/bias"});
  CHECK(mha->sublayer_attribute(*mha->query_dense()) == "query_dense");
  CHECK(mha->sublayer_attribute(*mha->output_dense()) == "output_dense");
  CHECK(mha->get_build_config().dump() ==
        R"({"shapes_dict": {"query_shape": [2, 4, 5], "value_shape": [2, 6, 7]}})");
  // With the gate, its weights come between the key's and the value's, as Keras builds them.
  auto gated = layers::MultiHeadAttention(2, 3, {.use_gate = true, .name = "g"});
  gated({ones({2, 4, 5}), ones({2, 4, 5})});
  CHECK(gated->weights()[4].path() == "g/gate/kernel");
}

TEST_CASE("MultiHeadAttention's config has Keras's keys; attention_axes normalized by build",
          "[attention]") {
  auto mha = layers::MultiHeadAttention(2, 3, {.output_shape = 8});
  ConfigValue before = mha->get_config();
  CHECK(keys(before) == std::vector<std::string>{"name",
                                                 "trainable",
                                                 "dtype",
                                                 "num_heads",
                                                 "key_dim",
                                                 "value_dim",
                                                 "dropout",
                                                 "use_bias",
                                                 "use_gate",
                                                 "output_shape",
                                                 "attention_axes",
                                                 "sliding_window",
                                                 "kernel_initializer",
                                                 "bias_initializer",
                                                 "kernel_regularizer",
                                                 "bias_regularizer",
                                                 "activity_regularizer",
                                                 "kernel_constraint",
                                                 "bias_constraint",
                                                 "seed"});
  CHECK(before.at("attention_axes").is_null());
  CHECK(before.at("output_shape").dump() == "[8]");
  CHECK(before.at("value_dim").as_int() == 3);
  mha({ones({2, 4, 5}), ones({2, 6, 5})});
  CHECK(mha->get_config().at("attention_axes").dump() == "[1]");
  auto axes = layers::MultiHeadAttention(2, 3, {.attention_axes = std::vector<int>{-2}});
  axes({ones({2, 3, 4, 5}), ones({2, 3, 4, 5})});
  CHECK(axes->get_config().at("attention_axes").dump() == "[2]");
}

TEST_CASE("MultiHeadAttention's masks: causal, attention_mask and the returned scores",
          "[attention]") {
  auto mha = layers::MultiHeadAttention(2, 3);
  Tensor q = testing::random_tensor({2, 4, 5}, 1), v = testing::random_tensor({2, 6, 5}, 2);
  auto plain = mha->call_attention(q, v, {.return_attention_scores = true});
  REQUIRE(plain.size() == 2);
  CHECK(plain[1].shape() == Shape{2, 2, 4, 6});
  // An all-true mask changes nothing; the scores of each query sum to one.
  auto all = mha->call_attention(q, v, {.attention_mask = ops::ones({2, 4, 6}, DType::bool_)});
  REQUIRE(all.size() == 1);
  testing::require_close(all[0], plain[0]);
  testing::require_close(ops::sum(plain[1], -1), ops::ones({2, 2, 4}));
  // The causal mask is the lower-triangular attention_mask (T = 4 queries, S = 6 keys).
  std::vector<std::int32_t> tril;
  for (int t = 0; t < 4; ++t)
    for (int s = 0; s < 6; ++s) tril.push_back(s <= t ? 1 : 0);
  Tensor tril_mask = tensor<std::int32_t>(tril, Shape{1, 4, 6});
  auto causal =
      mha->call_attention(q, v, {.return_attention_scores = true, .use_causal_mask = true});
  auto explicit_mask =
      mha->call_attention(q, v, {.attention_mask = tril_mask, .return_attention_scores = true});
  testing::require_close(causal[0], explicit_mask[0]);
  testing::require_close(causal[1], explicit_mask[1]);
  auto scores = causal[1].to_vector<double>();
  CHECK(scores[4] == 0.0);  // batch 0, head 0, query 0 may not see key 4
  CHECK(scores[6] > 0.0);   // query 1 sees key 0
  // Combined: attention_mask and the causal mask.
  Tensor first_key_only = tensor<std::int32_t>({1, 0, 0, 0, 0, 0}, Shape{1, 1, 6});
  auto both = mha->call_attention(
      q, v,
      {.attention_mask = first_key_only, .return_attention_scores = true, .use_causal_mask = true});
  CHECK(both[1].to_vector<double>()[6 * 3] == 1.0);  // query 3 attends to key 0 only
  // compute_attention_mask is the one place masks are combined.
  Tensor m = mha->compute_attention_mask(q, v, {}, first_key_only, true);
  CHECK(m.dtype() == DType::bool_);
  CHECK(m.shape() == Shape{1, 4, 6});
  CHECK_FALSE(mha->compute_attention_mask(q, v, {}, Tensor(), false).defined());
}

TEST_CASE("MultiHeadAttention's errors use Keras's words and name the layer", "[attention]") {
  REQUIRE_THROWS_WITH(layers::MultiHeadAttention(0, 3),
                      Contains("Received an invalid value for argument `num_heads`, expected a "
                               "positive integer. Received: num_heads=0"));
  REQUIRE_THROWS_WITH(layers::MultiHeadAttention(2, -1), Contains("Received: key_dim=-1"));
  REQUIRE_THROWS_WITH(layers::MultiHeadAttention(2, 3, {.value_dim = 0}),
                      Contains("expected a positive integer or `None`. Received: value_dim=0"));
  REQUIRE_THROWS_WITH(layers::MultiHeadAttention(2, 3, {.sliding_window = 0}),
                      Contains("`sliding_window` must be `None` or a positive integer. Received: "
                               "sliding_window=0"));
  REQUIRE_THROWS_AS(layers::MultiHeadAttention(2, 3, {.flash_attention = true}),
                    NotImplementedError);
  auto mha = layers::MultiHeadAttention(2, 3, {.name = "att"});
  REQUIRE_THROWS_WITH(mha({ones({2, 4, 5}), ones({2, 6, 7}), ones({2, 5, 7})}),
                      Contains("MultiHeadAttention layer 'att'") &&
                          Contains("All dimensions of `value` and `key`, except the last one, "
                                   "must be equal. Received: value_shape=(2, 6, 7) and "
                                   "key_shape=(2, 5, 7)"));
  REQUIRE_THROWS_WITH(mha(ones({2, 4, 5})), Contains("[query, value]"));
  REQUIRE_THROWS_WITH(mha({ones({2, 5}), ones({2, 5})}), Contains("at least 3"));
  REQUIRE_THROWS_WITH(
      mha->call_attention(ones({2, 4, 5}), ones({2, 6, 7}),
                          {.attention_mask = ops::ones({2, 4, 5}, DType::bool_)}),
      Contains("The `mask` must be broadcastable to `inputs`. Each mask dimension must be 1 or "
               "match the corresponding input dimension. Received: inputs.shape=(2, 2, 4, 6), "
               "mask.shape=(2, 1, 4, 5)"));
  REQUIRE_THROWS_WITH(
      mha->call_attention(ones({2, 4, 5}), ones({2, 6, 7}),
                          {.attention_mask = ops::ones({2, 1, 1, 1, 4, 6}, DType::bool_)}),
      Contains("must not have more dimensions"));
}

TEST_CASE("MultiHeadAttention in a functional model: summary shape, save and load", "[attention]") {
  auto q = Input({4, 5});
  auto v = Input({6, 5});
  auto out = layers::MultiHeadAttention(2, 3, {.name = "mha"})(std::vector<KerasTensor>{q, v});
  REQUIRE(out.size() == 1);
  CHECK(out[0].shape().to_string() == "(None, 4, 5)");
  auto model = make_model<Model>(KerasTensors{q, v}, out[0]);
  Tensor xq = testing::random_tensor({3, 4, 5}, 4), xv = testing::random_tensor({3, 6, 5}, 5);
  Tensor want = model.predict(Data(std::vector<Tensor>{xq, xv}), {.verbose = 0}).values()[0];
  const auto path = std::filesystem::temp_directory_path() / "keraspp_test_mha_model.keras";
  model->save(path.string());
  auto again = models::load_model(path.string());
  std::filesystem::remove(path);
  testing::require_close(
      again.predict(Data(std::vector<Tensor>{xq, xv}), {.verbose = 0}).values()[0], want);
}

TEST_CASE("MultiHeadAttention's call nodes: positional args as Keras's", "[attention]") {
  auto q = Input({4, 5}, {.name = "q"});
  auto out = layers::MultiHeadAttention(2, 3, {.name = "mha"})(std::vector<KerasTensor>{q, q});
  auto model = make_model<Model>(q, out[0]);
  ConfigValue config = ConfigValue::parse(model->to_json());
  ConfigValue* node = nullptr;
  for (auto& entry : config["config"]["layers"].as_list())
    if (entry.at("class_name").as_string() == "MultiHeadAttention")
      node = &entry["inbound_nodes"].as_list().at(0);
  REQUIRE(node);
  // Keras's call(query, value): two positional arguments, not one list, and no keywords.
  CHECK((*node)["args"].size() == 2);
  CHECK((*node)["kwargs"].size() == 0);
  CHECK_NOTHROW(models::model_from_json(config.dump()));
  // (Keywords on call nodes: tests/models/test_call_kwargs.cpp.)
}

TEST_CASE("MultiHeadAttention passes its regularizers to every projection, as Keras does",
          "[attention]") {
  auto mha = layers::MultiHeadAttention(
      2, 3, {.kernel_regularizer = "l2", .activity_regularizer = "l1", .use_gate = true});
  mha({ones({2, 4, 5}), ones({2, 4, 5})});
  // Five kernels (query, key, gate, value, output) and five projection outputs.
  CHECK(mha->losses().size() == 10);
  CHECK(mha->get_config().at("activity_regularizer").at("class_name").as_string() == "L1");
}
