// conv / depthwise_conv / conv_transpose / pooling / crossentropy ops: hand-computed values on
// tiny inputs, output shapes as Keras 3 (JAX backend) computes them, gradients, errors.
#include <cmath>

#include "test_util.hpp"

using namespace keras;
using testing::require_values;

namespace {

ops::ConvOptions conv_opts(std::vector<std::int64_t> strides, std::string padding,
                           std::vector<std::int64_t> dilation = {1},
                           std::string data_format = "channels_last") {
  ops::ConvOptions o;
  o.strides = std::move(strides);
  o.padding = std::move(padding);
  o.dilation_rate = std::move(dilation);
  o.data_format = std::move(data_format);
  return o;
}

ops::ConvTransposeOptions tconv_opts(std::vector<std::int64_t> strides, std::string padding,
                                     std::optional<std::vector<std::int64_t>> output_padding = {},
                                     std::vector<std::int64_t> dilation = {1}) {
  ops::ConvTransposeOptions o;
  o.strides = std::move(strides);
  o.padding = std::move(padding);
  o.output_padding = std::move(output_padding);
  o.dilation_rate = std::move(dilation);
  return o;
}

ops::PoolOptions pool_opts(std::vector<std::int64_t> size,
                           std::optional<std::vector<std::int64_t>> strides, std::string padding,
                           std::string data_format = "channels_last") {
  ops::PoolOptions o;
  o.pool_size = std::move(size);
  o.strides = std::move(strides);
  o.padding = std::move(padding);
  o.data_format = std::move(data_format);
  return o;
}

}  // namespace

TEST_CASE("conv 1-D: valid, strides, dilation, same and causal padding", "[nn]") {
  Tensor x = tensor<float>({1, 2, 3, 4, 5}, {1, 5, 1});
  Tensor k = tensor<float>({1, 2, 3}, {3, 1, 1});
  require_values(ops::conv(x, k), {14, 20, 26}, {1, 3, 1});
  require_values(ops::conv(x, k, conv_opts({2}, "valid")), {14, 26}, {1, 2, 1});
  require_values(ops::conv(x, k, conv_opts({1}, "valid", {2})), {1 + 6 + 15}, {1, 1, 1});
  require_values(ops::conv(x, k, conv_opts({1}, "same")), {8, 14, 20, 26, 14}, {1, 5, 1});
  // same, stride 2: out = ceil(5/2) = 3, total pad 2 split 1/1.
  require_values(ops::conv(x, k, conv_opts({2}, "same")), {8, 20, 14}, {1, 3, 1});
  // causal: (k-1)*dilation zeros on the left only.
  require_values(ops::conv(x, k, conv_opts({1}, "causal")), {3, 8, 14, 20, 26}, {1, 5, 1});
  require_values(ops::conv(x, k, conv_opts({1}, "causal", {2})), {3, 6, 11, 16, 22}, {1, 5, 1});
}

TEST_CASE("conv 2-D: same with stride 2 pads more after, channels_first", "[nn]") {
  std::vector<double> v;
  for (int i = 1; i <= 16; ++i) v.push_back(i);
  Tensor x = tensor<double>(v, {1, 4, 4, 1});
  Tensor ones = ops::ones({3, 3, 1, 1});
  // pad total 1 -> 0 before, 1 after (TF/JAX convention).
  require_values(ops::conv(x, ones, conv_opts({2}, "same")), {54, 45, 72, 54}, {1, 2, 2, 1});
  require_values(ops::conv(x, ones, conv_opts({2, 1}, "valid")), {54, 63}, {1, 1, 2, 1});

  Tensor xcf = tensor<float>({1, 2, 3, 4, 10, 20, 30, 40}, {1, 2, 2, 2});  // (N, C, H, W)
  Tensor k11 = tensor<float>({1, 0.5}, {1, 1, 2, 1});
  require_values(ops::conv(xcf, k11, conv_opts({1}, "valid", {1}, "channels_first")),
                 {6, 12, 18, 24}, {1, 1, 2, 2});
}

