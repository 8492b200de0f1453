#include "src/backends/blas/blas_backend.hpp"

#include <cblas.h>

#include <algorithm>
#include <functional>
#include <vector>

#include "src/backends/blas/blas_internal.hpp"
#include "src/backends/blas/gemm_choice.hpp"
#include "src/backends/blas/gemm_kernels.hpp"
#include "src/backends/factories.hpp"
#include "src/backends/threading.hpp"

extern "C" char* openblas_get_corename(void);
extern "C" void openblas_set_num_threads(int);
extern "C" int openblas_get_num_threads(void);

namespace keras::backend {

std::unique_ptr<Backend> make_blas_backend() { return std::make_unique<BlasBackend>(); }

// OpenBLAS runs single-threaded inside our pool (blas_detail::gemm splits a product over it):
// two thread pools on the same cores, each spinning while the other works, made 2 threads
// slower than 1.
BlasBackend::BlasBackend() { openblas_set_num_threads(1); }

std::vector<std::string> BlasBackend::accelerated_kernels() const {
  return {"matmul",
          "conv_forward",
          "conv_backward_data",
          "conv_backward_filter",
          "pool_forward",
          "pool_backward",
          "unary",
          "binary",
          "reduce",
          "fill",
          "cast",
          "copy_strided",
          "gates_forward",
          "gates_backward"};
}

std::string blas_core_name() { return openblas_get_corename(); }
int blas_num_threads() { return openblas_get_num_threads(); }

namespace {
using blas_detail::Idx;
using blas_detail::kGrain;

// Our micro-kernels take GEMMs whose operands stay cache-resident (all of Keras's Dense layers
// at moderate width): no K blocking is done, so deeper or bigger products go to OpenBLAS.
constexpr Idx kMicroMaxDepth = 1024;
constexpr Idx kMicroMaxBytes = 4 << 20;
constexpr Idx kMinWorkPerThread = 1 << 18;  // multiply-adds

// Packs panels [p0, p1) of op(b) (k x n; b stored (k, n), or (n, k) when transposed) into
// dst laid out as pack_panels does, reading b along its rows.
template <class T>
void pack_b(const T* b, bool tb, Idx K, Idx N, Idx NR, Idx p0, Idx p1, T* dst) {
  for (Idx pn = p0; pn < p1; ++pn) {
    T* d = dst + pn * K * NR;
    const Idx j0 = pn * NR, ncols = std::min(NR, N - j0);
    if (ncols < NR) std::fill_n(d, K * NR, T(0));
    if (!tb) {
      for (Idx k = 0; k < K; ++k) std::copy_n(b + k * N + j0, ncols, d + k * NR);
      continue;
    }
    // A transpose, in blocks of 64 k so the destination block stays in L1.
    for (Idx k0 = 0; k0 < K; k0 += 64) {
      const Idx k1 = std::min(K, k0 + 64);
      for (Idx j = 0; j < ncols; ++j) {
        const T* row = b + (j0 + j) * K;
        for (Idx k = k0; k < k1; ++k) d[k * NR + j] = row[k];
      }
    }
  }
}

// A batched GEMM on raw pointers: c[b] = op(a[b]) . op(b[b]), c contiguous (batch, m, n).
template <class T>
struct Gemm {
  const T* a;
  const T* b;
  T* c;
  Idx batch, m, n, k;
  bool ta, tb;
  Idx sa, sb;  // batch strides (0: one matrix for every batch)
};

// out[b] = op(a[b]) . op(b[b]) on the micro-kernels: b packed into panels once per distinct
// matrix; rows of op(a) read in place (a row of a, or MR columns of a transposed a).
template <class T>
void matmul_micro(const Gemm<T>& m) {
  using namespace blas_detail;
  const Idx M = m.m, N = m.n, K = m.k;
  const T* A = m.a;
  const T* B = m.b;
  T* C = m.c;
  // A batch of (m, k) matrices stored back to back times one shared b is one taller GEMM.
  const bool fold = m.batch > 1 && m.sb == 0 && !m.ta && m.sa == M * K;
  const Idx batches = fold ? 1 : m.batch, rows = fold ? m.batch * M : M;
  with_tile<T>(N, [&](auto mr, auto nv) {
    constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
    constexpr Idx NR = NV * kLanes<T>;
    const Idx tiles = (rows + MR - 1) / MR;
    const Idx grain = std::max<Idx>(1, kMinWorkPerThread / (MR * K * ((N + NR - 1) / NR * NR)));
    const Idx panels = (N + NR - 1) / NR;
    // One b for every batch: packed once, up front (in parallel over panels).
    const bool shared_b = batches == 1 || m.sb == 0;
    T* shared = nullptr;
    if (shared_b) {
      shared = scratch<T>(panels * K * NR, 0);
      threading::parallel_for(panels, std::max<Idx>(1, kGrain / (K * NR)),
                              [&](Idx p0, Idx p1) { pack_b(B, m.tb, K, N, NR, p0, p1, shared); });
    }
    // Work items are (batch, row tile) pairs; with a b per batch, each thread packs its own.
    threading::parallel_for(batches * tiles, grain, [&](Idx ib, Idx ie) {
      const T* packed = shared;
      Idx packed_for = shared_b ? 0 : -1;
      std::vector<T> edge;
      alignas(64) T tile[MR * NR];
      for (Idx item = ib; item < ie;) {
        const Idx bi = item / tiles, tb = item % tiles, te = std::min(tiles, tb + (ie - item));
        item += te - tb;
        const T* Ab = A + bi * m.sa;
        const T* Bb = B + bi * m.sb;
        T* Cb = C + bi * M * N;
        if (packed_for != (shared_b ? 0 : bi)) {
          T* own = scratch<T>(panels * K * NR, 0);
          pack_b(Bb, m.tb, K, N, NR, 0, panels, own);
          packed = own;
          packed_for = bi;
        }
        for (Idx pn = 0; pn * NR < N; ++pn) {  // panel-major: one panel stays in cache
          const T* panel = packed + pn * K * NR;
          const Idx ncols = std::min(NR, N - pn * NR);
          if (!m.ta) {
            gather_tiles<T, MR, NV>(tb, te, rows, 1, K, panel, ncols, Cb + pn * NR, N,
                                    [&](Idx r0, Idx valid, const T** ptrs) {
                                      for (Idx i = 0; i < MR; ++i)
                                        ptrs[i] = Ab + (r0 + std::min<Idx>(i, valid - 1)) * K;
                                    });
            continue;
          }
          // a is stored (k, m): the MR rows of a tile are MR adjacent columns of a.
          for (Idx tl = tb; tl < te; ++tl) {
            const Idx r0 = tl * MR, valid = std::min<Idx>(MR, rows - r0);
            const T* a = Ab + r0;
            Idx lda = M;
            if (valid < MR) {  // copy the last columns, zero-padded, so no read passes the end
              edge.assign(static_cast<std::size_t>(K * MR), T(0));
              for (Idx k = 0; k < K; ++k) std::copy_n(Ab + k * M + r0, valid, edge.data() + k * MR);
              a = edge.data();
              lda = MR;
            }
            std::fill_n(tile, MR * NR, T(0));
            micro_stream<T, MR, NV>(a, lda, panel, NR, K, tile, NR);
            for (Idx i = 0; i < valid; ++i)
              std::copy_n(tile + i * NR, ncols, Cb + (r0 + i) * N + pn * NR);
          }
        }
      }
    });
  });
}

template <class T>
void matmul_blas(const MatmulArgs& m) {
  const T* A = static_cast<const T*>(m.a->data());
  const T* B = static_cast<const T*>(m.b->data());
  T* C = static_cast<T*>(m.out->data());
  const Idx lda = m.transpose_a ? m.m : m.k, ldb = m.transpose_b ? m.k : m.n;
  if (m.batch > 1 && m.b_batch_stride == 0 && !m.transpose_a && m.a_batch_stride == m.m * m.k) {
    blas_detail::gemm(false, m.transpose_b, m.batch * m.m, m.n, m.k, A, lda, B, ldb, T(0), C, m.n);
    return;
  }
  for (Idx b = 0; b < m.batch; ++b)
    blas_detail::gemm(m.transpose_a, m.transpose_b, m.m, m.n, m.k, A + b * m.a_batch_stride, lda,
                      B + b * m.b_batch_stride, ldb, T(0), C + b * m.m * m.n, m.n);
}

// c[b] (m x n) = the transpose of t[b] (n x m), in 32 x 32 blocks.
template <class T>
void transpose_into(const T* t, T* c, Idx batch, Idx m, Idx n) {
  constexpr Idx kB = 32;
  const Idx blocks = (m + kB - 1) / kB;
  threading::parallel_for(batch * blocks, std::max<Idx>(1, kGrain / (kB * n)), [&](Idx b0, Idx b1) {
    for (Idx item = b0; item < b1; ++item) {
      const Idx bi = item / blocks, i0 = item % blocks * kB, i1 = std::min(m, i0 + kB);
      const T* tb = t + bi * m * n;
      T* cb = c + bi * m * n;
      for (Idx j0 = 0; j0 < n; j0 += kB)
        for (Idx i = i0; i < i1; ++i)
          for (Idx j = j0; j < std::min(n, j0 + kB); ++j) cb[i * n + j] = tb[j * m + i];
    }
  });
}

template <class T>
void matmul_typed(const MatmulArgs& args) {
  const Gemm<T> g{static_cast<const T*>(args.a->data()),
                  static_cast<const T*>(args.b->data()),
                  static_cast<T*>(args.out->data()),
                  args.batch,
                  args.m,
                  args.n,
                  args.k,
                  args.transpose_a,
                  args.transpose_b,
                  args.a_batch_stride,
                  args.b_batch_stride};
  const Idx a_elems = (g.sa ? g.batch : 1) * g.m * g.k, b_elems = (g.sb ? g.batch : 1) * g.k * g.n;
  const bool micro_fits =
      g.k <= kMicroMaxDepth && (a_elems + b_elems) * static_cast<Idx>(sizeof(T)) <= kMicroMaxBytes;
  std::function<void()> micro;
  if (micro_fits) {
    micro = [&] {
      // With b stored (n, k) its rows can feed the kernel in place if the product is computed
      // transposed, c^T = b . op(a)^T: then the smaller a is packed instead of b, at the price
      // of transposing c (the Dense data gradient dx = dy . w^T, for instance).
      if (g.tb && g.m * g.k + g.m * g.n < g.n * g.k) {
        T* t = blas_detail::scratch<T>(g.batch * g.n * g.m, 1);
        matmul_micro<T>({g.b, g.a, t, g.batch, g.n, g.m, g.k, false, !g.ta, g.sb, g.sa});
        return transpose_into(t, g.c, g.batch, g.m, g.n);
      }
      matmul_micro<T>(g);
    };
  }
  blas_detail::run_gemm(
      {static_cast<int>(sizeof(T)), g.ta, g.tb, g.batch, g.m, g.n, g.k, g.sb == 0}, micro,
      [&] { matmul_blas<T>(args); });
}
}  // namespace

void BlasBackend::matmul(const MatmulArgs& m) {
  if (m.dtype != DType::float32 && m.dtype != DType::float64) return ReferenceBackend::matmul(m);
  if (m.batch == 0 || m.m == 0 || m.n == 0) return;
  if (m.k == 0) return fill(*m.out, m.dtype, m.batch * m.m * m.n, 0.0);
  if (m.dtype == DType::float32) matmul_typed<float>(m);
  else matmul_typed<double>(m);
}

}  // namespace keras::backend

