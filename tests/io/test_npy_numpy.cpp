// Cross-checks with real NumPy: it writes files load_npy must read, and checks that the files
// save_npy writes load in NumPy and equal numpy.save's own bytes.
#include <keras/io/npy.hpp>

#include <cstdlib>
#include <vector>

#include "io/npy_test_helpers.hpp"
#include "test_util.hpp"

using namespace keras;
using namespace npy_test;

namespace {

// NumPy is found through $KERASPP_PYTHON, the project's venv (build/venv), or a system python3
// (Debian's python3-numpy). Without one these tests fail rather than pass silently; deselect
// them with "~[numpy]" on a machine that cannot have NumPy.
std::string numpy_python() {
  std::vector<std::string> candidates;
  if (const char* env = std::getenv("KERASPP_PYTHON")) candidates.push_back(env);
  const fs::path root = fs::path(__FILE__).parent_path().parent_path().parent_path();
  candidates.push_back((root / "build/venv/bin/python").string());
  candidates.push_back("/usr/bin/python3");
  candidates.push_back("python3");
  for (const auto& py : candidates) {
    if (py.find('/') != std::string::npos && !fs::exists(py)) continue;
    if (std::system(("\"" + py + "\" -c \"import numpy\" > /dev/null 2>&1").c_str()) == 0)
      return py;
  }
  return "";
}

// The arrays both sides build: numpy in the script, C++ in expected_arrays().
constexpr const char* kScript = R"PY(
import io, sys
import numpy as np
d, mode = sys.argv[1], sys.argv[2]
base = np.arange(24).reshape(2, 3, 4)
arrays = {
    'f4': (base * 1.5 - 7).astype('<f4'), 'f8': base / 7.0, 'i4': (base * -1000003).astype('<i4'),
    'i8': base * 10**15, 'u1': (base * 11 % 256).astype('|u1'), 'b1': base % 3 == 0,
    'scalar': np.array(2.5), 'empty': np.zeros((0, 4), '<i4'),
}
if mode == 'write':
    for k, a in arrays.items():
        np.save(f'{d}/np_{k}.npy', a)
    np.save(f'{d}/np_big_f8.npy', arrays['f8'].astype('>f8'))
    np.save(f'{d}/np_big_i8.npy', arrays['i8'].astype('>i8'))
    for v in (2, 3):
        with open(f'{d}/np_v{v}.npy', 'wb') as f:
            np.lib.format.write_array(f, arrays['f4'], version=(v, 0))
    np.save(f'{d}/np_fortran.npy', np.asfortranarray(arrays['f8']))
    np.save(f'{d}/np_c8.npy', np.ones(3, np.complex64))
else:
    bad = 0
    for k, a in arrays.items():
        path = f'{d}/ours_{k}.npy'
        b = np.load(path)
        buf = io.BytesIO()
        np.save(buf, a)
        same = open(path, 'rb').read() == buf.getvalue()
        ok = b.dtype == a.dtype and b.shape == a.shape and np.array_equal(a, b) and same
        print(k, 'OK' if ok else f'MISMATCH dtype={b.dtype} shape={b.shape} same_bytes={same}')
        bad += not ok
    sys.exit(1 if bad else 0)
)PY";

std::vector<std::pair<std::string, Tensor>> expected_arrays() {
  std::vector<float> f4;
  std::vector<double> f8;
  std::vector<std::int32_t> i4;
  std::vector<std::int64_t> i8;
  std::vector<std::uint8_t> u1, b1;
  for (int i = 0; i < 24; ++i) {
    f4.push_back(static_cast<float>(i * 1.5 - 7));
    f8.push_back(i / 7.0);
    i4.push_back(i * -1000003);
    i8.push_back(i * std::int64_t{1000000000000000});
    u1.push_back(static_cast<std::uint8_t>(i * 11 % 256));
    b1.push_back(i % 3 == 0);
  }
  const Shape s{2, 3, 4};
  return {{"f4", tensor(f4, s)},
          {"f8", tensor(f8, s)},
          {"i4", tensor(i4, s)},
          {"i8", tensor(i8, s)},
          {"u1", tensor(u1, s)},
          {"b1", bool_tensor(b1, s)},
          {"scalar", scalar(2.5, DType::float64)},
          {"empty", ops::zeros({0, 4}, DType::int32)}};
}

// Runs the script in `mode`; returns its exit status and output.
std::pair<int, std::string> run_numpy(const std::string& python, const TempDir& tmp,
                                      const std::string& mode) {
  write_bytes(tmp / "check.py", kScript);
  const std::string log = tmp / (mode + ".log");
  const std::string cmd = "\"" + python + "\" \"" + (tmp / "check.py") + "\" \"" +
                          tmp.dir.string() + "\" " + mode + " > \"" + log + "\" 2>&1";
  const int status = std::system(cmd.c_str());
  return {status, read_bytes(log)};
}

}  // namespace

TEST_CASE("load_npy reads what NumPy writes", "[npy][numpy]") {
  const std::string python = numpy_python();
  if (python.empty())
    FAIL(
        "no Python with NumPy found (set KERASPP_PYTHON, create build/venv, or install "
        "python3-numpy); run with \"~[numpy]\" to deselect");
  TempDir tmp;
  auto [status, log] = run_numpy(python, tmp, "write");
  INFO(python << " output:\n" << log);
  REQUIRE(status == 0);
  for (const auto& [name, want] : expected_arrays()) {
    INFO("np_" << name << ".npy");
    CHECK(same_bytes(io::load_npy(tmp / ("np_" + name + ".npy")), want));
  }
  const auto all = expected_arrays();
  CHECK(same_bytes(io::load_npy(tmp / "np_big_f8.npy"), all[1].second));
  CHECK(same_bytes(io::load_npy(tmp / "np_big_i8.npy"), all[3].second));
  CHECK(same_bytes(io::load_npy(tmp / "np_v2.npy"), all[0].second));
  CHECK(same_bytes(io::load_npy(tmp / "np_v3.npy"), all[0].second));
  REQUIRE_THROWS_WITH(io::load_npy(tmp / "np_fortran.npy"), Catch::Contains("fortran_order=True"));
  REQUIRE_THROWS_WITH(io::load_npy(tmp / "np_c8.npy"), Catch::Contains("received '<c8'"));
}

TEST_CASE("NumPy reads what save_npy writes, byte for byte", "[npy][numpy]") {
  const std::string python = numpy_python();
  if (python.empty())
    FAIL(
        "no Python with NumPy found (set KERASPP_PYTHON, create build/venv, or install "
        "python3-numpy); run with \"~[numpy]\" to deselect");
  TempDir tmp;
  for (const auto& [name, t] : expected_arrays()) io::save_npy(tmp / ("ours_" + name + ".npy"), t);
  auto [status, log] = run_numpy(python, tmp, "check");
  INFO(python << " output:\n" << log);
  CHECK(status == 0);
  CHECK(log.find("MISMATCH") == std::string::npos);
}
