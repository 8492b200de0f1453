// ops::detail::lstm_sequence, the LSTM's whole time loop as one op (backend::SequenceArgs):
// checked against the loop it replaces (the recurrent matmul and the fused gates per step, on
// the reference backend, the spec), by central differences, and across backends; and the LSTM
// layer taking it gives what the step-by-step loop gives.
#include "src/core/ops/recurrent.hpp"
#include "test_util.hpp"

using namespace keras;
using testing::random_tensor;
using testing::value_and_grads;

namespace {

// The step loop: {h (steps, batch, units), h_last, c_last}.
std::vector<Tensor> lstm_step_loop(const Tensor& x, const Tensor& w, const Tensor& h0,
                                   const Tensor& c0) {
  Tensor h = h0, c = c0;
  std::vector<Tensor> hs;
  for (const Tensor& xt : ops::detail::unstack(x, 0)) {
    const auto hc = ops::detail::lstm_gates(xt, ops::matmul(h, w), c);
    h = hc[0];
    c = hc[1];
    hs.push_back(h);
  }
  return {ops::stack(hs, 0), h, c};
}

// {x (steps, batch, 4 units), w (units, 4 units), h0, c0}.
std::vector<Tensor> lstm_sequence_inputs(std::int64_t steps, std::int64_t batch, std::int64_t units,
                                         DType dtype) {
  return {random_tensor({steps, batch, 4 * units}, 1, -2, 2, dtype),
          random_tensor({units, 4 * units}, 2, -0.6, 0.6, dtype),
          random_tensor({batch, units}, 3, -1, 1, dtype),
          random_tensor({batch, units}, 4, -1, 1, dtype)};
}

using LstmOp = std::vector<Tensor> (*)(const Tensor&, const Tensor&, const Tensor&, const Tensor&);

// The outputs `which` (0 every step's h, 1 the last h, 2 the last c) flattened and joined.
testing::Fn joined_outputs(LstmOp op, std::vector<std::size_t> which) {
  return [op, which](const std::vector<Tensor>& in) {
    const auto out = op(in[0], in[1], in[2], in[3]);
    std::vector<Tensor> flat;
    for (std::size_t k : which) flat.push_back(ops::reshape(out[k], {-1}));
    return ops::concatenate(flat, 0);
  };
}

const std::vector<std::vector<std::size_t>> kLstmOutputSets{{0, 1, 2}, {1}, {2}, {0}, {1, 2}};

}  // namespace

TEST_CASE("lstm_sequence equals the per-step loop, values and gradients", "[autodiff][rnn]") {
  testing::BackendScope reference("reference");
  for (const auto& which : kLstmOutputSets)
    for (const std::int64_t steps : {1, 4}) {
      INFO("outputs " << which.size() << " first " << which[0] << ", steps " << steps);
      const auto in = lstm_sequence_inputs(steps, 3, 5, DType::float64);
      const auto got = value_and_grads(joined_outputs(&ops::detail::lstm_sequence, which), in);
      const auto want = value_and_grads(joined_outputs(&lstm_step_loop, which), in);
      REQUIRE(got.size() == want.size());
      for (std::size_t k = 0; k < got.size(); ++k)
        testing::require_close(got[k], want[k], 1e-12, 1e-10);
    }
}

TEST_CASE("lstm_sequence's gradients match central differences", "[autodiff][rnn]") {
  testing::check_gradients(joined_outputs(&ops::detail::lstm_sequence, {0, 1, 2}),
                           lstm_sequence_inputs(3, 2, 3, DType::float64));
}

