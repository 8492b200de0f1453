#pragma once
// Temporary files for the writers: every save goes to a temporary file first and is renamed
// over its target only once complete, so a crash or an error mid-save leaves the previous file
// intact (internal).
#include <string>

namespace keras::io {

// A file path owned until committed: the destructor removes the file if it still exists.
class TempFile {
 public:
  // "<target>.tmp-<random hex>": in the target's directory, so the final rename stays on one
  // filesystem (and so is atomic).
  static TempFile beside(const std::string& target);
  // A fresh name in the system's temporary directory, ending in `suffix`.
  static TempFile in_temp_dir(const std::string& suffix);

  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&&) = delete;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile();

  const std::string& path() const { return path_; }
  // Renames the file to `target` (replacing it); afterwards this object owns nothing.
  // IOError naming `target` if the rename fails.
  void commit_to(const std::string& target);

 private:
  explicit TempFile(std::string path) : path_(std::move(path)) {}
  std::string path_;
};

}  // namespace keras::io
