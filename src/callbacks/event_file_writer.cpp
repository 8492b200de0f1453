#include "src/callbacks/event_file_writer.hpp"

#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "keras/core/errors.hpp"

namespace keras::callbacks::detail {

namespace {

const std::array<std::uint32_t, 256>& crc_table() {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0x82F63B78u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

// Protocol buffer wire format, the few pieces tensorflow.Event needs.
void varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += static_cast<char>((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += static_cast<char>(v);
}
void key(std::string& out, int field, int wire_type) {
  varint(out, static_cast<std::uint64_t>(field << 3 | wire_type));
}
template <class T>
void fixed(std::string& out, T v) {  // little-endian, as x86-64 and protobuf both are
  char bytes[sizeof v];
  std::memcpy(bytes, &v, sizeof v);
  out.append(bytes, sizeof v);
}
void bytes_field(std::string& out, int field, const std::string& data) {
  key(out, field, 2);
  varint(out, data.size());
  out += data;
}

double now_seconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

// Event { wall_time = 1 (double); step = 2 (int64); file_version = 3; summary = 5 }
std::string event(std::int64_t step, const std::string& tail) {
  std::string e;
  key(e, 1, 1);
  fixed(e, now_seconds());
  if (step != 0) {
    key(e, 2, 0);
    varint(e, static_cast<std::uint64_t>(step));
  }
  return e + tail;
}

std::string host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "localhost";
  return name;
}

}  // namespace

std::uint32_t crc32c(const std::string& data) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = crc_table()[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::uint32_t masked_crc32c(const std::string& data) {
  const std::uint32_t c = crc32c(data);
  return ((c >> 15) | (c << 17)) + 0xA282EAD8u;
}

EventFileWriter::EventFileWriter(const std::string& dir) {
  static std::atomic<int> counter{0};
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec)
    throw IOError("TensorBoard: cannot create the log directory '" + dir + "': " + ec.message());
  const auto seconds = static_cast<long long>(now_seconds());
  path_ = (std::filesystem::path(dir) /
           ("events.out.tfevents." + std::to_string(seconds) + "." + host_name() + "." +
            std::to_string(getpid()) + "." + std::to_string(counter++) + ".v2"))
              .string();
  file_ = std::fopen(path_.c_str(), "wb");
  if (!file_)
    throw IOError("TensorBoard: cannot create the event file '" + path_ +
                  "': " + std::strerror(errno));
  std::string version;
  bytes_field(version, 3, "brain.Event:2");
  write_record(event(0, version));
  flush();
}

EventFileWriter::~EventFileWriter() {
  if (file_) std::fclose(file_);
}

void EventFileWriter::add_scalar(const std::string& tag, double value, std::int64_t step) {
  // Summary { value = 1: Value { tag = 1; simple_value = 2 (float) } }
  std::string v;
  bytes_field(v, 1, tag);
  key(v, 2, 5);
  fixed(v, static_cast<float>(value));
  std::string summary;
  bytes_field(summary, 1, v);
  std::string tail;
  bytes_field(tail, 5, summary);
  write_record(event(step, tail));
}

void EventFileWriter::write_record(const std::string& data) {
  std::string length;
  fixed(length, static_cast<std::uint64_t>(data.size()));
  std::string record = length;
  fixed(record, masked_crc32c(length));
  record += data;
  fixed(record, masked_crc32c(data));
  if (std::fwrite(record.data(), 1, record.size(), file_) != record.size())
    throw IOError("TensorBoard: cannot write to '" + path_ + "': " + std::strerror(errno));
}

void EventFileWriter::flush() {
  if (std::fflush(file_) != 0)
    throw IOError("TensorBoard: cannot write to '" + path_ + "': " + std::strerror(errno));
}

}  // namespace keras::callbacks::detail
