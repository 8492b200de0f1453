// Unary, binary, reduce, fill, cast and copy kernels.
// Kernel-level tests of every compiled-in backend (blas and reference in the blas build,
// reference alone otherwise): each kernel runs through keras::backend::get(name) on random
// inputs with odd sizes that hit every fast path and fallback of the blas backend, and is
// compared with a naive double oracle, so the tests check something in either build.
#include "kernel_test_support.hpp"

using namespace kernel_test;

namespace {
const UnaryOp kUnaryOps[] = {
    UnaryOp::negative,     UnaryOp::abs,        UnaryOp::sign,        UnaryOp::exp,
    UnaryOp::expm1,        UnaryOp::log,        UnaryOp::log1p,       UnaryOp::sqrt,
    UnaryOp::rsqrt,        UnaryOp::square,     UnaryOp::reciprocal,  UnaryOp::sin,
    UnaryOp::cos,          UnaryOp::tanh,       UnaryOp::sigmoid,     UnaryOp::relu,
    UnaryOp::relu6,        UnaryOp::elu,        UnaryOp::selu,        UnaryOp::softplus,
    UnaryOp::softsign,     UnaryOp::gelu_tanh,  UnaryOp::gelu_erf,    UnaryOp::silu,
    UnaryOp::hard_sigmoid, UnaryOp::leaky_relu, UnaryOp::erf,         UnaryOp::round,
    UnaryOp::floor,        UnaryOp::ceil,       UnaryOp::logical_not, UnaryOp::isnan,
    UnaryOp::isinf,        UnaryOp::isfinite};
bool unary_writes_bool(UnaryOp op) {
  return op == UnaryOp::logical_not || op == UnaryOp::isnan || op == UnaryOp::isinf ||
         op == UnaryOp::isfinite;
}
}  // namespace

TEST_CASE("every unary op on float32 and float64 matches apply_unary", "[blas]") {
  // 40007 values: several parallel chunks and a partial SIMD tail.
  for (Idx n : {Idx(7), Idx(1003), Idx(40007)}) {
    ThreadsScope threads(n > 20000 ? 2 : 1);
    Vec base = random_values(n, 41, -6, 6);
    const Vec special{0.0,   -0.0,   0.5,  -0.5, 1.5,   2.5,   -2.5,   30.0, -30.0,
                      100.0, -100.0, kNaN, kInf, -kInf, 1e-30, -1e-30, 6.0,  -3.0};
    for (std::size_t i = 0; i < special.size() && i < base.size(); ++i)
      base[i * 3 % base.size()] = special[i];
    for (DType dt : kFloatTypes)
      for (UnaryOp op : kUnaryOps) {
        const double alpha = op == UnaryOp::leaky_relu ? 0.2 : 1.3;
        Vec x = base;
        if (op == UnaryOp::log || op == UnaryOp::sqrt || op == UnaryOp::rsqrt ||
            op == UnaryOp::log1p)
          for (auto& v : x) v = std::isnan(v) ? v : std::fabs(v);
        x = rounded(x, dt);
        const DType out_dt = unary_writes_bool(op) ? DType::bool_ : dt;
        Vec want(x.size());
        for (std::size_t i = 0; i < x.size(); ++i)
          want[i] = round_to(apply_unary(op, x[i], alpha), out_dt);
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto in = make(be, x, dt);
          auto out = make_empty(be, n, out_dt);
          be.unary(op, *in, *out, n, dt, alpha);
          check_close(read(be, *out, n, out_dt), want,
                      name + " unary op " + std::to_string(static_cast<int>(op)) + " " +
                          std::string(dtype_name(dt)) + " n=" + std::to_string(n));
        }
      }
  }
}

