#include "keras/datasets/fashion_mnist.hpp"

#include <zlib.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <vector>

#include "keras/core/errors.hpp"

namespace keras::datasets::fashion_mnist {
namespace {

constexpr std::uint32_t kLabelsMagic = 0x00000801;  // IDX: unsigned bytes, 1 dimension
constexpr std::uint32_t kImagesMagic = 0x00000803;  // IDX: unsigned bytes, 3 dimensions
constexpr std::uint32_t kRows = 28, kCols = 28;
constexpr int kNumClasses = 10;

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw IOError("Fashion-MNIST file " + path + ": " + what);
}

// zlib's message without the "<path>: " it puts in front.
std::string zlib_message(gzFile file, const std::string& path, int* errnum) {
  const char* raw = gzerror(file, errnum);
  std::string message = raw ? raw : "";
  if (message.starts_with(path + ": ")) message.erase(0, path.size() + 2);
  return message;
}

// The whole decompressed content. Reading everything first bounds every later size check by
// what the file really holds, so a lying header can neither over-allocate nor over-read.
std::vector<unsigned char> read_gz(const std::string& path) {
  if (!std::filesystem::exists(path))
    throw IOError("Fashion-MNIST file not found: " + path +
                  ". Install the Debian package dataset-fashion-mnist (apt-get install "
                  "dataset-fashion-mnist), or set KERAS_FASHION_MNIST_DIR to a directory "
                  "holding the four .gz files.");
  std::unique_ptr<gzFile_s, int (*)(gzFile)> file(gzopen(path.c_str(), "rb"), gzclose);
  if (!file) fail(path, std::string("cannot open: ") + std::strerror(errno));
  std::vector<unsigned char> data;
  constexpr std::size_t kChunk = 1 << 20;
  for (;;) {
    const std::size_t old_size = data.size();
    data.resize(old_size + kChunk);
    const int n = gzread(file.get(), data.data() + old_size, static_cast<unsigned>(kChunk));
    if (n < 0) {
      int errnum = 0;
      fail(path,
           "corrupt or truncated gzip data (" + zlib_message(file.get(), path, &errnum) + ")");
    }
    data.resize(old_size + static_cast<std::size_t>(n));
    if (n == 0) break;
  }
  // gzread returns the bytes it got before a truncated stream ended; the error says so.
  int errnum = Z_OK;
  const std::string message = zlib_message(file.get(), path, &errnum);
  if (errnum != Z_OK) fail(path, "corrupt or truncated gzip data (" + message + ")");
  return data;
}

std::uint32_t big_endian_u32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

std::string hex(std::uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08x", v);
  return buf;
}

// Checks the IDX header (magic, then one big-endian uint32 per dimension) and that the payload
// is exactly the size the dimensions say. Returns the payload offset.
std::size_t check_idx(const std::string& path, const std::vector<unsigned char>& data,
                      std::uint32_t magic, const std::vector<std::uint32_t>& want_dims,
                      std::uint32_t& count) {
  const std::size_t header = 4 * (1 + want_dims.size());
  if (data.size() < header)
    fail(path, std::string("truncated: ") + std::to_string(data.size()) +
                   " bytes, shorter than the " + std::to_string(header) + "-byte IDX header");
  const std::uint32_t got_magic = big_endian_u32(data.data());
  if (got_magic != magic)
    fail(path, "not an IDX file of this kind: magic number " + hex(got_magic) + ", expected " +
                   hex(magic));
  count = big_endian_u32(data.data() + 4);
  std::uint64_t payload = count;
  for (std::size_t d = 1; d < want_dims.size(); ++d) {
    const std::uint32_t got = big_endian_u32(data.data() + 4 + 4 * d);
    if (got != want_dims[d])
      fail(path, std::string("dimension ") + std::to_string(d) + std::string(" is ") +
                     std::to_string(got) + ", expected " + std::to_string(want_dims[d]));
    payload *= got;
  }
  const std::uint64_t have = data.size() - header;
  if (have != payload)
    fail(path, (have < payload ? "truncated: " : "unexpected trailing data: ") +
                   std::to_string(have) + " data bytes after the header, expected " +
                   std::to_string(payload) + std::string(" for ") + std::to_string(count) +
                   " items");
  return header;
}

Split load_split(const std::string& directory, const std::string& prefix) {
  const std::string labels_path =
      (std::filesystem::path(directory) / (prefix + "-labels-idx1-ubyte.gz")).string();
  const std::string images_path =
      (std::filesystem::path(directory) / (prefix + "-images-idx3-ubyte.gz")).string();

  const auto labels = read_gz(labels_path);
  std::uint32_t n_labels = 0;
  const std::size_t label_offset = check_idx(labels_path, labels, kLabelsMagic, {0}, n_labels);
  for (std::uint32_t i = 0; i < n_labels; ++i) {
    const int label = labels[label_offset + i];
    if (label >= kNumClasses)
      fail(labels_path, std::string("label ") + std::to_string(label) + std::string(" at index ") +
                            std::to_string(i) + " is outside the 10 classes 0-9");
  }

  const auto images = read_gz(images_path);
  std::uint32_t n_images = 0;
  const std::size_t image_offset =
      check_idx(images_path, images, kImagesMagic, {0, kRows, kCols}, n_images);
  if (n_images != n_labels)
    fail(images_path, std::string("holds ") + std::to_string(n_images) + " images but " +
                          labels_path + std::string(" holds ") + std::to_string(n_labels) +
                          " labels");

  const auto n = static_cast<std::int64_t>(n_labels);
  Split split;
  split.x = from_raw(images.data() + image_offset,
                     Shape{n, std::int64_t{kRows}, std::int64_t{kCols}}, DType::uint8);
  split.y = from_raw(labels.data() + label_offset, Shape{n}, DType::uint8);
  return split;
}

}  // namespace

std::pair<Split, Split> load_data() {
  const char* env = std::getenv("KERAS_FASHION_MNIST_DIR");
  return load_data(env && *env ? std::string(env) : std::string(kDefaultDirectory));
}

std::pair<Split, Split> load_data(const std::string& directory) {
  Split train = load_split(directory, "train");
  Split test = load_split(directory, "t10k");
  return {std::move(train), std::move(test)};
}

}  // namespace keras::datasets::fashion_mnist