TEST_CASE("channels_first equals channels_last on transposed inputs", "[nn]") {
  Tensor x = testing::random_tensor({2, 5, 6, 3}, 7);
  Tensor xf = ops::transpose(x, {0, 3, 1, 2});
  auto same = [](const Tensor& first, const Tensor& last) {
    testing::require_close(ops::transpose(first, {0, 2, 3, 1}), last);
  };
  Tensor k = testing::random_tensor({3, 2, 3, 4}, 8);
  auto co = conv_opts({2}, "same"), cf = conv_opts({2}, "same", {1}, "channels_first");
  same(ops::conv(xf, k, cf), ops::conv(x, k, co));
  same(ops::depthwise_conv(xf, k, cf), ops::depthwise_conv(x, k, co));
  Tensor kt = testing::random_tensor({3, 2, 4, 3}, 9);
  auto to = tconv_opts({2}, "same", {{1}}), tf = to;
  tf.data_format = "channels_first";
  same(ops::conv_transpose(xf, kt, tf), ops::conv_transpose(x, kt, to));
  auto po = pool_opts({2, 3}, {{1, 2}}, "same"), pf = po;
  pf.data_format = "channels_first";
  same(ops::max_pool(xf, pf), ops::max_pool(x, po));
  same(ops::average_pool(xf, pf), ops::average_pool(x, po));
}

TEST_CASE("conv infers groups and depthwise_conv maps channel c*m+j", "[nn]") {
  // 4 input channels, kernel in-channels 2 -> 2 groups of one output channel each.
  Tensor x = tensor<float>({1, 2, 3, 4}, {1, 1, 4});
  Tensor k = tensor<float>({1, 1, 1, 10}, {1, 2, 2});
  require_values(ops::conv(x, k), {1 + 2, 3 + 40}, {1, 1, 2});

  Tensor xd = tensor<float>({1, 10, 2, 20, 3, 30}, {1, 3, 2});
  Tensor kd = tensor<float>({1, 1, 1, 0, 1, -1, 0, 2}, {2, 2, 2});  // (k, C, multiplier)
  require_values(ops::depthwise_conv(xd, kd), {3, -1, 10, 40, 5, -1, 20, 60}, {1, 2, 4});
  require_values(ops::depthwise_conv(xd, kd, conv_opts({1}, "same")),
                 {3, -1, 10, 40, 5, -1, 20, 60, 3, 3, 30, 0}, {1, 3, 4});
}

TEST_CASE("conv_transpose values and output shapes match Keras", "[nn]") {
  Tensor x = tensor<float>({1, 2}, {1, 2, 1});
  Tensor k = tensor<float>({1, 2, 3}, {3, 1, 1});
  // valid: (in-1)*s + max(k, s) = 5; each input scatters x[i]*k at i*s.
  require_values(ops::conv_transpose(x, k, tconv_opts({2}, "valid")), {1, 2, 5, 4, 6}, {1, 5, 1});
  require_values(ops::conv_transpose(x, k, tconv_opts({2}, "valid", {{1}})), {1, 2, 5, 4, 6, 0},
                 {1, 6, 1});
  // same: in*s = 4 (left pad min(2, k-1) = 2 -> nothing cropped on the left).
  require_values(ops::conv_transpose(x, k, tconv_opts({2}, "same")), {1, 2, 5, 4}, {1, 4, 1});
  // same with output_padding: (in-1)*s + k%2 + output_padding.
  require_values(ops::conv_transpose(x, k, tconv_opts({2}, "same", {{1}})), {1, 2, 5, 4},
                 {1, 4, 1});
  require_values(ops::conv_transpose(x, k, tconv_opts({2}, "same", {{0}})), {2, 5, 4}, {1, 3, 1});
  // Kernel layout (k, filters, in_channels).
  Tensor xc = tensor<float>({1, 10}, {1, 1, 2});
  Tensor kc = tensor<float>({1, 0, 0, 1, 1, 1}, {1, 3, 2});
  require_values(ops::conv_transpose(xc, kc), {1, 10, 11}, {1, 1, 3});

  Tensor x2 = ops::zeros({2, 5, 7, 3});
  Tensor k2 = ops::zeros({3, 4, 6, 3});
  CHECK(ops::conv_transpose(x2, k2, tconv_opts({2, 3}, "valid")).shape() == Shape{2, 11, 22, 6});
  CHECK(ops::conv_transpose(x2, k2, tconv_opts({2, 3}, "same")).shape() == Shape{2, 10, 21, 6});
  CHECK(ops::conv_transpose(x2, k2, tconv_opts({2, 3}, "valid", {{1, 2}})).shape() ==
        Shape{2, 12, 24, 6});
  CHECK(ops::conv_transpose(x2, k2, tconv_opts({2, 3}, "same", {{1, 2}})).shape() ==
        Shape{2, 10, 20, 6});
  // dilation 2: effective kernel (5, 7).
  CHECK(ops::conv_transpose(x2, k2, tconv_opts({1}, "valid", {}, {2})).shape() ==
        Shape{2, 9, 13, 6});
  CHECK(ops::conv_transpose(x2, k2, tconv_opts({1}, "same", {}, {2})).shape() == Shape{2, 5, 7, 6});
  ops::ConvTransposeOptions cf = tconv_opts({2}, "same");
  cf.data_format = "channels_first";
  CHECK(ops::conv_transpose(ops::zeros({2, 3, 5, 7}), k2, cf).shape() == Shape{2, 6, 10, 14});
}

