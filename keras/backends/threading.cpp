#include "keras/backends/threading.hpp"

#include <algorithm>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "keras/backends/backend.hpp"

namespace keras::backend::threading {
namespace {
int initial_threads() {
  // Honour the usual environment knobs so a benchmark can pin threads for every library.
  for (const char* var : {"KERAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"})
    if (const char* v = std::getenv(var); v && std::atoi(v) > 0) return std::atoi(v);
  return std::max(1u, std::thread::hardware_concurrency());
}
int& threads() {
  static int n = initial_threads();
  return n;
}
thread_local bool g_inside_parallel = false;
}  // namespace

void set_num_threads(int n) {
  threads() = std::max(1, n);
  for (const auto& name : available()) get(name).set_num_threads(threads());
}
int num_threads() { return threads(); }

void parallel_for(std::int64_t n, std::int64_t grain,
                  const std::function<void(std::int64_t, std::int64_t)>& f) {
  if (n <= 0) return;
  std::int64_t workers = std::min<std::int64_t>(threads(), (n + grain - 1) / std::max<std::int64_t>(grain, 1));
  if (workers <= 1 || g_inside_parallel) {
    f(0, n);
    return;
  }
  std::int64_t chunk = (n + workers - 1) / workers;
  std::vector<std::thread> pool;
  for (std::int64_t w = 1; w < workers; ++w) {
    std::int64_t b = w * chunk, e = std::min(n, b + chunk);
    if (b >= e) break;
    pool.emplace_back([&f, b, e] {
      g_inside_parallel = true;
      f(b, e);
    });
  }
  g_inside_parallel = true;
  f(0, std::min(n, chunk));
  g_inside_parallel = false;
  for (auto& t : pool) t.join();
}

}  // namespace keras::backend::threading