TEST_CASE("unary ops at hand-computed points", "[blas]") {
  struct Point {
    UnaryOp op;
    double x, alpha, want;
  };
  const std::vector<Point> points{{UnaryOp::sigmoid, 0, 0, 0.5},
                                  {UnaryOp::relu6, 7, 0, 6},
                                  {UnaryOp::hard_sigmoid, 0, 0, 0.5},
                                  {UnaryOp::hard_sigmoid, kNaN, 0, kNaN},
                                  {UnaryOp::gelu_erf, 1, 0, 0.8413447460685429},
                                  {UnaryOp::gelu_tanh, 1, 0, 0.8411919906082768},
                                  {UnaryOp::softplus, 0, 0, 0.6931471805599453},
                                  {UnaryOp::selu, -1, 0, -1.1113307378125625},
                                  {UnaryOp::elu, -1, 0.5, -0.31606027941427883},
                                  {UnaryOp::leaky_relu, -2, 0.2, -0.4},
                                  {UnaryOp::round, 2.5, 0, 2},
                                  {UnaryOp::round, -0.5, 0, 0},
                                  {UnaryOp::sign, kNaN, 0, kNaN},
                                  {UnaryOp::silu, 1, 0, 0.7310585786300049},
                                  {UnaryOp::relu, kNaN, 0, kNaN},
                                  {UnaryOp::softsign, 3, 0, 0.75},
                                  {UnaryOp::erf, 0.5, 0, 0.5204998778130465}};
  for (const auto& name : available())
    for (DType dt : kFloatTypes)
      for (const auto& p : points) {
        Backend& be = get(name);
        auto in = make(be, {p.x}, dt);
        auto out = make_empty(be, 1, dt);
        be.unary(p.op, *in, *out, 1, dt, p.alpha);
        check_close(read(be, *out, 1, dt), {p.want},
                    name + " unary op " + std::to_string(static_cast<int>(p.op)) + " at " +
                        std::to_string(p.x));
      }
}

namespace {
const BinaryOp kBinaryOps[] = {
    BinaryOp::add,           BinaryOp::subtract,    BinaryOp::multiply,   BinaryOp::divide,
    BinaryOp::power,         BinaryOp::maximum,     BinaryOp::minimum,    BinaryOp::equal,
    BinaryOp::not_equal,     BinaryOp::less,        BinaryOp::less_equal, BinaryOp::greater,
    BinaryOp::greater_equal, BinaryOp::logical_and, BinaryOp::logical_or, BinaryOp::logical_xor,
    BinaryOp::floor_divide,  BinaryOp::mod};

// NumPy semantics in double (floats) or in int64 (integers; x / 0 gives 0 as the kernels do).
double binary_oracle(BinaryOp op, double a, double b, bool integer) {
  switch (op) {
    case BinaryOp::add: return a + b;
    case BinaryOp::subtract: return a - b;
    case BinaryOp::multiply: return a * b;
    case BinaryOp::maximum: return std::isnan(a) || std::isnan(b) ? kNaN : std::max(a, b);
    case BinaryOp::minimum: return std::isnan(a) || std::isnan(b) ? kNaN : std::min(a, b);
    case BinaryOp::equal: return a == b;
    case BinaryOp::not_equal: return a != b;
    case BinaryOp::less: return a < b;
    case BinaryOp::less_equal: return a <= b;
    case BinaryOp::greater: return a > b;
    case BinaryOp::greater_equal: return a >= b;
    case BinaryOp::logical_and: return a != 0 && b != 0;
    case BinaryOp::logical_or: return a != 0 || b != 0;
    case BinaryOp::logical_xor: return (a != 0) != (b != 0);
    default: break;
  }
  if (integer) {
    if (op == BinaryOp::power) return b < 0 ? (a == 1 ? 1 : 0) : std::pow(a, b);
    if (b == 0) return 0;
    const double q = std::floor(a / b);
    if (op == BinaryOp::divide) return std::trunc(a / b);
    return op == BinaryOp::floor_divide ? q : a - q * b;
  }
  switch (op) {
    case BinaryOp::divide: return a / b;
    case BinaryOp::power: return std::pow(a, b);
    case BinaryOp::floor_divide: return std::floor(a / b);
    default: {  // mod with the divisor's sign
      double r = std::fmod(a, b);
      return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
    }
  }
}

// An operand of a broadcast over `out`: its own dims and element strides over out's dims.
struct Operand {
  std::vector<Idx> strides;
  Idx size;
};
}  // namespace

