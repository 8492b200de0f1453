#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <set>

#include "test_util.hpp"

// Internal to random.cpp (external linkage so it can be checked against known answers).
namespace keras::random::detail {
std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> ctr,
                                           std::array<std::uint32_t, 2> key);
}

using namespace keras;
namespace kr = keras::random;

namespace {

struct Moments {
  double mean, stddev, min, max;
};
Moments moments(const Tensor& t) {
  auto v = t.to_vector<double>();
  double sum = 0, sq = 0;
  for (double x : v) sum += x;
  const double mean = sum / static_cast<double>(v.size());
  for (double x : v) sq += (x - mean) * (x - mean);
  const auto [lo, hi] = std::minmax_element(v.begin(), v.end());
  return {mean, std::sqrt(sq / static_cast<double>(v.size())), *lo, *hi};
}

constexpr std::uint64_t kSeed = 1234;

}  // namespace

TEST_CASE("Philox-4x32-10 matches Random123's known-answer vectors", "[random]") {
  using kr::detail::philox4x32_10;
  using Block = std::array<std::uint32_t, 4>;
  // Random123 tests/kat_vectors, "philox4x32 10" lines: counter, key -> output.
  CHECK(philox4x32_10({0, 0, 0, 0}, {0, 0}) ==
        Block{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8});
  CHECK(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}) ==
        Block{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd});
  CHECK(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}) ==
        Block{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1});
}

TEST_CASE("uniform float32 takes the top 24 bits of each Philox word", "[random]") {
  // Seed 0, first draw: counter and key all zero, so the words are the first KAT output.
  // This pins the stream layout: changing it silently would change every seeded model.
  auto v = kr::uniform({4}, 0.0, 1.0, DType::float32, std::uint64_t{0}).to_vector<double>();
  const std::array<std::uint32_t, 4> words{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8};
  for (int i = 0; i < 4; ++i) CHECK(v[i] == static_cast<double>(words[i] >> 8) / 16777216.0);
}

TEST_CASE("the Philox stream is pinned across blocks, keys and draw counters", "[random]") {
  // Expected words from an independent Python Philox-4x32-10 (checked against the three
  // Random123 kat_vectors above) with the layout random.cpp documents:
  //   key = (seed low, seed high), counter = (block low, block high, draw low, draw high).
  // Several blocks per draw (a stream that skipped or repeated block 1 fails), a seed using
  // both key words, and three consecutive draws of one SeedGenerator (counter 0, 1, 2).
  //   def words(seed, draw, blocks):
  //       return sum((philox([b, 0, draw, 0], [seed & 0xffffffff, seed >> 32])
  //                   for b in range(blocks)), [])
  using Words = std::vector<std::uint32_t>;
  auto require_words = [](const Tensor& t, const Words& words) {
    auto v = t.to_vector<double>();
    REQUIRE(v.size() == words.size());
    for (std::size_t i = 0; i < words.size(); ++i) {
      INFO("element " << i << " (block " << i / 4 << ")");
      CHECK(v[i] == static_cast<double>(words[i] >> 8) / 16777216.0);
    }
  };
  require_words(kr::uniform({16}, 0.0, 1.0, DType::float32, 0),
                {0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8, 0xf8e4cca4, 0x5cb200db, 0xb1a574eb,
                 0x097eff67, 0x04faa329, 0x51c732a6, 0x241513ad, 0x459135e4, 0xc990ef29, 0x6a4474a6,
                 0x9ac9134f, 0x6d413e04});
  require_words(kr::uniform({12}, 0.0, 1.0, DType::float32, std::uint64_t{0x0123456789abcdef}),
                {0xb850222e, 0xc58cb04b, 0x14a7a020, 0x7a84fff9, 0xadca1466, 0x523e0d85, 0x65401425,
                 0xb299da3f, 0xf7ce299f, 0x823ccb40, 0x4fefe3cc, 0x1a8fe6b6});
  kr::SeedGenerator gen(1234);
  require_words(kr::uniform({8}, 0.0, 1.0, DType::float32, gen),
                {0x2090b348, 0xda7cf0ab, 0x4401906f, 0xcbca470e, 0x9eeede35, 0x1cbe137c, 0xfa277093,
                 0x147edd50});
  require_words(kr::uniform({8}, 0.0, 1.0, DType::float32, gen),
                {0xd115a128, 0x52fc7c75, 0xc7f33f17, 0x0f1539db, 0x07129e5f, 0x653d7a73, 0x1d8331c1,
                 0x86ff06af});
  require_words(kr::uniform({8}, 0.0, 1.0, DType::float32, gen),
                {0x8b438957, 0xec6a41f7, 0x71067dfe, 0x421d9aa5, 0x53567ba9, 0xf6822cd6, 0x9547f212,
                 0x4383b7da});

  // float64 takes two words per value (27 + 26 bits): four values span blocks 0 and 1.
  auto d = kr::uniform({4}, 0.0, 1.0, DType::float64, 0).to_vector<double>();
  const Words w{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8,
                0xf8e4cca4, 0x5cb200db, 0xb1a574eb, 0x097eff67};
  for (std::size_t i = 0; i < 4; ++i)
    CHECK(d[i] == (static_cast<double>(w[2 * i] >> 5) * 67108864.0 +
                   static_cast<double>(w[2 * i + 1] >> 6)) *
                      0x1.0p-53);
}