TEST_CASE("conv_transpose equals JAX's dilate-pad-flip formulation", "[nn]") {
  // Independent 1-D reference: dilate x by s, pad (left, right) per Keras's JAX rule, then
  // correlate with the flipped kernel.
  auto reference = [](const std::vector<double>& x, const std::vector<double>& k, int s, int d,
                      int left, int right) {
    const int ke = (static_cast<int>(k.size()) - 1) * d + 1;
    std::vector<double> z(static_cast<std::size_t>(left), 0.0);
    for (std::size_t i = 0; i < x.size(); ++i) {
      if (i) z.insert(z.end(), static_cast<std::size_t>(s - 1), 0.0);
      z.push_back(x[i]);
    }
    z.insert(z.end(), static_cast<std::size_t>(right), 0.0);
    std::vector<double> out(z.size() - static_cast<std::size_t>(ke) + 1, 0.0);
    for (std::size_t i = 0; i < out.size(); ++i)
      for (std::size_t j = 0; j < k.size(); ++j)
        out[i] += z[i + j * static_cast<std::size_t>(d)] * k[k.size() - 1 - j];
    return out;
  };
  const std::vector<double> xv{0.5, -1, 2, 3}, kv{1, -2, 0.5};
  struct Case {
    int s, d;
    std::string pad;
    std::optional<int> op;
    int left, right;
  };
  // (left, right) from _convert_conv_transpose_padding_args_from_keras_to_jax, by hand.
  for (const Case& c :
       {Case{2, 1, "valid", {}, 2, 2}, Case{2, 1, "same", {}, 2, 1}, Case{3, 1, "same", {}, 2, 2},
        Case{3, 1, "valid", {2}, 2, 4}, Case{1, 2, "same", {}, 2, 2}, Case{2, 2, "same", {1}, 3, 2},
        Case{3, 1, "same", {0}, 1, 1}}) {
    INFO("stride " << c.s << " dilation " << c.d << " " << c.pad);
    auto want = reference(xv, kv, c.s, c.d, c.left, c.right);
    std::optional<std::vector<std::int64_t>> op;
    if (c.op) op = std::vector<std::int64_t>{*c.op};
    Tensor got = ops::conv_transpose(tensor<double>(xv, {1, 4, 1}), tensor<double>(kv, {3, 1, 1}),
                                     tconv_opts({c.s}, c.pad, op, {c.d}));
    require_values(got, want, {1, static_cast<std::int64_t>(want.size()), 1});
  }
}

