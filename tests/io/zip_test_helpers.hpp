#pragma once
// Zip archives written byte by byte (tests/io/test_zip_archive.cpp, test_hostile_files.cpp), so
// a test can make one that libzip's writer (and ours) would refuse to produce: lying sizes,
// names pointing outside the archive, decompression bombs.
#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace zip_test {

inline void put16(std::string& s, std::uint32_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>((v >> 8) & 0xff));
}
inline void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xffff);
  put16(s, v >> 16);
}

struct Entry {
  std::string name, data;
  std::uint32_t declared_size;  // what the headers claim the entry expands to
  bool deflate = false;         // stored deflated (method 8) instead of as is (method 0)
};

// Raw deflate (no zlib header), as zip's method 8 holds it.
inline std::string deflate_raw(const std::string& data) {
  z_stream z{};
  if (deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (rc != Z_STREAM_END) throw std::runtime_error("deflate failed");
  return out;
}

inline std::string make_zip(const std::vector<Entry>& entries) {
  std::string out, central;
  for (const auto& e : entries) {
    auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(e.data.data()), static_cast<uInt>(e.data.size())));
    const std::string stored = e.deflate ? deflate_raw(e.data) : e.data;
    const std::uint32_t method = e.deflate ? 8 : 0;
    auto offset = static_cast<std::uint32_t>(out.size());
    auto size = static_cast<std::uint32_t>(stored.size());
    put32(out, 0x04034b50);
    put16(out, 20), put16(out, 0), put16(out, method), put16(out, 0), put16(out, 0x21);
    put32(out, crc), put32(out, size), put32(out, e.declared_size);
    put16(out, static_cast<std::uint32_t>(e.name.size())), put16(out, 0);
    out += e.name + stored;
    put32(central, 0x02014b50);
    put16(central, 20), put16(central, 20), put16(central, 0), put16(central, method);
    put16(central, 0), put16(central, 0x21);
    put32(central, crc), put32(central, size), put32(central, e.declared_size);
    put16(central, static_cast<std::uint32_t>(e.name.size()));
    put16(central, 0), put16(central, 0), put16(central, 0), put16(central, 0);
    put32(central, 0), put32(central, offset);
    central += e.name;
  }
  auto cd_offset = static_cast<std::uint32_t>(out.size());
  out += central;
  put32(out, 0x06054b50);
  put16(out, 0), put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size())), put32(out, cd_offset);
  put16(out, 0);
  return out;
}

}  // namespace zip_test
