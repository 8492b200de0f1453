// The fused paths of the convolution and Dense layers (ops::detail::conv_bias_relu,
// conv_bias_relu_max_pool and dense_bias_relu, on the backends' fused kernels): the same values
// and gradients as the ops they replace.
#include <cmath>

#include "src/core/ops/conv_fused.hpp"
#include "src/core/ops/dense_fused.hpp"
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

namespace {

struct PooledConvCase {
  Shape x, w;
  std::vector<std::int64_t> strides;
  std::string padding;
  bool bias, relu;
};

// The bits of a tensor, NaN equal to NaN (a NaN must come out where the two ops put one).
std::vector<std::string> pooled_conv_bits(const Tensor& t) {
  std::vector<std::string> out;
  for (double v : t.to_vector<double>()) out.push_back(std::isnan(v) ? "nan" : std::to_string(v));
  return out;
}

}  // namespace

TEST_CASE("conv, bias and relu with 2x2 max pooling fused: max_pool of conv_bias_relu, bit for bit",
          "[conv]") {
  const std::vector<PooledConvCase> cases{
      {{8, 13, 13, 16}, {3, 3, 16, 24}, {1, 1}, "valid", true, true},  // Winograd, odd 11x11
      {{3, 28, 28, 1}, {3, 3, 1, 32}, {1, 1}, "valid", true, true},    // one input channel
      {{2, 7, 9, 3}, {3, 3, 3, 5}, {1, 1}, "same", false, true},       // padding, 7x9
      {{2, 9, 9, 4}, {3, 3, 4, 6}, {2, 2}, "valid", true, false},      // strides, linear
      {{2, 12, 11, 1}, {5, 3, 1, 37}, {1, 1}, "valid", true, false}};  // one channel, 8x9, tails
  for (const std::string& name : backend::available()) {
    testing::BackendScope scope(name);
    for (DType dtype : {DType::float32, DType::float64})
      for (std::size_t k = 0; k < cases.size(); ++k) {
        const PooledConvCase& c = cases[k];
        INFO(name << " " << dtype_name(dtype) << " case " << k);
        Tensor x = random::normal(c.x, 0.0, 1.0, dtype, 31);
        if (k == 2) {  // a NaN input spreads to the windows over it
          std::vector<double> v = x.to_vector<double>();
          v[40] = std::nan("");
          x = ops::cast(tensor<double>(v, c.x), dtype);
        }
        const Tensor w = random::normal(c.w, 0.0, 1.0, dtype, 32);
        const Tensor b = random::normal({c.w[3]}, 0.0, 1.0, dtype, 33);
        const ops::ConvOptions o{.strides = c.strides, .padding = c.padding};
        const Tensor fused =
            ops::detail::conv_bias_relu_max_pool(x, w, c.bias ? &b : nullptr, c.relu, o);
        const Tensor composed = ops::max_pool(
            ops::detail::conv_bias_relu(x, w, c.bias ? &b : nullptr, c.relu, o), {{2, 2}});
        REQUIRE(fused.shape() == composed.shape());
        CHECK(pooled_conv_bits(fused) == pooled_conv_bits(composed));
      }
  }
}

TEST_CASE("conv with max pooling fused, under a gradient tape: the two ops and their gradients",
          "[conv]") {
  const Tensor x = random::normal({2, 9, 8, 3}, 0.0, 1.0, DType::float64, 41);
  const Tensor w = random::normal({3, 3, 3, 4}, 0.0, 1.0, DType::float64, 42);
  const ops::ConvOptions o{};
  const auto fused = testing::value_and_grads(
      [&](const std::vector<Tensor>& in) {
        return ops::detail::conv_bias_relu_max_pool(in[0], in[1], nullptr, true, o);
      },
      {x, w});
  const auto composed = testing::value_and_grads(
      [&](const std::vector<Tensor>& in) {
        return ops::max_pool(ops::detail::conv_bias_relu(in[0], in[1], nullptr, true, o), {{2, 2}});
      },
      {x, w});
  for (std::size_t i = 0; i < 3; ++i) {
    REQUIRE(fused[i].defined());
    CHECK(fused[i].to_vector<double>() == composed[i].to_vector<double>());
  }
}

TEST_CASE("matmul, bias and relu fused: the three ops' values", "[conv][dense]") {
  struct DenseCase {
    Shape x;
    bool bias, relu;
  };
  for (const std::string& name : backend::available()) {
    testing::BackendScope scope(name);
    for (DType dtype : {DType::float32, DType::float64})
      for (const DenseCase& c :
           {DenseCase{{37, 19}, true, true}, DenseCase{{2, 5, 19}, true, false},
            DenseCase{{1, 19}, false, true}, DenseCase{{0, 19}, true, true}}) {
        INFO(name << " " << dtype_name(dtype) << " " << c.x.to_string() << " bias=" << c.bias
                  << " relu=" << c.relu);
        const Tensor x = random::normal(c.x, 0.0, 1.0, dtype, 51);
        const Tensor w = random::normal({19, 23}, 0.0, 1.0, dtype, 52);
        const Tensor b = random::normal({23}, 0.0, 1.0, dtype, 53);
        const Tensor fused = ops::detail::dense_bias_relu(x, w, c.bias ? &b : nullptr, c.relu);
        Tensor composed = ops::matmul(x, w);
        if (c.bias) composed = ops::add(composed, b);
        if (c.relu) composed = ops::relu(composed);
        REQUIRE(fused.shape() == composed.shape());
        testing::require_close(fused, composed);
        // Bit for bit where the backend runs the three kernels (onednn's matmul primitive adds
        // the bias in its own order).
        if (name != "onednn") CHECK(fused.to_vector<double>() == composed.to_vector<double>());
      }
  }
}

TEST_CASE("matmul, bias and relu fused, under a gradient tape: the three ops' gradients",
          "[conv][dense]") {
  const Tensor x = random::normal({6, 5}, 0.0, 1.0, DType::float64, 54);
  const Tensor w = random::normal({5, 4}, 0.0, 1.0, DType::float64, 55);
  const Tensor b = random::normal({4}, 0.0, 1.0, DType::float64, 56);
  const auto fused = testing::value_and_grads(
      [](const std::vector<Tensor>& in) {
        return ops::detail::dense_bias_relu(in[0], in[1], &in[2], true);
      },
      {x, w, b});
  const auto composed = testing::value_and_grads(
      [](const std::vector<Tensor>& in) {
        return ops::relu(ops::add(ops::matmul(in[0], in[1]), in[2]));
      },
      {x, w, b});
  for (std::size_t i = 0; i < 4; ++i) {
    REQUIRE(fused[i].defined());
    CHECK(fused[i].to_vector<double>() == composed[i].to_vector<double>());
  }
}
