// Keras's call keywords in functional models: MultiHeadAttention(q, v, attention_mask=m,
// use_causal_mask=True, return_attention_scores=True) and Attention(..., use_causal_mask=True)
// are recorded on their nodes, computed as the eager calls with the same keywords, written to
// the node's "kwargs" as Keras writes them, and replayed when the config is read back.
#include <filesystem>

#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {

const ConfigValue& node_of(const ConfigValue& config, const std::string& layer) {
  for (const auto& entry : config.at("layers").as_list())
    if (entry.at("name").as_string() == layer) return entry.at("inbound_nodes").as_list().at(0);
  throw std::runtime_error("no layer " + layer);
}

// A 0/1 float mask (Keras casts it to bool: nonzero attends), seeded.
Tensor random_mask(const Shape& shape, std::uint32_t seed) {
  return ops::cast(ops::greater(testing::random_tensor(shape, seed), 0.0), DType::float32);
}

}  // namespace

TEST_CASE("attention call keywords in a functional model are recorded, saved and replayed",
          "[attention]") {
  utils::set_random_seed(3);
  auto x = Input({5, 4}, {.name = "x"});
  auto allowed = Input({5, 5}, {.name = "allowed"});
  auto mha = layers::MultiHeadAttention(2, 3, {.name = "mha"});
  auto att = layers::Attention({.use_scale = true, .name = "att"});
  auto heads = mha(
      std::vector<KerasTensor>{x, x},
      SymbolicCallKwargs{.values = {{"use_causal_mask", true}, {"return_attention_scores", true}},
                         .tensors = {{"attention_mask", allowed}}});
  REQUIRE(heads.size() == 2);
  CHECK(heads[0].shape().to_string() == "(None, 5, 4)");
  CHECK(heads[1].shape().to_string() == "(None, 2, 5, 5)");
  auto attended = att(std::vector<KerasTensor>{heads[0], x},
                      SymbolicCallKwargs{.values = {{"use_causal_mask", true}}});
  REQUIRE(attended.size() == 1);
  auto model = make_model<Model>(std::vector<KerasTensor>{x, allowed},
                                 std::vector<KerasTensor>{attended[0], heads[1]});

  const Tensor xs = testing::random_tensor({3, 5, 4}, 11), mask = random_mask({3, 5, 5}, 12);
  const auto got = (*model)(std::vector<Tensor>{xs, mask});
  const auto want = mha->call_attention(
      xs, xs, {.attention_mask = mask, .return_attention_scores = true, .use_causal_mask = true});
  const auto want_att = att->call_attention({want[0], xs}, {.use_causal_mask = true});
  testing::require_close(got.at(0), want_att.at(0));
  testing::require_close(got.at(1), want.at(1));
  // The keywords matter: without them the scores differ.
  CHECK(testing::tensor_mismatch(mha->call_attention(xs, xs, {.return_attention_scores = true})[1],
                                 got[1], 1e-6, 1e-6) != "");

  // Written as Keras writes them: the two tensors positional, the rest by keyword.
  const ConfigValue config = model->get_config();
  const ConfigValue& node = node_of(config, "mha");
  CHECK(node.at("args").size() == 2);
  CHECK(node.at("kwargs").at("use_causal_mask") == ConfigValue(true));
  CHECK(node.at("kwargs").at("return_attention_scores") == ConfigValue(true));
  CHECK(node.at("kwargs").at("attention_mask").at("config").at("keras_history") ==
        ConfigValue(ConfigValue::List{"allowed", 0, 0}));
  CHECK(node_of(config, "att").at("kwargs").at("use_causal_mask") == ConfigValue(true));

  // Read back (through JSON, and through a .keras file) they are replayed.
  auto copy = models::model_from_json(model->to_json());
  copy->set_weights(model->get_weights());
  const auto again = (*copy)(std::vector<Tensor>{xs, mask});
  testing::require_close(again.at(0), got[0]);
  testing::require_close(again.at(1), got[1]);
  const auto path = std::filesystem::temp_directory_path() / "keraspp_test_call_kwargs.keras";
  model->save(path.string());
  auto loaded = models::load_model(path.string());
  std::filesystem::remove(path);
  testing::require_close((*loaded)(std::vector<Tensor>{xs, mask}).at(1), got[1]);
}

TEST_CASE("a call keyword a layer does not take is a TypeError in Python's words", "[attention]") {
  auto dense = layers::Dense(2, {.name = "d"});
  const Tensor x = ops::ones({2, 3});
  REQUIRE_THROWS_AS(
      dense(std::vector<Tensor>{x}, CallKwargs{.values = {{"use_causal_mask", true}}}), TypeError);
  REQUIRE_THROWS_WITH(
      dense(std::vector<Tensor>{x}, CallKwargs{.values = {{"use_causal_mask", true}}}),
      Contains("Dense.call() got an unexpected keyword argument 'use_causal_mask'") &&
          Contains("\"d\""));
  auto in = Input({3});
  REQUIRE_THROWS_WITH(
      dense(std::vector<KerasTensor>{in}, SymbolicCallKwargs{.tensors = {{"mask", in}}}),
      Contains("unexpected keyword argument 'mask'"));
  auto mha = layers::MultiHeadAttention(2, 3, {.name = "m"});
  const Tensor q = ops::ones({2, 4, 5});
  REQUIRE_THROWS_WITH(
      mha(std::vector<Tensor>{q, q}, CallKwargs{.values = {{"use_causal_mask", "yes"}}}),
      Contains("`use_causal_mask` must be a boolean"));
  // A mask that does not broadcast is refused by the layer, named, as in an eager call.
  REQUIRE_THROWS_WITH(mha(std::vector<Tensor>{q, q},
                          CallKwargs{.tensors = {{"attention_mask", ops::ones({2, 3, 3})}}}),
                      Contains("The `mask` must be broadcastable to `inputs`."));
}

TEST_CASE("Keras's functional config with attention call keywords loads", "[attention]") {
  // A node as Keras 3 writes it for mha(x, x, use_causal_mask=True); the causal mask changes
  // every row but the last.
  auto x = Input({4, 5}, {.name = "x"});
  auto mha = layers::MultiHeadAttention(2, 3, {.name = "mha"});
  auto plain = make_model<Model>(x, mha(std::vector<KerasTensor>{x, x})[0]);
  ConfigValue config = ConfigValue::parse(plain->to_json());
  for (auto& entry : config["config"]["layers"].as_list())
    if (entry.at("name").as_string() == "mha")
      entry["inbound_nodes"].as_list().at(0)["kwargs"] =
          ConfigValue::Dict{{"use_causal_mask", true}};
  auto causal = models::model_from_json(config.dump());
  causal->set_weights(plain->get_weights());
  const Tensor xs = testing::random_tensor({2, 4, 5}, 21);
  testing::require_close((*causal)(std::vector<Tensor>{xs})[0],
                         mha->call_attention(xs, xs, {.use_causal_mask = true})[0]);
}
