// keras::datasets::fashion_mnist on the files of the Debian package dataset-fashion-mnist, and
// its errors on missing, truncated and corrupt copies. Expected first labels: the known start
// of the Fashion-MNIST training labels (9 ankle boot, 0 T-shirt, 0, 3 dress, ...), as
// keras.datasets.fashion_mnist.load_data() returns them.
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <keras/datasets/fashion_mnist.hpp>

#include "test_util.hpp"

using namespace keras;
namespace fmnist = keras::datasets::fashion_mnist;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fmnist::kDefaultDirectory;

struct TempDir {
  fs::path dir;
  TempDir() {
    dir = fs::temp_directory_path() / (std::string("keraspp_fmnist_") + std::to_string(::getpid()) +
                                       "_" + std::to_string(std::rand()));
    fs::create_directories(dir);
  }
  ~TempDir() { fs::remove_all(dir); }
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void write_file(const fs::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary)
      .write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}
void write_gz(const fs::path& p, const std::string& bytes) {
  gzFile f = gzopen(p.c_str(), "wb");
  REQUIRE(f);
  REQUIRE(gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) ==
          static_cast<int>(bytes.size()));
  gzclose(f);
}
std::string be32(std::uint32_t v) {
  return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
          static_cast<char>(v)};
}
// A small valid set of four files: `n` train and `n` test items.
void write_valid(const fs::path& dir, std::uint32_t n) {
  for (const char* prefix : {"train", "t10k"}) {
    write_gz(dir / (std::string(prefix) + "-labels-idx1-ubyte.gz"),
             be32(0x801) + be32(n) + std::string(n, '\x07'));
    write_gz(dir / (std::string(prefix) + "-images-idx3-ubyte.gz"),
             be32(0x803) + be32(n) + be32(28) + be32(28) + std::string(n * 784, '\x80'));
  }
}

std::string load_error(const fs::path& dir) {
  try {
    fmnist::load_data(dir.string());
  } catch (const IOError& e) {
    return e.what();
  }
  FAIL("expected an IOError");
  return "";
}

}  // namespace

TEST_CASE("fashion_mnist::load_data reads the Debian package's files") {
  if (!fs::exists(kDir / "train-images-idx3-ubyte.gz")) {
    WARN("dataset-fashion-mnist is not installed; skipped");
    return;
  }
  auto [train, test] = fmnist::load_data(kDir.string());
  CHECK(train.x.shape() == Shape{60000, 28, 28});
  CHECK(train.y.shape() == Shape{60000});
  CHECK(test.x.shape() == Shape{10000, 28, 28});
  CHECK(test.y.shape() == Shape{10000});
  CHECK(train.x.dtype() == DType::uint8);
  CHECK(train.y.dtype() == DType::uint8);
  CHECK(test.y.dtype() == DType::uint8);

  const auto y = train.y.to_vector<int>();
  CHECK(std::vector<int>(y.begin(), y.begin() + 4) == std::vector<int>{9, 0, 0, 3});
  CHECK(*std::min_element(y.begin(), y.end()) == 0);
  CHECK(*std::max_element(y.begin(), y.end()) == 9);
  // Balanced classes: 6000 of each in train, 1000 in test.
  CHECK(std::count(y.begin(), y.end(), 9) == 6000);
  const auto yt = test.y.to_vector<int>();
  CHECK(std::count(yt.begin(), yt.end(), 0) == 1000);
  const auto x = train.x.to_vector<int>();
  CHECK(*std::max_element(x.begin(), x.end()) == 255);
  CHECK(x[0] == 0);  // the image border is background
}

TEST_CASE("fashion_mnist::load_data honours KERAS_FASHION_MNIST_DIR") {
  TempDir tmp;
  write_valid(tmp.dir, 3);
  ::setenv("KERAS_FASHION_MNIST_DIR", tmp.dir.c_str(), 1);
  auto [train, test] = fmnist::load_data();
  ::unsetenv("KERAS_FASHION_MNIST_DIR");
  CHECK(train.x.shape() == Shape{3, 28, 28});
  CHECK(test.y.to_vector<int>() == std::vector<int>{7, 7, 7});
  CHECK(train.x.to_vector<int>()[100] == 128);
}

TEST_CASE("fashion_mnist: a missing directory names the file and the package") {
  const std::string msg = load_error("/nonexistent/fashion");
  CHECK_THAT(msg, Catch::Contains("/nonexistent/fashion/train-labels-idx1-ubyte.gz"));
  CHECK_THAT(msg, Catch::Contains("apt-get install dataset-fashion-mnist"));
}

TEST_CASE("fashion_mnist: truncated and corrupt files are IOErrors naming the file") {
  TempDir tmp;
  const fs::path labels = tmp.dir / "train-labels-idx1-ubyte.gz";
  const fs::path images = tmp.dir / "train-images-idx3-ubyte.gz";

  SECTION("a real gz file cut short") {
    if (!fs::exists(kDir / "train-labels-idx1-ubyte.gz")) return;
    write_valid(tmp.dir, 2);
    const std::string bytes = read_file(kDir / "train-labels-idx1-ubyte.gz");
    write_file(labels, bytes.substr(0, bytes.size() / 2));
    const std::string msg = load_error(tmp.dir);
    CHECK_THAT(msg, Catch::Contains(labels.string()));
    CHECK_THAT(msg, Catch::Contains("truncated"));
  }
  SECTION("corrupt deflate data") {
    write_valid(tmp.dir, 2);
    std::string bytes = read_file(images);
    for (std::size_t i = 12; i < bytes.size() - 8; ++i) bytes[i] = static_cast<char>(0xFF);
    write_file(images, bytes);
    const std::string msg = load_error(tmp.dir);
    CHECK_THAT(msg, Catch::Contains(images.string()));
    CHECK_THAT(msg, Catch::Contains("corrupt"));
  }
  SECTION("a wrong magic number") {
    write_valid(tmp.dir, 2);
    write_gz(labels, be32(0x803) + be32(2) + "\x01\x02");
    CHECK_THAT(load_error(tmp.dir),
               Catch::Contains("magic number 0x00000803, expected 0x00000801"));
  }
  SECTION("a header that promises more than the file holds") {
    write_valid(tmp.dir, 2);
    write_gz(images,
             be32(0x803) + be32(4000000000u) + be32(28) + be32(28) + std::string(784, '\0'));
    const std::string msg = load_error(tmp.dir);
    CHECK_THAT(msg, Catch::Contains(images.string()));
    CHECK_THAT(msg, Catch::Contains("truncated: 784 data bytes after the header"));
  }
  SECTION("wrong image size, count mismatch, bad label, empty file") {
    write_valid(tmp.dir, 2);
    write_gz(images, be32(0x803) + be32(2) + be32(32) + be32(28) + std::string(2 * 32 * 28, '\0'));
    CHECK_THAT(load_error(tmp.dir), Catch::Contains("dimension 1 is 32, expected 28"));
    write_gz(images, be32(0x803) + be32(1) + be32(28) + be32(28) + std::string(784, '\0'));
    CHECK_THAT(load_error(tmp.dir), Catch::Contains("holds 1 images but"));
    write_gz(labels, be32(0x801) + be32(2) + "\x01\x0c");
    CHECK_THAT(load_error(tmp.dir), Catch::Contains("label 12 at index 1"));
    write_file(labels, "");
    CHECK_THAT(load_error(tmp.dir), Catch::Contains("shorter than the 8-byte IDX header"));
  }
}
