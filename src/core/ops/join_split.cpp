// Ops that join tensors or cut windows out of them: concatenate, stack, split, slice.
// All of them are one `copy_strided` per piece; their gradients are each other (slice <-> pad).
#include <algorithm>

#include "src/core/ops/detail.hpp"

namespace keras::ops {
using detail::be;

namespace {

// normalize_axis's message does not say which op failed or on what shape.
int op_axis(const char* op, int axis, int rank, const Shape& shape) {
  if (rank == 0 || axis < -rank || axis >= rank)
    throw ValueError(std::string(op) + ": axis " + std::to_string(axis) +
                     " is out of bounds for a tensor of rank " + std::to_string(rank) + " (shape " +
                     shape.to_string() + ")");
  return axis < 0 ? axis + rank : axis;
}

std::string shape_list(const std::vector<Tensor>& xs) {
  std::string s = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + xs[i].shape().to_string();
  return s + "]";
}

}  // namespace

Tensor concatenate(const std::vector<Tensor>& xs, int axis) {
  detail::check(!xs.empty(), "concatenate: need at least one tensor to concatenate, received none");
  const Shape& first = xs[0].shape();
  const int rank = first.rank();
  detail::check(rank > 0,
                "concatenate: zero-dimensional tensors cannot be concatenated, received "
                "shapes " +
                    shape_list(xs));
  const int a = op_axis("concatenate", axis, rank, first);
  DType dtype = xs[0].dtype();
  std::int64_t total = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const Shape& s = xs[i].shape();
    if (s.rank() != rank)
      throw ValueError(
          "concatenate: all inputs must have the same rank, but the tensor at index 0 "
          "has shape " +
          first.to_string() + " and the tensor at index " + std::to_string(i) + " has shape " +
          s.to_string());
    for (int d = 0; d < rank; ++d)
      if (d != a && s[d] != first[d])
        throw ValueError("concatenate: all input dimensions except for the concatenation axis " +
                         std::to_string(a) + " must match, but along dimension " +
                         std::to_string(d) + " the tensor at index 0 has shape " +
                         first.to_string() + " and the tensor at index " + std::to_string(i) +
                         " has shape " + s.to_string());
    // Weak scalars are rank 0 and rejected above, so every input's dtype counts.
    if (i > 0) dtype = promote_types(dtype, false, xs[i].dtype(), false);
    total += s[a];
  }
  std::vector<Tensor> parts;
  for (const auto& x : xs) parts.push_back(cast(x, dtype));
  if (parts.size() == 1) return parts[0];

  Shape out_shape = first;
  out_shape[a] = total;
  Tensor out = empty(out_shape, dtype);
  const auto out_strides = out_shape.strides();
  std::vector<std::int64_t> offsets;
  std::int64_t offset = 0;
  for (const auto& p : parts) {
    offsets.push_back(offset);
    if (p.size() > 0)
      be().copy_strided(*p.buffer(), 0, p.shape().strides(), *out.buffer(),
                        offset * out_strides[static_cast<std::size_t>(a)], out_strides, p.shape(),
                        dtype);
    offset += p.shape()[a];
  }
  if (!is_floating(dtype)) return out;
  std::vector<Shape> shapes;
  for (const auto& p : parts) shapes.push_back(p.shape());
  return autodiff::record(out, parts, [a, offsets, shapes](const Tensor& g) {
    std::vector<Tensor> grads;
    for (std::size_t i = 0; i < shapes.size(); ++i) {
      std::vector<std::int64_t> start(shapes[i].dims().size(), 0);
      start[static_cast<std::size_t>(a)] = offsets[i];
      grads.push_back(slice(g, start, shapes[i].dims()));
    }
    return grads;
  });
}

Tensor stack(const std::vector<Tensor>& xs, int axis) {
  detail::check(!xs.empty(), "stack: need at least one tensor to stack, received none");
  for (std::size_t i = 1; i < xs.size(); ++i)
    if (xs[i].shape() != xs[0].shape())
      throw ValueError(
          "stack: all input tensors must have the same shape, but the tensor at "
          "index 0 has shape " +
          xs[0].shape().to_string() + " and the tensor at index " + std::to_string(i) +
          " has shape " + xs[i].shape().to_string());
  const int rank = xs[0].rank() + 1;
  if (axis < -rank || axis >= rank)
    throw ValueError("stack: axis " + std::to_string(axis) +
                     " is out of bounds for the result of "
                     "rank " +
                     std::to_string(rank) + " (inputs of shape " + xs[0].shape().to_string() + ")");
  const int a = axis < 0 ? axis + rank : axis;
  std::vector<Tensor> expanded;
  for (const auto& x : xs) expanded.push_back(expand_dims(x, a));
  return concatenate(expanded, a);
}

