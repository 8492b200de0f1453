#pragma once
// The library's single threading policy. `num_threads` is shared by BLAS (which the blas
// backend configures to it) and by `parallel_for`; the two are never nested: code calls
// parallel_for only around loops that do not call BLAS, and BLAS only outside parallel_for.
#include <cstdint>
#include <functional>

namespace keras::backend::threading {

void set_num_threads(int n);
int num_threads();
// Splits [0, n) into at most num_threads() contiguous chunks of at least `grain` items and
// runs f(begin, end) on each, the calling thread taking the first chunk.
void parallel_for(std::int64_t n, std::int64_t grain,
                  const std::function<void(std::int64_t, std::int64_t)>& f);

}  // namespace keras::backend::threading
