#pragma once
// The library's single threading policy: one pool of `num_threads` threads runs every parallel
// loop, OpenBLAS's products included (the blas backend keeps OpenBLAS single-threaded and splits
// a product over this pool). A parallel_for inside another runs on the calling thread.
#include <cstdint>
#include <functional>

namespace keras::backend::threading {

void set_num_threads(int n);
int num_threads();
// Splits [0, n) into at most num_threads() contiguous chunks of at least `grain` items and
// runs f(begin, end) on each, the calling thread taking the first chunk.
void parallel_for(std::int64_t n, std::int64_t grain,
                  const std::function<void(std::int64_t, std::int64_t)>& f);
// The same in up to kBalancedChunksPerThread chunks per thread, each claimed by whichever thread
// is free: for loops whose chunks need no setup of their own, so a thread the OS holds back
// (other processes on the machine) costs its share of one small chunk, not of the whole loop.
inline constexpr std::int64_t kBalancedChunksPerThread = 4;
void parallel_for_balanced(std::int64_t n, std::int64_t grain,
                           const std::function<void(std::int64_t, std::int64_t)>& f);

}  // namespace keras::backend::threading