TEST_CASE("max_pool and average_pool: valid, same, strides, channels_first", "[nn]") {
  Tensor x = tensor<float>({1, 5, 2, 0, 3, 4, 8, 7, 0, -1, 6, 6, 9, 2, 3, 5}, {1, 4, 4, 1});
  require_values(ops::max_pool(x, pool_opts({2}, {}, "valid")), {5, 8, 9, 6}, {1, 2, 2, 1});
  require_values(ops::max_pool(x, pool_opts({3}, {{2}}, "same")), {8, 8, 9, 6}, {1, 2, 2, 1});

  Tensor y = tensor<float>({1, 2, 3, 4, 5}, {1, 5, 1});
  require_values(ops::average_pool(y, pool_opts({3}, {{1}}, "valid")), {2, 3, 4}, {1, 3, 1});
  // same: only in-bounds elements are counted (Keras-JAX divides by the window counts).
  require_values(ops::average_pool(y, pool_opts({2}, {{2}}, "same")), {1.5, 3.5, 5}, {1, 3, 1});
  require_values(ops::average_pool(y, pool_opts({3}, {{1}}, "same")), {1.5, 2, 3, 4, 4.5},
                 {1, 5, 1});

  Tensor z = tensor<float>({1, 3, 2, 5, 4, 0}, {1, 6, 1});
  require_values(ops::max_pool(z, pool_opts({2}, {}, "valid")), {3, 5, 4}, {1, 3, 1});
  require_values(ops::max_pool(z, pool_opts({3}, {{1}}, "valid")), {3, 5, 5, 5}, {1, 4, 1});

  Tensor cf = tensor<float>({1, 3, 2, 5, 10, 0, 20, 5}, {1, 2, 4});  // (N, C, L)
  require_values(ops::max_pool(cf, pool_opts({2}, {}, "valid", "channels_first")), {3, 5, 10, 20},
                 {1, 2, 2});
  require_values(ops::average_pool(cf, pool_opts({2}, {}, "valid", "channels_first")),
                 {2, 3.5, 5, 12.5}, {1, 2, 2});

  Tensor v = tensor<float>({1, 2, 3, 4, 5, 6, 7, 8}, {1, 2, 2, 2, 1});
  require_values(ops::max_pool(v, pool_opts({2}, {}, "valid")), {8}, {1, 1, 1, 1, 1});
  require_values(ops::average_pool(v, pool_opts({2}, {}, "valid")), {4.5}, {1, 1, 1, 1, 1});
  require_values(ops::average_pool(v, pool_opts({2, 1, 2}, {{1}}, "same")),
                 {3.5, 4, 5.5, 6, 5.5, 6, 7.5, 8}, {1, 2, 2, 2, 1});
  Tensor ints = tensor<std::int32_t>({1, 7, 3, 2}, {1, 4, 1});
  Tensor mi = ops::max_pool(ints, pool_opts({2}, {}, "valid"));
  CHECK(mi.dtype() == DType::int32);
  require_values(mi, {7, 3}, {1, 2, 1});
}

TEST_CASE("crossentropies match Keras values", "[nn]") {
  Tensor t = tensor<float>({0, 1, 0, 0.25, 0.75, 0}, {2, 3});
  Tensor p = tensor<float>({1, 2, 1, 0.5, 0.5, 0}, {2, 3});  // row 0 renormalised to sum 1
  require_values(ops::categorical_crossentropy(t, p), {std::log(2.0), std::log(2.0)}, {2});
  const double lse = std::log(std::exp(1.0) + std::exp(2.0) + std::exp(3.0));
  Tensor logits = tensor<float>({1, 2, 3}, {1, 3});
  require_values(ops::categorical_crossentropy(tensor<float>({0, 0, 1}, {1, 3}), logits, true),
                 {lse - 3}, {1});
  // A zero probability is clipped to epsilon, not log(0).
  require_values(
      ops::categorical_crossentropy(tensor<float>({0, 1}, {1, 2}), tensor<float>({1, 0}, {1, 2})),
      {-std::log(1e-7)}, {1}, 1e-4);
  // axis 0: classes along the first axis.
  require_values(ops::categorical_crossentropy(ops::transpose(t), ops::transpose(p), false, 0),
                 {std::log(2.0), std::log(2.0)}, {2});

  Tensor probs = tensor<float>({0.2, 0.5, 0.3, 0.1, 0.1, 0.8}, {2, 3});
  Tensor labels = tensor<std::int32_t>({1, 2}, {2});
  require_values(ops::sparse_categorical_crossentropy(labels, probs),
                 {-std::log(0.5), -std::log(0.8)}, {2});
  require_values(ops::sparse_categorical_crossentropy(ops::reshape(labels, {2, 1}), probs),
                 {-std::log(0.5), -std::log(0.8)}, {2});
  require_values(ops::sparse_categorical_crossentropy(tensor<float>({2}, {1}), logits, true),
                 {lse - 3}, {1});

  require_values(
      ops::binary_crossentropy(tensor<float>({0, 1, 1}, {3}), tensor<float>({0.1, 0.8, 1.0}, {3})),
      {-std::log(0.9), -std::log(0.8), 0}, {3});
  // Stable for extreme logits: softplus(100) = 100 exactly, no overflow.
  require_values(ops::binary_crossentropy(tensor<float>({0, 1, 0.5, 1}, {4}),
                                          tensor<float>({0, 2, -100, 100}, {4}), true),
                 {std::log(2.0), std::log1p(std::exp(-2.0)), 50, 0}, {4});
}