TEST_CASE("an int seed repeats, different seeds differ", "[random]") {
  auto a = kr::uniform({64}, 0.0, 1.0, DType::float32, kSeed).to_vector<float>();
  auto b = kr::uniform({64}, 0.0, 1.0, DType::float32, kSeed).to_vector<float>();
  auto c = kr::uniform({64}, 0.0, 1.0, DType::float32, kSeed + 1).to_vector<float>();
  CHECK(a == b);
  CHECK(a != c);
  CHECK(kr::normal({33}, 0, 1, DType::float32, kSeed).to_vector<float>() ==
        kr::normal({33}, 0, 1, DType::float32, kSeed).to_vector<float>());
  CHECK(kr::randint({50}, 0, 1000, DType::int32, kSeed).to_vector<int>() ==
        kr::randint({50}, 0, 1000, DType::int32, kSeed).to_vector<int>());
  // A prefix of a larger draw: element i depends only on (seed, i).
  auto longer = kr::uniform({100}, 0.0, 1.0, DType::float32, kSeed).to_vector<float>();
  CHECK(std::equal(a.begin(), a.end(), longer.begin()));
}

TEST_CASE("a SeedGenerator advances and its copies share the state", "[random]") {
  kr::SeedGenerator gen(kSeed);
  auto first = kr::normal({16}, 0, 1, DType::float32, gen).to_vector<float>();
  auto second = kr::normal({16}, 0, 1, DType::float32, gen).to_vector<float>();
  CHECK(first != second);
  // Same seed, fresh generator: the same sequence again. Its first draw is the int seed's,
  // as in Keras (an int seed is the state (seed, 0)).
  kr::SeedGenerator again(kSeed);
  CHECK(kr::normal({16}, 0, 1, DType::float32, again).to_vector<float>() == first);
  CHECK(kr::normal({16}, 0, 1, DType::float32, kSeed).to_vector<float>() == first);
  kr::SeedGenerator copy = again;  // shares the counter, like a Python reference
  CHECK(kr::normal({16}, 0, 1, DType::float32, copy).to_vector<float>() == second);
  CHECK(again.next().second == 2);

  // Unseeded generators and the global generator still give fresh numbers every draw.
  kr::SeedGenerator unseeded;
  CHECK(kr::uniform({8}, 0, 1, DType::float32, unseeded).to_vector<float>() !=
        kr::uniform({8}, 0, 1, DType::float32, unseeded).to_vector<float>());
  CHECK(kr::uniform({8}).to_vector<float>() != kr::uniform({8}).to_vector<float>());
}

