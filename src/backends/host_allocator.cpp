#include "src/backends/host_allocator.hpp"

#include <cstdlib>
#include <map>
#include <mutex>
#include <string>

#include "keras/core/errors.hpp"

namespace keras::backend::host_allocator {
namespace {
// Small blocks come from malloc's own caches quickly; only large ones are worth keeping.
constexpr std::size_t kMinCached = 64 * 1024;
constexpr std::size_t kMaxCachedTotal = std::size_t{512} << 20;

std::size_t rounded(std::size_t bytes) {
  const std::size_t unit = bytes >= kMinCached ? 4096 : 64;
  return bytes == 0 ? unit : (bytes + unit - 1) / unit * unit;
}

struct Cache {
  std::mutex mutex;
  std::multimap<std::size_t, void*> free_blocks;
  std::size_t total = 0;
};
// Never destroyed: a Tensor with static storage duration may release its buffer after every
// function-local static is gone, so the cache must outlive them all.
Cache& cache() {
  static Cache* c = new Cache;
  return *c;
}
}  // namespace

void* allocate(std::size_t bytes) {
  const std::size_t size = rounded(bytes);
  if (size >= kMinCached) {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    if (auto it = c.free_blocks.find(size); it != c.free_blocks.end()) {
      void* ptr = it->second;
      c.free_blocks.erase(it);
      c.total -= size;
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
  const std::size_t size = rounded(bytes);
  if (size >= kMinCached) {
    Cache& c = cache();
    std::lock_guard lock(c.mutex);
    if (c.total + size <= kMaxCachedTotal) {
      c.free_blocks.emplace(size, ptr);
      c.total += size;
      return;
    }
  }
  std::free(ptr);
}

std::size_t cached_bytes() {
  std::lock_guard lock(cache().mutex);
  return cache().total;
}

void clear() {
  Cache& c = cache();
  std::lock_guard lock(c.mutex);
  for (auto& [size, ptr] : c.free_blocks) std::free(ptr);
  c.free_blocks.clear();
  c.total = 0;
}

}  // namespace keras::backend::host_allocator