TEST_CASE("every binary op with each broadcast pattern", "[blas]") {
  struct Pattern {
    const char* name;
    Shape out;
    Operand a, b;
    int threads;
  };
  const std::vector<Pattern> patterns{
      {"same shape", {5, 7, 9}, {{63, 9, 1}, 315}, {{63, 9, 1}, 315}, 1},
      {"scalar b", {5, 7, 9}, {{63, 9, 1}, 315}, {{0, 0, 0}, 1}, 1},
      {"scalar a", {5, 7, 9}, {{0, 0, 0}, 1}, {{63, 9, 1}, 315}, 1},
      {"row (bias)", {5, 7, 9}, {{63, 9, 1}, 315}, {{0, 0, 1}, 9}, 1},
      {"row of a matrix", {5, 7, 9}, {{0, 9, 1}, 63}, {{63, 9, 1}, 315}, 1},
      {"column (keepdims)", {5, 7, 9}, {{63, 9, 1}, 315}, {{7, 1, 0}, 35}, 1},
      {"outer product", {5, 7, 9}, {{1, 0, 0}, 5}, {{0, 9, 1}, 63}, 1},
      {"size-1 dims", {5, 1, 9}, {{9, 9, 1}, 45}, {{0, 5, 1}, 9}, 1},
      {"middle broadcast (fallback)", {5, 7, 9}, {{63, 9, 1}, 315}, {{9, 0, 1}, 45}, 1},
      {"transposed (fallback)", {5, 7, 9}, {{1, 5, 35}, 315}, {{63, 9, 1}, 315}, 1},
      {"large row, 2 threads", {131, 257}, {{257, 1}, 131 * 257}, {{0, 1}, 257}, 2},
      {"large column, 2 threads", {131, 257}, {{257, 1}, 131 * 257}, {{1, 0}, 131}, 2}};
  const DType types[] = {DType::float32, DType::float64, DType::int32, DType::int64};
  for (const auto& p : patterns) {
    ThreadsScope threads(p.threads);
    const Idx n = p.out.size();
    for (DType dt : types) {
      const bool integer = !is_floating(dt);
      // Coarse values give ties and zeros; floats also get NaN.
      Vec a = rounded(random_values(p.a.size, 51, -4, 4, integer ? 1.0 : 0.5), dt);
      Vec b = rounded(random_values(p.b.size, 52, -4, 4, integer ? 1.0 : 0.5), dt);
      if (!integer && p.a.size > 4) a[3] = kNaN;
      if (!integer && p.b.size > 2) b[1] = kNaN;
      for (BinaryOp op : kBinaryOps) {
        const bool to_bool = is_comparison(op);
        const DType out_dt = to_bool ? DType::bool_ : dt;
        Vec base = b;
        if (op == BinaryOp::power)  // small integer exponents keep integer powers exact
          for (auto& v : base)
            v = std::isnan(v) ? v : std::fmod(std::fabs(v), 4.0) - (integer ? 1 : 0.5);
        Vec want(static_cast<std::size_t>(n));
        for (Idx i = 0; i < n; ++i) {
          Idx ia = 0, ib = 0, rem = i;
          for (int d = p.out.rank() - 1; d >= 0; --d) {
            const Idx k = rem % p.out[d];
            rem /= p.out[d];
            ia += k * p.a.strides[static_cast<std::size_t>(d)];
            ib += k * p.b.strides[static_cast<std::size_t>(d)];
          }
          want[static_cast<std::size_t>(i)] = binary_oracle(
              op, a[static_cast<std::size_t>(ia)], base[static_cast<std::size_t>(ib)], integer);
        }
        want = rounded(want, out_dt);
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto pa = make(be, a, dt), pb = make(be, base, dt);
          auto out = make_empty(be, n, out_dt);
          be.binary(op, {pa.get(), p.a.strides}, {pb.get(), p.b.strides}, *out, p.out, dt);
          check_close(read(be, *out, n, out_dt), want,
                      name + " binary op " + std::to_string(static_cast<int>(op)) + " " +
                          std::string(dtype_name(dt)) + ", " + p.name);
        }
      }
    }
  }
}

