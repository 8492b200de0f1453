#include "src/backends/onednn/onednn_backend.hpp"

#include <omp.h>

#include <algorithm>
#include <bit>
#include <oneapi/dnnl/dnnl.hpp>
#include <optional>
#include <string>

#include "src/backends/factories.hpp"
#include "src/backends/threading.hpp"

namespace keras::backend {
namespace onednn {

using dnnl::memory;
using Dims = memory::dims;

// What one geometry of one kernel needs, made once and reused: the primitive, the layouts it
// reads and writes, and the reorders between Keras's weight layout and the one oneDNN chose.
struct Primitives {
  dnnl::primitive main;
  memory::desc src, weights, dst;  // as the primitive reads and writes them
  memory::desc user_weights;       // Keras's layout (convolutions)
  // The LSTM's recurrent kernel as the primitive reads it, and the reorder into that layout.
  memory::desc weights_iter, user_weights_iter;
  std::optional<dnnl::reorder> iter_to_primitive;
  std::optional<dnnl::reorder> to_primitive, to_user;
};

namespace {

dnnl::engine& engine() {
  static dnnl::engine e(dnnl::engine::kind::cpu, 0);
  return e;
}

// Streams are not thread-safe; models may run from several threads at once.
dnnl::stream& stream() {
  thread_local dnnl::stream s(engine());
  return s;
}

// Channels-last activations in oneDNN's terms: dims (batch, channels, spatial...), with the
// strides of (batch, spatial..., channels).
memory::desc activations(std::int64_t batch, std::int64_t channels, int nd,
                         const std::array<std::int64_t, 3>& spatial) {
  Dims dims{batch, channels}, strides(static_cast<std::size_t>(2 + nd));
  std::int64_t s = channels;
  strides[1] = 1;
  for (int d = nd - 1; d >= 0; --d) {
    strides[static_cast<std::size_t>(2 + d)] = s;
    s *= spatial[static_cast<std::size_t>(d)];
  }
  strides[0] = s;
  for (int d = 0; d < nd; ++d) dims.push_back(spatial[static_cast<std::size_t>(d)]);
  return {dims, memory::data_type::f32, strides};
}

// Keras's kernel (kernel..., in / groups, out) as oneDNN's weights (out, in, kernel...), or
// (groups, out / groups, in / groups, kernel...) when grouped; `any` lets oneDNN choose.
memory::desc conv_weights(const ConvGeometry& g, bool any) {
  const std::int64_t in_g = g.in_channels / g.groups, out_g = g.out_channels / g.groups;
  Dims dims, strides;
  if (g.groups > 1) {
    dims = {g.groups, out_g, in_g};
    strides = {out_g, 1, g.out_channels};
  } else {
    dims = {g.out_channels, in_g};
    strides = {1, g.out_channels};
  }
  Dims kernel_strides(static_cast<std::size_t>(g.nd));
  std::int64_t s = in_g * g.out_channels;
  for (int d = g.nd - 1; d >= 0; --d) {
    kernel_strides[static_cast<std::size_t>(d)] = s;
    s *= g.kernel[static_cast<std::size_t>(d)];
  }
  for (int d = 0; d < g.nd; ++d) dims.push_back(g.kernel[static_cast<std::size_t>(d)]);
  strides.insert(strides.end(), kernel_strides.begin(), kernel_strides.end());
  if (any) return {dims, memory::data_type::f32, memory::format_tag::any};
  return {dims, memory::data_type::f32, strides};
}

// Strides, oneDNN's dilations (0 = none), and the padding either side. The right padding may
// be negative (down to 1 - stride): a window that never reaches the input's last rows.
struct Window {
  Dims strides, dilates, kernel, pad_l, pad_r;
};
Window window(int nd, const std::array<std::int64_t, 3>& in, const std::array<std::int64_t, 3>& out,
              const std::array<std::int64_t, 3>& kernel, const std::array<std::int64_t, 3>& stride,
              const std::array<std::int64_t, 3>& dilation,
              const std::array<std::int64_t, 3>& pad_before) {
  Window w;
  for (std::size_t d = 0; d < static_cast<std::size_t>(nd); ++d) {
    w.strides.push_back(stride[d]);
    w.dilates.push_back(dilation[d] - 1);
    w.kernel.push_back(kernel[d]);
    w.pad_l.push_back(pad_before[d]);
    w.pad_r.push_back((out[d] - 1) * stride[d] + (kernel[d] - 1) * dilation[d] + 1 - in[d] -
                      pad_before[d]);
  }
  return w;
}
Window window(const ConvGeometry& g) {
  return window(g.nd, g.in, g.out, g.kernel, g.stride, g.dilation, g.pad_before);
}
Window window(const PoolGeometry& g) {
  return window(g.nd, g.in, g.out, g.window, g.stride, {1, 1, 1}, g.pad_before);
}

// Whether oneDNN runs this with a real (JIT or GEMM) implementation rather than its plain
// reference loops, which blas beats.
bool fast(const dnnl::primitive_desc_base& pd) {
  return std::string(pd.impl_info_str()).rfind("ref", 0) != 0;
}

memory bind(const memory::desc& desc, const Buffer& buffer) {
  return {desc, engine(), const_cast<void*>(buffer.data())};
}

// Keras's weight layout beside the one the primitive chose (p.weights), and the reorders
// between them where they differ: into the primitive's for the passes that read the weights,
// back into Keras's for the filter gradient.
void set_weight_layouts(Primitives& p, const ConvGeometry& g) {
  p.user_weights = conv_weights(g, false);
  if (p.weights == p.user_weights) return;
  p.to_primitive =
      dnnl::reorder(dnnl::reorder::primitive_desc(engine(), p.user_weights, engine(), p.weights));
  p.to_user =
      dnnl::reorder(dnnl::reorder::primitive_desc(engine(), p.weights, engine(), p.user_weights));
}

// The weights in `w` (Keras's layout) as the primitive reads them.
memory packed_weights(const Primitives& p, const Buffer& w) {
  memory user = bind(p.user_weights, w);
  if (!p.to_primitive) return user;
  memory packed(p.weights, engine());
  p.to_primitive->execute(stream(), user, packed);
  return packed;
}

// The forward convolution, with a bias and a relu post-op when asked (the fused kernel).
dnnl::convolution_forward::primitive_desc conv_forward_pd(const ConvGeometry& g, const Window& w,
                                                          bool bias = false, bool relu = false) {
  const memory::desc src = activations(g.batch, g.in_channels, g.nd, g.in);
  const memory::desc dst = activations(g.batch, g.out_channels, g.nd, g.out);
  const auto prop = dnnl::prop_kind::forward_training;
  const auto alg = dnnl::algorithm::convolution_direct;
  dnnl::primitive_attr attr;
  if (relu) {
    dnnl::post_ops ops;
    ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    attr.set_post_ops(ops);
  }
  if (bias) {
    const memory::desc b({g.out_channels}, memory::data_type::f32, memory::format_tag::a);
    return {dnnl::convolution_forward::desc(prop, alg, src, conv_weights(g, true), b, dst,
                                            w.strides, w.dilates, w.pad_l, w.pad_r),
            attr, engine()};
  }
  return {dnnl::convolution_forward::desc(prop, alg, src, conv_weights(g, true), dst, w.strides,
                                          w.dilates, w.pad_l, w.pad_r),
          attr, engine()};
}

std::vector<std::int64_t> conv_key(int kernel, const ConvGeometry& g) {
  std::vector<std::int64_t> key{kernel, g.nd, g.batch, g.in_channels, g.out_channels, g.groups};
  for (const auto* a : {&g.in, &g.out, &g.kernel, &g.stride, &g.dilation, &g.pad_before})
    key.insert(key.end(), a->begin(), a->end());
  return key;
}

std::vector<std::int64_t> pool_key(int kernel, PoolOp op, const PoolGeometry& g) {
  std::vector<std::int64_t> key{kernel, static_cast<int>(op), g.nd, g.batch, g.channels};
  for (const auto* a : {&g.in, &g.out, &g.window, &g.stride, &g.pad_before})
    key.insert(key.end(), a->begin(), a->end());
  return key;
}

// Batch normalization's data as oneDNN sees it: (outer, channels, inner) as 4-D activations,
// channels-last ones (inner 1) as nhwc, which its JIT kernels take.
memory::desc normalized(const BatchNormArgs& a) {
  if (a.inner == 1)
    return {{a.outer, a.channels, 1, 1}, memory::data_type::f32, memory::format_tag::acdb};
  return {{a.outer, a.channels, a.inner, 1}, memory::data_type::f32, memory::format_tag::abcd};
}

memory::desc per_channel(const BatchNormArgs& a) {
  return {{a.channels}, memory::data_type::f32, memory::format_tag::a};
}

// The flags of a forward (and of its backward): the statistics given unless training, gamma
// and beta where there are some.
dnnl::normalization_flags normalization_flags(const BatchNormArgs& a, bool has_gamma,
                                              bool has_beta) {
  auto flags = dnnl::normalization_flags::none;
  if (!a.training) flags |= dnnl::normalization_flags::use_global_stats;
  if (has_gamma) flags |= dnnl::normalization_flags::use_scale;
  if (has_beta) flags |= dnnl::normalization_flags::use_shift;
  return flags;
}

std::vector<std::int64_t> normalization_key(int kernel, const BatchNormArgs& a, bool has_gamma,
                                            bool has_beta) {
  return {kernel,     a.outer,   a.channels, a.inner,
          a.training, has_gamma, has_beta,   std::bit_cast<std::int64_t>(a.epsilon)};
}

dnnl::batch_normalization_forward::primitive_desc normalization_forward_pd(const BatchNormArgs& a,
                                                                           bool has_gamma,
                                                                           bool has_beta) {
  const auto prop =
      a.training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference;
  return {
      dnnl::batch_normalization_forward::desc(prop, normalized(a), static_cast<float>(a.epsilon),
                                              normalization_flags(a, has_gamma, has_beta)),
      engine()};
}

// Average pooling only: oneDNN's max pooling skips NaN, where XLA's (and the reference's) max
// propagates it, so max pooling runs on blas.
constexpr auto kAverage = dnnl::algorithm::pooling_avg_exclude_padding;

}  // namespace

OnednnBackend::OnednnBackend() : DelegatingBackend(make_blas_backend()) {
  set_num_threads(threading::num_threads());
}
OnednnBackend::~OnednnBackend() = default;

std::string OnednnBackend::info() const {
  const dnnl_version_t* v = dnnl_version();
  return "onednn (oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch) + ") over " + delegate().info();
}

std::vector<std::string> OnednnBackend::accelerated_kernels() const {
  std::vector<std::string> names = delegate().accelerated_kernels();
  for (Kernel k : {Kernel::conv_forward, Kernel::conv_backward_data, Kernel::conv_backward_filter,
                   Kernel::pool_forward, Kernel::pool_backward, Kernel::batch_norm_forward,
                   Kernel::batch_norm_backward}) {
    const std::string name = kernel_name(k);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

void OnednnBackend::set_num_threads(int n) {
  DelegatingBackend::set_num_threads(n);
  omp_set_num_threads(n);  // oneDNN's threads (Debian builds it on OpenMP)
}

template <class Make>
Primitives* OnednnBackend::find(const std::vector<std::int64_t>& key, Make&& make) {
  std::lock_guard lock(mutex_);
  auto it = cache_.find(key);
  if (it == cache_.end()) {
    std::unique_ptr<Primitives> p;
    try {
      p = make();
    } catch (const dnnl::error&) {
      p = nullptr;  // a geometry oneDNN does not take: blas runs it
    }
    it = cache_.emplace(key, std::move(p)).first;
  }
  return it->second.get();
}

void OnednnBackend::conv_forward(const ConvGeometry& g, const Buffer& x, const Buffer& w, Buffer& y,
                                 DType dtype) {
  conv_forward_bias_relu(g, x, w, nullptr, false, y, dtype);
}

void OnednnBackend::conv_forward_bias_relu(const ConvGeometry& g, const Buffer& x, const Buffer& w,
                                           const Buffer* bias, bool relu, Buffer& y, DType dtype) {
  std::vector<std::int64_t> key = conv_key(0, g);
  key.insert(key.end(), {bias != nullptr, relu});
  Primitives* p = dtype != DType::float32 ? nullptr : find(key, [&] {
    auto pd = conv_forward_pd(g, window(g), bias != nullptr, relu);
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::convolution_forward(pd);
    p->src = pd.src_desc(), p->weights = pd.weights_desc(), p->dst = pd.dst_desc();
    set_weight_layouts(*p, g);
    return p;
  });
  if (!p) return delegate().conv_forward_bias_relu(g, x, w, bias, relu, y, dtype);
  const memory weights = packed_weights(*p, w);
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, bind(p->src, x)},
                                       {DNNL_ARG_WEIGHTS, weights},
                                       {DNNL_ARG_DST, bind(p->dst, y)}};
  if (bias)
    args.emplace(
        DNNL_ARG_BIAS,
        bind(memory::desc({g.out_channels}, memory::data_type::f32, memory::format_tag::a), *bias));
  p->main.execute(stream(), args);
  stream().wait();
}

void OnednnBackend::conv_backward_data(const ConvGeometry& g, const Buffer& dy, const Buffer& w,
                                       Buffer& dx, DType dtype) {
  Primitives* p = dtype != DType::float32 ? nullptr : find(conv_key(1, g), [&] {
    const Window win = window(g);
    auto hint = conv_forward_pd(g, win);
    dnnl::convolution_backward_data::desc desc(
        dnnl::algorithm::convolution_direct, activations(g.batch, g.in_channels, g.nd, g.in),
        conv_weights(g, true), activations(g.batch, g.out_channels, g.nd, g.out), win.strides,
        win.dilates, win.pad_l, win.pad_r);
    dnnl::convolution_backward_data::primitive_desc pd(desc, engine(), hint);
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::convolution_backward_data(pd);
    p->src = pd.diff_src_desc(), p->weights = pd.weights_desc(), p->dst = pd.diff_dst_desc();
    set_weight_layouts(*p, g);
    return p;
  });
  if (!p) return delegate().conv_backward_data(g, dy, w, dx, dtype);
  const memory weights = packed_weights(*p, w);
  p->main.execute(stream(), {{DNNL_ARG_DIFF_DST, bind(p->dst, dy)},
                             {DNNL_ARG_WEIGHTS, weights},
                             {DNNL_ARG_DIFF_SRC, bind(p->src, dx)}});
  stream().wait();
}

void OnednnBackend::conv_backward_filter(const ConvGeometry& g, const Buffer& x, const Buffer& dy,
                                         Buffer& dw, DType dtype) {
  Primitives* p = dtype != DType::float32 ? nullptr : find(conv_key(2, g), [&] {
    const Window win = window(g);
    auto hint = conv_forward_pd(g, win);
    dnnl::convolution_backward_weights::desc desc(
        dnnl::algorithm::convolution_direct, activations(g.batch, g.in_channels, g.nd, g.in),
        conv_weights(g, true), activations(g.batch, g.out_channels, g.nd, g.out), win.strides,
        win.dilates, win.pad_l, win.pad_r);
    dnnl::convolution_backward_weights::primitive_desc pd(desc, engine(), hint);
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::convolution_backward_weights(pd);
    p->src = pd.src_desc(), p->weights = pd.diff_weights_desc(), p->dst = pd.diff_dst_desc();
    set_weight_layouts(*p, g);
    return p;
  });
  if (!p) return delegate().conv_backward_filter(g, x, dy, dw, dtype);
  memory user = bind(p->user_weights, dw);
  memory weights = p->to_user ? memory(p->weights, engine()) : user;
  p->main.execute(stream(), {{DNNL_ARG_SRC, bind(p->src, x)},
                             {DNNL_ARG_DIFF_DST, bind(p->dst, dy)},
                             {DNNL_ARG_DIFF_WEIGHTS, weights}});
  if (p->to_user) p->to_user->execute(stream(), weights, user);
  stream().wait();
}

void OnednnBackend::matmul_bias_relu(const MatmulArgs& args, const Buffer* bias, bool relu) {
  const bool plain = args.dtype == DType::float32 && args.batch == 1 && !args.transpose_a &&
                     !args.transpose_b && args.m > 0 && args.n > 0 && args.k > 0;
  const std::vector<std::int64_t> key{5, args.m, args.n, args.k, bias != nullptr, relu};
  Primitives* p = !plain ? nullptr : find(key, [&] {
    const auto f32 = memory::data_type::f32;
    const memory::desc src({args.m, args.k}, f32, memory::format_tag::ab);
    const memory::desc weights({args.k, args.n}, f32, memory::format_tag::ab);
    const memory::desc dst({args.m, args.n}, f32, memory::format_tag::ab);
    dnnl::primitive_attr attr;
    if (relu) {
      dnnl::post_ops ops;
      ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
      attr.set_post_ops(ops);
    }
    const dnnl::matmul::desc desc =
        bias ? dnnl::matmul::desc(src, weights,
                                  memory::desc({1, args.n}, f32, memory::format_tag::ab), dst)
             : dnnl::matmul::desc(src, weights, dst);
    dnnl::matmul::primitive_desc pd(desc, attr, engine());
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::matmul(pd);
    p->src = pd.src_desc(), p->weights = pd.weights_desc(), p->dst = pd.dst_desc();
    return p;
  });
  if (!p) return Backend::matmul_bias_relu(args, bias, relu);
  std::unordered_map<int, memory> bound{{DNNL_ARG_SRC, bind(p->src, *args.a)},
                                        {DNNL_ARG_WEIGHTS, bind(p->weights, *args.b)},
                                        {DNNL_ARG_DST, bind(p->dst, *args.out)}};
  if (bias)
    bound.emplace(
        DNNL_ARG_BIAS,
        bind(memory::desc({1, args.n}, memory::data_type::f32, memory::format_tag::ab), *bias));
  p->main.execute(stream(), bound);
  stream().wait();
}

void OnednnBackend::pool_forward(PoolOp op, const PoolGeometry& g, const Buffer& x, Buffer& y,
                                 DType dtype) {
  const bool ours = dtype == DType::float32 && op == PoolOp::average;
  Primitives* p = !ours ? nullptr : find(pool_key(3, op, g), [&] {
    const Window win = window(g);
    dnnl::pooling_forward::desc desc(dnnl::prop_kind::forward_inference, kAverage,
                                     activations(g.batch, g.channels, g.nd, g.in),
                                     activations(g.batch, g.channels, g.nd, g.out), win.strides,
                                     win.kernel, win.pad_l, win.pad_r);
    dnnl::pooling_forward::primitive_desc pd(desc, engine());
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::pooling_forward(pd);
    p->src = pd.src_desc(), p->dst = pd.dst_desc();
    return p;
  });
  if (!p) return delegate().pool_forward(op, g, x, y, dtype);
  p->main.execute(stream(), {{DNNL_ARG_SRC, bind(p->src, x)}, {DNNL_ARG_DST, bind(p->dst, y)}});
  stream().wait();
}

void OnednnBackend::pool_backward(PoolOp op, const PoolGeometry& g, const Buffer& x,
                                  const Buffer& dy, Buffer& dx, DType dtype) {
  const bool ours = dtype == DType::float32 && op == PoolOp::average;
  Primitives* p = !ours ? nullptr : find(pool_key(4, op, g), [&] {
    const Window win = window(g);
    const memory::desc src = activations(g.batch, g.channels, g.nd, g.in);
    const memory::desc dst = activations(g.batch, g.channels, g.nd, g.out);
    dnnl::pooling_forward::desc forward(dnnl::prop_kind::forward_training, kAverage, src, dst,
                                        win.strides, win.kernel, win.pad_l, win.pad_r);
    dnnl::pooling_forward::primitive_desc hint(forward, engine());
    dnnl::pooling_backward::desc desc(kAverage, src, dst, win.strides, win.kernel, win.pad_l,
                                      win.pad_r);
    dnnl::pooling_backward::primitive_desc pd(desc, engine(), hint);
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::pooling_backward(pd);
    p->src = pd.diff_src_desc(), p->dst = pd.diff_dst_desc();
    return p;
  });
  if (!p) return delegate().pool_backward(op, g, x, dy, dx, dtype);
  p->main.execute(stream(),
                  {{DNNL_ARG_DIFF_DST, bind(p->dst, dy)}, {DNNL_ARG_DIFF_SRC, bind(p->src, dx)}});
  stream().wait();
}

void OnednnBackend::batch_norm_forward(const BatchNormArgs& a) {
  const bool has_gamma = a.in[3] != nullptr, has_beta = a.in[4] != nullptr;
  const bool ours = a.dtype == DType::float32 && a.outer * a.inner > 0 && a.channels > 0;
  Primitives* p = !ours ? nullptr : find(normalization_key(6, a, has_gamma, has_beta), [&] {
    auto pd = normalization_forward_pd(a, has_gamma, has_beta);
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::batch_normalization_forward(pd);
    p->src = pd.src_desc(), p->dst = pd.dst_desc();
    return p;
  });
  if (!p) return delegate().batch_norm_forward(a);
  const memory::desc c = per_channel(a);
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, bind(p->src, *a.in[0])},
                                       {DNNL_ARG_DST, bind(p->dst, *a.out[0])}};
  if (a.training) {
    args.emplace(DNNL_ARG_MEAN, bind(c, *a.out[1]));
    args.emplace(DNNL_ARG_VARIANCE, bind(c, *a.out[2]));
  } else {
    args.emplace(DNNL_ARG_MEAN, bind(c, *a.in[1]));
    args.emplace(DNNL_ARG_VARIANCE, bind(c, *a.in[2]));
  }
  if (has_gamma) args.emplace(DNNL_ARG_SCALE, bind(c, *a.in[3]));
  if (has_beta) args.emplace(DNNL_ARG_SHIFT, bind(c, *a.in[4]));
  p->main.execute(stream(), args);
  stream().wait();
}

