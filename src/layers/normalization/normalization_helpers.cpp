#include "src/layers/normalization/normalization_helpers.hpp"

#include "keras/core/ops.hpp"

namespace keras::layers::detail {

DType statistics_dtype(DType input) {
  return input == DType::float64 ? DType::float64 : DType::float32;
}

std::pair<Tensor, Tensor> scale_and_shift_of(const Tensor& mean, const Tensor& variance,
                                             const Tensor& gamma, const Tensor& beta,
                                             double epsilon) {
  Tensor inv = ops::rsqrt(ops::add(variance, epsilon));
  if (gamma.defined()) inv = ops::multiply(inv, gamma);
  Tensor shift = ops::multiply(ops::negative(mean), inv);
  if (beta.defined()) shift = ops::add(shift, beta);
  return {inv, shift};
}

Tensor scale_and_shift(const Tensor& x, const Tensor& mean, const Tensor& variance,
                       const Tensor& gamma, const Tensor& beta, double epsilon) {
  const auto [inv, shift] = scale_and_shift_of(mean, variance, gamma, beta, epsilon);
  return ops::add(ops::multiply(x, inv), shift);
}

int axis_in_bounds(int axis, const Shape& input_shape, const std::string& received) {
  const int rank = input_shape.rank();
  if (axis >= rank || axis < -rank)
    throw ValueError("Axis " + std::to_string(axis) + " is out of bounds for input shape " +
                     input_shape.to_string() + ". Received: axis=" + received);
  return axis < 0 ? axis + rank : axis;
}

std::string axes_text(const std::vector<int>& axes) {
  if (axes.size() == 1) return std::to_string(axes[0]);
  std::string s = "[";
  for (std::size_t i = 0; i < axes.size(); ++i) s += (i ? ", " : "") + std::to_string(axes[i]);
  return s + "]";
}

ConfigValue axes_config(const std::vector<int>& axes, bool as_list) {
  if (axes.size() == 1 && !as_list) return ConfigValue(axes[0]);
  return ConfigValue::list_of(axes);
}

std::vector<int> read_axes(const ConfigValue& value, const std::string& what) {
  std::vector<int> axes;
  if (value.is_list()) {
    for (std::int64_t a : value.as_int_list()) axes.push_back(static_cast<int>(a));
  } else if (value.is_integral()) {
    axes.push_back(static_cast<int>(value.as_int()));
  }
  if (axes.empty())
    throw ValueError(what +
                     ": expected an int or a list of ints for the argument 'axis', but "
                     "received: " +
                     value.dump());
  return axes;
}

}  // namespace keras::layers::detail