TEST_CASE("conv gradients match central differences", "[nn]") {
  using testing::check_gradients;
  using testing::random_tensor;
  auto conv_fn = [](ops::ConvOptions o) {
    return [o](auto& v) { return ops::conv(v[0], v[1], o); };
  };
  check_gradients(conv_fn(conv_opts({2}, "same", {1})),
                  {random_tensor({2, 7, 3}, 1), random_tensor({3, 3, 2}, 2)});
  check_gradients(conv_fn(conv_opts({1}, "causal", {2})),
                  {random_tensor({1, 6, 2}, 3), random_tensor({2, 2, 3}, 4)});
  check_gradients(conv_fn(conv_opts({2, 1}, "same", {1, 2})),
                  {random_tensor({2, 5, 6, 2}, 5), random_tensor({3, 2, 2, 3}, 6)});
  check_gradients(conv_fn(conv_opts({1}, "valid", {1}, "channels_first")),
                  {random_tensor({1, 2, 4, 4}, 7), random_tensor({2, 3, 2, 2}, 8)});
  check_gradients(conv_fn(conv_opts({1, 2, 1}, "same")),
                  {random_tensor({1, 3, 4, 3, 2}, 9), random_tensor({2, 2, 2, 2, 2}, 10)});
  // grouped: 4 channels, kernel in-channels 2 -> 2 groups.
  check_gradients(conv_fn(conv_opts({1}, "valid")),
                  {random_tensor({2, 4, 4, 4}, 11), random_tensor({2, 2, 2, 6}, 12)});
  check_gradients([](auto& v) { return ops::depthwise_conv(v[0], v[1], conv_opts({2}, "same")); },
                  {random_tensor({2, 5, 5, 3}, 13), random_tensor({3, 3, 3, 2}, 14)});
  for (const auto& o : {tconv_opts({2}, "valid"), tconv_opts({2, 3}, "same"),
                        tconv_opts({2}, "valid", {{1}}), tconv_opts({1}, "same", {}, {2})}) {
    check_gradients([o](auto& v) { return ops::conv_transpose(v[0], v[1], o); },
                    {random_tensor({2, 3, 2, 3}, 15), random_tensor({3, 2, 2, 3}, 16)});
  }
  check_gradients([](auto& v) { return ops::conv_transpose(v[0], v[1], tconv_opts({2}, "same")); },
                  {random_tensor({1, 3, 2}, 17), random_tensor({4, 3, 2}, 18)});
}

TEST_CASE("pooling and crossentropy gradients match central differences", "[nn]") {
  using testing::check_gradients;
  using testing::random_tensor;
  Tensor x = random_tensor({2, 5, 6, 2}, 21);
  for (const auto& o : {pool_opts({2}, {}, "valid"), pool_opts({3}, {{2}}, "same"),
                        pool_opts({2, 3}, {{1, 2}}, "same", "channels_first")}) {
    check_gradients([o](auto& v) { return ops::max_pool(v[0], o); }, {x});
    check_gradients([o](auto& v) { return ops::average_pool(v[0], o); }, {x});
  }
  check_gradients([](auto& v) { return ops::average_pool(v[0], pool_opts({2}, {{1}}, "same")); },
                  {random_tensor({1, 5, 2}, 22)});
  check_gradients([](auto& v) { return ops::max_pool(v[0], pool_opts({2}, {}, "same")); },
                  {random_tensor({1, 3, 3, 3, 1}, 23)});

  Tensor target = ops::softmax(random_tensor({4, 5}, 24));
  Tensor probs = random_tensor({4, 5}, 25, 0.1, 1.0);
  Tensor logits = random_tensor({4, 5}, 26, -3, 3);
  for (bool from_logits : {false, true}) {
    Tensor out = from_logits ? logits : probs;
    check_gradients(
        [from_logits](auto& v) { return ops::categorical_crossentropy(v[0], v[1], from_logits); },
        {target, out});
    check_gradients(
        [from_logits](auto& v) {
          return ops::categorical_crossentropy(v[0], v[1], from_logits, 0);
        },
        {target, out});
    check_gradients(
        [from_logits](auto& v) {
          return ops::sparse_categorical_crossentropy(v[0], v[1], from_logits);
        },
        {tensor<std::int32_t>({0, 4, 2, 1}, {4}), out});
    Tensor bin_out = from_logits ? logits : random_tensor({4, 5}, 27, 0.05, 0.95);
    check_gradients(
        [from_logits](auto& v) { return ops::binary_crossentropy(v[0], v[1], from_logits); },
        {random_tensor({4, 5}, 28, 0, 1), bin_out});
  }
}

