#include "src/io/zip_archive.hpp"

#include <zip.h>

#include <cstdio>
#include <filesystem>

#include "keras/core/errors.hpp"

namespace keras::io {

namespace {

zip_t* as_zip(void* p) { return static_cast<zip_t*>(p); }

std::string zip_error_text(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

}  // namespace

bool is_safe_entry_name(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string::npos ||
      name.find('\0') != std::string::npos || name.find(':') != std::string::npos)
    return false;
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t end = name.find('/', start);
    if (end == std::string::npos) end = name.size();
    std::string part = name.substr(start, end - start);
    if (part == "..") return false;
    start = end + 1;
  }
  return true;
}

ZipReader::ZipReader(const std::string& path) : path_(path) {
  int code = 0;
  archive_ = zip_open(path.c_str(), ZIP_RDONLY | ZIP_CHECKCONS, &code);
  if (!archive_)
    throw IOError("Cannot open '" + path +
                  "' as a zip archive (a .keras file): " + zip_error_text(code));
  zip_int64_t n = zip_get_num_entries(as_zip(archive_), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    const char* entry = zip_get_name(as_zip(archive_), static_cast<zip_uint64_t>(i), 0);
    if (!entry) continue;
    std::string name = entry;  // owned by the archive: copied before it is discarded below
    if (!is_safe_entry_name(name)) {
      zip_discard(as_zip(archive_));
      archive_ = nullptr;
      throw IOError("'" + path + "' holds an entry named '" + name +
                    "', which points outside the archive; refusing to read it");
    }
    names_.push_back(std::move(name));
  }
}

ZipReader::~ZipReader() {
  if (archive_) zip_discard(as_zip(archive_));
}

bool ZipReader::contains(const std::string& name) const {
  for (const auto& n : names_)
    if (n == name) return true;
  return false;
}

std::string ZipReader::read(const std::string& name, std::uint64_t max_bytes) const {
  zip_stat_t st;
  zip_stat_init(&st);
  if (!contains(name) || zip_stat(as_zip(archive_), name.c_str(), 0, &st) != 0)
    throw IOError("'" + path_ + "' has no entry '" + name + "'");
  if ((st.valid & ZIP_STAT_SIZE) && st.size > max_bytes)
    throw IOError("'" + path_ + "': entry '" + name + "' declares " + std::to_string(st.size) +
                  " bytes, more than the " + std::to_string(max_bytes) + " accepted");
  zip_file_t* file = zip_fopen(as_zip(archive_), name.c_str(), 0);
  if (!file)
    throw IOError("'" + path_ + "': cannot read entry '" + name +
                  "': " + zip_strerror(as_zip(archive_)));
  std::string out;
  char buffer[1 << 16];
  for (;;) {
    zip_int64_t got = zip_fread(file, buffer, sizeof buffer);
    if (got < 0) {
      std::string why = zip_file_strerror(file);
      zip_fclose(file);
      throw IOError("'" + path_ + "': entry '" + name + "' is corrupt: " + why);
    }
    if (got == 0) break;
    // The declared size may lie: count what actually comes out. Past the declared size is
    // corrupt already, so memory stays bounded by a size checked against the limit above.
    if ((st.valid & ZIP_STAT_SIZE) && out.size() + static_cast<std::uint64_t>(got) > st.size) {
      zip_fclose(file);
      throw IOError("'" + path_ + "': entry '" + name + "' expands past the " +
                    std::to_string(st.size) + " bytes it declares");
    }
    if (out.size() + static_cast<std::uint64_t>(got) > max_bytes) {
      zip_fclose(file);
      throw IOError("'" + path_ + "': entry '" + name + "' expands past the " +
                    std::to_string(max_bytes) + " bytes accepted");
    }
    out.append(buffer, static_cast<std::size_t>(got));
  }
  zip_fclose(file);
  return out;
}

ZipWriter::ZipWriter(std::string path) : path_(std::move(path)), temp_(TempFile::beside(path_)) {}

void ZipWriter::add(const std::string& name, std::string bytes) {
  if (!is_safe_entry_name(name)) throw ValueError("Invalid archive entry name '" + name + "'");
  entries_.emplace_back(name, std::move(bytes));
}

void ZipWriter::commit() {
  int code = 0;
  zip_t* za = zip_open(temp_.path().c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!za) throw IOError("Cannot create '" + temp_.path() + "': " + zip_error_text(code));
  for (const auto& [name, bytes] : entries_) {
    zip_source_t* src = zip_source_buffer(za, bytes.data(), bytes.size(), 0);
    zip_int64_t index = src ? zip_file_add(za, name.c_str(), src, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (src) zip_source_free(src);
      std::string why = zip_strerror(za);
      zip_discard(za);
      throw IOError("Cannot add '" + name + "' to '" + path_ + "': " + why);
    }
    zip_set_file_compression(za, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(za) != 0) {
    std::string why = zip_strerror(za);
    zip_discard(za);
    throw IOError("Cannot write '" + path_ + "': " + why);
  }
  temp_.commit_to(path_);
}

}  // namespace keras::io