TEST_CASE("uniform has the right range and moments", "[random]") {
  for (DType dtype : {DType::float32, DType::float64}) {
    INFO("dtype " << dtype_name(dtype));
    Tensor t = kr::uniform({100000}, -2.0, 3.0, dtype, kSeed);
    CHECK(t.dtype() == dtype);
    CHECK(t.shape() == Shape{100000});
    auto m = moments(t);
    CHECK(m.min >= -2.0);
    CHECK(m.max < 3.0);
    CHECK(m.mean == Approx(0.5).margin(0.03));  // sd of the mean ~0.0046
    CHECK(m.stddev == Approx(5.0 / std::sqrt(12.0)).margin(0.02));
  }
  // float64 draws use 53 bits: values are not all multiples of 2^-24.
  auto v = kr::uniform({64}, 0.0, 1.0, DType::float64, kSeed).to_vector<double>();
  CHECK(std::any_of(v.begin(), v.end(),
                    [](double x) { return x * 16777216.0 != std::floor(x * 16777216.0); }));
  CHECK(kr::uniform({2, 0, 3}, 0, 1, DType::float32, kSeed).size() == 0);
}

TEST_CASE("normal has the right moments", "[random]") {
  for (DType dtype : {DType::float32, DType::float64}) {
    INFO("dtype " << dtype_name(dtype));
    Tensor t = kr::normal({100001}, 2.0, 3.0, dtype, kSeed);  // odd: last pair half used
    CHECK(t.dtype() == dtype);
    auto m = moments(t);
    CHECK(m.mean == Approx(2.0).margin(0.05));  // sd of the mean ~0.0095
    CHECK(m.stddev == Approx(3.0).margin(0.05));
    CHECK(m.max > 2.0 + 3 * 3.0);  // tails exist: P(z > 3) * 1e5 ~ 135 samples
  }
}

TEST_CASE("truncated_normal redraws beyond two standard deviations", "[random]") {
  for (DType dtype : {DType::float32, DType::float64}) {
    INFO("dtype " << dtype_name(dtype));
    Tensor t = kr::truncated_normal({100000}, 1.0, 0.5, dtype, kSeed);
    CHECK(t.dtype() == dtype);
    auto m = moments(t);
    CHECK(m.min >= 1.0 - 2 * 0.5 - 1e-6);
    CHECK(m.max <= 1.0 + 2 * 0.5 + 1e-6);
    CHECK(m.mean == Approx(1.0).margin(0.01));
    // The standard deviation of N(0, 1) truncated to [-2, 2] is 0.8796.
    CHECK(m.stddev == Approx(0.8796 * 0.5).margin(0.01));
    CHECK(m.max > 1.0 + 1.9 * 0.5);  // redrawn, not clipped into a pile at the bound
  }
  auto v = kr::truncated_normal({1000}, 0, 1, DType::float32, kSeed).to_vector<float>();
  CHECK(std::count(v.begin(), v.end(), 2.0f) == 0);
}

TEST_CASE("random floats reject integer dtypes", "[random][errors]") {
  REQUIRE_THROWS_AS(kr::uniform({2}, 0, 1, DType::int32), ValueError);
  REQUIRE_THROWS_WITH(kr::normal({2}, 0, 1, DType::bool_), Catch::Contains("floating"));
  REQUIRE_THROWS_AS(kr::truncated_normal({2}, 0, 1, DType::int64), ValueError);
  REQUIRE_THROWS_AS(kr::uniform({-1}, 0, 1), ValueError);
}

