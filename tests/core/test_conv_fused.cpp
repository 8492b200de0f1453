// The convolution layers' fused path (ops::detail::conv_bias_relu, the backends'
// conv_forward_bias_relu): the same values and gradients as conv, add and relu as three ops.
#include "src/core/ops/conv_fused.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {

struct FusedCase {
  std::string data_format;
  bool bias, relu;
};

// Values and gradients (inputs, kernel, bias) of sum(y * weights) for y from the fused op and
// from the three ops, on the current backend.
std::pair<std::vector<Tensor>, std::vector<Tensor>> both_paths(const FusedCase& c, DType dtype) {
  const bool first = c.data_format == "channels_first";
  const Shape x_shape = first ? Shape({2, 3, 7, 6}) : Shape({2, 7, 6, 3});
  const Tensor x = random::normal(x_shape, 0.0, 1.0, dtype, 11);
  const Tensor w = random::normal({3, 3, 3, 5}, 0.0, 1.0, dtype, 12);
  const Tensor b = random::normal({5}, 0.0, 1.0, dtype, 13);
  const ops::ConvOptions o{.strides = {1, 2}, .padding = "same", .data_format = c.data_format};
  auto run = [&](bool fused) {
    GradientTape tape;
    Tensor xv = tape.watch(ops::copy(x)), wv = tape.watch(ops::copy(w)),
           bv = tape.watch(ops::copy(b));
    Tensor y;
    if (fused) {
      y = ops::detail::conv_bias_relu(xv, wv, c.bias ? &bv : nullptr, c.relu, o);
    } else {
      y = ops::conv(xv, wv, o);
      if (c.bias) y = ops::add(y, first ? ops::reshape(bv, {1, 5, 1, 1}) : bv);
      if (c.relu) y = ops::relu(y);
    }
    // A weighting that makes every gradient element different.
    const Tensor weights = random::normal(y.shape(), 0.0, 1.0, dtype, 14);
    std::vector<Tensor> grads = tape.gradient(ops::sum(ops::multiply(y, weights)), {xv, wv, bv});
    grads.insert(grads.begin(), y);
    return grads;
  };
  return {run(true), run(false)};
}

}  // namespace

TEST_CASE("conv with bias and relu fused: the three ops' values and gradients", "[conv]") {
  for (const std::string& name : backend::available()) {
    testing::BackendScope scope(name);
    for (DType dtype : {DType::float32, DType::float64})
      for (const FusedCase& c :
           {FusedCase{"channels_last", true, true}, FusedCase{"channels_last", true, false},
            FusedCase{"channels_last", false, true}, FusedCase{"channels_first", true, true}}) {
        INFO(name << " " << dtype_name(dtype) << " " << c.data_format << " bias=" << c.bias
                  << " relu=" << c.relu);
        const auto [fused, composed] = both_paths(c, dtype);
        const char* what[] = {"y", "d inputs", "d kernel", "d bias"};
        for (std::size_t i = 0; i < 4; ++i) {
          INFO(what[i]);
          if (i == 3 && !c.bias) {
            CHECK_FALSE(fused[i].defined());
            continue;
          }
          testing::require_close(fused[i], composed[i]);
          // Bit for bit where the backend fuses in the same order as its three kernels (blas
          // adds the bias and applies relu to each stored value; onednn adds the bias inside its
          // accumulation).
          if (i == 0 && name != "onednn")
            CHECK(fused[i].to_vector<double>() == composed[i].to_vector<double>());
        }
      }
  }
}
