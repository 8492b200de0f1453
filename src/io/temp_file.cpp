#include "src/io/temp_file.hpp"

#include <cstdio>
#include <filesystem>
#include <random>

#include "keras/core/errors.hpp"

namespace keras::io {

namespace {
std::string random_hex() {
  std::random_device rd;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%08x%08x", rd(), rd());
  return hex;
}
}  // namespace

TempFile TempFile::beside(const std::string& target) {
  return TempFile(target + ".tmp-" + random_hex());
}

TempFile TempFile::in_temp_dir(const std::string& suffix) {
  return TempFile(
      (std::filesystem::temp_directory_path() / ("keraspp-" + random_hex() + suffix)).string());
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) {
  other.path_.clear();
}

TempFile::~TempFile() {
  if (path_.empty()) return;
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

void TempFile::commit_to(const std::string& target) {
  std::error_code ec;
  std::filesystem::rename(path_, target, ec);
  if (ec)
    throw IOError("Cannot write '" + target + "': renaming the temporary file '" + path_ +
                  "' to it failed: " + ec.message());
  path_.clear();
}

}  // namespace keras::io
