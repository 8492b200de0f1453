#include "src/backends/threading.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
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
//
// A training step dispatches a dozen loops a few hundred microseconds apart. Sleeping on a
// condition variable between them cost a futex wake-up each (32 % of a 2-thread profile was in
// the kernel), so idle workers spin on the job counter for a while before they sleep
// (std::atomic::wait, a futex), and the caller spins for its helpers to finish. The spin is
// bounded: a worker that spins through a long serial stretch would hold a core for nothing
// (another process's, or another user thread's).
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
    job_ = &f;
    n_ = n;
    chunk_ = chunk;
    helpers_ = static_cast<int>(chunks) - 1;
    error_ = nullptr;
    // Every worker reports back, those without a chunk too: the next job's fields are written
    // only when no worker can still be reading this one's.
    pending_.store(static_cast<int>(workers_.size()), std::memory_order_relaxed);
    // seq_cst with the workers' `sleepers_` increment: either a worker sees the new generation
    // before it sleeps, or this sees it asleep and wakes it.
    generation_.fetch_add(1, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) generation_.notify_all();
    g_inside_parallel = true;
    std::exception_ptr mine;
    try {
      f(0, std::min(n, chunk));
    } catch (...) {
      mine = std::current_exception();
    }
    g_inside_parallel = false;
    for (int spins = 0; pending_.load(std::memory_order_acquire) != 0; ++spins)
      if (spins > kCallerSpins) std::this_thread::yield();
      else cpu_relax();
    job_ = nullptr;
    if (mine) std::rethrow_exception(mine);
    if (error_) std::rethrow_exception(error_);
    return true;
  }

 private:
  // How long an idle worker polls before it sleeps, and how many polls the caller makes before
  // it starts yielding its core while it waits for the helpers.
  static constexpr auto kWorkerSpin = std::chrono::microseconds(100);
  static constexpr int kCallerSpins = 200000;

  static void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }

  void ensure_workers(int count) {
    while (static_cast<int>(workers_.size()) < count) {
      // The generation it was created in: it must take the job about to be published, even
      // if the thread only starts running after the bump.
      const int index = static_cast<int>(workers_.size());
      const std::uint64_t born = generation_.load(std::memory_order_relaxed);
      workers_.emplace_back([this, index, born] { work(index, born); });
    }
  }

  void work(int index, std::uint64_t seen) {
    g_inside_parallel = true;
    for (;;) {
      std::uint64_t now = generation_.load(std::memory_order_acquire);
      for (auto until = std::chrono::steady_clock::now() + kWorkerSpin;
           now == seen && std::chrono::steady_clock::now() < until;) {
        for (int i = 0; i < 64 && now == seen; ++i) {
          cpu_relax();
          now = generation_.load(std::memory_order_acquire);
        }
      }
      if (now == seen) {
        sleepers_.fetch_add(1, std::memory_order_seq_cst);
        generation_.wait(seen, std::memory_order_seq_cst);
        sleepers_.fetch_sub(1, std::memory_order_relaxed);
        now = generation_.load(std::memory_order_acquire);
        if (now == seen) continue;
      }
      seen = now;
      if (index >= helpers_) {
        pending_.fetch_sub(1, std::memory_order_acq_rel);
        continue;
      }
      const std::int64_t b = (index + 1) * chunk_, e = std::min(n_, b + chunk_);
      std::exception_ptr error;
      try {
        if (b < e) (*job_)(b, e);
      } catch (...) {
        error = std::current_exception();
      }
      if (error) {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = error;
      }
      pending_.fetch_sub(1, std::memory_order_acq_rel);
    }
  }

  const pid_t owner_ = getpid();
  std::mutex dispatch_;  // one job at a time
  std::vector<std::thread> workers_;
  // The job: written by the caller before it bumps generation_ (release), read by the workers
  // after they see the bump (acquire).
  const std::function<void(std::int64_t, std::int64_t)>* job_ = nullptr;
  std::int64_t n_ = 0, chunk_ = 0;
  int helpers_ = 0;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<int> pending_{0}, sleepers_{0};
  std::mutex error_mutex_;
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
