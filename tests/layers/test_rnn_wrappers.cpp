// Bidirectional and TimeDistributed outside the shared harness: what they refuse (in Keras's
// words), how Bidirectional relates to its two directions, masks and states through both, and a
// model with both saved and loaded. Their values against Keras 3 are oracle cases
// (tests/keras_oracle/layer_cases/rnn_wrappers.py).
#include <filesystem>

#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {
Tensor wrapper_input(const Shape& shape, std::uint32_t seed) {
  return testing::random_tensor(shape, seed, -1.0, 1.0, DType::float32);
}
}  // namespace

TEST_CASE("Bidirectional refuses what Keras refuses", "[rnn_wrappers]") {
  REQUIRE_THROWS_WITH(layers::Bidirectional(layers::Dense(2)),
                      Contains("Please initialize `Bidirectional` layer with a recurrent") &&
                          Contains("Received: Dense"));
  REQUIRE_THROWS_WITH(layers::Bidirectional(layers::LSTM(2), {.merge_mode = "max"}),
                      Contains("Invalid merge mode. Received: max. Merge mode should be one of "
                               "{\"sum\", \"mul\", \"ave\", \"concat\", None}"));
  REQUIRE_THROWS_WITH(
      layers::Bidirectional(layers::LSTM(2), {.backward_layer = layers::LSTM(2).ptr()}),
      Contains("Forward layer and backward layer should have different `go_backwards` value"));
  REQUIRE_THROWS_WITH(
      layers::Bidirectional(
          layers::LSTM(2),
          {.backward_layer =
               layers::LSTM(2, {.return_sequences = true, .go_backwards = true}).ptr()}),
      Contains("the same value for attribute \"return_sequences\", got \"False\" for forward "
               "layer and \"True\" for backward layer"));
  auto bi = layers::Bidirectional(layers::GRU(2), {.name = "bi"});
  REQUIRE_THROWS_WITH(
      bi(std::vector<Tensor>{wrapper_input({2, 3, 4}, 1), wrapper_input({2, 2}, 2)}),
      Contains("'bi'") && Contains("expects 2 initial state tensor(s)") && Contains("received 1"));
  REQUIRE_THROWS_WITH(bi->reset_states(), Contains("Layer must be stateful."));
}

TEST_CASE("Bidirectional is its forward layer and a reversed copy, merged", "[rnn_wrappers]") {
  auto lstm = layers::LSTM(3, {.return_sequences = true, .name = "enc"});
  auto bi = layers::Bidirectional(lstm, {.merge_mode = std::nullopt});
  const Tensor x = wrapper_input({2, 5, 4}, 3);
  auto both = bi(std::vector<Tensor>{x});
  REQUIRE(both.size() == 2);
  CHECK(bi->forward_layer()->name() == "forward_enc");
  CHECK(bi->backward_layer()->name() == "backward_enc");
  CHECK(bi->backward_layer()->rnn_options().go_backwards);
  CHECK(bi->weights()[0].path() == bi->name() + "/forward_enc/lstm_cell/kernel");
  // The forward half is an LSTM with the forward weights; the backward half runs on the
  // reversed sequence and is flipped back into time order.
  auto forward = layers::LSTM(3, {.return_sequences = true});
  forward(x);
  forward->set_weights(bi->forward_layer()->get_weights());
  testing::require_close(both[0], forward(x));
  auto backward = layers::LSTM(3, {.return_sequences = true});
  backward(x);
  backward->set_weights(bi->backward_layer()->get_weights());
  testing::require_close(both[1], ops::flip(backward(ops::flip(x, {1})), {1}));
  // Concatenated on the features.
  auto concat = layers::Bidirectional(lstm);
  concat(x);
  concat->set_weights(bi->get_weights());
  testing::require_close(concat(x), ops::concatenate({both[0], both[1]}, -1));
}

TEST_CASE("Bidirectional carries the mask and returns both directions' states", "[rnn_wrappers]") {
  auto bi = layers::Bidirectional(layers::GRU(2, {.return_sequences = true, .return_state = true}));
  Tensor x = wrapper_input({2, 4, 3}, 5);
  Tensor mask = bool_tensor({1, 1, 1, 0, 1, 1, 0, 0}, {2, 4});
  set_keras_mask(x, mask);
  auto out = bi(std::vector<Tensor>{x});
  REQUIRE(out.size() == 3);
  CHECK(out[0].shape() == Shape({2, 4, 4}));
  CHECK(out[1].shape() == Shape({2, 2}));
  REQUIRE(get_keras_mask(out[0]).defined());
  CHECK_FALSE(get_keras_mask(out[1]).defined());
  // Masked steps output zeros in both directions (zero_output_for_mask follows
  // return_sequences).
  auto values = out[0].to_vector<float>();
  for (int c = 0; c < 4; ++c) CHECK(values[(0 * 4 + 3) * 4 + c] == 0.0f);
  // A fully kept sequence's forward final state equals its last forward output.
  CHECK(values[(0 * 4 + 2) * 4 + 0] != 0.0f);
}

