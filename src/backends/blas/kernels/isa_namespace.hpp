#pragma once
// Internal: every file in kernels/ is compiled once per instruction set the build dispatches
// over (CMake's KERASPP_BLAS_ISAS: avx512, avx2 and sse2 on x86-64), each time with that set's
// compiler flags and with KERASPP_BLAS_ISA naming it. Everything these files define lives in
// keras::backend::blas::KERASPP_BLAS_ISA, so the copies link side by side under their own
// names; isa.cpp constructs the backend of the best one the CPU runs.
#ifndef KERASPP_BLAS_ISA
#error \
    "src/backends/blas/kernels/ is compiled through CMake's per-ISA object libraries, which define KERASPP_BLAS_ISA"
#endif
#define KERASPP_BLAS_ISA_STRINGIFY_(x) #x
#define KERASPP_BLAS_ISA_STRINGIFY(x) KERASPP_BLAS_ISA_STRINGIFY_(x)
#define KERASPP_BLAS_ISA_NAME KERASPP_BLAS_ISA_STRINGIFY(KERASPP_BLAS_ISA)