void OnednnBackend::batch_norm_backward(const BatchNormArgs& a) {
  // The gradients of gamma and beta come together with oneDNN (use_scale / use_shift), so a
  // beta's gradient is computed, if not wanted, wherever there is a beta.
  const bool has_gamma = a.in[4] != nullptr, has_beta = a.out[2] != nullptr;
  const bool ours = a.dtype == DType::float32 && a.training && a.outer * a.inner > 0 &&
                    a.channels > 0 && (a.out[1] != nullptr) == has_gamma;
  Primitives* p = !ours ? nullptr : find(normalization_key(7, a, has_gamma, has_beta), [&] {
    const auto hint = normalization_forward_pd(a, has_gamma, has_beta);
    const auto prop =
        has_gamma || has_beta ? dnnl::prop_kind::backward : dnnl::prop_kind::backward_data;
    dnnl::batch_normalization_backward::desc desc(prop, normalized(a), normalized(a),
                                                  static_cast<float>(a.epsilon),
                                                  normalization_flags(a, has_gamma, has_beta));
    dnnl::batch_normalization_backward::primitive_desc pd(desc, engine(), hint);
    if (!fast(pd)) return std::unique_ptr<Primitives>();
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::batch_normalization_backward(pd);
    p->src = pd.src_desc(), p->dst = pd.diff_dst_desc();  // diff_src: as src
    return p;
  });
  if (!p) return delegate().batch_norm_backward(a);
  const memory::desc c = per_channel(a);
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC, bind(p->src, *a.in[0])},
                                       {DNNL_ARG_DIFF_DST, bind(p->dst, *a.in[1])},
                                       {DNNL_ARG_MEAN, bind(c, *a.in[2])},
                                       {DNNL_ARG_VARIANCE, bind(c, *a.in[3])},
                                       {DNNL_ARG_DIFF_SRC, bind(p->src, *a.out[0])}};
  if (has_gamma) {
    args.emplace(DNNL_ARG_SCALE, bind(c, *a.in[4]));
    args.emplace(DNNL_ARG_DIFF_SCALE, bind(c, *a.out[1]));
  }
  if (has_beta) {
    args.emplace(DNNL_ARG_DIFF_SHIFT, bind(c, *a.out[2]));
    // oneDNN 2.6 will not run without the shift itself, though no gradient depends on it.
    args.emplace(DNNL_ARG_SHIFT, memory(c, engine()));
  }
  p->main.execute(stream(), args);
  stream().wait();
}

