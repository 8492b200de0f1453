#include "src/core/ops/batch_norm.hpp"

#include "src/core/ops/detail.hpp"

namespace keras::ops::detail {

namespace {

backend::BatchNormArgs view(const Tensor& x, int axis, double epsilon, bool training) {
  const Shape& s = x.shape();
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= s[d];
  for (int d = axis + 1; d < x.rank(); ++d) inner *= s[d];
  return {x.dtype(), outer, s[axis], inner, epsilon, training, {}, {}};
}

backend::Buffer* buffer_or_null(const Tensor& t) {
  return t.defined() ? t.buffer().get() : nullptr;
}

void check_operands(const char* op, const Tensor& x, int axis, double epsilon,
                    std::initializer_list<const Tensor*> per_channel) {
  if (x.dtype() != DType::float32 && x.dtype() != DType::float64)
    throw TypeError(std::string(op) + ": expected float32 or float64 inputs, received " +
                    std::string(dtype_name(x.dtype())));
  if (axis < 0 || axis >= x.rank())
    throw ValueError(std::string(op) + ": axis " + std::to_string(axis) +
                     " is out of bounds for shape " + x.shape().to_string());
  if (!(epsilon > 0.0))
    throw ValueError(std::string(op) + ": epsilon must be positive, received " +
                     std::to_string(epsilon));
  const Shape channels{x.shape()[axis]};
  for (const Tensor* t : per_channel)
    if (t->defined() && (t->shape() != channels || t->dtype() != x.dtype()))
      throw ValueError(std::string(op) + ": expected a " + std::string(dtype_name(x.dtype())) +
                       " vector of shape " + channels.to_string() + ", received " +
                       std::string(dtype_name(t->dtype())) + " " + t->shape().to_string());
}

}  // namespace

BatchNormTraining batch_norm_training(const Tensor& x, int axis, const Tensor& gamma,
                                      const Tensor& beta, double epsilon) {
  check_operands("batch_norm_training", x, axis, epsilon, {&gamma, &beta});
  if (x.size() == 0)
    throw ValueError("batch_norm_training: expected a non-empty batch, received shape " +
                     x.shape().to_string());
  const DType dtype = x.dtype();
  const Shape channels{x.shape()[axis]};
  BatchNormTraining r{empty(x.shape(), dtype), empty(channels, dtype), empty(channels, dtype)};
  backend::BatchNormArgs args = view(x, axis, epsilon, true);
  args.in = {x.buffer().get(), nullptr, nullptr, buffer_or_null(gamma), buffer_or_null(beta)};
  args.out = {r.y.buffer().get(), r.mean.buffer().get(), r.variance.buffer().get()};
  be().batch_norm_forward(args);
  std::vector<Tensor> inputs{x};
  if (gamma.defined()) inputs.push_back(gamma);
  if (beta.defined()) inputs.push_back(beta);
  const Tensor mean = r.mean, variance = r.variance;
  r.y = autodiff::record(
      r.y, inputs,
      [x, gamma, beta, mean, variance, axis, epsilon, channels, dtype](const Tensor& grad) {
        const Tensor dy = cast(grad, dtype);
        Tensor dx = empty(x.shape(), dtype);
        Tensor dgamma = gamma.defined() ? empty(channels, dtype) : Tensor();
        Tensor dbeta = beta.defined() ? empty(channels, dtype) : Tensor();
        backend::BatchNormArgs back = view(x, axis, epsilon, true);
        back.in = {x.buffer().get(), dy.buffer().get(), mean.buffer().get(),
                   variance.buffer().get(), buffer_or_null(gamma)};
        back.out = {dx.buffer().get(), buffer_or_null(dgamma), buffer_or_null(dbeta)};
        be().batch_norm_backward(back);
        std::vector<Tensor> grads{dx};
        if (dgamma.defined()) grads.push_back(dgamma);
        if (dbeta.defined()) grads.push_back(dbeta);
        return grads;
      });
  return r;
}

Tensor batch_norm_inference(const Tensor& x, int axis, const Tensor& mean, const Tensor& variance,
                            const Tensor& gamma, const Tensor& beta, double epsilon) {
  if (!mean.defined() || !variance.defined())
    throw ValueError("batch_norm_inference: expected a mean and a variance");
  check_operands("batch_norm_inference", x, axis, epsilon, {&mean, &variance, &gamma, &beta});
  if (records_gradient({&x, &mean, &variance, &gamma, &beta})) return {};
  Tensor y = empty(x.shape(), x.dtype());
  if (x.size() == 0) return y;
  backend::BatchNormArgs args = view(x, axis, epsilon, false);
  args.in = {x.buffer().get(), mean.buffer().get(), variance.buffer().get(), buffer_or_null(gamma),
             buffer_or_null(beta)};
  args.out = {y.buffer().get(), nullptr, nullptr};
  be().batch_norm_forward(args);
  return y;
}

}  // namespace keras::ops::detail
