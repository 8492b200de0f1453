#pragma once
// Reading and writing the zip archives of the `.keras` format, over libzip (internal). Archives
// are untrusted input: entry names must be plain relative paths (no "..", no absolute path, no
// backslash), and an entry is read only up to a size limit checked against both its declared
// and its actual size, so a decompression bomb is an IOError, not an exhausted memory.
#include <cstdint>
#include <string>
#include <vector>

#include "src/io/temp_file.hpp"

namespace keras::io {

class ZipReader {
 public:
  // IOError naming the file when it is missing or not a zip archive.
  explicit ZipReader(const std::string& path);
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  const std::vector<std::string>& names() const { return names_; }
  bool contains(const std::string& name) const;
  // The entry's bytes; IOError when it is missing, larger than `max_bytes`, or corrupt.
  std::string read(const std::string& name, std::uint64_t max_bytes) const;

 private:
  std::string path_;
  void* archive_ = nullptr;  // zip_t*
  std::vector<std::string> names_;
};

// Writes an archive with every entry stored uncompressed (as Keras writes .keras files) to a
// temporary file next to `path`, renamed over it by commit(): a failed save leaves any previous
// file intact.
class ZipWriter {
 public:
  explicit ZipWriter(std::string path);
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  void add(const std::string& name, std::string bytes);
  void commit();

 private:
  std::string path_;
  TempFile temp_;  // removed unless committed
  std::vector<std::pair<std::string, std::string>> entries_;
};

// True for a name that stays inside the archive's directory when extracted.
bool is_safe_entry_name(const std::string& name);

}  // namespace keras::io