namespace keras::backend::blas_detail {

namespace {
void serial_gemm(bool ta, bool tb, int m, int n, int k, const float* a, int lda, const float* b,
                 int ldb, float beta, float* c, int ldc) {
  cblas_sgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n,
              k, 1.0f, a, lda, b, ldb, beta, c, ldc);
}
void serial_gemm(bool ta, bool tb, int m, int n, int k, const double* a, int lda, const double* b,
                 int ldb, double beta, double* c, int ldc) {
  cblas_dgemm(CblasRowMajor, ta ? CblasTrans : CblasNoTrans, tb ? CblasTrans : CblasNoTrans, m, n,
              k, 1.0, a, lda, b, ldb, beta, c, ldc);
}

// Multiply-adds below which a product is not worth splitting across threads.
constexpr Idx kMinSplitWork = 1 << 19;

// C's rows (or columns, when it is wider than tall) in blocks of 16 over the thread pool, each
// block a single-threaded OpenBLAS call on the matching slices of A (or B).
template <class T>
void split_gemm(bool ta, bool tb, Idx m, Idx n, Idx k, const T* a, Idx lda, const T* b, Idx ldb,
                T beta, T* c, Idx ldc) {
  constexpr Idx kBlock = 16;
  const bool by_rows = m >= n;
  const Idx extent = by_rows ? m : n, blocks = (extent + kBlock - 1) / kBlock;
  const Idx grain =
      std::max<Idx>(1, kMinSplitWork / std::max<Idx>(1, kBlock * (by_rows ? n : m) * k));
  threading::parallel_for(blocks, grain, [&](Idx b0, Idx b1) {
    const Idx i0 = b0 * kBlock, i1 = std::min(extent, b1 * kBlock);
    const int len = static_cast<int>(i1 - i0);
    if (by_rows)
      serial_gemm(ta, tb, len, static_cast<int>(n), static_cast<int>(k), ta ? a + i0 : a + i0 * lda,
                  static_cast<int>(lda), b, static_cast<int>(ldb), beta, c + i0 * ldc,
                  static_cast<int>(ldc));
    else
      serial_gemm(ta, tb, static_cast<int>(m), len, static_cast<int>(k), a, static_cast<int>(lda),
                  tb ? b + i0 * ldb : b + i0, static_cast<int>(ldb), beta, c + i0,
                  static_cast<int>(ldc));
  });
}
}  // namespace

void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k, const float* a,
          std::int64_t lda, const float* b, std::int64_t ldb, float beta, float* c,
          std::int64_t ldc) {
  split_gemm(ta, tb, m, n, k, a, lda, b, ldb, beta, c, ldc);
}
void gemm(bool ta, bool tb, std::int64_t m, std::int64_t n, std::int64_t k, const double* a,
          std::int64_t lda, const double* b, std::int64_t ldb, double beta, double* c,
          std::int64_t ldc) {
  split_gemm(ta, tb, m, n, k, a, lda, b, ldb, beta, c, ldc);
}

}  // namespace keras::backend::blas_detail