std::vector<Tensor> split(const Tensor& x, std::int64_t sections, int axis) {
  const int a = op_axis("split", axis, x.rank(), x.shape());
  const std::int64_t n = x.shape()[a];
  if (sections <= 0)
    throw ValueError("split: the number of sections must be larger than 0, received " +
                     std::to_string(sections));
  if (n % sections != 0)
    throw ValueError("split: array split does not result in an equal division: axis " +
                     std::to_string(a) + " of shape " + x.shape().to_string() + " has size " +
                     std::to_string(n) + ", which is not divisible by " + std::to_string(sections) +
                     " sections");
  std::vector<std::int64_t> indices;
  for (std::int64_t i = 1; i < sections; ++i) indices.push_back(i * (n / sections));
  return split(x, indices, a);
}

std::vector<Tensor> split(const Tensor& x, const std::vector<std::int64_t>& indices, int axis) {
  const int a = op_axis("split", axis, x.rank(), x.shape());
  const std::int64_t n = x.shape()[a];
  // Each piece is x[prev:next] along the axis with Python slice rules: negative bounds count
  // from the end, bounds clamp to [0, n], and a decreasing pair gives an empty piece.
  auto clamp = [n](std::int64_t i) { return std::clamp(i < 0 ? i + n : i, std::int64_t{0}, n); };
  std::vector<Tensor> pieces;
  std::int64_t prev = 0;
  for (std::size_t i = 0; i <= indices.size(); ++i) {
    const std::int64_t next = i < indices.size() ? clamp(indices[i]) : n;
    std::vector<std::int64_t> start(static_cast<std::size_t>(x.rank()), 0);
    std::vector<std::int64_t> size = x.shape().dims();
    start[static_cast<std::size_t>(a)] = std::min(prev, n);
    size[static_cast<std::size_t>(a)] = std::max<std::int64_t>(0, next - prev);
    pieces.push_back(slice(x, start, size));
    prev = next;
  }
  return pieces;
}

Tensor slice(const Tensor& x, const std::vector<std::int64_t>& start_indices,
             const std::vector<std::int64_t>& shape) {
  const int rank = x.rank();
  if (static_cast<int>(start_indices.size()) != rank || static_cast<int>(shape.size()) != rank)
    throw ValueError(
        "slice: start_indices and shape need one entry per axis of the input of shape " +
        x.shape().to_string() + ", received start_indices " + detail::int_list(start_indices) +
        " and shape " + detail::int_list(shape));
  std::vector<std::int64_t> dims(shape);
  std::int64_t src_offset = 0;
  const auto strides = x.shape().strides();
  for (int d = 0; d < rank; ++d) {
    const auto i = static_cast<std::size_t>(d);
    const std::int64_t n = x.shape()[d], s = start_indices[i];
    if (dims[i] == -1) dims[i] = n - s;
    if (s < 0 || s > n || dims[i] < 0 || s + dims[i] > n)
      throw ValueError("slice: the window starting at " + detail::int_list(start_indices) +
                       " with shape " + detail::int_list(shape) +
                       " does not fit in the input of shape " + x.shape().to_string() + " (axis " +
                       std::to_string(d) + ")");
    src_offset += s * strides[i];
  }
  Shape out_shape(dims);
  if (out_shape == x.shape()) return x;
  Tensor out = empty(out_shape, x.dtype());
  if (out.size() > 0)
    be().copy_strided(*x.buffer(), src_offset, strides, *out.buffer(), 0, out_shape.strides(),
                      out_shape, x.dtype());
  if (!is_floating(x.dtype())) return out;
  std::vector<std::pair<std::int64_t, std::int64_t>> widths;
  for (int d = 0; d < rank; ++d) {
    const auto i = static_cast<std::size_t>(d);
    widths.emplace_back(start_indices[i], x.shape()[d] - start_indices[i] - dims[i]);
  }
  return autodiff::record(
      out, {x}, [widths](const Tensor& g) { return std::vector<Tensor>{pad(g, widths)}; });
}

}  // namespace keras::ops
