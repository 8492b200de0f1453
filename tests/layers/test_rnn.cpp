// The recurrent layers outside the shared harness: what they refuse (in Keras's words, naming
// the layer), return_state in a functional model, stateful layers carrying their states from
// call to call, and the options that must not change the result (unroll).
#include "test_util.hpp"

using namespace keras;

namespace {
// float32 inputs in [-1, 1).
Tensor rnn_input(const Shape& shape, std::uint32_t seed) {
  return testing::random_tensor(shape, seed, -1.0, 1.0, DType::float32);
}
}  // namespace

TEST_CASE("recurrent layers refuse bad options and inputs") {
  REQUIRE_THROWS_WITH(layers::LSTM(0),
                      Catch::Contains("Received an invalid value for argument `units`, expected a "
                                      "positive integer, got 0."));
  REQUIRE_THROWS_AS(layers::GRUCell(-2), ValueError);
  REQUIRE_THROWS_AS(layers::SimpleRNN(0), ValueError);
  // Sequences are (batch, time, features).
  REQUIRE_THROWS_WITH(layers::GRU(3, {.name = "g"})(rnn_input({2, 3}, 1)),
                      Catch::Contains("\"g\"") && Catch::Contains("expected ndim=3, found ndim=2"));
  REQUIRE_THROWS_WITH(layers::SimpleRNN(2, {.name = "r"})(rnn_input({2, 0, 3}, 1)),
                      Catch::Contains("\"r\"") && Catch::Contains("at least one time step") &&
                          Catch::Contains("(2, 0, 3)"));
  // A built layer checks the features too.
  auto lstm = layers::LSTM(2);
  lstm(rnn_input({1, 2, 3}, 1));
  REQUIRE_THROWS_AS(lstm(rnn_input({1, 2, 4}, 2)), ValueError);
  // Further inputs are the initial states: one LSTM state alone is refused, not ignored.
  REQUIRE_THROWS_WITH(lstm(std::vector<Tensor>{rnn_input({1, 2, 3}, 1), rnn_input({1, 2}, 2)}),
                      Catch::Contains("expects 2 initial state(s)"));
}

TEST_CASE("a cell takes its inputs and one tensor per state of the right shape") {
  auto cell = layers::LSTMCell(3, {.name = "c"});
  REQUIRE_THROWS_WITH(cell(std::vector<Tensor>{rnn_input({2, 4}, 1), rnn_input({2, 3}, 2)}),
                      Catch::Contains("\"c\"") && Catch::Contains("2 state tensor(s)"));
  REQUIRE_THROWS_WITH(
      cell(std::vector<Tensor>{rnn_input({2, 4}, 1), rnn_input({2, 3}, 2), rnn_input({2, 2}, 3)}),
      Catch::Contains("state 1 should have shape (2, 3), received (2, 2)"));
  auto out =
      cell(std::vector<Tensor>{rnn_input({2, 4}, 1), rnn_input({2, 3}, 2), rnn_input({2, 3}, 3)});
  REQUIRE(out.size() == 3);  // output, h, c
  testing::require_close(out[0], out[1], 0.0, 0.0);
}

TEST_CASE("return_state gives the output and the final states, eagerly and in a model") {
  auto lstm = layers::LSTM(3, {.return_sequences = true, .return_state = true});
  const Tensor x = rnn_input({2, 5, 4}, 3);
  auto out = lstm(std::vector<Tensor>{x});
  REQUIRE(out.size() == 3);
  CHECK(out[0].shape() == Shape({2, 5, 3}));
  CHECK(out[1].shape() == Shape({2, 3}));
  // The last step's output is the final h.
  testing::require_close(ops::squeeze(ops::slice(out[0], {0, 4, 0}, {2, 1, 3}), 1), out[1], 0.0,
                         0.0);
  // One tensor in, several out: a plain call says to use the list form.
  REQUIRE_THROWS_WITH(lstm(x), Catch::Contains("call it with a list"));

  KerasTensor in = Input({5, 4});
  auto gru = layers::GRU(2, {.return_state = true});
  auto outs = gru(std::vector<KerasTensor>{in});
  REQUIRE(outs.size() == 2);
  CHECK(outs[0].shape().to_string() == "(None, 2)");
  CHECK(outs[1].shape().to_string() == "(None, 2)");
  auto model = make_model<Model>(in, KerasTensors(outs));
  auto predicted = model.predict(Data(x), {.verbose = 0}).values();
  REQUIRE(predicted.size() == 2);
  testing::require_close(predicted[0], predicted[1], 0.0, 0.0);
  // The model's config brings the layer back with its return_state.
  auto twin = models::model_from_json(model->to_json());
  twin->set_weights(model->get_weights());
  testing::require_close(twin.predict(Data(x), {.verbose = 0}).values()[1], predicted[1]);
}

