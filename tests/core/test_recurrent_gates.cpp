// The recurrent layers' internal ops (src/core/ops/recurrent.hpp): unstack, whose gradient is
// one buffer, and the fused LSTM / GRU gates, checked against the generic ops they replace (on
// the reference backend, the spec), by central differences, and across backends.
#include "src/backends/reference/reference_backend.hpp"
#include "src/core/ops/recurrent.hpp"
#include "test_util.hpp"

using namespace keras;
using testing::random_tensor;
using testing::value_and_grads;

namespace {

Tensor sigmoid(const Tensor& x) { return ops::sigmoid(x); }

// The LSTM step as LSTMCell wrote it before the fused kernel: {h, c}.
std::vector<Tensor> lstm_ops(const Tensor& x, const Tensor& r, const Tensor& c_prev) {
  const auto z = ops::split(ops::add(x, r), 4, 1);
  const Tensor i = sigmoid(z[0]), f = sigmoid(z[1]), o = sigmoid(z[3]);
  const Tensor c = ops::add(ops::multiply(f, c_prev), ops::multiply(i, ops::tanh(z[2])));
  return {ops::multiply(o, ops::tanh(c)), c};
}

// The GRU step (reset_after) as GRUCell writes it with the generic ops.
Tensor gru_ops(const Tensor& x, const Tensor& r, const Tensor& h_prev) {
  const auto xs = ops::split(x, 3, 1), rs = ops::split(r, 3, 1);
  const Tensor z = sigmoid(ops::add(xs[0], rs[0])), a = sigmoid(ops::add(xs[1], rs[1]));
  const Tensor hh = ops::tanh(ops::add(xs[2], ops::multiply(a, rs[2])));
  return ops::add(hh, ops::multiply(z, ops::subtract(h_prev, hh)));
}

// GRU without reset_after: the gates, the reset state's product with the candidate's
// recurrent kernel k, the candidate (h serves as both the dropped and the previous state).
Tensor gru_reset_ops(const Tensor& x, const Tensor& r, const Tensor& h, const Tensor& k) {
  const auto xs = ops::split(x, 3, 1), rs = ops::split(r, 2, 1);
  const Tensor z = sigmoid(ops::add(xs[0], rs[0])), a = sigmoid(ops::add(xs[1], rs[1]));
  const Tensor hh = ops::tanh(ops::add(xs[2], ops::matmul(ops::multiply(a, h), k)));
  return ops::add(hh, ops::multiply(z, ops::subtract(h, hh)));
}

const testing::Fn kLstmFused = [](const std::vector<Tensor>& in) {
  return ops::concatenate(ops::detail::lstm_gates(in[0], in[1], in[2]), 1);
};
const testing::Fn kLstmOps = [](const std::vector<Tensor>& in) {
  return ops::concatenate(lstm_ops(in[0], in[1], in[2]), 1);
};
const testing::Fn kGruFused = [](const std::vector<Tensor>& in) {
  return ops::detail::gru_gates(in[0], in[1], in[2]);
};
const testing::Fn kGruOps = [](const std::vector<Tensor>& in) {
  return gru_ops(in[0], in[1], in[2]);
};

const testing::Fn kGruResetFused = [](const std::vector<Tensor>& in) {
  const auto gates = ops::detail::gru_reset(in[0], in[1], in[2]);
  return ops::detail::gru_candidate(in[0], ops::matmul(gates[1], in[3]), gates[0], in[2]);
};
const testing::Fn kGruResetOps = [](const std::vector<Tensor>& in) {
  return gru_reset_ops(in[0], in[1], in[2], in[3]);
};

// gates 4: LSTM; 3: GRU; 2: GRU without reset_after (its recurrent product has 2 gates, and
// the candidate's recurrent kernel comes last).
std::vector<Tensor> gate_inputs(std::int64_t batch, std::int64_t units, std::int64_t gates,
                                DType dtype) {
  // Pre-activations up to +-3 reach the flat parts of sigmoid and tanh.
  std::vector<Tensor> in{random_tensor({batch, (gates == 2 ? 3 : gates) * units}, 1, -3, 3, dtype),
                         random_tensor({batch, gates * units}, 2, -3, 3, dtype),
                         random_tensor({batch, units}, 3, -2, 2, dtype)};
  if (gates == 2) in.push_back(random_tensor({units, units}, 4, -1, 1, dtype));
  return in;
}

struct GateCase {
  const char* label;
  testing::Fn fused, plain;
  std::int64_t gates;
};
const std::vector<GateCase> kCases{{"LSTM", kLstmFused, kLstmOps, 4},
                                   {"GRU", kGruFused, kGruOps, 3},
                                   {"GRU reset_after=False", kGruResetFused, kGruResetOps, 2}};

}  // namespace

TEST_CASE("the fused LSTM and GRU gates equal the generic ops, values and gradients",
          "[autodiff][rnn]") {
  testing::BackendScope reference("reference");
  // Units 1, 5 and 19 leave the blas kernel's vector tails uneven in the cross-backend test.
  for (const std::int64_t units : {1, 5, 19})
    for (const auto& c : kCases) {
      INFO(c.label << ", units " << units);
      const auto in = gate_inputs(3, units, c.gates, DType::float64);
      const auto got = value_and_grads(c.fused, in), want = value_and_grads(c.plain, in);
      REQUIRE(got.size() == want.size());
      for (std::size_t k = 0; k < got.size(); ++k)
        testing::require_close(got[k], want[k], 1e-12, 1e-10);
    }
}

