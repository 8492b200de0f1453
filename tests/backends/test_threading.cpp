// The worker pool behind parallel_for: every index runs exactly once, whoever claims the chunks,
// errors reach the caller, and the pool keeps working after one.
#include <atomic>
#include <stdexcept>
#include <vector>

#include "src/backends/threading.hpp"
#include "test_util.hpp"

using keras::backend::threading::kBalancedChunksPerThread;
using keras::backend::threading::parallel_for;
using keras::backend::threading::parallel_for_balanced;

namespace {
struct PoolThreadCount {
  explicit PoolThreadCount(int n) : previous(keras::config::num_threads()) {
    keras::config::set_num_threads(n);
  }
  ~PoolThreadCount() { keras::config::set_num_threads(previous); }
  int previous;
};
}  // namespace

TEST_CASE("parallel_for runs every index exactly once", "[threading]") {
  for (int threads : {2, 3}) {
    for (auto loop : {&parallel_for, &parallel_for_balanced}) {
      PoolThreadCount count(threads);
      for (std::int64_t n : {1, 2, 3, 7, 1000, 100003}) {
        std::vector<std::atomic<int>> hits(static_cast<std::size_t>(n));
        const int rounds = n < 1000 ? 500 : 5;
        // Many small jobs back to back: workers join late, early, or not at all.
        for (int round = 0; round < rounds; ++round)
          loop(n, 1, [&](std::int64_t b, std::int64_t e) {
            for (std::int64_t i = b; i < e; ++i) hits[static_cast<std::size_t>(i)]++;
          });
        std::int64_t wrong = 0;
        for (auto& h : hits) wrong += h.load() != rounds;
        INFO("threads " << threads << ", n " << n << (loop == &parallel_for ? "" : ", balanced"));
        CHECK(wrong == 0);
      }
    }
  }
}

TEST_CASE("a balanced loop splits finer than one chunk per thread, a plain one does not",
          "[threading]") {
  PoolThreadCount count(2);
  for (auto loop : {&parallel_for, &parallel_for_balanced}) {
    std::atomic<int> chunks{0};
    loop(1000, 1, [&](std::int64_t, std::int64_t) { chunks++; });
    CHECK(chunks.load() == (loop == &parallel_for ? 2 : 2 * kBalancedChunksPerThread));
  }
  // Never more chunks than the grain allows, and a nested loop runs inline.
  std::atomic<int> chunks{0}, nested{0};
  parallel_for_balanced(300, 100, [&](std::int64_t, std::int64_t) {
    chunks++;
    parallel_for_balanced(1000, 1, [&](std::int64_t, std::int64_t) { nested++; });
  });
  CHECK(chunks.load() == 3);
  CHECK(nested.load() == 3);
}

TEST_CASE("an error in any chunk reaches the caller, and the pool keeps working", "[threading]") {
  PoolThreadCount count(2);
  for (int round = 0; round < 200; ++round) {
    const std::int64_t bad = round % 2 == 0 ? 0 : 99;  // the first or the last chunk throws
    CHECK_THROWS_AS(parallel_for(100, 1,
                                 [&](std::int64_t b, std::int64_t e) {
                                   if (b <= bad && bad < e) throw std::runtime_error("chunk");
                                 }),
                    std::runtime_error);
    std::atomic<std::int64_t> sum{0};
    parallel_for(100, 1, [&](std::int64_t b, std::int64_t e) {
      for (std::int64_t i = b; i < e; ++i) sum += i;
    });
    CHECK(sum.load() == 4950);
  }
}
