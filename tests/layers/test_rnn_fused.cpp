// LSTM and GRU with Keras's default activations run each step's gates as one fused kernel;
// given the same functions as user-written activations they run the generic ops. The two
// paths must give the same outputs, states and gradients in every configuration of the loop
// (masks, go_backwards, return_sequences / return_state, dropout, initial states).
#include "test_util.hpp"

using namespace keras;

namespace {

// The same functions as "tanh" / "sigmoid", but not keras.activations' own: generic path.
const activations::Spec kTanh = [](const Tensor& x) { return ops::tanh(x); };
const activations::Spec kSigmoid = [](const Tensor& x) { return ops::sigmoid(x); };

struct Config {
  const char* label;
  bool return_sequences = false, go_backwards = false, masked = false, dropout = false,
       initial_state = false;
};

template <class Options>
Options options_for(const Config& c, bool generic) {
  Options o;
  o.return_sequences = c.return_sequences;
  o.go_backwards = c.go_backwards;
  o.return_state = true;
  if (c.dropout) {
    o.dropout = 0.3;
    o.recurrent_dropout = 0.4;
    o.seed = 5;
  }
  if (generic) {
    o.activation = kTanh;
    o.recurrent_activation = kSigmoid;
  }
  return o;
}

// Outputs, then the gradients of a weighted sum of them for the inputs and every weight.
std::vector<Tensor> run(Layer& layer, const Config& c, const std::vector<Tensor>& inputs,
                        const std::vector<Tensor>& weights) {
  layer(inputs);  // builds; both layers make this call, so their dropout seeds stay in step
  if (!weights.empty()) layer.set_weights(weights);
  GradientTape tape;
  for (const auto& x : inputs) tape.watch(x);
  const std::vector<Tensor> outs = layer(inputs, c.dropout);
  Tensor loss = ops::zeros({});
  for (std::size_t k = 0; k < outs.size(); ++k) {
    const auto seed = static_cast<std::uint32_t>(40 + k);
    const Tensor w = testing::random_tensor(outs[k].shape(), seed, -1, 1, outs[k].dtype());
    loss = ops::add(loss, ops::sum(ops::multiply(outs[k], w)));
  }
  std::vector<Tensor> result = outs;
  for (const auto& g : tape.gradient(loss, inputs)) result.push_back(g);
  for (const auto& g : tape.gradient(loss, layer.trainable_weights())) result.push_back(g);
  return result;
}

template <class Handle, class Options>
void compare(const Config& c, std::int64_t units, Options extra = {}) {
  INFO(c.label);
  (void)extra;  // GRU's reset_after; nothing for LSTM
  const Tensor x = testing::random_tensor({3, 5, 4}, 11, -1, 1, DType::float32);
  if (c.masked)  // padded steps at the end of two sequences
    set_keras_mask(x, bool_tensor({1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 0}, {3, 5}));
  std::vector<Tensor> inputs{x};
  if (c.initial_state)
    for (int k = 0; k < (std::is_same_v<Options, layers::LSTMOptions> ? 2 : 1); ++k)
      inputs.push_back(testing::random_tensor({3, units}, 20 + k, -1, 1, DType::float32));
  auto with = [&](bool generic) {
    Options o = options_for<Options>(c, generic);
    if constexpr (std::is_same_v<Options, layers::GRUOptions>) o.reset_after = extra.reset_after;
    return Handle(units, o);
  };
  auto fused = with(false), generic = with(true);
  const auto want = run(*generic.ptr(), c, inputs, {});
  const auto got = run(*fused.ptr(), c, inputs, generic->get_weights());
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) {
    INFO("result " << k);
    REQUIRE(got[k].defined() == want[k].defined());
    if (got[k].defined()) testing::require_close(got[k], want[k]);
  }
}

const std::vector<Config> kConfigs{
    {"last output"},
    {"sequences, backwards", true, true},
    {"masked", true, false, true},
    {"masked, backwards", false, true, true},
    {"dropout and recurrent_dropout", true, false, false, true},
    {"initial states", false, false, false, false, true},
};

}  // namespace

TEST_CASE("a fused LSTM step gives what the generic ops give", "[rnn]") {
  for (const auto& c : kConfigs) compare<layers::LSTM, layers::LSTMOptions>(c, 6);
}

TEST_CASE("a fused GRU step gives what the generic ops give", "[rnn]") {
  for (const auto& c : kConfigs) {
    compare<layers::GRU, layers::GRUOptions>(c, 5, {.reset_after = true});
    compare<layers::GRU, layers::GRUOptions>(c, 5, {.reset_after = false});
  }
}
