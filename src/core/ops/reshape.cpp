// Shape-only ops that share storage or broadcast: reshape, expand_dims, squeeze, broadcast_to.
#include "src/core/ops/detail.hpp"

namespace keras::ops {

Tensor reshape(const Tensor& x, const Shape& new_shape) {
  std::vector<std::int64_t> dims = new_shape.dims();
  int infer = -1;
  std::int64_t known = 1;
  for (int i = 0; i < static_cast<int>(dims.size()); ++i) {
    if (dims[static_cast<std::size_t>(i)] == -1) {
      if (infer >= 0)
        throw ValueError("reshape: can only specify one unknown dimension (-1), received " +
                         new_shape.to_string());
      infer = i;
    } else if (dims[static_cast<std::size_t>(i)] < 0) {
      throw ValueError("reshape: invalid dimension in " + new_shape.to_string());
    } else {
      known *= dims[static_cast<std::size_t>(i)];
    }
  }
  if (infer >= 0) {
    if (known == 0 || x.size() % known != 0)
      throw ValueError("reshape: cannot reshape a tensor of shape " + x.shape().to_string() + " (" +
                       std::to_string(x.size()) + " elements) into " + new_shape.to_string());
    dims[static_cast<std::size_t>(infer)] = x.size() / known;
  }
  Shape target(dims);
  if (target.size() != x.size())
    throw ValueError("reshape: cannot reshape a tensor of shape " + x.shape().to_string() + " (" +
                     std::to_string(x.size()) + " elements) into shape " + target.to_string() +
                     " (" + std::to_string(target.size()) + " elements)");
  if (target == x.shape()) return x;
  auto impl = std::make_shared<TensorImpl>(x.impl());
  impl->shape = target;
  impl->node = nullptr;
  impl->keras_mask = nullptr;
  Tensor y(std::move(impl));
  Shape in = x.shape();
  return autodiff::record(y, {x},
                          [in](const Tensor& g) { return std::vector<Tensor>{reshape(g, in)}; });
}

Tensor expand_dims(const Tensor& x, int axis) {
  int a = normalize_axis(axis, x.rank() + 1, "expand_dims axis");
  std::vector<std::int64_t> dims = x.shape().dims();
  dims.insert(dims.begin() + a, 1);
  return reshape(x, Shape(dims));
}

Tensor squeeze(const Tensor& x, Axes axis) {
  std::vector<std::int64_t> dims;
  if (axis.is_none()) {
    for (auto d : x.shape())
      if (d != 1) dims.push_back(d);
  } else {
    auto axes = axis.normalized(x.rank());
    for (int i = 0; i < x.rank(); ++i) {
      bool drop = std::find(axes.begin(), axes.end(), i) != axes.end();
      if (drop && x.shape()[i] != 1)
        throw ValueError(
            "squeeze: cannot select an axis to squeeze out which has size not equal "
            "to one: axis " +
            std::to_string(i) + " of shape " + x.shape().to_string());
      if (!drop) dims.push_back(x.shape()[i]);
    }
  }
  return reshape(x, Shape(dims));
}

Tensor broadcast_to(const Tensor& x, const Shape& shape) {
  if (x.shape() == shape) return x;
  Shape out = broadcast_shapes(x.shape(), shape);
  if (out != shape)
    throw ValueError("broadcast_to: cannot broadcast a tensor of shape " + x.shape().to_string() +
                     " to shape " + shape.to_string());
  Tensor y = empty(shape, x.dtype());
  detail::be().copy_strided(*x.buffer(), 0, detail::broadcast_strides(x.shape(), shape),
                            *y.buffer(), 0, shape.strides(), shape, x.dtype());
  Shape in = x.shape();
  return autodiff::record(
      y, {x}, [in](const Tensor& g) { return std::vector<Tensor>{detail::unbroadcast(g, in)}; });
}

}  // namespace keras::ops
