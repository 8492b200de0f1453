// Integer-index ops: take, take_along_axis, scatter, scatter_add, one_hot.
// take and scatter_add are one `gather` / `scatter_add` kernel each and are each other's
// gradient; the other ops compute flat positions on the host and reuse those two.
#include <cmath>

#include "src/core/ops/detail.hpp"

namespace keras::ops {
using detail::be;

namespace {

int op_axis(const char* op, int axis, const Shape& shape) {
  const int rank = shape.rank();
  if (rank == 0 || axis < -rank || axis >= rank)
    throw ValueError(std::string(op) + ": axis " + std::to_string(axis) +
                     " is out of bounds for a tensor of rank " + std::to_string(rank) + " (shape " +
                     shape.to_string() + ")");
  return axis < 0 ? axis + rank : axis;
}

// Float indices are a TypeError in NumPy, not silently truncated.
std::vector<std::int64_t> read_indices(const char* op, const Tensor& indices) {
  if (!is_integer(indices.dtype()))
    throw TypeError(std::string(op) + ": indices must be an integer tensor, received dtype " +
                    std::string(dtype_name(indices.dtype())));
  return indices.to_vector<std::int64_t>();
}

// Wraps a negative index once (NumPy) and rejects what is still outside [0, n).
std::int64_t wrap_index(const char* op, std::int64_t i, std::int64_t n, int axis) {
  const std::int64_t w = i < 0 ? i + n : i;
  if (w < 0 || w >= n)
    throw ValueError(std::string(op) + ": index " + std::to_string(i) +
                     " is out of bounds for axis " + std::to_string(axis) + " with size " +
                     std::to_string(n));
  return w;
}

// x.shape[:axis] + mid + x.shape[axis+1:]
Shape replace_axis(const Shape& x, int axis, const Shape& mid) {
  std::vector<std::int64_t> dims(x.dims().begin(), x.dims().begin() + axis);
  dims.insert(dims.end(), mid.dims().begin(), mid.dims().end());
  dims.insert(dims.end(), x.dims().begin() + axis + 1, x.dims().end());
  return Shape(dims);
}

// (outer, inner): the element counts before and after `axis`.
std::pair<std::int64_t, std::int64_t> around(const Shape& s, int axis) {
  std::int64_t outer = 1, inner = 1;
  for (int d = 0; d < axis; ++d) outer *= s[d];
  for (int d = axis + 1; d < s.rank(); ++d) inner *= s[d];
  return {outer, inner};
}

bool broadcasts_to(const Shape& from, const Shape& to) {
  try {
    return broadcast_shapes(from, to) == to;
  } catch (const ValueError&) {
    return false;
  }
}

}  // namespace

Tensor take(const Tensor& x, const Tensor& indices, std::optional<int> axis) {
  if (!axis) return take(reshape(x, Shape{x.size()}), indices, 0);
  const int a = op_axis("take", *axis, x.shape());
  const std::int64_t n = x.shape()[a];
  auto idx = read_indices("take", indices);
  for (auto& i : idx) i = wrap_index("take", i, n, a);
  Tensor idx_t = tensor(idx, indices.shape());
  Shape out_shape = replace_axis(x.shape(), a, indices.shape());
  Tensor out = empty(out_shape, x.dtype());
  auto [outer, inner] = around(x.shape(), a);
  if (out.size() > 0)
    be().gather(*x.buffer(), *idx_t.buffer(), *out.buffer(), outer, n, inner, idx_t.size(),
                x.dtype());
  if (!is_floating(x.dtype())) return out;
  Shape in = x.shape();
  return autodiff::record(out, {x}, [in, idx_t, a](const Tensor& g) {
    return std::vector<Tensor>{scatter_add(zeros(in, g.dtype()), idx_t, g, a)};
  });
}

Tensor scatter_add(const Tensor& x, const Tensor& indices, const Tensor& updates, int axis) {
  const int a = op_axis("scatter_add", axis, x.shape());
  const std::int64_t n = x.shape()[a];
  auto idx = read_indices("scatter_add", indices);
  for (auto& i : idx) i = wrap_index("scatter_add", i, n, a);
  Tensor idx_t = tensor(idx, indices.shape());
  Shape expected = replace_axis(x.shape(), a, indices.shape());
  if (!broadcasts_to(updates.shape(), expected))
    throw ValueError(
        "scatter_add: updates must broadcast to x.shape[:axis] + indices.shape + "
        "x.shape[axis+1:] = " +
        expected.to_string() + " (x " + x.shape().to_string() + ", indices " +
        indices.shape().to_string() + ", axis " + std::to_string(a) +
        "), received updates of shape " + updates.shape().to_string());
  // The result keeps x's dtype, as NumPy's in-place np.add.at does.
  Tensor u = broadcast_to(cast(updates, x.dtype()), expected);
  Tensor out = empty(x.shape(), x.dtype());
  const auto strides = x.shape().strides();
  if (x.size() > 0) {
    be().copy_strided(*x.buffer(), 0, strides, *out.buffer(), 0, strides, x.shape(), x.dtype());
    auto [outer, inner] = around(x.shape(), a);
    if (u.size() > 0)
      be().scatter_add(*u.buffer(), *idx_t.buffer(), *out.buffer(), outer, n, inner, idx_t.size(),
                       x.dtype());
  }
  if (!is_floating(x.dtype())) return out;
  return autodiff::record(out, {x, u}, [idx_t, a](const Tensor& g) {
    return std::vector<Tensor>{g, take(g, idx_t, a)};
  });
}

Tensor take_along_axis(const Tensor& x, const Tensor& indices, int axis) {
  const int a = op_axis("take_along_axis", axis, x.shape());
  const int rank = x.rank();
  if (indices.rank() != rank)
    throw ValueError(
        "take_along_axis: indices must have the same rank as x, received x of "
        "shape " +
        x.shape().to_string() + " and indices of shape " + indices.shape().to_string());
  // Dimensions other than `axis` broadcast between x and indices (NumPy's fancy indexing).
  std::vector<std::int64_t> dims(static_cast<std::size_t>(rank));
  for (int d = 0; d < rank; ++d) {
    const std::int64_t xd = x.shape()[d], id = indices.shape()[d];
    if (d != a && xd != id && xd != 1 && id != 1)
      throw ValueError("take_along_axis: x of shape " + x.shape().to_string() +
                       " and indices of shape " + indices.shape().to_string() +
                       " do not broadcast along dimension " + std::to_string(d));
    dims[static_cast<std::size_t>(d)] = d == a ? id : (xd == 1 ? id : xd);
  }
  const Shape out_shape(dims);
  const std::int64_t n = x.shape()[a];
  auto idx = read_indices("take_along_axis", indices);
  for (auto& i : idx) i = wrap_index("take_along_axis", i, n, a);

  // Position of each output element in the flattened x; then one flat gather does the work
  // and its gradient (scatter_add) accumulates into broadcast elements of x.
  auto x_strides = detail::broadcast_strides(x.shape(), out_shape);
  x_strides[static_cast<std::size_t>(a)] = x.shape().strides()[static_cast<std::size_t>(a)];
  const auto i_strides = detail::broadcast_strides(indices.shape(), out_shape);
  std::vector<std::int64_t> flat(static_cast<std::size_t>(out_shape.size()));
  std::vector<std::int64_t> pos(static_cast<std::size_t>(rank), 0);
  for (auto& f : flat) {
    std::int64_t xo = 0, io = 0;
    for (int d = 0; d < rank; ++d) {
      const auto k = static_cast<std::size_t>(d);
      io += pos[k] * i_strides[k];
      if (d != a) xo += pos[k] * x_strides[k];
    }
    f = xo + idx[static_cast<std::size_t>(io)] * x_strides[static_cast<std::size_t>(a)];
    for (int d = rank - 1; d >= 0; --d) {
      const auto k = static_cast<std::size_t>(d);
      if (++pos[k] < dims[k]) break;
      pos[k] = 0;
    }
  }
  return take(reshape(x, Shape{x.size()}), tensor(flat, out_shape), 0);
}

Tensor scatter(const Tensor& indices, const Tensor& values, const Shape& shape) {
  if (indices.rank() < 1)
    throw ValueError(
        "scatter: indices must have shape (..., k) with k <= " + std::to_string(shape.rank()) +
        " indexed dimensions of shape " + shape.to_string() + ", received indices of shape " +
        indices.shape().to_string());
  const int k = static_cast<int>(indices.shape().dim(-1));
  if (k > shape.rank())
    throw ValueError("scatter: indices of shape " + indices.shape().to_string() + " index " +
                     std::to_string(k) + " dimensions, but the output shape " + shape.to_string() +
                     " has only " + std::to_string(shape.rank()));
  std::vector<std::int64_t> lead(indices.shape().dims().begin(), indices.shape().dims().end() - 1);
  std::vector<std::int64_t> expected_dims = lead;
  expected_dims.insert(expected_dims.end(), shape.dims().begin() + k, shape.dims().end());
  const Shape expected(expected_dims);
  if (!broadcasts_to(values.shape(), expected))
    throw ValueError(
        "scatter: values must have shape indices.shape[:-1] + shape[k:] = " + expected.to_string() +
        " (indices " + indices.shape().to_string() + ", shape " + shape.to_string() +
        "), received values of shape " + values.shape().to_string());
  auto idx = read_indices("scatter", indices);
  // Rows of k indices become positions in the output viewed as (prod(shape[:k]), rest).
  std::int64_t rows = Shape(lead).size(), cells = 1, inner = 1;
  for (int d = 0; d < shape.rank(); ++d) (d < k ? cells : inner) *= shape[d];
  std::vector<std::int64_t> flat(static_cast<std::size_t>(rows), 0);
  const auto strides =
      Shape(std::vector<std::int64_t>(shape.dims().begin(), shape.dims().begin() + k)).strides();
  for (std::int64_t r = 0; r < rows; ++r)
    for (int d = 0; d < k; ++d)
      flat[static_cast<std::size_t>(r)] +=
          wrap_index("scatter", idx[static_cast<std::size_t>(r * k + d)], shape[d], d) *
          strides[static_cast<std::size_t>(d)];
  Tensor v = reshape(broadcast_to(values, expected), Shape{rows, inner});
  Tensor out =
      scatter_add(zeros(Shape{cells, inner}, values.dtype()), tensor(flat, Shape{rows}), v, 0);
  return reshape(out, shape);
}

Tensor one_hot(const Tensor& x, std::int64_t num_classes, int axis, DType dtype) {
  if (num_classes < 0)
    throw ValueError("one_hot: num_classes must be non-negative, received " +
                     std::to_string(num_classes));
  const int rank = x.rank() + 1;
  if (axis < -rank || axis >= rank)
    throw ValueError("one_hot: axis " + std::to_string(axis) +
                     " is out of bounds for the result "
                     "of rank " +
                     std::to_string(rank) + " (input of shape " + x.shape().to_string() + ")");
  const int a = axis < 0 ? axis + rank : axis;
  // Values compare with the class ids as in jax.nn.one_hot: anything that is not an integer in
  // [0, num_classes) (negative, too large, fractional) matches no class and leaves a zero row.
  // One comparison on the backend, with the class ids shaped to broadcast along `axis`.
  std::vector<std::int64_t> class_shape(static_cast<std::size_t>(rank), 1);
  class_shape[static_cast<std::size_t>(a)] = num_classes;
  const DType id_dtype = is_floating(x.dtype()) ? x.dtype() : DType::int64;
  Tensor class_ids =
      reshape(arange(0.0, static_cast<double>(num_classes), 1.0, id_dtype), Shape(class_shape));
  return cast(equal(expand_dims(x, a), class_ids), dtype);
}

}  // namespace keras::ops
