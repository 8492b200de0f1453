#pragma once
#include <optional>
#include <utility>
#include <vector>

#include "keras/core/ops/axes.hpp"
#include "keras/core/tensor.hpp"

namespace keras::ops {

// One dimension may be -1 (inferred). Shares storage with x.
Tensor reshape(const Tensor& x, const Shape& new_shape);
Tensor expand_dims(const Tensor& x, int axis);
Tensor squeeze(const Tensor& x, Axes axis = {});
Tensor broadcast_to(const Tensor& x, const Shape& shape);
Tensor concatenate(const std::vector<Tensor>& xs, int axis = 0);
Tensor stack(const std::vector<Tensor>& xs, int axis = 0);
// numpy.split with a number of equal sections.
std::vector<Tensor> split(const Tensor& x, std::int64_t sections, int axis = 0);
// numpy.split with explicit split indices.
std::vector<Tensor> split(const Tensor& x, const std::vector<std::int64_t>& indices, int axis);
// keras.ops.slice: start_indices and shape per axis (shape -1 = to the end).
Tensor slice(const Tensor& x, const std::vector<std::int64_t>& start_indices,
             const std::vector<std::int64_t>& shape);
// numpy.take: indices (any integer dtype, negative wrap) along axis; None flattens x first.
Tensor take(const Tensor& x, const Tensor& indices, std::optional<int> axis = std::nullopt);
// numpy.take_along_axis.
Tensor take_along_axis(const Tensor& x, const Tensor& indices, int axis);
// keras.ops.scatter: zeros of `shape` with `values` added at `indices` (shape (n, k) indexing
// the first k dims); duplicate indices accumulate.
Tensor scatter(const Tensor& indices, const Tensor& values, const Shape& shape);
// Returns a copy of `x` with `updates` added at `indices` along `axis` (duplicates accumulate).
Tensor scatter_add(const Tensor& x, const Tensor& indices, const Tensor& updates, int axis = 0);
// keras.ops.one_hot: a new last axis (or `axis`) of size num_classes; out-of-range -> zeros.
Tensor one_hot(const Tensor& x, std::int64_t num_classes, int axis = -1,
               DType dtype = DType::float32);
// pad_width: one (before, after) pair per axis, or a single pair for all axes.
// mode "constant" (with constant_values), "reflect" or "symmetric".
Tensor pad(const Tensor& x, const std::vector<std::pair<std::int64_t, std::int64_t>>& pad_width,
           const std::string& mode = "constant", double constant_values = 0.0);
Tensor tile(const Tensor& x, const std::vector<std::int64_t>& repeats);
Tensor repeat(const Tensor& x, std::int64_t repeats, std::optional<int> axis = std::nullopt);
Tensor flip(const Tensor& x, Axes axis = {});

}  // namespace keras::ops
