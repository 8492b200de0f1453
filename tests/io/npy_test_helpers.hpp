#pragma once
// Helpers shared by the .npy tests (test_npy.cpp and test_npy_numpy.cpp) and the .weights.h5
// tests (a temporary directory, file bytes).
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <keras/keras.hpp>

namespace npy_test {

namespace fs = std::filesystem;

// A fresh directory per test case, removed afterwards.
struct TempDir {
  fs::path dir;
  TempDir() {
    std::random_device rd;
    dir =
        fs::temp_directory_path() / ("keraspp_npy_" + std::to_string(rd()) + std::to_string(rd()));
    fs::create_directories(dir);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

inline void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
inline std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// A tensor's bytes, read through its backend.
inline std::vector<unsigned char> bytes_of(const keras::Tensor& t) {
  std::vector<unsigned char> out(t.nbytes());
  t.backend().read(*t.buffer(), 0, out.data(), out.size());
  return out;
}
// Same dtype, shape and bytes (so NaN payloads and -0.0 count as well).
inline bool same_bytes(const keras::Tensor& a, const keras::Tensor& b) {
  return a.dtype() == b.dtype() && a.shape() == b.shape() && bytes_of(a) == bytes_of(b);
}

}  // namespace npy_test
