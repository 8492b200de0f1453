// .npy tests on files built byte by byte here, independent of save_npy (test_npy_numpy.cpp
// checks against real NumPy).
#include <keras/io/npy.hpp>

#include <algorithm>
#include <limits>
#include <random>

#include "io/npy_test_helpers.hpp"
#include "test_util.hpp"

using namespace keras;
using namespace npy_test;

namespace {

// True when `dir` holds exactly `n` entries (so no temporary file was left behind).
bool only_entries(const TempDir& dir, std::size_t n) {
  return static_cast<std::size_t>(
             std::distance(fs::directory_iterator(dir.dir), fs::directory_iterator())) == n;
}

// An .npy file from its parts: `dict` is the header text before padding.
std::string npy_bytes(const std::string& dict, const std::string& data, int major = 1) {
  const std::size_t len_bytes = major == 1 ? 2 : 4;
  const std::size_t unpadded = 8 + len_bytes + dict.size() + 1;
  const std::size_t header_len = dict.size() + 1 + (64 - unpadded % 64) % 64;
  std::string out = "\x93NUMPY";
  out += static_cast<char>(major);
  out += '\0';
  for (std::size_t i = 0; i < len_bytes; ++i)
    out += static_cast<char>((header_len >> (8 * i)) & 0xFF);
  out += dict + std::string(header_len - dict.size() - 1, ' ') + "\n";
  return out + data;
}
std::string header(const std::string& descr, const std::string& shape, bool fortran = false) {
  return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
         ", 'shape': " + shape + ", }";
}
template <class T>
std::string raw(const std::vector<T>& v, bool big_endian = false) {
  std::string out(v.size() * sizeof(T), '\0');
  std::memcpy(out.data(), v.data(), out.size());
  if (big_endian)
    for (std::size_t i = 0; i < out.size(); i += sizeof(T))
      std::reverse(out.begin() + static_cast<std::ptrdiff_t>(i),
                   out.begin() + static_cast<std::ptrdiff_t>(i + sizeof(T)));
  return out;
}

// Loads `bytes` written to a file and expects an IOError whose message names the file and
// contains `needle`.
void require_load_error(const TempDir& tmp, const std::string& bytes, const std::string& needle) {
  const std::string path = tmp / "bad.npy";
  write_bytes(path, bytes);
  INFO("expecting an IOError containing: " << needle);
  REQUIRE_THROWS_AS(io::load_npy(path), IOError);
  REQUIRE_THROWS_WITH(io::load_npy(path), Catch::Contains(path) && Catch::Contains(needle));
}

}  // namespace

TEST_CASE("save_npy / load_npy round-trip every dtype and rank", "[npy]") {
  TempDir tmp;
  const float nan = std::numeric_limits<float>::quiet_NaN();
  std::vector<Tensor> cases = {
      tensor<float>({1.5f, -0.0f, nan, std::numeric_limits<float>::infinity(), 3e38f, 1e-45f},
                    {2, 3}),
      tensor<double>({3.141592653589793, -1e300, 5e-324}, {3}),
      tensor<std::int32_t>({std::numeric_limits<std::int32_t>::min(), -1, 0, 7}, {2, 1, 2}),
      tensor<std::int64_t>({std::numeric_limits<std::int64_t>::max(), -5}, {2}),
      tensor<std::uint8_t>({0, 128, 255}, {3, 1}),
      bool_tensor({1, 0, 0, 1}, {4}),
      scalar(2.5, DType::float64),
      ops::zeros({0, 3}, DType::int32),
      testing::random_tensor({4, 5, 6}, 9, -1, 1, DType::float32),
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("case " << i << ": " << cases[i].to_string());
    std::string name = std::to_string(i);
    name.append(".npy");  // not "t" + std::string&&: GCC 12 reports a false -Wrestrict there
    const std::string path = tmp / name;
    io::save_npy(path, cases[i]);
    CHECK(only_entries(tmp, i + 1));  // no temporary file left beside the saved ones
    Tensor back = io::load_npy(path);
    CHECK(same_bytes(back, cases[i]));
  }
}

TEST_CASE("save_npy writes exactly NumPy's bytes", "[npy]") {
  TempDir tmp;
  const std::string path = tmp / "a.npy";
  io::save_npy(path, tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3}));
  // numpy.save(np.arange(1, 7, dtype='<f4').reshape(2, 3)): 128-byte preamble, 21-digit
  // growth room after the header dict, padded to 64 bytes with a final newline.
  const std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
  std::string want = std::string("\x93NUMPY\x01\x00\x76\x00", 10) + dict +
                     std::string(128 - 10 - dict.size() - 1, ' ') + "\n";
  want += raw(std::vector<float>{1, 2, 3, 4, 5, 6});
  CHECK(read_bytes(path) == want);
  io::save_npy(path, bool_tensor({1, 0}, {2}));  // overwrites atomically
  CHECK(read_bytes(path).substr(10, 57) ==
        "{'descr': '|b1', 'fortran_order': False, 'shape': (2,), }");
}

