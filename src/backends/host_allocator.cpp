#include "src/backends/host_allocator.hpp"

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "keras/core/errors.hpp"

namespace keras::backend::host_allocator {
namespace {
// Large blocks: kept whole for the next request of the same size (page faults of fresh
// multi-megabyte blocks can cost more than the kernels that use them).
constexpr std::size_t kMinCached = 64 * 1024;
constexpr std::size_t kMaxCachedTotal = std::size_t{512} << 20;
// Blocks past this go back to the system when freed: they are datasets and whole-epoch
// arrays, not the per-step tensors the cache is for, and kept they would count in the
// process's resident memory for good (Fashion-MNIST's 47 MB of training images did).
constexpr std::size_t kMaxCachedBlock = std::size_t{32} << 20;
// Small blocks, in 64-byte steps: glibc's aligned_alloc carves each one out of a larger chunk
// and frees the rest, and never serves one from its per-thread cache, so the per-op tensors of
// a batch-1 forward pass (some forty) spent a third of its time in malloc and free. They are
// kept in one stack per size instead, a bounded number of each.
constexpr std::size_t kSmallUnit = 64;
constexpr std::size_t kSmallSizes = kMinCached / kSmallUnit;
constexpr std::size_t kMaxSmallPerSize = 64;
constexpr std::size_t kMaxSmallTotal = std::size_t{16} << 20;

std::size_t rounded(std::size_t bytes) {
  const std::size_t unit = bytes >= kMinCached ? 4096 : kSmallUnit;
  return bytes == 0 ? unit : (bytes + unit - 1) / unit * unit;
}

struct Cache {
  std::mutex mutex;
  std::multimap<std::size_t, void*> free_blocks;
  std::vector<void*> small[kSmallSizes];  // small[size / 64 - 1]
  std::size_t total = 0, small_total = 0;
  std::unordered_map<void*, std::size_t> oversized;  // live blocks larger than their request
};
// Never destroyed: a Tensor with static storage duration may release its buffer after every
// function-local static is gone, so the cache must outlive them all.
Cache& cache() {
  static Cache* c = new Cache;
  return *c;
}
std::vector<void*>& small_stack(Cache& c, std::size_t size) {
  return c.small[size / kSmallUnit - 1];
}
}  // namespace

void* allocate(std::size_t bytes) {
  const std::size_t size = rounded(bytes);
  if (size >= bytes) {  // not wrapped around
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    if (size < kMinCached) {
      if (auto& stack = small_stack(c, size); !stack.empty()) {
        void* ptr = stack.back();
        stack.pop_back();
        c.small_total -= size;
        return ptr;
      }
    } else if (auto it = c.free_blocks.lower_bound(size);
               it != c.free_blocks.end() && it->first - size <= size / 2) {
      // The smallest cached block that fits, unless it would waste more than a third of itself
      // (an epoch's last, smaller batch runs in the full batches' blocks instead of a set of
      // its own). A larger block's size is remembered for its release.
      void* ptr = it->second;
      if (it->first != size) c.oversized[ptr] = it->first;
      c.total -= it->first;
      c.free_blocks.erase(it);
      return ptr;
    }
  }
  // Also past the address space: a size a hostile file declared must fail here, as a keras error
  // the loaders pass on, not as a wrapped-around aligned_alloc size.
  void* ptr = size >= bytes ? std::aligned_alloc(64, size) : nullptr;
  if (!ptr) out_of_memory(bytes);
  return ptr;
}

void out_of_memory(std::size_t bytes) {
  throw RuntimeError("Unable to allocate " + std::to_string(bytes) +
                     " bytes of host memory for a tensor (out of memory)");
}

void release(void* ptr, std::size_t bytes) {
  std::size_t size = rounded(bytes);
  {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    if (size >= kMinCached && !c.oversized.empty())
      if (auto it = c.oversized.find(ptr); it != c.oversized.end()) {
        size = it->second;
        c.oversized.erase(it);
      }
    if (size < kMinCached) {
      auto& stack = small_stack(c, size);
      if (stack.size() < kMaxSmallPerSize && c.small_total + size <= kMaxSmallTotal) {
        stack.push_back(ptr);
        c.small_total += size;
        return;
      }
    } else if (size <= kMaxCachedBlock && c.total + size <= kMaxCachedTotal) {
      c.free_blocks.emplace(size, ptr);
      c.total += size;
      return;
    }
  }
  std::free(ptr);
}

std::size_t cached_bytes() {
  std::lock_guard lock(cache().mutex);
  return cache().total + cache().small_total;
}

void clear() {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  for (auto& [size, ptr] : c.free_blocks) std::free(ptr);
  c.free_blocks.clear();
  c.total = 0;
  for (auto& stack : c.small) {
    for (void* ptr : stack) std::free(ptr);
    stack.clear();
  }
  c.small_total = 0;
}

}  // namespace keras::backend::host_allocator