TEST_CASE("sum, max, min (and prod, any, all) over inner, outer and middle axes", "[blas]") {
  struct Case {
    Idx outer, reduced, inner;
    int threads;
  };
  const std::vector<Case> cases{{13, 37, 1, 1},   {1, 1001, 1, 1}, {1, 129, 515, 1},
                                {7, 5, 33, 1},    {3, 1, 4, 1},    {5000, 9, 1, 2},
                                {2, 20011, 1, 2}, {3, 40, 1100, 2}};
  for (const auto& c : cases) {
    ThreadsScope threads(c.threads);
    const Idx n = c.outer * c.reduced * c.inner, m = c.outer * c.inner;
    for (DType dt : {DType::float32, DType::float64, DType::int32, DType::bool_})
      for (ReduceOp op : {ReduceOp::sum, ReduceOp::max, ReduceOp::min, ReduceOp::prod,
                          ReduceOp::any, ReduceOp::all}) {
        if ((dt == DType::bool_) != (op == ReduceOp::any || op == ReduceOp::all)) continue;
        Vec x = random_values(n, 61, dt == DType::bool_ ? 0 : -3, dt == DType::bool_ ? 1 : 3,
                              is_floating(dt) ? 0.0 : 1.0);
        if (op == ReduceOp::prod)
          for (auto& v : x) v = 1.0 + v / 1000.0;  // stays near 1
        if (is_floating(dt) && n > 40) x[17] = kNaN;
        x = rounded(x, dt);
        Vec want(static_cast<std::size_t>(m));
        for (Idx o = 0; o < c.outer; ++o)
          for (Idx i = 0; i < c.inner; ++i) {
            double acc = op == ReduceOp::prod || op == ReduceOp::all ? 1 : 0;
            bool nan = false;
            for (Idx r = 0; r < c.reduced; ++r) {
              const double v = x[static_cast<std::size_t>((o * c.reduced + r) * c.inner + i)];
              nan = nan || std::isnan(v);
              if (r == 0 && (op == ReduceOp::max || op == ReduceOp::min)) acc = v;
              switch (op) {
                case ReduceOp::sum: acc += v; break;
                case ReduceOp::prod: acc *= v; break;
                case ReduceOp::max: acc = std::max(acc, v); break;
                case ReduceOp::min: acc = std::min(acc, v); break;
                case ReduceOp::any: acc = acc || v != 0; break;
                case ReduceOp::all: acc = acc && v != 0; break;
              }
            }
            if (nan) acc = kNaN;
            want[static_cast<std::size_t>(o * c.inner + i)] = acc;
          }
        want = rounded(want, dt);
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto in = make(be, x, dt);
          auto out = make_empty(be, m, dt);
          be.reduce(op, *in, *out, c.outer, c.reduced, c.inner, dt);
          check_close(read(be, *out, m, dt), want,
                      name + " reduce op " + std::to_string(static_cast<int>(op)) + " " +
                          std::string(dtype_name(dt)) + " (" + std::to_string(c.outer) + ", " +
                          std::to_string(c.reduced) + ", " + std::to_string(c.inner) + ")");
        }
      }
  }
}