TEST_CASE("a stateful layer carries its states from call to call until reset_states") {
  // Two halves of a sequence on a stateful layer give what the whole sequence gives at once.
  auto whole = layers::GRU(3, {.return_sequences = true});
  auto stateful = layers::GRU(3, {.return_sequences = true, .stateful = true});
  const Tensor x = rnn_input({2, 6, 4}, 5);
  const Tensor want = whole(x);
  stateful(ops::slice(x, {0, 0, 0}, {2, 1, 4}));  // builds it
  stateful->set_weights(whole->get_weights());
  stateful->reset_states();
  const Tensor first = stateful(ops::slice(x, {0, 0, 0}, {2, 3, 4}));
  const Tensor second = stateful(ops::slice(x, {0, 3, 0}, {2, 3, 4}));
  testing::require_close(ops::concatenate({first, second}, 1), want);
  REQUIRE(stateful->states().size() == 1);
  // After a reset the layer starts from zeros again.
  stateful->reset_states();
  testing::require_close(stateful(ops::slice(x, {0, 0, 0}, {2, 3, 4})), first, 0.0, 0.0);
  REQUIRE_THROWS_WITH(
      stateful(rnn_input({3, 2, 4}, 1)),
      Catch::Contains("- Expected batch size: 2") && Catch::Contains("- Received batch size: 3"));
  // The batch size must be known when the layer is built.
  REQUIRE_THROWS_WITH(layers::LSTM(2, {.stateful = true})(Input({3, 4})),
                      Catch::Contains("When using `stateful=True` in a RNN, the batch size must "
                                      "be static. Found dynamic batch size: "
                                      "sequence.shape=(None, 3, 4)"));
}

TEST_CASE("unroll and the recurrent dropout's inference mode do not change the result") {
  const Tensor x = rnn_input({2, 4, 3}, 9);
  auto plain = layers::SimpleRNN(4);
  auto unrolled = layers::SimpleRNN(4, {.unroll = true});
  const Tensor want = plain(x);
  unrolled(x);
  unrolled->set_weights(plain->get_weights());
  testing::require_close(unrolled(x), want, 0.0, 0.0);
  CHECK(unrolled->get_config().at("unroll").as_bool());

  // Dropout acts only in training; there it keeps one mask for the whole sequence, so the
  // same call twice with a fixed seed differs from inference but not from itself by chance.
  auto dropped = layers::LSTM(3, {.dropout = 0.5, .recurrent_dropout = 0.5, .seed = 1});
  const Tensor inference = dropped(x);
  testing::require_close(dropped(x, false), inference, 0.0, 0.0);
  CHECK(ops::max(ops::abs(ops::subtract(dropped(x, true), inference))).item<double>() > 1e-4);
}

TEST_CASE(
    "unit_forget_bias starts the forget gate's bias at one, the other gates' at the initializer") {
  auto lstm = layers::LSTM(2, {.bias_initializer = "ones"});
  lstm(rnn_input({1, 2, 3}, 1));
  testing::require_close(lstm->typed_cell().bias().value(),
                         tensor<float>({1, 1, 1, 1, 1, 1, 1, 1}, {8}), 0.0, 0.0);
  auto zeros = layers::LSTM(2);
  zeros(rnn_input({1, 2, 3}, 1));
  testing::require_close(zeros->typed_cell().bias().value(),
                         tensor<float>({0, 0, 1, 1, 0, 0, 0, 0}, {8}), 0.0, 0.0);
  auto plain = layers::LSTMCell(2, {.unit_forget_bias = false});
  plain(std::vector<Tensor>{rnn_input({1, 3}, 1), rnn_input({1, 2}, 2), rnn_input({1, 2}, 3)});
  testing::require_close(plain->bias().value(), ops::zeros({8}), 0.0, 0.0);
}