TEST_CASE("TimeDistributed applies one layer to every step", "[rnn_wrappers]") {
  auto dense = layers::Dense(2);
  auto td = layers::TimeDistributed(dense, {.name = "td"});
  const Tensor x = wrapper_input({3, 4, 5}, 7);
  const Tensor y = td(x);
  CHECK(y.shape() == Shape({3, 4, 2}));
  CHECK(dense->weights()[0].path() == "td/dense" + dense->name().substr(5) + "/kernel");
  for (std::int64_t t = 0; t < 4; ++t)
    testing::require_close(ops::squeeze(ops::slice(y, {0, t, 0}, {3, 1, 2}), 1),
                           dense(ops::squeeze(ops::slice(x, {0, t, 0}, {3, 1, 5}), 1)));
  CHECK(td->compute_output_shape(Shape({kNone, 7, 5})) == Shape({kNone, 7, 2}));
  REQUIRE_THROWS_WITH(layers::TimeDistributed(layers::Dense(2))(wrapper_input({3, 5}, 1)),
                      Contains("`TimeDistributed` Layer should be passed an `input_shape` with at "
                               "least 3 dimensions, received: (3, 5)"));
  Tensor masked = wrapper_input({3, 4, 5}, 2);
  set_keras_mask(masked, ops::ones({3, 5}, DType::bool_));
  REQUIRE_THROWS_WITH(td(masked), Contains("that is incompatible with the input shape (3, 4, 5)") &&
                                      Contains("Expected mask shape prefix: (3, 4)."));
}

TEST_CASE("Bidirectional and TimeDistributed in a model: save and load", "[rnn_wrappers]") {
  auto in = Input({5, 3});
  auto h = layers::Bidirectional(layers::LSTM(4, {.return_sequences = true}))(in);
  auto out = layers::TimeDistributed(layers::Dense(2))(h);
  CHECK(out.shape().to_string() == "(None, 5, 2)");
  auto model = make_model<Model>(in, out);
  const Tensor x = wrapper_input({2, 5, 3}, 9);
  const Tensor want = model.predict(Data(x), {.verbose = 0}).values()[0];
  for (const char* file : {"keraspp_test_wrappers.keras", "keraspp_test_wrappers.h5"}) {
    const auto path = std::filesystem::temp_directory_path() / file;
    model->save(path.string());
    auto again = models::load_model(path.string());
    std::filesystem::remove(path);
    testing::require_close(again.predict(Data(x), {.verbose = 0}).values()[0], want);
  }
}

namespace {
// A cell of one's own, as Keras's docs write MinimalRNNCell: h = x @ kernel + tanh(h_prev @ U).
class MinimalCell : public layers::RNNCellImpl {
 public:
  explicit MinimalCell(std::int64_t units) : RNNCellImpl({}, "minimal_cell"), units_(units) {}
  std::vector<std::int64_t> state_size() const override { return {units_}; }
  void build(const Shape& input_shape) override {
    kernel_ = add_weight({.shape = Shape({input_shape[1], units_}), .name = "kernel"});
    recurrent_ = add_weight({.shape = Shape({units_, units_}), .name = "recurrent_kernel"});
  }
  std::vector<Tensor> step(const Tensor& x, const std::vector<Tensor>& states, bool) override {
    Tensor h = ops::add(ops::matmul(x, kernel_.value()),
                        ops::tanh(ops::matmul(states[0], recurrent_.value())));
    return {h, h};
  }

 private:
  std::int64_t units_;
  Variable kernel_, recurrent_;
};
}  // namespace

TEST_CASE("RNN loops a cell of one's own and refuses a layer that is no cell", "[rnn_wrappers]") {
  auto cell = std::make_shared<MinimalCell>(3);
  auto rnn = layers::RNN(cell, {.return_sequences = true, .return_state = true});
  const Tensor x = wrapper_input({2, 4, 5}, 11);
  auto out = rnn(std::vector<Tensor>{x});
  REQUIRE(out.size() == 2);
  CHECK(cell->weights()[0].path() == rnn->name() + "/minimal_cell/kernel");
  // The same loop by hand.
  Tensor h = ops::zeros({2, 3});
  for (std::int64_t t = 0; t < 4; ++t) {
    h = cell->step(ops::squeeze(ops::slice(x, {0, t, 0}, {2, 1, 5}), 1), {h}, false)[0];
    testing::require_close(ops::squeeze(ops::slice(out[0], {0, t, 0}, {2, 1, 3}), 1), h);
  }
  testing::require_close(out[1], h);
  REQUIRE_THROWS_WITH(layers::RNN(layers::Dense(2)),
                      Contains("The RNN cell should have a `state_size` attribute (single integer "
                               "or list of integers, one integer per RNN state). Received: "
                               "cell=<Dense"));
  REQUIRE_THROWS_WITH(
      layers::StackedRNNCells(std::vector<std::shared_ptr<Layer>>{layers::Dense(2)}),
      Contains("All cells must have a `state_size` attribute."));
}
