#include "src/backends/threading.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include "keras/backends/backend.hpp"

namespace keras::backend::threading {
namespace {
int initial_threads() {
  // Honour the usual environment knobs so a benchmark can pin threads for every library.
  for (const char* var : {"KERAS_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS"})
    if (const char* v = std::getenv(var); v && std::atoi(v) > 0) return std::atoi(v);
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}
std::atomic<int>& threads() {
  static std::atomic<int> n{initial_threads()};
  return n;
}
thread_local bool g_inside_parallel = false;

// Persistent workers: starting threads per call costs tens of microseconds, which small
// elementwise kernels cannot afford. One job runs at a time; a caller that finds the pool
// busy (another user thread) runs its loop inline instead of waiting.
class Pool {
 public:
  bool try_run(std::int64_t n, std::int64_t chunks,
               const std::function<void(std::int64_t, std::int64_t)>& f) {
    // A forked child inherits this object but not its threads: it runs loops inline.
    if (getpid() != owner_) return false;
    std::unique_lock busy(dispatch_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    ensure_workers(static_cast<int>(chunks) - 1);
    const std::int64_t chunk = (n + chunks - 1) / chunks;
    {
      std::lock_guard lock(mutex_);
      job_ = &f;
      n_ = n;
      chunk_ = chunk;
      helpers_ = static_cast<int>(chunks) - 1;
      pending_ = helpers_;
      error_ = nullptr;
      ++generation_;
    }
    wake_.notify_all();
    g_inside_parallel = true;
    std::exception_ptr mine;
    try {
      f(0, std::min(n, chunk));
    } catch (...) {
      mine = std::current_exception();
    }
    g_inside_parallel = false;
    std::unique_lock lock(mutex_);
    done_.wait(lock, [&] { return pending_ == 0; });
    job_ = nullptr;
    if (mine) std::rethrow_exception(mine);
    if (error_) std::rethrow_exception(error_);
    return true;
  }

 private:
  void ensure_workers(int count) {
    while (static_cast<int>(workers_.size()) < count) {
      int index = static_cast<int>(workers_.size());
      workers_.emplace_back([this, index] { work(index); });
    }
  }

  void work(int index) {
    g_inside_parallel = true;
    std::uint64_t seen = 0;
    std::unique_lock lock(mutex_);
    for (;;) {
      wake_.wait(lock, [&] { return generation_ != seen; });
      seen = generation_;
      if (index >= helpers_) continue;
      const std::int64_t b = (index + 1) * chunk_, e = std::min(n_, b + chunk_);
      const auto* job = job_;
      lock.unlock();
      std::exception_ptr error;
      try {
        if (b < e) (*job)(b, e);
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      if (error && !error_) error_ = error;
      if (--pending_ == 0) done_.notify_one();
    }
  }

  const pid_t owner_ = getpid();
  std::mutex dispatch_;  // one job at a time
  std::mutex mutex_;     // guards the fields below
  std::condition_variable wake_, done_;
  std::vector<std::thread> workers_;
  const std::function<void(std::int64_t, std::int64_t)>* job_ = nullptr;
  std::int64_t n_ = 0, chunk_ = 0;
  int helpers_ = 0, pending_ = 0;
  std::uint64_t generation_ = 0;
  std::exception_ptr error_;
};

// Never destroyed, so ops running in static destructors still find it; its idle workers
// end with the process.
Pool& pool() {
  static Pool* p = new Pool;
  return *p;
}
}  // namespace

void set_num_threads(int n) {
  threads() = std::max(1, n);
  for (const auto& name : available()) get(name).set_num_threads(threads());
}
int num_threads() { return threads(); }

void parallel_for(std::int64_t n, std::int64_t grain,
                  const std::function<void(std::int64_t, std::int64_t)>& f) {
  if (n <= 0) return;
  const std::int64_t chunks = std::min<std::int64_t>(
      threads(), (n + std::max<std::int64_t>(grain, 1) - 1) / std::max<std::int64_t>(grain, 1));
  if (chunks <= 1 || g_inside_parallel || !pool().try_run(n, chunks, f)) f(0, n);
}

}  // namespace keras::backend::threading