TEST_CASE("load_npy reads hand-built files of every supported kind", "[npy]") {
  TempDir tmp;
  const std::string path = tmp / "h.npy";
  auto load = [&](const std::string& bytes) {
    write_bytes(path, bytes);
    return io::load_npy(path);
  };
  Tensor f = load(npy_bytes(header("<f4", "(2, 2)"), raw(std::vector<float>{1, -2, 3.5f, 0})));
  CHECK(same_bytes(f, tensor<float>({1, -2, 3.5f, 0}, {2, 2})));
  // Big-endian data is converted to the host's order.
  Tensor d = load(npy_bytes(header(">f8", "(3,)"), raw(std::vector<double>{1.25, -7, 1e10}, true)));
  CHECK(same_bytes(d, tensor<double>({1.25, -7, 1e10}, {3})));
  Tensor i4 =
      load(npy_bytes(header(">i4", "(2,)"), raw(std::vector<std::int32_t>{-3, 70000}, true)));
  CHECK(same_bytes(i4, tensor<std::int32_t>({-3, 70000}, {2})));
  Tensor i8 = load(npy_bytes(header("<i8", "()"), raw(std::vector<std::int64_t>{-1234567890123})));
  CHECK(same_bytes(i8, tensor<std::int64_t>({-1234567890123}, {})));
  Tensor u1 = load(npy_bytes(header("|u1", "(1, 3)"), std::string("\x00\x7f\xff", 3)));
  CHECK(same_bytes(u1, tensor<std::uint8_t>({0, 127, 255}, {1, 3})));
  // Any nonzero byte is true; the tensor holds a proper C++ bool (0 or 1).
  Tensor b = load(npy_bytes(header("|b1", "(3,)"), std::string("\x00\x01\x02", 3)));
  CHECK(same_bytes(b, bool_tensor({0, 1, 1}, {3})));
  // Formats 2.0 and 3.0 (4-byte header length); double quotes, no trailing comma, other key
  // order and Python 2 long suffixes, as other writers produce.
  Tensor v2 = load(npy_bytes(header("<i4", "(2,)"), raw(std::vector<std::int32_t>{5, 6}), 2));
  CHECK(same_bytes(v2, tensor<std::int32_t>({5, 6}, {2})));
  Tensor v3 = load(npy_bytes("{\"shape\": (1L, 2L), \"fortran_order\": False, \"descr\": \"<f8\"}",
                             raw(std::vector<double>{9, 8}), 3));
  CHECK(same_bytes(v3, tensor<double>({9, 8}, {1, 2})));
  // Empty arrays need no data; trailing bytes after the data are ignored, as numpy does.
  CHECK(load(npy_bytes(header("<f4", "(0, 5)"), "")).shape() == Shape{0, 5});
  CHECK(load(npy_bytes(header("<f4", "(1,)"), raw(std::vector<float>{2}) + "junk")).item<float>() ==
        2);
}