TEST_CASE("fill, cast and strided copies (transpose, slice, flip, broadcast)", "[blas]") {
  const DType all[] = {DType::float32, DType::float64, DType::int32,
                       DType::int64,   DType::uint8,   DType::bool_};
  ThreadsScope threads(2);
  for (const auto& name : available()) {
    Backend& be = get(name);
    for (DType dt : all)
      for (double value : {0.0, -0.0, 3.0, 1.0})
        for (Idx n : {Idx(1), Idx(77), Idx(100003)}) {
          auto out = make_empty(be, n, dt);
          be.fill(*out, dt, n, value);
          check_close(read(be, *out, n, dt), Vec(static_cast<std::size_t>(n), round_to(value, dt)),
                      name + " fill " + std::string(dtype_name(dt)));
        }
    const Vec src = random_values(40009, 71, -3, 300);
    for (DType from : all)
      for (DType to : all) {
        const Vec x =
            rounded(from == DType::uint8 ? random_values(40009, 72, 0, 255, 1.0) : src, from);
        Vec want(x.size());
        for (std::size_t i = 0; i < x.size(); ++i) want[i] = round_to(x[i], to);
        // From a float, out-of-range values saturate (round_to, as XLA); between integers they
        // wrap around, which this check leaves to C++.
        if (to == DType::uint8 && is_integer(from))
          for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i] < 0 || x[i] > 255) want[i] = kNaN;
        auto in = make(be, x, from);
        auto out = make_empty(be, static_cast<Idx>(x.size()), to);
        be.cast(*in, from, *out, to, static_cast<Idx>(x.size()));
        Vec got = read(be, *out, static_cast<Idx>(x.size()), to);
        for (std::size_t i = 0; i < x.size(); ++i)
          if (std::isnan(want[i])) got[i] = kNaN;
        check_close(
            got, want,
            name + " cast " + std::string(dtype_name(from)) + " -> " + std::string(dtype_name(to)));
      }
  }
  struct Copy {
    const char* name;
    Shape shape;
    Idx src_size, src_offset;
    std::vector<Idx> ss;
    Idx dst_size, dst_offset;
    std::vector<Idx> ds;
  };
  const std::vector<Copy> copies{
      {"contiguous", {3, 5, 7}, 105, 0, {35, 7, 1}, 105, 0, {35, 7, 1}},
      {"transpose 2-D (tiled)", {67, 45}, 45 * 67, 0, {1, 67}, 45 * 67, 0, {45, 1}},
      {"batched transpose", {3, 33, 40}, 3 * 1320, 0, {1320, 1, 33}, 3 * 1320, 0, {1320, 40, 1}},
      {"permute 3-D", {4, 5, 6}, 120, 0, {1, 24, 4}, 120, 0, {30, 6, 1}},
      {"slice with offset", {3, 4}, 70, 9, {10, 2}, 12, 0, {4, 1}},
      {"flip", {5, 6}, 30, 29, {-6, -1}, 30, 0, {6, 1}},
      {"broadcast row", {1000, 17}, 17, 0, {0, 1}, 17000, 0, {17, 1}},
      {"broadcast scalar", {9, 13}, 1, 0, {0, 0}, 117, 0, {13, 1}},
      {"into a concat slot", {4, 3}, 12, 0, {3, 1}, 40, 2, {10, 1}},
      {"size-1 dims", {1, 7, 1, 9}, 63, 0, {63, 9, 9, 1}, 63, 0, {1, 1, 63, 7}}};
  for (const auto& c : copies)
    for (DType dt : all) {
      const Vec x = rounded(random_values(c.src_size, 81, -100, 100, 1.0), dt);
      Vec want = rounded(Vec(static_cast<std::size_t>(c.dst_size), 0.0), dt);
      for (Idx i = 0; i < c.shape.size(); ++i) {
        Idx so = c.src_offset, dof = c.dst_offset, rem = i;
        for (int d = c.shape.rank() - 1; d >= 0; --d) {
          so += rem % c.shape[d] * c.ss[static_cast<std::size_t>(d)];
          dof += rem % c.shape[d] * c.ds[static_cast<std::size_t>(d)];
          rem /= c.shape[d];
        }
        want[static_cast<std::size_t>(dof)] = x[static_cast<std::size_t>(so)];
      }
      for (const auto& name : available()) {
        Backend& be = get(name);
        auto in = make(be, x, dt);
        auto out = make(be, Vec(static_cast<std::size_t>(c.dst_size), 0.0), dt);
        be.copy_strided(*in, c.src_offset, c.ss, *out, c.dst_offset, c.ds, c.shape, dt);
        check_close(read(be, *out, c.dst_size, dt), want,
                    name + " copy_strided " + c.name + " " + std::string(dtype_name(dt)));
      }
    }
}

