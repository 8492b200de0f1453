#include "src/backends/blas/gemm_choice.hpp"

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "src/backends/threading.hpp"

namespace keras::backend::blas_detail {

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
  std::optional<GemmPath> forced;
};

Choices& choices() {
  static Choices* c = [] {
    auto* out = new Choices;  // never destroyed: GEMMs may run in static destructors
    if (const char* env = std::getenv("KERAS_GEMM")) {
      if (std::strcmp(env, "micro") == 0) out->forced = GemmPath::micro;
      else if (std::strcmp(env, "openblas") == 0) out->forced = GemmPath::openblas;
    }
    return out;
  }();
  return *c;
}

}  // namespace

void force_gemm_path(std::optional<GemmPath> path) {
  auto& c = choices();
  std::lock_guard lock(c.mutex);
  c.forced = path;
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
    if (c.forced) {
      path = *c.forced;
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

}  // namespace keras::backend::blas_detail
