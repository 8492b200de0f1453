#pragma once
// What every fuzz target asserts: a hostile input may only end in one of keras's own errors
// (keras::Error: ValueError, IOError, ...). Any other exception escaping the library — a
// std::bad_alloc from a huge declared size, a std::out_of_range, nlohmann's exceptions — is a
// finding: it is printed and the process aborts, so libFuzzer saves the input. Crashes,
// leaks and undefined behaviour are the sanitizers' findings.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <typeinfo>

#include "keras/core/errors.hpp"

namespace keras::fuzz {

template <class F>
void expect_only_keras_errors(F&& body) {
  try {
    body();
  } catch (const keras::Error&) {
    // The library refused the input with a clear error: the expected outcome.
  } catch (const std::exception& e) {
    std::fprintf(stderr, "FINDING: %s escaped the library: %s\n", typeid(e).name(), e.what());
    std::abort();
  } catch (...) {
    std::fprintf(stderr, "FINDING: a non-std exception escaped the library\n");
    std::abort();
  }
}

// The loaders read files by name, so each input is written to one private file (in $TMPDIR,
// named after the process, reused across inputs and removed at exit), with the extension the
// loader dispatches on.
inline std::string write_input(const std::uint8_t* data, std::size_t size,
                               const std::string& extension) {
  static const std::string path = [&] {
    std::string p = (std::filesystem::temp_directory_path() /
                     ("keraspp-fuzz-" + std::to_string(::getpid()) + extension))
                        .string();
    static std::string to_remove = p;
    std::atexit([] { std::filesystem::remove(to_remove); });
    return p;
  }();
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::fprintf(stderr, "cannot write the fuzz input to %s\n", path.c_str());
    std::abort();
  }
  return path;
}

}  // namespace keras::fuzz