TEST_CASE("lstm_sequence agrees across backends in float32 and float64", "[blas][rnn]") {
  struct Case {
    std::int64_t steps, batch, units;
  };
  // Units 1, 7, 19 leave vector tails; 30 steps of 40 rows put the recurrent kernel's
  // gradient over 1200 rows, more than one product of the blas loop takes.
  for (const DType dtype : {DType::float32, DType::float64})
    for (const Case c : {Case{2, 5, 1}, Case{5, 3, 7}, Case{4, 6, 19}, Case{30, 40, 8}}) {
      INFO("steps " << c.steps << ", batch " << c.batch << ", units " << c.units);
      const auto in = lstm_sequence_inputs(c.steps, c.batch, c.units, dtype);
      const testing::Fn grads = [](const std::vector<Tensor>& xs) {
        std::vector<Tensor> flat;
        for (const auto& g :
             value_and_grads(joined_outputs(&ops::detail::lstm_sequence, {0, 1, 2}), xs))
          flat.push_back(ops::reshape(g, {-1}));
        return ops::concatenate(flat, 0);
      };
      testing::check_backends_agree(grads, in);
    }
}

TEST_CASE("lstm_sequence refuses operands it does not take", "[rnn]") {
  const auto in = lstm_sequence_inputs(2, 3, 4, DType::float32);
  REQUIRE_THROWS_WITH(ops::detail::lstm_sequence(ops::ones({3, 16}), in[1], in[2], in[3]),
                      Catch::Contains("lstm_sequence: the projections must be (steps >= 1"));
  REQUIRE_THROWS_WITH(ops::detail::lstm_sequence(in[0], ops::ones({4, 12}), in[2], in[3]),
                      Catch::Contains("lstm_sequence: operand 1 must have shape (4, 16)"));
  REQUIRE_THROWS_WITH(ops::detail::lstm_sequence(in[0], in[1], in[2], ops::cast(in[3], "float64")),
                      Catch::Contains("operands must all be float32 or all float64"));
}

TEST_CASE("an LSTM layer on the fused sequence equals its step-by-step loop", "[layers][rnn]") {
  // The same layer and weights, once with Keras's tanh and once with a function computing
  // tanh, which the fused ops do not take: it runs the generic ops per step, the path masks,
  // recurrent dropout and custom activations keep.
  for (const bool go_backwards : {false, true})
    for (const bool return_sequences : {false, true}) {
      INFO("go_backwards " << go_backwards << ", return_sequences " << return_sequences);
      layers::LSTMOptions fused_options;
      fused_options.return_sequences = return_sequences;
      fused_options.go_backwards = go_backwards;
      layers::LSTMOptions step_options = fused_options;
      step_options.activation = [](const Tensor& v) { return ops::tanh(v); };
      layers::LSTM fused(6, fused_options), stepped(6, step_options);
      const Tensor x = random_tensor({4, 5, 3}, 7, -1, 1);
      fused(x);
      stepped(x);
      stepped->set_weights(fused->get_weights());
      auto run = [&](layers::LSTM& layer) {
        GradientTape tape;
        const Tensor y = layer(x, /*training=*/true);
        const Tensor loss = ops::sum(ops::multiply(y, random_tensor(y.shape(), 8, -1, 1)));
        std::vector<Tensor> out{y};
        for (const auto& g : tape.gradient(loss, layer->trainable_weights())) out.push_back(g);
        return out;
      };
      const auto got = run(fused), want = run(stepped);
      REQUIRE(got.size() == want.size());
      for (std::size_t k = 0; k < got.size(); ++k)
        testing::require_close(got[k], want[k], 1e-6, 1e-5);
    }
}