TEST_CASE("randint covers minval to maxval - 1 evenly", "[random]") {
  Tensor t = kr::randint({100000}, -3, 7, DType::int32, kSeed);
  CHECK(t.dtype() == DType::int32);
  auto v = t.to_vector<std::int64_t>();
  std::array<int, 10> counts{};
  for (auto x : v) {
    REQUIRE(x >= -3);
    REQUIRE(x < 7);
    ++counts[static_cast<std::size_t>(x + 3)];
  }
  for (int c : counts) CHECK(c == Approx(10000).margin(500));  // sd ~95
  CHECK(kr::randint({4}, 0, 256, DType::uint8, kSeed).dtype() == DType::uint8);
  // The whole int64 range (its width overflows int64) works and is spread out.
  auto wide = kr::randint({1000}, std::numeric_limits<std::int64_t>::min(),
                          std::numeric_limits<std::int64_t>::max(), DType::int64, kSeed)
                  .to_vector<std::int64_t>();
  CHECK(std::count_if(wide.begin(), wide.end(), [](auto x) { return x < 0; }) ==
        Approx(500).margin(100));
  CHECK(std::set<std::int64_t>(wide.begin(), wide.end()).size() == 1000);
  CHECK(kr::randint({5}, 4, 5, DType::int64, kSeed).to_vector<int>() ==
        std::vector<int>{4, 4, 4, 4, 4});
}

TEST_CASE("randint validates its arguments", "[random][errors]") {
  REQUIRE_THROWS_AS(kr::randint({2}, 0, 10, DType::float32), TypeError);
  REQUIRE_THROWS_AS(kr::randint({2}, 0, 2, DType::bool_), TypeError);
  REQUIRE_THROWS_WITH(kr::randint({2}, 5, 5), Catch::Contains("minval < maxval"));
  REQUIRE_THROWS_WITH(kr::randint({2}, 0, 257, DType::uint8), Catch::Contains("uint8"));
  REQUIRE_THROWS_AS(kr::randint({2}, -1, 3, DType::uint8), ValueError);
  REQUIRE_THROWS_AS(kr::randint({2}, 0, std::int64_t{1} << 40, DType::int32), ValueError);
}

TEST_CASE("dropout keeps 1 - rate of the values, scaled by 1 / (1 - rate)", "[random]") {
  for (DType dtype : {DType::float32, DType::float64}) {
    INFO("dtype " << dtype_name(dtype));
    Tensor x = ops::ones({100000}, dtype);
    Tensor y = kr::dropout(x, 0.3, std::nullopt, kSeed);
    CHECK(y.dtype() == dtype);
    CHECK(y.shape() == x.shape());
    auto v = y.to_vector<double>();
    const auto kept = std::count_if(v.begin(), v.end(), [](double e) { return e != 0; });
    CHECK(static_cast<double>(kept) == Approx(70000).margin(600));  // sd ~145
    for (double e : v)
      if (e != 0) REQUIRE(e == Approx(1.0 / 0.7).epsilon(1e-6));
    CHECK(moments(y).mean == Approx(1.0).margin(0.01));  // the scaling keeps the expectation
    CHECK(kr::dropout(x, 0.3, std::nullopt, kSeed).to_vector<double>() == v);
  }
}

TEST_CASE("dropout with rate 0 is the identity, and rate must be below 1", "[random][errors]") {
  Tensor x = testing::random_tensor({3, 4}, 1);
  CHECK(kr::dropout(x, 0.0).impl_ptr() == x.impl_ptr());
  REQUIRE_THROWS_AS(kr::dropout(x, 1.0), ValueError);
  REQUIRE_THROWS_WITH(kr::dropout(x, -0.1), Catch::Contains("[0, 1)"));
  REQUIRE_THROWS_AS(kr::dropout(x, std::nan("")), ValueError);
}