void OnednnBackend::lstm_inference(const SequenceArgs& a) {
  const bool ours = a.dtype == DType::float32 && a.steps > 0 && a.batch > 0 && a.features > 0;
  const auto f32 = memory::data_type::f32;
  using tag = memory::format_tag;
  // Keras's kernel (features, 4u), recurrent kernel (u, 4u) and bias (4u) are oneDNN's ldigo
  // and ldgo layouts with one layer and one direction; its gates are Keras's i, f, c, o.
  const memory::desc user_kernel({1, 1, a.features, 4, a.units}, f32, tag::ldigo),
      user_recurrent({1, 1, a.units, 4, a.units}, f32, tag::ldigo),
      bias({1, 1, 4, a.units}, f32, tag::ldgo), state({1, 1, a.batch, a.units}, f32, tag::ldnc);
  Primitives* p = !ours ? nullptr : find({8, a.steps, a.batch, a.features, a.units}, [&] {
    const memory::desc any_kernel({1, 1, a.features, 4, a.units}, f32, tag::any),
        any_recurrent({1, 1, a.units, 4, a.units}, f32, tag::any);
    dnnl::lstm_forward::desc desc(
        dnnl::prop_kind::forward_inference, dnnl::rnn_direction::unidirectional_left2right,
        {{a.steps, a.batch, a.features}, f32, tag::tnc}, state, state, any_kernel, any_recurrent,
        bias, {{a.steps, a.batch, a.units}, f32, tag::tnc}, state, state);
    dnnl::lstm_forward::primitive_desc pd(desc, engine());
    auto p = std::make_unique<Primitives>();
    p->main = dnnl::lstm_forward(pd);
    p->src = pd.src_layer_desc(), p->dst = pd.dst_layer_desc();
    // The reorders from Keras's layouts into the ones the primitive chose, made once.
    p->weights = pd.weights_layer_desc(), p->user_weights = user_kernel;
    if (p->weights != user_kernel)
      p->to_primitive =
          dnnl::reorder(dnnl::reorder::primitive_desc(engine(), user_kernel, engine(), p->weights));
    p->weights_iter = pd.weights_iter_desc(), p->user_weights_iter = user_recurrent;
    if (p->weights_iter != user_recurrent)
      p->iter_to_primitive = dnnl::reorder(
          dnnl::reorder::primitive_desc(engine(), user_recurrent, engine(), p->weights_iter));
    return p;
  });
  if (!p) return delegate().lstm_inference(a);
  memory recurrent = bind(p->user_weights_iter, *a.in[2]);
  if (p->iter_to_primitive) {
    memory packed(p->weights_iter, engine());
    p->iter_to_primitive->execute(stream(), recurrent, packed);
    recurrent = packed;
  }
  std::unordered_map<int, memory> args{{DNNL_ARG_SRC_LAYER, bind(p->src, *a.in[0])},
                                       {DNNL_ARG_WEIGHTS_LAYER, packed_weights(*p, *a.in[1])},
                                       {DNNL_ARG_WEIGHTS_ITER, recurrent},
                                       {DNNL_ARG_SRC_ITER, bind(state, *a.in[4])},
                                       {DNNL_ARG_SRC_ITER_C, bind(state, *a.in[5])},
                                       {DNNL_ARG_DST_LAYER, bind(p->dst, *a.out[0])},
                                       {DNNL_ARG_DST_ITER, bind(state, *a.out[1])},
                                       {DNNL_ARG_DST_ITER_C, bind(state, *a.out[2])}};
  if (a.in[3]) {
    args.emplace(DNNL_ARG_BIAS, bind(bias, *a.in[3]));
  } else {
    // No bias: zeros (oneDNN 2.6 made no primitive without one in our tests).
    memory zeros(bias, engine());
    std::fill_n(static_cast<float*>(zeros.get_data_handle()), 4 * a.units, 0.0f);
    args.emplace(DNNL_ARG_BIAS, zeros);
  }
  p->main.execute(stream(), args);
  stream().wait();
}

}  // namespace onednn

std::unique_ptr<Backend> make_onednn_backend() { return std::make_unique<onednn::OnednnBackend>(); }

}  // namespace keras::backend