TEST_CASE("lstm_inference equals lstm_sequence of the projected inputs on every backend", "[rnn]") {
  struct Case {
    std::int64_t steps, batch, features, units;
    bool bias;
  };
  for (const std::string& name : backend::available())
    for (const DType dtype : {DType::float32, DType::float64})
      for (const Case c : {Case{3, 4, 5, 6, true}, Case{1, 2, 3, 1, false},
                           Case{28, 16, 28, 32, true}, Case{4, 1, 7, 19, false}}) {
        INFO(name << " " << dtype_name(dtype) << " steps " << c.steps << ", batch " << c.batch
                  << ", features " << c.features << ", units " << c.units << ", bias " << c.bias);
        const Tensor x = random_tensor({c.steps, c.batch, c.features}, 11, -1, 1, dtype);
        const Tensor kernel = random_tensor({c.features, 4 * c.units}, 12, -0.5, 0.5, dtype);
        const Tensor w = random_tensor({c.units, 4 * c.units}, 13, -0.5, 0.5, dtype);
        const Tensor bias = random_tensor({4 * c.units}, 14, -0.5, 0.5, dtype);
        const Tensor h0 = random_tensor({c.batch, c.units}, 15, -1, 1, dtype);
        const Tensor c0 = random_tensor({c.batch, c.units}, 16, -1, 1, dtype);
        const auto ref = testing::on_backend({x, kernel, w, bias, h0, c0}, "reference");
        std::vector<Tensor> want;
        {
          testing::BackendScope reference("reference");
          Tensor z = ops::matmul(ref[0], ref[1]);
          if (c.bias) z = ops::add(z, ref[3]);
          want = ops::detail::lstm_sequence(z, ref[2], ref[4], ref[5]);
        }
        testing::BackendScope scope(name);
        const auto on = testing::on_backend(ref, name);
        const auto got = ops::detail::lstm_inference(on[0], on[1], on[2], c.bias ? &on[3] : nullptr,
                                                     on[4], on[5]);
        REQUIRE(got.size() == 3);
        const double tol = dtype == DType::float32 ? 1e-5 : 1e-12;
        for (std::size_t k = 0; k < 3; ++k) {
          INFO("output " << k << " (every h, the last h, the last c)");
          testing::require_close(testing::on_backend({got[k]}, "reference")[0], want[k], tol, tol);
        }
        GradientTape tape;
        const Tensor watched = tape.watch(ops::copy(on[0]));
        CHECK(ops::detail::lstm_inference(watched, on[1], on[2], nullptr, on[4], on[5]).empty());
      }
}

TEST_CASE("lstm_inference refuses operands it does not take", "[rnn]") {
  const Tensor x = ops::ones({2, 3, 5}), kernel = ops::ones({5, 16}), w = ops::ones({4, 16}),
               h = ops::ones({3, 4});
  REQUIRE_THROWS_WITH(ops::detail::lstm_inference(ops::ones({3, 5}), kernel, w, nullptr, h, h),
                      Catch::Contains("expected inputs (steps >= 1, batch, features)"));
  REQUIRE_THROWS_WITH(ops::detail::lstm_inference(x, ops::ones({6, 16}), w, nullptr, h, h),
                      Catch::Contains("lstm_inference: operand 1 must have shape (5, 16)"));
  const Tensor bias = ops::ones({12});
  REQUIRE_THROWS_WITH(ops::detail::lstm_inference(x, kernel, w, &bias, h, h),
                      Catch::Contains("lstm_inference: operand 1 must have shape (16,)"));
}

TEST_CASE("an LSTM layer at inference (lstm_inference) equals its step-by-step loop",
          "[layers][rnn]") {
  for (const std::string& name : backend::available())
    for (const bool go_backwards : {false, true})
      for (const bool use_bias : {false, true}) {
        INFO(name << " go_backwards " << go_backwards << ", use_bias " << use_bias);
        testing::BackendScope scope(name);
        layers::LSTMOptions fused_options;
        fused_options.return_sequences = true;
        fused_options.go_backwards = go_backwards;
        fused_options.use_bias = use_bias;
        layers::LSTMOptions step_options = fused_options;
        step_options.activation = [](const Tensor& v) { return ops::tanh(v); };
        layers::LSTM fused(6, fused_options), stepped(6, step_options);
        const Tensor x = random_tensor({4, 5, 3}, 9, -1, 1, DType::float32);
        fused(x);
        stepped(x);
        stepped->set_weights(fused->get_weights());
        testing::require_close(fused(x), stepped(x), 1e-5, 1e-5);
      }
}