TEST_CASE("dropout's noise_shape shares one mask value along its size-1 dims", "[random]") {
  Tensor x = ops::ones({200, 5});
  Tensor y = kr::dropout(x, 0.5, Shape{200, 1}, kSeed);
  auto v = y.to_vector<float>();
  int dropped_rows = 0;
  for (int r = 0; r < 200; ++r) {
    for (int c = 1; c < 5; ++c) REQUIRE(v[r * 5 + c] == v[r * 5]);  // whole rows kept or not
    dropped_rows += v[r * 5] == 0;
  }
  CHECK(dropped_rows > 60);
  CHECK(dropped_rows < 140);
  // -1 stands for Keras's None (take the dimension from x); lower rank aligns from the right.
  Tensor z = kr::dropout(x, 0.5, Shape{-1, 1}, kSeed);
  CHECK(z.to_vector<float>() == v);
  auto cv = kr::dropout(x, 0.5, Shape{5}, kSeed).to_vector<float>();
  for (int r = 1; r < 200; ++r)
    for (int c = 0; c < 5; ++c) REQUIRE(cv[r * 5 + c] == cv[c]);
  REQUIRE_THROWS_WITH(kr::dropout(x, 0.5, Shape{3, 1}, kSeed),
                      Catch::Contains("(3, 1)") && Catch::Contains("(200, 5)"));
  REQUIRE_THROWS_AS(kr::dropout(x, 0.5, Shape{1, 200, 5}, kSeed), ValueError);
}

TEST_CASE("dropout's gradient is its mask", "[random][autodiff]") {
  Tensor x = testing::random_tensor({8, 16}, 3);  // float64
  GradientTape tape;
  Tensor xw = tape.watch(x);
  Tensor y = kr::dropout(xw, 0.25, std::nullopt, kSeed);
  auto grads = tape.gradient(ops::sum(y), {xw});
  REQUIRE(grads[0].defined());
  // The same seed gives the same mask; ones through dropout is the mask itself.
  Tensor mask = kr::dropout(ops::ones({8, 16}, DType::float64), 0.25, std::nullopt, kSeed);
  testing::require_close(grads[0], mask, 1e-12, 0);
  testing::require_close(y, ops::multiply(x, mask), 1e-12, 0);
  // Integer inputs come out floating (as x / keep_prob does in Keras).
  Tensor xi = tensor<std::int32_t>({1, 2, 3, 4}, {4});
  CHECK(kr::dropout(xi, 0.5, std::nullopt, kSeed).dtype() == DType::float32);
}

TEST_CASE("a seed gives the same numbers on every backend", "[random][backend]") {
  auto draw_all = [] {
    std::vector<std::vector<double>> out;
    out.push_back(kr::uniform({1000}, -1, 1, DType::float32, kSeed).to_vector<double>());
    out.push_back(kr::uniform({1000}, -1, 1, DType::float64, kSeed).to_vector<double>());
    out.push_back(kr::normal({999}, 0, 2, DType::float32, kSeed).to_vector<double>());
    out.push_back(kr::truncated_normal({999}, 0, 2, DType::float64, kSeed).to_vector<double>());
    out.push_back(kr::randint({1000}, 0, 77, DType::int64, kSeed).to_vector<double>());
    out.push_back(kr::dropout(ops::ones({40, 25}), 0.4, Shape{40, 1}, kSeed).to_vector<double>());
    kr::SeedGenerator gen(99);
    kr::normal({10}, 0, 1, DType::float32, gen);
    out.push_back(kr::normal({10}, 0, 1, DType::float32, gen).to_vector<double>());
    return out;
  };
  std::vector<std::vector<double>> reference;
  {
    testing::BackendScope scope("reference");
    reference = draw_all();
  }
  auto names = backend::available();
  REQUIRE(std::find(names.begin(), names.end(), "reference") != names.end());
  for (const auto& name : names) {
    INFO("backend " << name);
    testing::BackendScope scope(name);
    auto got = draw_all();
    for (std::size_t i = 0; i < got.size(); ++i) CHECK(got[i] == reference[i]);
  }
}
