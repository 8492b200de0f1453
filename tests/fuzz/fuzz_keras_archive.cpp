// Fuzzes the .keras archive reader (models::load_model on a .keras file): the zip layer
// (libzip, entry names, size limits), config.json, the compile config, and the model.weights.h5
// entry's presence. The weights entry itself is HDF5, which is not fuzzed: libhdf5 1.10.8
// segfaults on some corrupted metadata, below anything a wrapper can check, so mutated HDF5
// bytes would report libhdf5's bugs, not ours (tests/io/test_weights_h5.cpp covers hostile
// .weights.h5 files made with h5py instead).
//
// A mutated entry fails its CRC-32 check, so without help every mutation inside config.json
// would end at the zip layer. The custom mutator below re-stamps the CRC of each stored .json
// entry after libFuzzer's mutation, so same-length edits of the JSON reach the config loader;
// the weights entry keeps its stale CRC and stays out of libhdf5's reach.
#include <zlib.h>

#include <cstdint>
#include <map>
#include <string_view>

#include "fuzz_guard.hpp"
#include "keras/models/models.hpp"

namespace {

std::uint32_t get(const std::uint8_t* p, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}
void put32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
bool is_json(const std::uint8_t* name, std::size_t length) {
  const std::string_view n(reinterpret_cast<const char*>(name), length);
  return n.size() >= 5 && n.substr(n.size() - 5) == ".json";
}

// Local file headers ("PK\3\4") of stored .json entries get the CRC of their bytes, and the
// central directory entries ("PK\1\2") pointing at them the same.
void restamp_json_crcs(std::uint8_t* data, std::size_t size) {
  std::map<std::uint32_t, std::uint32_t> crc_at;  // local header offset -> new CRC
  for (std::size_t p = 0; p + 30 <= size; ++p) {
    if (get(data + p, 4) != 0x04034b50) continue;
    const std::uint32_t method = get(data + p + 8, 2), stored = get(data + p + 18, 4);
    const std::size_t name_len = get(data + p + 26, 2), extra_len = get(data + p + 28, 2);
    const std::size_t start = p + 30 + name_len + extra_len;
    if (method != 0 || start + stored > size || !is_json(data + p + 30, name_len)) continue;
    const auto crc = static_cast<std::uint32_t>(crc32(0, data + start, stored));
    put32(data + p + 14, crc);
    crc_at[static_cast<std::uint32_t>(p)] = crc;
  }
  for (std::size_t q = 0; q + 46 <= size; ++q) {
    if (get(data + q, 4) != 0x02014b50) continue;
    const auto it = crc_at.find(get(data + q + 42, 4));
    if (it != crc_at.end()) put32(data + q + 16, it->second);
  }
}

}  // namespace

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int /*seed*/) {
  size = LLVMFuzzerMutate(data, size, max_size);
  restamp_json_crcs(data, size);
  return size;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = keras::fuzz::write_input(data, size, ".keras");
  keras::fuzz::expect_only_keras_errors([&] { (void)keras::models::load_model(path); });
  return 0;
}
