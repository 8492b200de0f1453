#pragma once
// Test helpers that capture what callbacks print: into a temporary FILE*, or from stdout /
// stderr themselves (for print_msg and warnings).
#include <unistd.h>

#include <cstdio>
#include <stdexcept>
#include <string>

namespace capture {

// Everything written to `file` from its start.
inline std::string read_all(std::FILE* file) {
  std::fflush(file);
  const long end = std::ftell(file);
  std::string text(static_cast<std::size_t>(end), '\0');
  std::rewind(file);
  const std::size_t got = std::fread(text.data(), 1, text.size(), file);
  text.resize(got);
  std::fseek(file, 0, SEEK_END);
  return text;
}

// A temporary file to pass as a callback's output.
struct TempOutput {
  std::FILE* file = std::tmpfile();
  TempOutput() {
    if (!file) throw std::runtime_error("tmpfile failed");
  }
  ~TempOutput() { std::fclose(file); }
  TempOutput(const TempOutput&) = delete;
  TempOutput& operator=(const TempOutput&) = delete;
  std::string text() const { return read_all(file); }
};

// Redirects a standard stream (stdout or stderr) to a temporary file for its lifetime.
class Redirect {
 public:
  explicit Redirect(std::FILE* stream) : stream_(stream), fd_(fileno(stream)) {
    std::fflush(stream_);
    saved_ = dup(fd_);
    dup2(fileno(temp_.file), fd_);
  }
  ~Redirect() { restore(); }
  Redirect(const Redirect&) = delete;
  Redirect& operator=(const Redirect&) = delete;
  // What was written so far; also ends the redirection.
  std::string text() {
    restore();
    return temp_.text();
  }

 private:
  void restore() {
    if (saved_ < 0) return;
    std::fflush(stream_);
    dup2(saved_, fd_);
    close(saved_);
    saved_ = -1;
  }
  std::FILE* stream_;
  int fd_;
  int saved_ = -1;
  TempOutput temp_;
};

}  // namespace capture