TEST_CASE("load_npy rejects corrupt and unsupported files with a clear IOError", "[npy][errors]") {
  TempDir tmp;
  const std::string good_data = raw(std::vector<float>{1, 2, 3, 4, 5, 6});
  const std::string good = npy_bytes(header("<f4", "(2, 3)"), good_data);
  require_load_error(tmp, good.substr(0, good.size() - 5), "truncated data: expected 24 bytes");
  require_load_error(tmp, "PK\x03\x04" + good.substr(4), "expected the magic string");
  require_load_error(tmp, "", "at least 10 bytes");
  require_load_error(tmp, npy_bytes(header("<f4", "(2, 3)", true), good_data),
                     "fortran_order=True");
  require_load_error(tmp, npy_bytes(header("<c8", "(3,)"), good_data), "received '<c8'");
  require_load_error(tmp, npy_bytes(header("<f2", "(3,)"), good_data), "unsupported dtype");
  require_load_error(tmp, npy_bytes(header("|f4", "(3,)"), good_data), "unsupported dtype");
  require_load_error(
      tmp,
      npy_bytes("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", good_data),
      "structured dtype");
  // Hostile shapes: overflow, more bytes than the file has (nothing may be allocated first),
  // negative dims, too many dims.
  require_load_error(tmp, npy_bytes(header("<f4", "(4294967296, 4294967296)"), good_data),
                     "more elements than a tensor can hold");
  require_load_error(tmp, npy_bytes(header("<f8", "(99999999999999999999,)"), good_data),
                     "does not fit in 64 bits");
  require_load_error(tmp, npy_bytes(header("<f4", "(1099511627776,)"), good_data),
                     "expected 4398046511104 bytes");
  require_load_error(tmp, npy_bytes(header("<f4", "(-2, 3)"), good_data), "non-negative");
  std::string many = "(";
  for (int i = 0; i < 65; ++i) many += "1, ";
  require_load_error(tmp, npy_bytes(header("<f4", many + ")"), good_data), "at most 64 dimensions");
  // Broken headers.
  require_load_error(tmp, npy_bytes("{'descr': '<f4', 'shape': (2, 3), }", good_data),
                     "missing the key 'fortran_order'");
  require_load_error(
      tmp,
      npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (6,), 'x': 1, }", good_data),
      "expected only the keys");
  require_load_error(
      tmp, npy_bytes("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3}", good_data),
      "malformed header");
  require_load_error(tmp, npy_bytes("{'descr: '<f4'", good_data), "malformed header");
  require_load_error(tmp, npy_bytes("[1, 2, 3]", good_data), "expected '{'");
  require_load_error(tmp, npy_bytes(header("<f4", "[2, 3]"), good_data), "tuple of integers");
  require_load_error(tmp,
                     npy_bytes("{'descr': '<f4', 'fortran_order': 0, 'shape': (6,), }", good_data),
                     "True or False");
  // Header length field pointing past the end of the file, and an unknown format version.
  std::string past = good;
  past[8] = '\xff';
  past[9] = '\x7f';
  require_load_error(tmp, past, "header length field says 32767 bytes");
  std::string v2 = npy_bytes(header("<f4", "(2, 3)"), good_data, 2);
  v2[10] = '\x00';
  v2[11] = '\x10';  // 2^28 bytes: over the 1 MiB header limit
  require_load_error(tmp, v2, "at most 1048576");
  std::string v9 = good;
  v9[6] = '\x09';
  require_load_error(tmp, v9, "version 1.0, 2.0 or 3.0, received 9.0");
  // Not a file at all.
  REQUIRE_THROWS_WITH(io::load_npy(tmp / "missing.npy"),
                      Catch::Contains("missing.npy") && Catch::Contains("cannot open"));
  REQUIRE_THROWS_WITH(io::load_npy(tmp.dir.string()), Catch::Contains("directory"));
}

TEST_CASE("load_npy survives every truncation and random header corruption", "[npy][errors]") {
  TempDir tmp;
  const std::string path = tmp / "fuzz.npy";
  const std::string good =
      npy_bytes(header("<i4", "(2, 3)"), raw(std::vector<std::int32_t>{1, 2, 3, 4, 5, 6}));
  for (std::size_t n = 0; n < good.size(); ++n) {
    write_bytes(path, good.substr(0, n));
    INFO("truncated to " << n << " bytes");
    REQUIRE_THROWS_AS(io::load_npy(path), IOError);
  }
  std::mt19937 gen(7);
  int loaded = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    std::string bytes = good;
    const int flips = 1 + static_cast<int>(gen() % 4);
    for (int k = 0; k < flips; ++k) bytes[gen() % 128] = static_cast<char>(gen() % 256);
    write_bytes(path, bytes);
    try {
      Tensor t = io::load_npy(path);  // a harmless corruption (e.g. in the padding) may load
      CHECK(t.nbytes() <= 24);
      ++loaded;
    } catch (const IOError&) {
    }  // any other exception type, or a crash, fails the test
  }
  CHECK(loaded < 3000);
}

TEST_CASE("save_npy is atomic and reports failures", "[npy][errors]") {
  TempDir tmp;
  Tensor t = tensor<float>({1, 2}, {2});
  const std::string no_dir = tmp / "no/such/dir/x.npy";
  REQUIRE_THROWS_AS(io::save_npy(no_dir, t), IOError);
  REQUIRE_THROWS_WITH(io::save_npy(no_dir, t),
                      Catch::Contains(no_dir) && Catch::Contains("cannot open"));
  // A destination the rename cannot replace (a non-empty directory): the error names it and
  // the temporary file is cleaned up.
  const std::string blocked = tmp / "blocked";
  fs::create_directories(fs::path(blocked) / "child");
  REQUIRE_THROWS_WITH(io::save_npy(blocked, t),
                      Catch::Contains(blocked) && Catch::Contains("rename"));
  CHECK(fs::is_directory(blocked));
  REQUIRE_THROWS_AS(io::save_npy(tmp / "u.npy", Tensor()), ValueError);
  CHECK(only_entries(tmp, 1));  // just "blocked": no temporary files left behind
}