TEST_CASE("the fused gates' gradients match central differences", "[autodiff][rnn]") {
  for (const auto& c : kCases) {
    INFO(c.label);
    testing::check_gradients(c.fused, gate_inputs(2, 3, c.gates, DType::float64));
  }
  // Only h, or only c, carrying a gradient (the other's is then zeros).
  for (const std::size_t k : {0, 1})
    testing::check_gradients(
        [k](const std::vector<Tensor>& in) {
          return ops::detail::lstm_gates(in[0], in[1], in[2])[k];
        },
        gate_inputs(2, 3, 4, DType::float64));
}

TEST_CASE("the fused gates agree across backends in float32 and float64", "[blas][rnn]") {
  for (const DType dtype : {DType::float32, DType::float64})
    for (const std::int64_t units : {1, 7, 19, 40})
      for (const auto& c : kCases) {
        INFO(c.label << ", units " << units);
        testing::check_backends_agree(c.fused, gate_inputs(5, units, c.gates, dtype));
        // Their gradients too, through the tape.
        const testing::Fn grads = [f = c.fused](const std::vector<Tensor>& in) {
          std::vector<Tensor> flat;
          for (const auto& g : value_and_grads(f, in)) flat.push_back(ops::reshape(g, {-1}));
          return ops::concatenate(flat, 0);
        };
        testing::check_backends_agree(grads, gate_inputs(5, units, c.gates, dtype));
      }
}

TEST_CASE("the fused gates refuse operands they do not take", "[rnn]") {
  const auto in = gate_inputs(2, 3, 4, DType::float32);
  REQUIRE_THROWS_WITH(ops::detail::lstm_gates(in[0], in[1], ops::ones({2, 4})),
                      Catch::Contains("lstm_gates: operand 2 must have shape (2, 3)"));
  REQUIRE_THROWS_WITH(ops::detail::lstm_gates(in[0], ops::cast(in[1], "float64"), in[2]),
                      Catch::Contains("operands must all be float32 or all float64"));
  const Tensor four = ops::ones({2, 4});
  REQUIRE_THROWS_WITH(ops::detail::gru_gates(four, four, ops::ones({2, 1})),
                      Catch::Contains("gru_gates: the projection must be (batch, 3 * units)"));
  const auto gru = gate_inputs(2, 3, 2, DType::float32);
  REQUIRE_THROWS_WITH(ops::detail::gru_reset(gru[0], gru[0], gru[2]),
                      Catch::Contains("gru_reset: operand 1 must have shape (2, 6)"));
}

TEST_CASE("unstack: the slices along an axis, with one gradient buffer", "[autodiff][rnn]") {
  const Tensor x = random_tensor({2, 3, 4}, 7);
  const auto pieces = ops::detail::unstack(x, 1);
  REQUIRE(pieces.size() == 3);
  for (std::int64_t t = 0; t < 3; ++t)
    testing::require_close(pieces[static_cast<std::size_t>(t)],
                           ops::squeeze(ops::slice(x, {0, t, 0}, {2, 1, 4}), 1), 0.0, 0.0);
  // Slices used twice, scaled, or not at all (their gradient is zeros).
  testing::check_gradients(
      [](const std::vector<Tensor>& in) {
        const auto p = ops::detail::unstack(in[0], 1);
        return ops::stack({ops::multiply(p[0], p[0]), ops::multiply(p[2], 3.0), p[0]}, 1);
      },
      {x});
  testing::check_gradients(
      [](const std::vector<Tensor>& in) { return ops::detail::unstack(in[0], 0)[1]; }, {x});
  // Slices that are themselves gradient sources keep their own gradients.
  GradientTape tape;
  tape.watch(x);
  const auto p = ops::detail::unstack(x, 2);
  const auto g = tape.gradient(ops::sum(ops::multiply(p[1], 2.0)), {p[1], x, p[0]});
  testing::require_close(g[0], ops::full({2, 3}, 2.0, DType::float64), 0.0, 0.0);
  CHECK(ops::sum(g[1]).item<double>() == 12.0);
  CHECK_FALSE(g[2].defined());
  REQUIRE_THROWS_WITH(ops::detail::unstack(x, 3), Catch::Contains("unstack: axis 3"));
}

namespace {
// A backend written before the gate kernels existed: it inherits Backend's defaults for them.
class WithoutGates : public backend::ReferenceBackend {
 public:
  std::string name() const override { return "without_gates"; }
  void gates_forward(const backend::GateArgs& a) override { Backend::gates_forward(a); }
  void gates_backward(const backend::GateArgs& a) override { Backend::gates_backward(a); }
};
}  // namespace

TEST_CASE("a backend without the gate kernels runs the reference ones, visibly", "[backend][rnn]") {
  testing::BackendScope reference("reference");
  const auto in = gate_inputs(2, 3, 4, DType::float32);
  auto run = [&](backend::Backend& b) {
    std::vector<Tensor> out{ops::zeros({2, 12}), ops::zeros({2, 3}), ops::zeros({2, 3})};
    b.gates_forward({backend::GateCell::lstm,
                     DType::float32,
                     2,
                     3,
                     {in[0].buffer().get(), in[1].buffer().get(), in[2].buffer().get()},
                     {out[0].buffer().get(), out[1].buffer().get(), out[2].buffer().get()}});
    return out;
  };
  WithoutGates without;
  const auto got = run(without), want = run(backend::get("reference"));
  for (std::size_t k = 0; k < got.size(); ++k) testing::require_close(got[k], want[k], 0.0, 0.0);
  bool reported = false;
  for (const auto& f : backend::fallbacks())
    reported =
        reported || (f.backend == "without_gates" && f.kernel == backend::Kernel::gates_forward);
  CHECK(reported);
}
