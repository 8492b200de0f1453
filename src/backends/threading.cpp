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
#include "src/backends/flush_subnormals.hpp"

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
// (std::atomic::wait, a futex). The spin is bounded: a worker that spins through a long serial
// stretch would hold a core for nothing (another process's, or another user thread's).
//
// Chunks are claimed, not assigned: the caller and the workers take the next unclaimed chunk
// until none is left. A worker that the OS has not scheduled (the machine is busy with other
// processes) then costs nothing: the caller runs its chunk, closes the job, and waits only for
// workers that joined it. With fixed assignment the caller waited for every worker to run,
// and a 2-thread training step on a loaded machine ran ten times slower than on 1 thread.
class Pool {
 public:
  bool try_run(std::int64_t n, std::int64_t chunks, int threads,
               const std::function<void(std::int64_t, std::int64_t)>& f) {
    // A forked child inherits this object but not its threads: it runs loops inline.
    if (getpid() != owner_) return false;
    std::unique_lock busy(dispatch_, std::try_to_lock);
    if (!busy.owns_lock()) return false;
    ensure_workers(threads - 1);
    // The job's fields, then its state word (open, nobody inside), then the generation: a
    // worker that joins through the state word (acquire) sees these fields.
    job_ = &f;
    n_ = n;
    chunks_ = chunks;
    chunk_ = (n + chunks - 1) / chunks;
    next_.store(0, std::memory_order_relaxed);
    error_ = nullptr;
    const std::uint64_t gen = generation_.load(std::memory_order_relaxed) + 1;
    state_.store(tag(gen), std::memory_order_release);
    // seq_cst with the workers' `sleepers_` increment: either a worker sees the new generation
    // before it sleeps, or this sees it asleep and wakes it.
    generation_.store(gen, std::memory_order_seq_cst);
    if (sleepers_.load(std::memory_order_seq_cst) > 0) generation_.notify_all();
    g_inside_parallel = true;
    std::exception_ptr mine;
    try {
      run_chunks();
    } catch (...) {
      mine = std::current_exception();
    }
    g_inside_parallel = false;
    // Close the job (no one joins any more) and wait for those inside to leave it.
    std::uint64_t s = state_.fetch_or(kClosed, std::memory_order_acq_rel) | kClosed;
    for (int spins = 0; (s & kInsideMask) != 0; ++spins) {
      if (spins > kCallerSpins) std::this_thread::yield();
      else cpu_relax();
      s = state_.load(std::memory_order_acquire);
    }
    job_ = nullptr;
    if (mine) std::rethrow_exception(mine);
    if (error_) std::rethrow_exception(error_);
    return true;
  }

 private:
  // state_: the job's generation in the high bits, a closed flag, and how many workers are
  // inside the job in the low bits.
  static constexpr int kGenShift = 32;
  static constexpr std::uint64_t kClosed = std::uint64_t{1} << 31;
  static constexpr std::uint64_t kInsideMask = kClosed - 1;
  // The generation as state_ holds it (its low 32 bits: it wraps after 2^32 jobs).
  static std::uint64_t tag(std::uint64_t gen) { return (gen & 0xffffffffu) << kGenShift; }
  // How long an idle worker polls before it sleeps, and how many polls the caller makes before
  // it starts yielding its core while it waits for a worker inside the job.
  static constexpr auto kWorkerSpin = std::chrono::microseconds(100);
  static constexpr int kCallerSpins = 20000;

  static void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#endif
  }

  // Runs chunks until none is left unclaimed; errors are kept for the caller (the first
  // one wins), and a chunk that throws does not stop the others.
  void run_chunks() {
    for (;;) {
      const std::int64_t c = next_.fetch_add(1, std::memory_order_relaxed);
      if (c >= chunks_) return;
      const std::int64_t b = c * chunk_, e = std::min(n_, b + chunk_);
      if (b < e) (*job_)(b, e);
    }
  }

  // Enters the job of generation `gen` if it is still open.
  bool join(std::uint64_t gen) {
    std::uint64_t s = state_.load(std::memory_order_relaxed);
    for (;;) {
      if ((s & ~kInsideMask & ~kClosed) != tag(gen) || (s & kClosed)) return false;
      if (state_.compare_exchange_weak(s, s + 1, std::memory_order_acquire,
                                       std::memory_order_relaxed))
        return true;
    }
  }

  void ensure_workers(int count) {
    while (static_cast<int>(workers_.size()) < count) workers_.emplace_back([this] { work(); });
  }

  void work() {
    g_inside_parallel = true;
    FlushSubnormals::for_this_thread();
    std::uint64_t seen = 0;
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
        continue;
      }
      seen = now;
      if (!join(now)) continue;  // finished (or superseded) before this worker got to it
      std::exception_ptr error;
      try {
        run_chunks();
      } catch (...) {
        error = std::current_exception();
      }
      if (error) {
        std::lock_guard lock(error_mutex_);
        if (!error_) error_ = error;
      }
      state_.fetch_sub(1, std::memory_order_release);
    }
  }

  const pid_t owner_ = getpid();
  std::mutex dispatch_;  // one job at a time
  std::vector<std::thread> workers_;
  // The job: written by the caller before it publishes state_ (release), read by the workers
  // after they join through state_ (acquire); rewritten only once the job is closed and empty.
  const std::function<void(std::int64_t, std::int64_t)>* job_ = nullptr;
  std::int64_t n_ = 0, chunks_ = 0, chunk_ = 0;
  std::atomic<std::int64_t> next_{0};
  std::atomic<std::uint64_t> generation_{0}, state_{0};
  std::atomic<int> sleepers_{0};
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

namespace {
void run_in_chunks(std::int64_t n, std::int64_t grain, std::int64_t chunks_per_thread,
                   const std::function<void(std::int64_t, std::int64_t)>& f) {
  if (n <= 0) return;
  // Loops outside a kernel call (an optimizer's fused update) flush as the kernels do.
  FlushSubnormals flush;
  const int t = threads();
  const std::int64_t most =
      (n + std::max<std::int64_t>(grain, 1) - 1) / std::max<std::int64_t>(grain, 1);
  const std::int64_t chunks = std::min<std::int64_t>(t * chunks_per_thread, most);
  if (t <= 1 || chunks <= 1 || g_inside_parallel ||
      !pool().try_run(n, chunks, static_cast<int>(std::min<std::int64_t>(t, chunks)), f))
    f(0, n);
}
}  // namespace

void parallel_for(std::int64_t n, std::int64_t grain,
                  const std::function<void(std::int64_t, std::int64_t)>& f) {
  run_in_chunks(n, grain, 1, f);
}

void parallel_for_balanced(std::int64_t n, std::int64_t grain,
                           const std::function<void(std::int64_t, std::int64_t)>& f) {
  run_in_chunks(n, grain, kBalancedChunksPerThread, f);
}

}  // namespace keras::backend::threading