TEST_CASE("nn ops agree across backends", "[nn]") {
  using testing::check_backends_agree;
  auto r = [](const Shape& s, std::uint32_t seed) {
    return testing::random_tensor(s, seed, -1, 1, DType::float32);
  };
  check_backends_agree([](auto& v) { return ops::conv(v[0], v[1], conv_opts({2}, "same")); },
                       {r({2, 9, 8, 3}, 31), r({3, 3, 3, 5}, 32)});
  check_backends_agree([](auto& v) { return ops::conv(v[0], v[1], conv_opts({1}, "causal", {2})); },
                       {r({2, 9, 4}, 33), r({3, 2, 4}, 34)});
  check_backends_agree(
      [](auto& v) {
        return ops::conv(v[0], v[1], conv_opts({1, 2, 1}, "valid"));
      },
      {r({1, 4, 5, 4, 4}, 35), r({2, 2, 2, 2, 6}, 36)});
  check_backends_agree([](auto& v) { return ops::depthwise_conv(v[0], v[1]); },
                       {r({2, 6, 6, 3}, 37), r({3, 3, 3, 2}, 38)});
  check_backends_agree(
      [](auto& v) { return ops::conv_transpose(v[0], v[1], tconv_opts({2}, "same", {{1}})); },
      {r({2, 4, 5, 3}, 39), r({3, 3, 4, 3}, 40)});
  check_backends_agree([](auto& v) { return ops::max_pool(v[0], pool_opts({3}, {{2}}, "same")); },
                       {r({2, 7, 6, 3}, 41)});
  check_backends_agree(
      [](auto& v) { return ops::average_pool(v[0], pool_opts({3}, {{2}}, "same")); },
      {r({2, 7, 6, 3}, 42)});
  check_backends_agree([](auto& v) { return ops::categorical_crossentropy(v[0], v[1], true); },
                       {r({3, 5}, 43), r({3, 5}, 44)});
  check_backends_agree([](auto& v) { return ops::binary_crossentropy(v[0], v[1], true); },
                       {r({3, 5}, 45), r({3, 5}, 46)});
  check_backends_agree([](auto& v) { return ops::sparse_categorical_crossentropy(v[0], v[1]); },
                       {tensor<std::int32_t>({0, 2, 4}, {3}), ops::abs(r({3, 5}, 47))});
}

