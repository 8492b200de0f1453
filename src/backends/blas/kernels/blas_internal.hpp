#pragma once
// Internal helpers shared by the blas backend's kernel files: reusable scratch memory and the grain
// sizes used with threading::parallel_for.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <new>
#include <vector>

#include "keras/backends/backend.hpp"
#include "src/backends/blas/kernels/isa_namespace.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail {

// parallel_for grains (elements per chunk): memory-bound loops and costlier ones.
inline constexpr std::int64_t kGrain = 16384;
inline constexpr std::int64_t kHeavyGrain = 4096;

// Per-thread growable 64-byte aligned workspace. `slot` distinguishes buffers that are
// live at the same time. The memory is reused across calls and never shrinks.
inline void* scratch_bytes(std::size_t bytes, int slot = 0) {
  struct Block {
    void* ptr = nullptr;
    std::size_t size = 0;
    ~Block() { std::free(ptr); }
  };
  thread_local Block blocks[3];
  Block& b = blocks[slot];
  if (b.size < bytes) {
    std::free(b.ptr);
    b.size = (bytes + 63) / 64 * 64;
    b.ptr = std::aligned_alloc(64, b.size);
    if (!b.ptr) {
      b.size = 0;
      throw std::bad_alloc();
    }
  }
  return b.ptr;
}
template <class T>
T* scratch(std::int64_t n, int slot = 0) {
  return static_cast<T*>(scratch_bytes(static_cast<std::size_t>(n > 0 ? n : 1) * sizeof(T), slot));
}

// c (m x n) = op(a) . op(b) on contiguous row-major matrices, by the matmul kernel's own choice
// of GEMM code (for kernels that run products on pointers into larger buffers); float, double.
template <class T>
void matmul_pointers(const T* a, const T* b, T* c, std::int64_t m, std::int64_t n, std::int64_t k,
                     bool ta, bool tb);

// b (k x n, row-major) packed once for many products with it on the micro-kernels (a recurrent
// kernel, used at every time step), and c (rows x n) = a (rows x k) . b from that packing, on
// the calling thread.
template <class T>
std::vector<T> pack_for_products(const T* b, std::int64_t k, std::int64_t n);
template <class T>
void multiply_packed(const T* a, std::int64_t rows, const T* packed, std::int64_t k, std::int64_t n,
                     T* c);

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA::blas_detail
