#include "src/backends/blas/kernels/blas_backend.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "src/backends/blas/gemm_choice.hpp"
#include "src/backends/blas/kernels/blas_internal.hpp"
#include "src/backends/blas/kernels/gemm_kernels.hpp"
#include "src/backends/blas/openblas.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend::blas::KERASPP_BLAS_ISA {

std::unique_ptr<Backend> make_backend() { return std::make_unique<BlasBackend>(); }

BlasBackend::BlasBackend() { use_single_threaded_openblas(); }

std::string BlasBackend::info() const {
  return "blas (kernels for " + std::string(KERASPP_BLAS_ISA_NAME) + ", OpenBLAS core " +
         core_name() + ")";
}

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
          "where",
          "gather",
          "softmax",
          "copy_strided",
          "gates_forward",
          "gates_backward",
          "batch_norm_forward",
          "batch_norm_backward"};
}

namespace {
using blas_detail::Idx;
using blas_detail::kGrain;

// Our micro-kernels take GEMMs whose operands stay cache-resident (all of Keras's Dense layers
// at moderate width): no K blocking is done, so deeper or bigger products go to OpenBLAS.
constexpr Idx kMicroMaxDepth = 1024;
constexpr Idx kMicroMaxBytes = 4 << 20;
constexpr Idx kMinWorkPerThread = 1 << 18;  // multiply-adds

// Packs panels [p0, p1) of op(b) (k x n; b stored (k, n), or (n, k) when transposed) into
// dst (panel p0 first) laid out as pack_panels does, reading b along its rows.
template <class T>
void pack_b(const T* b, bool tb, Idx K, Idx N, Idx NR, Idx p0, Idx p1, T* dst) {
  for (Idx pn = p0; pn < p1; ++pn) {
    T* d = dst + (pn - p0) * K * NR;
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

// Up to this many rows of a (k, n) b's product are computed against b in place: each weight
// is read once, so packing b (a copy of all of it) would cost more than the product.
constexpr Idx kFewRows = 8;

// c (n <= 4 rows, row stride ldc) = the rows of a (row stride k) . b read in place (row
// stride ldb), NV vectors wide.
template <class T, int NV>
void few_rows_tile(Idx n, const T* a, Idx K, const T* b, Idx ldb, T* c, Idx ldc) {
  using blas_detail::micro_gather;
  const T* rows[4];
  for (Idx i = 0; i < 4; ++i) rows[i] = a + std::min<Idx>(i, n - 1) * K;
  if (n == 4) micro_gather<T, 4, NV>(rows, 1, K, b, c, ldc, ldb);
  else if (n == 3) micro_gather<T, 3, NV>(rows, 1, K, b, c, ldc, ldb);
  else if (n == 2) micro_gather<T, 2, NV>(rows, 1, K, b, c, ldc, ldb);
  else micro_gather<T, 1, NV>(rows, 1, K, b, c, ldc, ldb);
}

// c (rows x n) = a (rows x k, row stride k) . b (k x n), rows <= kFewRows, b unpacked; the
// column panels are split over the thread pool.
template <class T>
void matmul_few_rows(const T* A, const T* B, T* C, Idx rows, Idx N, Idx K) {
  using namespace blas_detail;
  constexpr int NV = kMaxVectors;
  constexpr Idx W = kLanes<T>, NR = NV * W;
  const Idx full = N / NR, work = rows * K * NR;
  // Columns past the full panels: whole vectors, then single columns.
  auto edge = [&] {
    Idx j = full * NR;
    for (; j + W <= N; j += W)
      for (Idx r0 = 0; r0 < rows; r0 += 4)
        few_rows_tile<T, 1>(std::min<Idx>(4, rows - r0), A + r0 * K, K, B + j, N, C + r0 * N + j,
                            N);
    // The last columns (a classifier's ten): one sum per column, k outermost, so the sums are
    // independent chains (one after the other they waited on each other's latency).
    if (j == N) return;
    const Idx rem = N - j;
    for (Idx i = 0; i < rows; ++i) {
      T sum[W] = {};
      for (Idx k = 0; k < K; ++k) {
        const T a = A[i * K + k];
        const T* b = B + k * N + j;
        for (Idx t = 0; t < rem; ++t) sum[t] += a * b[t];
      }
      for (Idx t = 0; t < rem; ++t) C[i * N + j + t] = sum[t];
    }
  };
  // Items: the full panels, and one for the edge columns.
  const Idx items = full + (full * NR < N ? 1 : 0);
  threading::parallel_for_balanced(
      items, std::max<Idx>(1, kMinWorkPerThread / std::max<Idx>(1, work)), [&](Idx p0, Idx p1) {
        for (Idx p = p0; p < p1; ++p) {
          if (p == full) {
            edge();
            continue;
          }
          for (Idx r0 = 0; r0 < rows; r0 += 4)
            few_rows_tile<T, NV>(std::min<Idx>(4, rows - r0), A + r0 * K, K, B + p * NR, N,
                                 C + r0 * N + p * NR, N);
        }
      });
}

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
  if (batches == 1 && rows <= kFewRows && !m.ta && !m.tb)
    return matmul_few_rows(A, B, C, rows, N, K);
  with_tile<T>(N, [&](auto mr, auto nv) {
    constexpr int MR = decltype(mr)::value, NV = decltype(nv)::value;
    constexpr Idx NR = NV * kLanes<T>;
    const Idx tiles = (rows + MR - 1) / MR;
    const Idx grain = std::max<Idx>(1, kMinWorkPerThread / (MR * K * ((N + NR - 1) / NR * NR)));
    const Idx panels = (N + NR - 1) / NR;
    const bool shared_b = batches == 1 || m.sb == 0;
    // One b, enough column panels for every thread (a Dense layer's forward pass): each thread
    // packs a panel just before its product, all rows at once, so the copy of b is made once
    // and stays in the thread's cache; no thread packs what another computes with.
    if (shared_b && !m.ta && panels >= 2 * threading::num_threads()) {
      threading::parallel_for_balanced(panels, 1, [&](Idx p0, Idx p1) {
        T* own = scratch<T>(K * NR, 0);
        for (Idx pn = p0; pn < p1; ++pn) {
          pack_b(B, m.tb, K, N, NR, pn, pn + 1, own);
          gather_tiles_rows<T, MR, NV>(rows, K, own, std::min(NR, N - pn * NR), C + pn * NR, N,
                                       [&](Idx r) { return A + r * K; });
        }
      });
      return;
    }
    // Otherwise one b for every batch is packed once, up front (in parallel over panels).
    T* shared = nullptr;
    if (shared_b) {
      shared = scratch<T>(panels * K * NR, 0);
      threading::parallel_for(panels, std::max<Idx>(1, kGrain / (K * NR)), [&](Idx p0, Idx p1) {
        pack_b(B, m.tb, K, N, NR, p0, p1, shared + p0 * K * NR);
      });
    }
    // Work items are (batch, row tile) pairs. With one b a chunk has nothing to set up: small
    // chunks, claimed by whichever thread is free; with a b per batch each chunk packs its
    // own, so one chunk per thread.
    auto loop = shared_b ? &threading::parallel_for_balanced : &threading::parallel_for;
    loop(batches * tiles, grain, [&](Idx ib, Idx ie) {
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
void matmul_blas(const Gemm<T>& g) {
  const Idx lda = g.ta ? g.m : g.k, ldb = g.tb ? g.k : g.n;
  if (g.batch > 1 && g.sb == 0 && !g.ta && g.sa == g.m * g.k) {
    blas::gemm(false, g.tb, g.batch * g.m, g.n, g.k, g.a, lda, g.b, ldb, T(0), g.c, g.n);
    return;
  }
  for (Idx b = 0; b < g.batch; ++b)
    blas::gemm(g.ta, g.tb, g.m, g.n, g.k, g.a + b * g.sa, lda, g.b + b * g.sb, ldb, T(0),
               g.c + b * g.m * g.n, g.n);
}

// c[b] (m x n) = the transpose of t[b] (n x m), in 32 x 32 blocks.
template <class T>
void transpose_into(const T* t, T* c, Idx batch, Idx m, Idx n) {
  constexpr Idx kB = 32;
  const Idx blocks = (m + kB - 1) / kB;
  threading::parallel_for_balanced(
      batch * blocks, std::max<Idx>(1, kGrain / (kB * n)), [&](Idx b0, Idx b1) {
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
void matmul_typed(const Gemm<T>& g) {
  const Idx a_elems = (g.sa ? g.batch : 1) * g.m * g.k, b_elems = (g.sb ? g.batch : 1) * g.k * g.n;
  const bool micro_fits =
      g.k <= kMicroMaxDepth && (a_elems + b_elems) * static_cast<Idx>(sizeof(T)) <= kMicroMaxBytes;
  // A deep product of a transposed a, one matrix each (a weight gradient x^T dy over many rows
  // of x and dy): the micro-kernels take it in slices of kMicroMaxDepth rows, summed.
  const bool deep_slices =
      !micro_fits && g.batch == 1 && g.ta && !g.tb &&
      kMicroMaxDepth * (g.m + g.n) * static_cast<Idx>(sizeof(T)) <= kMicroMaxBytes;
  std::function<void()> micro;
  if (deep_slices) {
    micro = [&] {
      // Each slice of a is transposed first: the kernel reads a plain a's rows at about 1.6x
      // the rate it reads a transposed a's columns (measured at 128 x 512 x 1024).
      const Idx slice = std::min(kMicroMaxDepth, g.k);
      std::vector<T> at(static_cast<std::size_t>(g.m * slice)),
          part(static_cast<std::size_t>(g.m * g.n));
      for (Idx k0 = 0; k0 < g.k; k0 += kMicroMaxDepth) {
        const Idx depth = std::min(kMicroMaxDepth, g.k - k0);
        transpose_into(g.a + k0 * g.m, at.data(), 1, g.m, depth);
        T* out = k0 == 0 ? g.c : part.data();
        matmul_micro<T>({at.data(), g.b + k0 * g.n, out, 1, g.m, g.n, depth, false, false, 0, 0});
        if (k0 > 0)
          for (Idx i = 0; i < g.m * g.n; ++i) g.c[i] += part[static_cast<std::size_t>(i)];
      }
    };
  } else if (micro_fits) {
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
  blas::run_gemm({static_cast<int>(sizeof(T)), g.ta, g.tb, g.batch, g.m, g.n, g.k, g.sb == 0},
                 micro, [&] { matmul_blas<T>(g); });
}

template <class T>
void matmul_args(const MatmulArgs& args) {
  matmul_typed<T>({static_cast<const T*>(args.a->data()), static_cast<const T*>(args.b->data()),
                   static_cast<T*>(args.out->data()), args.batch, args.m, args.n, args.k,
                   args.transpose_a, args.transpose_b, args.a_batch_stride, args.b_batch_stride});
}
}  // namespace

namespace blas_detail {
template <class T>
void matmul_pointers(const T* a, const T* b, T* c, Idx m, Idx n, Idx k, bool ta, bool tb) {
  matmul_typed<T>({a, b, c, 1, m, n, k, ta, tb, 0, 0});
}
template <class T>
std::vector<T> pack_for_products(const T* b, Idx k, Idx n) {
  return with_tile<T>(n, [&](auto, auto nv) {
    constexpr Idx NR = decltype(nv)::value * kLanes<T>;
    const Idx panels = (n + NR - 1) / NR;
    std::vector<T> packed(static_cast<std::size_t>(panels * k * NR));
    pack_b(b, false, k, n, NR, 0, panels, packed.data());
    return packed;
  });
}
template <class T>
void multiply_packed(const T* a, Idx rows, const T* packed, Idx k, Idx n, T* c) {
  with_tile<T>(
      n,
      [&](auto mr, auto nv) {
        gather_tiles_rows<T, decltype(mr)::value, decltype(nv)::value>(
            rows, k, packed, n, c, n, [&](Idx r) { return a + r * k; });
      },
      rows);
}
template std::vector<float> pack_for_products<float>(const float*, Idx, Idx);
template std::vector<double> pack_for_products<double>(const double*, Idx, Idx);
template void multiply_packed<float>(const float*, Idx, const float*, Idx, Idx, float*);
template void multiply_packed<double>(const double*, Idx, const double*, Idx, Idx, double*);
template void matmul_pointers<float>(const float*, const float*, float*, Idx, Idx, Idx, bool, bool);
template void matmul_pointers<double>(const double*, const double*, double*, Idx, Idx, Idx, bool,
                                      bool);
}  // namespace blas_detail

void BlasBackend::matmul(const MatmulArgs& m) {
  if (m.dtype != DType::float32 && m.dtype != DType::float64) return ReferenceBackend::matmul(m);
  if (m.batch == 0 || m.m == 0 || m.n == 0) return;
  if (m.k == 0) return fill(*m.out, m.dtype, m.batch * m.m * m.n, 0.0);
  if (m.dtype == DType::float32) matmul_args<float>(m);
  else matmul_args<double>(m);
}

}  // namespace keras::backend::blas::KERASPP_BLAS_ISA