TEST_CASE("gather picks rows by index along an axis (rows short and long, repeated indices)",
          "[blas]") {
  struct Case {
    Idx outer, axis_len, inner;
    std::vector<Idx> idx;
  };
  // inner 3: the reference loop; 40 and 784 (fit's batches): whole-row copies.
  const std::vector<Case> cases{{1, 5, 3, {4, 0, 0, 2}},
                                {2, 7, 40, {6, 1, 1, 3, 0}},
                                {1, 300, 784, {299, 5, 17, 5, 0, 128, 3, 250, 77}},
                                {3, 4, 64, {3, 2, 1, 0, 3}}};
  ThreadsScope threads(2);
  for (const auto& c : cases)
    for (DType dt : {DType::float32, DType::float64, DType::uint8, DType::int64}) {
      const Idx n_in = c.outer * c.axis_len * c.inner, n_idx = static_cast<Idx>(c.idx.size());
      const Vec x = rounded(random_values(n_in, 7, -100, 100, 1.0), dt);
      Vec want;
      for (Idx o = 0; o < c.outer; ++o)
        for (Idx j : c.idx)
          for (Idx i = 0; i < c.inner; ++i)
            want.push_back(x[static_cast<std::size_t>((o * c.axis_len + j) * c.inner + i)]);
      Vec idx(c.idx.begin(), c.idx.end());
      for (const auto& name : available()) {
        Backend& be = get(name);
        auto in = make(be, x, dt);
        auto indices = make(be, idx, DType::int64);
        auto out = make_empty(be, c.outer * n_idx * c.inner, dt);
        be.gather(*in, *indices, *out, c.outer, c.axis_len, c.inner, n_idx, dt);
        check_close(
            read(be, *out, c.outer * n_idx * c.inner, dt), want,
            name + " gather inner " + std::to_string(c.inner) + " " + std::string(dtype_name(dt)));
      }
    }
}

TEST_CASE("softmax and log_softmax along an axis (rows short and long, -inf, inf and NaN)",
          "[blas]") {
  struct Case {
    Idx outer, axis_len, inner;
  };
  // inner 1: the blas rows (lengths below, at and past a vector); inner 3: a middle axis.
  const std::vector<Case> cases{{5, 10, 1},   {3, 16, 1}, {2, 37, 1},  {4, 1, 1},
                                {1, 1000, 1}, {2, 7, 3},  {300, 10, 1}};
  ThreadsScope threads(2);
  for (const auto& c : cases)
    for (DType dt : {DType::float32, DType::float64})
      for (bool log : {false, true}) {
        const Idx n = c.outer * c.axis_len * c.inner;
        Vec x = rounded(random_values(n, 11, -30, 30, 0.0), dt);
        if (c.outer >= 4 && c.axis_len >= 4) {             // special slices in the first rows
          x[0] = -kInf;                                    // one -inf: its probability is 0
          x[static_cast<std::size_t>(c.axis_len)] = kNaN;  // a NaN: the whole slice is NaN
          for (Idx k = 0; k < c.axis_len; ++k)             // all -inf: NaN (0 / 0)
            x[static_cast<std::size_t>(2 * c.axis_len + k)] = -kInf;
          x[static_cast<std::size_t>(3 * c.axis_len + 1)] = kInf;  // inf: NaN (inf - inf)
        }
        Vec want(static_cast<std::size_t>(n));
        for (Idx o = 0; o < c.outer; ++o)
          for (Idx i = 0; i < c.inner; ++i) {
            auto at = [&](Idx k) {
              return static_cast<std::size_t>((o * c.axis_len + k) * c.inner + i);
            };
            double m = -kInf;
            bool nan = false;
            for (Idx k = 0; k < c.axis_len; ++k) {
              nan = nan || std::isnan(x[at(k)]);
              m = std::max(m, x[at(k)]);
            }
            if (nan) m = kNaN;
            double s = 0;
            for (Idx k = 0; k < c.axis_len; ++k) s += std::exp(x[at(k)] - m);
            for (Idx k = 0; k < c.axis_len; ++k)
              want[at(k)] = log ? (x[at(k)] - m) - std::log(s) : std::exp(x[at(k)] - m) / s;
          }
        for (const auto& name : available()) {
          Backend& be = get(name);
          auto in = make(be, x, dt);
          auto out = make_empty(be, n, dt);
          be.softmax(*in, *out, c.outer, c.axis_len, c.inner, dt, log);
          check_close(read(be, *out, n, dt), want,
                      name + (log ? " log_softmax (" : " softmax (") + std::to_string(c.outer) +
                          ", " + std::to_string(c.axis_len) + ", " + std::to_string(c.inner) +
                          ") " + std::string(dtype_name(dt)));
        }
      }
}