TEST_CASE("nn ops reject bad arguments with ValueError", "[nn]") {
  using Catch::Contains;
  Tensor k33 = ops::zeros({3, 3, 1, 8});
  REQUIRE_THROWS_AS(ops::conv(ops::zeros({28, 28}), k33), ValueError);
  REQUIRE_THROWS_WITH(ops::conv(ops::zeros({28, 28}), k33),
                      Contains("conv: expected inputs of rank 4 for a 2-D kernel of shape "
                               "(3, 3, 1, 8), received inputs of shape (28, 28)"));
  REQUIRE_THROWS_WITH(ops::conv(ops::zeros({1, 5, 5, 3}), ops::zeros({3, 3, 2, 4})),
                      Contains("(1, 5, 5, 3)") && Contains("(3, 3, 2, 4)") && Contains("multiple"));
  REQUIRE_THROWS_WITH(ops::conv(ops::zeros({1, 5, 5, 4}), ops::zeros({3, 3, 2, 3})),
                      Contains("groups"));
  REQUIRE_THROWS_WITH(ops::conv(ops::zeros({1, 2, 2, 1}), ops::zeros({3, 3, 1, 1})),
                      Contains("larger than the padded input") && Contains("(1, 2, 2, 1)"));
  REQUIRE_THROWS_WITH(
      ops::conv(ops::zeros({1, 5, 1}), ops::zeros({3, 1, 1}), conv_opts({1}, "valid", {3})),
      Contains("dilated size 7"));
  REQUIRE_THROWS_WITH(
      ops::conv(ops::zeros({1, 5, 5, 1}), ops::zeros({3, 3, 1, 1}), conv_opts({1}, "full")),
      Contains("'full'"));
  REQUIRE_THROWS_WITH(
      ops::conv(ops::zeros({1, 5, 5, 1}), ops::zeros({3, 3, 1, 1}), conv_opts({1}, "causal")),
      Contains("'causal'") && Contains("2-D"));
  REQUIRE_THROWS_WITH(ops::conv(ops::zeros({1, 5, 5, 1}), ops::zeros({3, 3, 1, 1}),
                                conv_opts({1}, "valid", {1}, "NHWC")),
                      Contains("'NHWC'"));
  REQUIRE_THROWS_WITH(
      ops::conv(ops::zeros({1, 5, 5, 1}), ops::zeros({3, 3, 1, 1}), conv_opts({1, 2, 3}, "valid")),
      Contains("strides") && Contains("(1, 2, 3)"));
  REQUIRE_THROWS_WITH(
      ops::conv(ops::zeros({1, 5, 5, 1}), ops::zeros({3, 3, 1, 1}), conv_opts({0}, "valid")),
      Contains("strides"));
  REQUIRE_THROWS_WITH(ops::conv(ops::zeros({1, 5, 1}), ops::zeros({3})),
                      Contains("kernel of shape (3,)"));
  REQUIRE_THROWS_WITH(ops::depthwise_conv(ops::zeros({1, 5, 5, 3}), ops::zeros({3, 3, 2, 1})),
                      Contains("depthwise_conv") && Contains("(3, 3, 2, 1)"));
  REQUIRE_THROWS_WITH(
      ops::conv_transpose(ops::zeros({1, 5, 5, 3}), ops::zeros({3, 3, 3, 2})),
      Contains("conv_transpose") && Contains("(1, 5, 5, 3)") && Contains("(3, 3, 3, 2)"));
  REQUIRE_THROWS_WITH(
      ops::conv_transpose(ops::zeros({1, 5, 2}), ops::zeros({3, 2, 2}), tconv_opts({1}, "causal")),
      Contains("'causal'"));
  REQUIRE_THROWS_WITH(ops::conv_transpose(ops::zeros({1, 5, 2}), ops::zeros({3, 2, 2}),
                                          tconv_opts({2}, "valid", {{-1}})),
                      Contains("output_padding"));

  REQUIRE_THROWS_AS(ops::max_pool(ops::zeros({1, 2, 2, 1}), pool_opts({3}, {}, "valid")),
                    ValueError);
  REQUIRE_THROWS_WITH(ops::max_pool(ops::zeros({1, 2, 2, 1}), pool_opts({3}, {}, "valid")),
                      Contains("max_pool") && Contains("(1, 2, 2, 1)"));
  REQUIRE_THROWS_WITH(ops::average_pool(ops::zeros({4, 4}), pool_opts({2}, {}, "valid")),
                      Contains("average_pool") && Contains("(4, 4)"));
  REQUIRE_THROWS_WITH(ops::average_pool(ops::zeros({1, 4, 1}), pool_opts({2}, {}, "causal")),
                      Contains("'causal'"));
  REQUIRE_THROWS_WITH(ops::max_pool(ops::zeros({1, 4, 1}), pool_opts({2}, {}, "valid", "NCW")),
                      Contains("'NCW'"));

  REQUIRE_THROWS_WITH(ops::categorical_crossentropy(ops::zeros({2, 3}), ops::zeros({2, 4})),
                      Contains("(2, 3)") && Contains("(2, 4)"));
  REQUIRE_THROWS_WITH(
      ops::sparse_categorical_crossentropy(ops::zeros({3}, DType::int32), ops::ones({2, 4})),
      Contains("(3,)") && Contains("(2, 4)"));
  REQUIRE_THROWS_WITH(
      ops::sparse_categorical_crossentropy(tensor<std::int32_t>({0, 4}, {2}), ops::ones({2, 4})),
      Contains("target value 4 is out of range for 4 classes"));
  REQUIRE_THROWS_WITH(
      ops::sparse_categorical_crossentropy(tensor<std::int32_t>({-1, 0}, {2}), ops::ones({2, 4})),
      Contains("-1"));
  REQUIRE_THROWS_WITH(ops::binary_crossentropy(ops::zeros({3}), ops::zeros({3, 1})),
                      Contains("binary_crossentropy") && Contains("(3, 1)"));
}
