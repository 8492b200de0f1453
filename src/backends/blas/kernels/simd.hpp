#pragma once
// Internal: the one include of xsimd for the blas backend's kernels.
// GCC 12's AVX-512 intrinsics headers trip -Wmaybe-uninitialized through their
// _mm512_undefined_* helpers (GCC PR 105593, fixed in GCC 13), and -Wuninitialized where
// xsimd::exp is inlined into a kernel (the fused recurrent gates); the warnings are spurious,
// and are silenced for these headers only.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
#include <xsimd/xsimd.hpp>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
