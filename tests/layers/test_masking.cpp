// Masks as Keras carries them (_keras_mask): made by Embedding(mask_zero) and Masking, passed on
// by the layers that support masking, ended by the others, used by RNNs, pooling, losses and
// metrics. The layers' masked outputs are checked against live Keras in layer_cases/masking.py
// and the training loop in the masked_* fit cases; here the plumbing and the refusals.
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {
Tensor padded_ids() {  // two rows: 3 tokens then padding, 5 tokens
  return tensor<std::int32_t>({4, 2, 7, 0, 0, 1, 3, 5, 2, 6}, {2, 5});
}
std::vector<std::uint8_t> mask_values(const Tensor& t) {
  return ops::cast(get_keras_mask(t), DType::uint8).to_vector<std::uint8_t>();
}
}  // namespace

TEST_CASE("set_keras_mask attaches a mask that copies see and ops do not inherit") {
  Tensor x = ops::ones({2, 3});
  CHECK_FALSE(get_keras_mask(x).defined());
  Tensor mask = bool_tensor({1, 0, 1, 1, 1, 0}, {2, 3});
  set_keras_mask(x, mask);
  Tensor alias = x;
  CHECK(get_keras_mask(alias).defined());
  CHECK_FALSE(get_keras_mask(ops::add(x, 1.0)).defined());
  CHECK_FALSE(get_keras_mask(ops::reshape(x, {3, 2})).defined());
  // The in-place form of an op must not hand the mask on with the reused value.
  Tensor y = ops::copy(x);
  set_keras_mask(y, mask);
  Tensor z = ops::add(std::move(y), 1.0);
  CHECK_FALSE(get_keras_mask(z).defined());
  set_keras_mask(x, Tensor());
  CHECK_FALSE(get_keras_mask(alias).defined());
}

TEST_CASE("Embedding(mask_zero) masks id 0; Dense passes the mask on, Flatten ends it") {
  auto embedding = layers::Embedding(8, 3, {.mask_zero = true});
  Tensor e = embedding(padded_ids());
  CHECK(mask_values(e) == std::vector<std::uint8_t>{1, 1, 1, 0, 0, 1, 1, 1, 1, 1});
  auto dense = layers::Dense(2);
  CHECK(mask_values(dense(e)) == mask_values(e));
  CHECK_FALSE(get_keras_mask(layers::Flatten()(e)).defined());
  CHECK_FALSE(get_keras_mask(layers::Embedding(8, 3)(padded_ids())).defined());
}

TEST_CASE("an LSTM skips padded steps: padding at the end changes nothing") {
  utils::set_random_seed(3);
  auto embedding = layers::Embedding(8, 3, {.mask_zero = true});
  auto lstm = layers::LSTM(4);
  Tensor padded = lstm(embedding(padded_ids()));
  Tensor first_row_alone = lstm(embedding(tensor<std::int32_t>({4, 2, 7}, {1, 3})));
  CHECK(testing::tensor_mismatch(ops::slice(padded, {0, 0}, {1, 4}), first_row_alone, 1e-6, 1e-5) ==
        "");
  // Without return_sequences the output has no steps, so no mask.
  CHECK_FALSE(get_keras_mask(padded).defined());
  auto tagger = layers::LSTM(4, {.return_sequences = true});
  CHECK(mask_values(tagger(embedding(padded_ids()))) ==
        std::vector<std::uint8_t>{1, 1, 1, 0, 0, 1, 1, 1, 1, 1});
}

TEST_CASE("masks flow through functional and Sequential models") {
  auto tokens = Input({5}, {.dtype = "int32"});
  auto h = layers::Embedding(8, 3, {.mask_zero = true})(tokens);
  auto out = layers::Dense(2)(layers::LSTM(4, {.return_sequences = true})(h));
  auto functional = std::make_shared<Model>(tokens, out);
  CHECK(mask_values((*functional)(padded_ids())) ==
        std::vector<std::uint8_t>{1, 1, 1, 0, 0, 1, 1, 1, 1, 1});

  Sequential sequential({Input({5}, {.dtype = "int32"}),
                         layers::Embedding(8, 3, {.mask_zero = true}),
                         layers::GlobalAveragePooling1D(), layers::Dense(2)});
  Tensor pooled = sequential(padded_ids());
  CHECK(pooled.shape() == Shape{2, 2});
  CHECK_FALSE(get_keras_mask(pooled).defined());
}

TEST_CASE("losses and metrics average over the unmasked entries only") {
  Tensor y_true = tensor<float>({1, 2, 3, 4}, {1, 4});
  Tensor y_pred = tensor<float>({1, 2, 5, 9}, {1, 4});
  set_keras_mask(y_pred, bool_tensor({1, 1, 1, 0}, {1, 4}));
  // Per-step losses (4 values after MAE on a trailing axis of 1): 0, 0, 2 kept, 5 masked.
  Tensor t3 = ops::expand_dims(y_true, -1), p3 = ops::expand_dims(y_pred, -1);
  set_keras_mask(p3, get_keras_mask(y_pred));
  losses::MeanAbsoluteError mae;
  CHECK(mae(t3, p3).item<double>() == Approx(2.0 / 3.0));
  auto metric = metrics::get("mae");
  metric->update_state(t3, p3);
  CHECK(metric->result().item<double>() == Approx(2.0 / 3.0));
}

TEST_CASE("masks of the wrong shape are refused, naming the layer and the shapes") {
  auto lstm = layers::LSTM(2, {.name = "rnn"});
  Tensor x = ops::ones({2, 4, 3});
  set_keras_mask(x, bool_tensor(std::vector<std::uint8_t>(6, 1), {2, 3}));
  CHECK_THROWS_WITH(lstm(x), Contains("rnn") && Contains("(2, 4)") && Contains("(2, 3)"));
  auto pool = layers::GlobalAveragePooling1D({.name = "pool"});
  CHECK_THROWS_WITH(pool(x), Contains("pool") && Contains("(2, 3)"));
  auto softmax = layers::Softmax({.name = "soft"});
  Tensor logits = ops::ones({2, 3});
  set_keras_mask(logits, bool_tensor(std::vector<std::uint8_t>(4, 1), {2, 2}));
  CHECK_THROWS_WITH(softmax(logits), Contains("broadcastable") && Contains("soft"));
}

TEST_CASE("Masking marks steps whose features all equal mask_value, and round-trips its config") {
  auto masking = layers::Masking({.mask_value = 0.5});
  Tensor x = tensor<float>({0.5f, 0.5f, 1, 2, 0.5f, 3}, {1, 3, 2});
  Tensor y = masking(x);
  CHECK(y.to_vector<float>() == std::vector<float>{0, 0, 1, 2, 0.5f, 3});
  CHECK(mask_values(y) == std::vector<std::uint8_t>{0, 1, 1});
  auto copy = layers::deserialize(ConfigValue::parse(R"({"class_name": "Masking", "config": )" +
                                                     masking->get_config().dump() + "}"));
  CHECK(copy->get_config().at("mask_value").as_double() == 0.5);
}
