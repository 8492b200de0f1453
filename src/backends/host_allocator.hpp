#pragma once
// Host memory for the CPU backends. Large blocks are kept on release and handed out again for
// the same size: a training loop allocates the same activation sizes every step, and fresh
// multi-megabyte blocks cost page faults that can exceed the kernels' own time.
#include <cstddef>

namespace keras::backend::host_allocator {

// 64-byte aligned, never null: a request the system refuses is a keras::RuntimeError, so a
// tensor of an absurd size (e.g. declared by a hostile file) is a keras error like any other.
void* allocate(std::size_t bytes);
// The error of a refused allocation (also for the strict backend's buffers).
[[noreturn]] void out_of_memory(std::size_t bytes);
void release(void* ptr, std::size_t bytes);
// Bytes currently held for reuse (for tests and diagnostics).
std::size_t cached_bytes();
// Returns every cached block to the system.
void clear();

}  // namespace keras::backend::host_allocator
