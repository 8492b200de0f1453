// The convolutional LSTMs outside the shared harness: what they refuse (in Keras's words),
// feature-map states (return_state, initial_state, stateful) and a model saved and loaded. Their
// values against Keras 3 are oracle cases (tests/keras_oracle/layer_cases/conv_lstm.py).
#include <filesystem>

#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {
Tensor input(const Shape& shape, std::uint32_t seed) {
  return testing::random_tensor(shape, seed, -1.0, 1.0, DType::float32);
}
}  // namespace

TEST_CASE("ConvLSTM refuses what Keras refuses", "[conv_lstm]") {
  REQUIRE_THROWS_WITH(layers::ConvLSTM2D(0, 3), Contains("`filters`"));
  REQUIRE_THROWS_WITH(layers::ConvLSTM2D(2, 3, {.strides = 2, .dilation_rate = 2}),
                      Contains("`strides > 1` is not compatible with `dilation_rate > 1`"));
  REQUIRE_THROWS_WITH(layers::ConvLSTM2D(2, 3, {.padding = "full"}), Contains("padding"));
  // (batch, time, rows, cols, channels): a 4-D input is refused.
  REQUIRE_THROWS_WITH(layers::ConvLSTM2D(2, 3, {.name = "c"})(input({2, 3, 5, 5}, 1)),
                      Contains("\"c\"") && Contains("expected ndim=5, found ndim=4"));
  // A map too small for the kernel under "valid" padding.
  REQUIRE_THROWS_AS(layers::ConvLSTM2D(2, 5)(input({1, 2, 3, 3, 1}, 1)), ValueError);
}

TEST_CASE("ConvLSTM's states are feature maps", "[conv_lstm]") {
  auto layer = layers::ConvLSTM2D(3, 3, {.padding = "same", .return_state = true});
  const Tensor x = input({2, 4, 5, 5, 2}, 3);
  auto out = layer(std::vector<Tensor>{x});
  REQUIRE(out.size() == 3);
  CHECK(out[0].shape() == Shape({2, 5, 5, 3}));
  CHECK(out[2].shape() == Shape({2, 5, 5, 3}));
  testing::require_close(out[0], out[1], 0.0, 0.0);  // the output is h
  // Starting from the final states of the first half gives the second half's result.
  auto first = layer(std::vector<Tensor>{ops::slice(x, {0, 0, 0, 0, 0}, {2, 2, 5, 5, 2})});
  auto second = layer(
      std::vector<Tensor>{ops::slice(x, {0, 2, 0, 0, 0}, {2, 2, 5, 5, 2}), first[1], first[2]});
  testing::require_close(second[0], out[0]);
  REQUIRE_THROWS_WITH(layer(std::vector<Tensor>{x, input({2, 5, 5}, 1), input({2, 5, 5, 3}, 2)}),
                      Contains("initial state 0 must have shape (2, 5, 5, 3)") &&
                          Contains("received shape (2, 5, 5)"));
  // Stateful: two calls carry the maps as one call does.
  auto stateful = layers::ConvLSTM1D(2, 2, {.return_sequences = true, .stateful = true});
  auto whole = layers::ConvLSTM1D(2, 2, {.return_sequences = true});
  const Tensor seq = input({2, 4, 6, 1}, 5);
  const Tensor want = whole(seq);
  stateful(ops::slice(seq, {0, 0, 0, 0}, {2, 1, 6, 1}));
  stateful->set_weights(whole->get_weights());
  stateful->reset_states();
  const Tensor a = stateful(ops::slice(seq, {0, 0, 0, 0}, {2, 2, 6, 1}));
  const Tensor b = stateful(ops::slice(seq, {0, 2, 0, 0}, {2, 2, 6, 1}));
  testing::require_close(ops::concatenate({a, b}, 1), want);
}

TEST_CASE("ConvLSTM2D in a model: summary shape, save and load", "[conv_lstm]") {
  auto in = Input({3, 6, 6, 1});
  auto h = layers::ConvLSTM2D(2, 3, {.return_sequences = true})(in);
  auto out = layers::ConvLSTM2D(1, 2, {.padding = "same"})(h);
  CHECK(h.shape().to_string() == "(None, 3, 4, 4, 2)");
  CHECK(out.shape().to_string() == "(None, 4, 4, 1)");
  auto model = make_model<Model>(in, out);
  const Tensor x = input({2, 3, 6, 6, 1}, 9);
  const Tensor want = model.predict(Data(x), {.verbose = 0}).values()[0];
  for (const char* file : {"keraspp_test_conv_lstm.keras", "keraspp_test_conv_lstm.h5"}) {
    const auto path = std::filesystem::temp_directory_path() / file;
    model->save(path.string());
    auto again = models::load_model(path.string());
    std::filesystem::remove(path);
    testing::require_close(again.predict(Data(x), {.verbose = 0}).values()[0], want);
  }
}
