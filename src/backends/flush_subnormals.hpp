#pragma once
// Kernels compute with subnormal numbers flushed to zero, as operands and as results (x86's
// DAZ and FTZ bits), as XLA does on CPU: Keras on JAX gives 0 for float32(1e-39) * 1 and for a
// dot product of subnormals. Matching it is half the reason; the other is speed. Once gradients
// and Adam's moments decay into the subnormal range, each operation on them takes a microcode
// assist of a hundred cycles or more: an MLP's second epoch trained 30 % slower than its first.
//
// The bits belong to a thread. A scope sets them for one kernel call and restores the caller's
// own on the way out, so a program's arithmetic outside the library is left as it was; the
// pool's workers run nothing but kernels and keep them set.
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif

namespace keras::backend {

#if defined(__x86_64__) || defined(__i386__)
inline unsigned read_float_control() { return _mm_getcsr(); }
inline void write_float_control(unsigned bits) { _mm_setcsr(bits); }
inline constexpr unsigned kFlushSubnormalBits = 0x8040;  // FTZ (bit 15), DAZ (bit 6)
#else
// Elsewhere the platform's default stands (ARM's FPCR.FZ would be the twin; not wired yet).
inline unsigned read_float_control() { return 0; }
inline void write_float_control(unsigned) {}
inline constexpr unsigned kFlushSubnormalBits = 0;
#endif

class FlushSubnormals {
 public:
  FlushSubnormals() : saved_(read_float_control()) {
    if (changes()) write_float_control(saved_ | kFlushSubnormalBits);
  }
  ~FlushSubnormals() {
    if (changes()) write_float_control(saved_);
  }
  FlushSubnormals(const FlushSubnormals&) = delete;
  FlushSubnormals& operator=(const FlushSubnormals&) = delete;

  // For a thread that runs only kernels (the pool's workers).
  static void for_this_thread() { write_float_control(read_float_control() | kFlushSubnormalBits); }

 private:
  bool changes() const { return (saved_ & kFlushSubnormalBits) != kFlushSubnormalBits; }
  unsigned saved_;
};

}  // namespace keras::backend