TEST_CASE("where with whole and one-value operands, and a broadcast row", "[blas]") {
  const Idx n = 40007;  // several parallel chunks
  ThreadsScope threads(2);
  const Vec r = random_values(n, 51);
  Vec cond(static_cast<std::size_t>(n)), a = random_values(n, 52), b = random_values(n, 53);
  for (Idx i = 0; i < n; ++i)
    cond[static_cast<std::size_t>(i)] = r[static_cast<std::size_t>(i)] > 0;
  a[5] = kNaN, cond[5] = 1;  // a selected NaN comes through
  b[6] = kNaN, cond[6] = 1;  // an unselected one does not
  const Shape shape{n};
  const std::vector<Idx> whole{1}, one{0};
  for (DType dt : kFloatTypes)
    for (int variant = 0; variant < 4; ++variant) {
      // 0: all whole; 1: b one value (relu's gradient); 2: a one value; 3: cond one value.
      const bool one_b = variant == 1, one_a = variant == 2, one_c = variant == 3;
      Vec want(static_cast<std::size_t>(n));
      for (Idx i = 0; i < n; ++i) {
        const auto k = static_cast<std::size_t>(i);
        const double c = cond[one_c ? 0 : k];
        want[k] = c != 0 ? rounded({a[one_a ? 0 : k]}, dt)[0] : rounded({b[one_b ? 0 : k]}, dt)[0];
      }
      for (const auto& name : available()) {
        Backend& be = get(name);
        auto bc = make(be, cond, DType::bool_), ba = make(be, rounded(a, dt), dt);
        auto bb = make(be, rounded(b, dt), dt), out = make_empty(be, n, dt);
        be.where({bc.get(), one_c ? one : whole}, {ba.get(), one_a ? one : whole},
                 {bb.get(), one_b ? one : whole}, *out, shape, dt);
        check_close(
            read(be, *out, n, dt), want,
            name + " where " + std::string(dtype_name(dt)) + " variant " + std::to_string(variant));
      }
    }
  // A (3, 5) output whose a is one broadcast row: the reference's general case on every backend.
  for (const auto& name : available()) {
    Backend& be = get(name);
    const Vec c2{1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, row{1, 2, 3, 4, 5}, b2(15, -1.0);
    auto bc = make(be, c2, DType::bool_), ba = make(be, row, DType::float32);
    auto bb = make(be, b2, DType::float32), out = make_empty(be, 15, DType::float32);
    be.where({bc.get(), {5, 1}}, {ba.get(), {0, 1}}, {bb.get(), {5, 1}}, *out, Shape{3, 5},
             DType::float32);
    Vec want(15);
    for (std::size_t i = 0; i < 15; ++i) want[i] = c2[i] != 0 ? row[i % 5] : -1.0;
    check_close(read(be, *out, 15, DType::float32), want, name + " where, broadcast row");
  }
}
