// The .npy reader treats every file as untrusted: each length and count is checked against
// the file's real size before anything is allocated or read, so a corrupt or hostile file
// ends in an IOError, never in a crash or a huge allocation.
#include "keras/io/npy.hpp"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include <unistd.h>

#include "src/core/host_staging.hpp"
#include "src/io/npy_header.hpp"

namespace keras::io {

using npy::escape;
using npy::fail;
using npy::Other;
using npy::quote_header;
using npy::Tuple;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr std::size_t kMagicLen = 6;
constexpr std::size_t kAlign = 64;                 // numpy's ARRAY_ALIGN
constexpr std::uint64_t kMaxHeaderLen = 1u << 20;  // ours never exceed a few hundred bytes
constexpr std::size_t kMaxRank = 64;               // numpy's own limit (NPY_MAXDIMS)
constexpr bool kLittleHost = std::endian::native == std::endian::little;

struct DTypeInfo {
  DType dtype;
  bool swap;  // stored in the other byte order than the host's
};

constexpr const char* kSupported =
    "one of '<f4', '<f8', '<i4', '<i8', '|u1', '|b1' (or big-endian '>f4', '>f8', '>i4', '>i8')";

// numpy's type codes (kind letter + item size) for our dtypes.
constexpr std::pair<std::string_view, DType> kCodes[] = {
    {"f4", DType::float32}, {"f8", DType::float64}, {"i4", DType::int32},
    {"i8", DType::int64},   {"u1", DType::uint8},   {"b1", DType::bool_}};

std::optional<DTypeInfo> parse_descr(const std::string& d) {
  if (d.size() != 3) return std::nullopt;
  const auto* code = std::find_if(std::begin(kCodes), std::end(kCodes),
                                  [&](const auto& c) { return c.first == d.substr(1); });
  if (code == std::end(kCodes)) return std::nullopt;
  const DType dtype = code->second;
  const char order = d[0];
  if (dtype_size(dtype) == 1) {
    // Byte order is meaningless for one byte; numpy writes '|' but accepts any.
    if (order != '|' && order != '<' && order != '>' && order != '=') return std::nullopt;
    return DTypeInfo{dtype, false};
  }
  if (order == '<') return DTypeInfo{dtype, !kLittleHost};
  if (order == '>') return DTypeInfo{dtype, kLittleHost};
  if (order == '=') return DTypeInfo{dtype, false};
  return std::nullopt;  // '|' on a multi-byte type is not something numpy writes
}

// Saved in the host's byte order, so writing never has to swap bytes.
std::string descr_for(DType dtype) {
  const auto* code = std::find_if(std::begin(kCodes), std::end(kCodes),
                                  [&](const auto& c) { return c.second == dtype; });
  return (dtype_size(dtype) == 1 ? '|' : kLittleHost ? '<' : '>') + std::string(code->first);
}

std::string shape_text(const std::vector<std::int64_t>& dims) { return Shape(dims).to_string(); }

std::uint32_t read_le(const unsigned char* p, int n) {
  std::uint32_t v = 0;
  for (int i = n - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

void write_le(std::string& out, std::uint32_t v, int n) {
  for (int i = 0; i < n; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF);
}

}  // namespace

Tensor load_npy(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) fail(path, "expected a file, received a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, std::string("cannot open the file for reading: ") + std::strerror(errno));
  in.seekg(0, std::ios::end);
  const std::streamoff end = in.tellg();
  if (end < 0) fail(path, "cannot determine the file's size");
  const auto file_size = static_cast<std::uint64_t>(end);
  in.seekg(0, std::ios::beg);

  // Preamble: magic, version, header length (2 bytes in 1.0, 4 in 2.0 and 3.0).
  unsigned char pre[12] = {};
  const std::size_t min_len = kMagicLen + 2 + 2;
  if (file_size < min_len)
    fail(path, "expected an NPY file of at least " + std::to_string(min_len) + " bytes, received " +
                   std::to_string(file_size) + " bytes");
  in.read(reinterpret_cast<char*>(pre), static_cast<std::streamsize>(kMagicLen + 2));
  if (std::memcmp(pre, kMagic, kMagicLen) != 0)
    fail(path, "not an NPY file: expected the magic string \\x93NUMPY, received \"" +
                   escape(std::string_view(reinterpret_cast<const char*>(pre), kMagicLen)) + "\"");
  const int major = pre[6], minor = pre[7];
  if ((major < 1 || major > 3) || minor != 0)
    fail(path, "expected NPY format version 1.0, 2.0 or 3.0, received " + std::to_string(major) +
                   "." + std::to_string(minor));
  const int len_bytes = major == 1 ? 2 : 4;
  const std::uint64_t prefix = kMagicLen + 2 + static_cast<std::uint64_t>(len_bytes);
  if (file_size < prefix)
    fail(path,
         "file ends inside the header length field (" + std::to_string(file_size) + " bytes)");
  in.read(reinterpret_cast<char*>(pre + 8), len_bytes);
  const std::uint64_t header_len = read_le(pre + 8, len_bytes);
  if (header_len > kMaxHeaderLen)
    fail(path, "expected a header of at most " + std::to_string(kMaxHeaderLen) +
                   " bytes, the header length field says " + std::to_string(header_len));
  if (prefix + header_len > file_size)
    fail(path, "the header length field says " + std::to_string(header_len) +
                   " bytes, but the file has only " + std::to_string(file_size - prefix) +
                   " bytes after it");
  std::string header(header_len, '\0');
  in.read(header.data(), static_cast<std::streamsize>(header_len));
  if (!in) fail(path, "read error in the header");

  auto dict = npy::parse_header(header, path);
  for (const char* key : {"descr", "fortran_order", "shape"})
    if (!dict.count(key))
      fail(path, std::string("header is missing the key '") + key +
                     "': expected the keys 'descr', 'fortran_order' and 'shape', received " +
                     quote_header(header));
  if (dict.size() != 3)
    fail(path,
         "expected only the keys 'descr', 'fortran_order' and 'shape' in the header, "
         "received " +
             quote_header(header));

  const auto* descr = std::get_if<std::string>(&dict["descr"]);
  if (!descr) {
    const auto* other = std::get_if<Other>(&dict["descr"]);
    fail(path, std::string("unsupported dtype: expected ") + kSupported + ", received " +
                   (other ? "the structured dtype " + escape(other->text, 120) : "a non-string"));
  }
  const auto info = parse_descr(*descr);
  if (!info)
    fail(path, std::string("unsupported dtype: expected ") + kSupported + ", received '" +
                   escape(*descr) + "'");
  const auto* fortran = std::get_if<bool>(&dict["fortran_order"]);
  if (!fortran) fail(path, "expected fortran_order to be True or False");
  if (*fortran)
    fail(path,
         "expected a C-order (row-major) array, received fortran_order=True; "
         "save it with numpy.ascontiguousarray(a) first");
  const auto* tuple = std::get_if<Tuple>(&dict["shape"]);
  if (!tuple) fail(path, "expected the shape to be a tuple of integers");
  const auto& dims = tuple->dims;
  if (dims.size() > kMaxRank)
    fail(path, "expected at most " + std::to_string(kMaxRank) + " dimensions, received " +
                   std::to_string(dims.size()));

  // The element count must fit in int64 and its bytes in the file. Zero-size dims are treated
  // as 1 in this check so (huge, huge, 0) cannot overflow Shape arithmetic elsewhere.
  const std::uint64_t item = dtype_size(info->dtype);
  const std::uint64_t max_elems = std::numeric_limits<std::int64_t>::max() / item;
  std::uint64_t bound = 1, count = 1;
  for (std::int64_t d : dims) {
    if (d < 0) fail(path, "expected non-negative dimensions, received shape " + shape_text(dims));
    const auto ud = static_cast<std::uint64_t>(std::max<std::int64_t>(d, 1));
    if (bound > max_elems / ud)
      fail(path, "shape " + shape_text(dims) + " has more elements than a tensor can hold");
    bound *= ud;
    count *= static_cast<std::uint64_t>(d);
  }
  const std::uint64_t data_bytes = count * item;
  const std::uint64_t available = file_size - prefix - header_len;
  if (available < data_bytes)
    fail(path, "truncated data: expected " + std::to_string(data_bytes) + " bytes for shape " +
                   shape_text(dims) + " of dtype '" + *descr + "', received " +
                   std::to_string(available) + " bytes");

  Tensor t = empty(Shape(dims), info->dtype);
  keras::detail::HostStaging host(t);
  auto* bytes = host.as<unsigned char>();
  in.read(reinterpret_cast<char*>(bytes), static_cast<std::streamsize>(data_bytes));
  if (static_cast<std::uint64_t>(in.gcount()) != data_bytes)
    fail(path, "read error: expected " + std::to_string(data_bytes) + " bytes of data, received " +
                   std::to_string(in.gcount()));
  if (info->swap)
    for (std::uint64_t i = 0; i < data_bytes; i += item) std::reverse(bytes + i, bytes + i + item);
  if (info->dtype == DType::bool_)  // a bool byte other than 0/1 is undefined behaviour in C++
    for (std::uint64_t i = 0; i < data_bytes; ++i) bytes[i] = bytes[i] != 0;
  host.commit();
  return t;
}

void save_npy(const std::string& path, const Tensor& x) {
  // Touch the tensor first, so an undefined one fails before any file is created.
  const keras::detail::HostView host(x);
  const void* data = host.data();
  const std::size_t nbytes = x.nbytes();

  std::string dict = "{'descr': '" + descr_for(x.dtype()) + "', 'fortran_order': False, 'shape': (";
  for (int i = 0; i < x.rank(); ++i) dict += std::to_string(x.shape()[i]) + ", ";
  if (x.rank() > 0) dict.erase(dict.size() - (x.rank() == 1 ? 1 : 2));  // "(3,)" but "(2, 3)"
  dict += "), }";
  // Byte-for-byte what numpy.save writes: room for the first dimension to grow to 21 digits
  // (numpy's GROWTH_AXIS_MAX_DIGITS, for in-place appends), then spaces and a final newline
  // so the data starts on a 64-byte boundary (numpy pads 1..64 bytes, never 0).
  if (x.rank() > 0) {
    const std::size_t digits = std::to_string(x.shape()[0]).size();
    dict += std::string(21 - std::min<std::size_t>(21, digits), ' ');
  }
  auto build = [&](int major) {
    const std::size_t len_bytes = major == 1 ? 2 : 4;
    const std::size_t unpadded = kMagicLen + 2 + len_bytes + dict.size() + 1;
    const std::size_t pad = kAlign - unpadded % kAlign;
    const std::size_t header_len = dict.size() + pad + 1;
    std::string out(kMagic, kMagicLen);
    out += static_cast<char>(major);
    out += '\0';
    write_le(out, static_cast<std::uint32_t>(header_len), static_cast<int>(len_bytes));
    out += dict + std::string(pad, ' ') + "\n";
    return std::pair{out, header_len};
  };
  auto [preamble, header_len] = build(1);
  if (header_len > 0xFFFF) preamble = build(2).first;  // 1.0's length field is 16 bits

  // Unique per process and call: concurrent saves to one path never share a temporary file.
  static std::atomic<unsigned> counter{0};
  const std::string tmp =
      path + ".tmp." + std::to_string(getpid()) + "." + std::to_string(counter++);
  auto save_fail = [&](const std::string& what) {
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    throw IOError("save_npy('" + path + "'): " + what);
  };
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) save_fail("cannot open '" + tmp + "' for writing: " + std::strerror(errno));
    out.write(preamble.data(), static_cast<std::streamsize>(preamble.size()));
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(nbytes));
    out.close();  // close explicitly: a failed final flush must be seen, not swallowed
    if (!out) save_fail("writing '" + tmp + "' failed (disk full?): " + std::strerror(errno));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) save_fail("cannot rename '" + tmp + "' to the destination: " + ec.message());
}

}  // namespace keras::io
