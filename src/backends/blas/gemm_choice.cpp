#include "src/backends/blas/gemm_choice.hpp"

#include <cctype>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "src/backends/blas/openblas.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas {

namespace {

// Timed calls per path before a shape's choice is made (the fastest of them counts: the first
// call of either may pay for page faults or waking threads).
constexpr int kTrials = 3;

struct Record {
  int calls = 0;
  double best[2] = {1e300, 1e300};
  std::optional<GemmPath> chosen;
};

struct Choices {
  std::mutex mutex;
  std::map<std::pair<GemmShape, int>, Record> records;  // with the thread count
  GemmPath path = GemmPath::micro;                      // micro, openblas or measured
};

// KERAS_GEMM if set, else the core's default.
GemmPath configured_path() {
  if (const char* env = std::getenv("KERAS_GEMM")) {
    if (std::strcmp(env, "micro") == 0) return GemmPath::micro;
    if (std::strcmp(env, "openblas") == 0) return GemmPath::openblas;
    if (std::strcmp(env, "measured") == 0) return GemmPath::measured;
  }
  return default_gemm_path(core_name());
}

Choices& choices() {
  static Choices* c = [] {
    auto* out = new Choices;  // never destroyed: GEMMs may run in static destructors
    out->path = configured_path();
    return out;
  }();
  return *c;
}

}  // namespace

GemmPath default_gemm_path(const std::string& openblas_core) {
  std::string core;
  for (char ch : openblas_core)
    core += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  for (const char* modern : {"haswell", "skylakex", "cooperlake", "sapphirerapids", "zen"})
    if (core == modern) return GemmPath::openblas;
  return GemmPath::micro;
}

void force_gemm_path(std::optional<GemmPath> path) {
  auto& c = choices();
  std::lock_guard lock(c.mutex);
  c.path = path ? *path : configured_path();
  c.records.clear();
}

void run_gemm(const GemmShape& shape, const std::function<void()>& micro,
              const std::function<void()>& openblas) {
  if (!micro) return openblas();
  auto& c = choices();
  const auto key = std::make_pair(shape, threading::num_threads());
  GemmPath path;
  int slot = -1;
  {
    std::lock_guard lock(c.mutex);
    if (c.path != GemmPath::measured) {
      path = c.path;
    } else {
      Record& r = c.records[key];
      if (r.chosen) {
        path = *r.chosen;
      } else {
        slot = r.calls++ % 2;
        path = slot == 0 ? GemmPath::micro : GemmPath::openblas;
      }
    }
  }
  if (slot < 0) return path == GemmPath::micro ? micro() : openblas();
  const auto start = std::chrono::steady_clock::now();
  path == GemmPath::micro ? micro() : openblas();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::lock_guard lock(c.mutex);
  Record& r = c.records[key];
  if (r.chosen) return;
  r.best[slot] = std::min(r.best[slot], seconds);
  if (r.calls >= 2 * kTrials)
    r.chosen = r.best[0] <= r.best[1] ? GemmPath::micro : GemmPath::openblas;
}

}  // namespace keras::backend::blas
