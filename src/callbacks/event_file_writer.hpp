#pragma once
// Internal: a TensorBoard event file (what tf.summary's file writer produces), written without
// TensorFlow or protobuf: TFRecord framing (length, masked CRC-32C, data, masked CRC-32C) of
// hand-encoded tensorflow.Event messages — the file_version record first, then scalar
// summaries in the legacy `simple_value` form that TensorBoard's readers all accept.
#include <cstdint>
#include <cstdio>
#include <string>

namespace keras::callbacks::detail {

class EventFileWriter {
 public:
  // Creates `dir` (and its parents) and a file named as TensorFlow names them:
  // events.out.tfevents.<seconds>.<host>.<pid>.<n>.v2. IOError when it cannot.
  explicit EventFileWriter(const std::string& dir);
  ~EventFileWriter();
  EventFileWriter(const EventFileWriter&) = delete;
  EventFileWriter& operator=(const EventFileWriter&) = delete;

  void add_scalar(const std::string& tag, double value, std::int64_t step);
  void flush();
  const std::string& path() const { return path_; }

 private:
  void write_record(const std::string& data);
  std::string path_;
  std::FILE* file_ = nullptr;
};

// CRC-32C (Castagnoli) of `data`, and TFRecord's masked form of it (exposed for tests).
std::uint32_t crc32c(const std::string& data);
std::uint32_t masked_crc32c(const std::string& data);

}  // namespace keras::callbacks::detail
