#pragma once
// Internal: constructors of the backends that can be compiled in, and the generated list of
// those that were (compiled_backends.cpp.in, filled in by CMake from KERASPP_BACKEND_ENTRIES).
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "keras/backends/backend.hpp"

namespace keras::backend {

std::unique_ptr<Backend> make_reference_backend();
std::unique_ptr<Backend> make_blas_backend();
std::unique_ptr<Backend> make_strict_backend();
std::unique_ptr<Backend> make_onednn_backend();

struct BackendEntry {
  std::string name;
  std::function<std::unique_ptr<Backend>()> make;
};
// Compiled-in backends; the first is the build's default.
const std::vector<BackendEntry>& compiled_backends();

// Notes (once per backend, kernel and dtype, on stderr and in fallbacks()) that the core ran a
// kernel the backend declined on the reference kernels.
void record_fallback(const Backend& backend, Kernel kernel, DType dtype);

}  // namespace keras::backend
