#pragma once
#include <optional>

#include "keras/core/ops/axes.hpp"
#include "keras/core/tensor.hpp"

namespace keras::ops {

Tensor sum(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor mean(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor max(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor min(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor prod(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor var(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor std(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor logsumexp(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor any(const Tensor& x, Axes axis = {}, bool keepdims = false);
Tensor all(const Tensor& x, Axes axis = {}, bool keepdims = false);
// Index (int32, as Keras) of the extreme value along `axis`; None flattens first.
Tensor argmax(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);
Tensor argmin(const Tensor& x, std::optional<int> axis = std::nullopt, bool keepdims = false);

}  // namespace keras::ops
