#include "keras/callbacks/log_value.hpp"

#include <limits>
#include <numeric>
#include <ostream>

#include "keras/core/errors.hpp"
#include "src/callbacks/model_access.hpp"

namespace keras {

LogValue::LogValue(std::vector<std::int64_t> shape, std::vector<double> values)
    : shape_(std::move(shape)), values_(std::move(values)) {
  std::int64_t count = 1;
  for (auto d : shape_) {
    if (d < 0) throw ValueError("LogValue: negative dimension in shape " + shape_str());
    count *= d;
  }
  if (count != static_cast<std::int64_t>(values_.size()))
    throw ValueError("LogValue: shape " + shape_str() + " needs " + std::to_string(count) +
                     " values; received " + std::to_string(values_.size()));
}

double LogValue::item() const {
  if (values_.size() != 1)
    throw ValueError("This logged value is an array of shape " + shape_str() +
                     ", not a single number; read its elements with values()");
  return values_[0];
}

double LogValue::mean() const {
  if (values_.empty()) return std::numeric_limits<double>::quiet_NaN();  // numpy's mean of []
  return std::accumulate(values_.begin(), values_.end(), 0.0) / static_cast<double>(size());
}

std::string LogValue::shape_str() const {
  std::string out = "(";
  for (std::size_t i = 0; i < shape_.size(); ++i)
    out += (i ? ", " : "") + std::to_string(shape_[i]);
  return out + (shape_.size() == 1 ? ",)" : ")");
}

std::ostream& operator<<(std::ostream& os, const LogValue& value) {
  if (value.is_scalar()) return os << callbacks::detail::python_float(value.item());
  os << '[';
  for (std::size_t i = 0; i < value.size(); ++i)
    os << (i ? ", " : "") << callbacks::detail::python_float(value.values()[i]);
  return os << ']';
}

bool operator==(const std::vector<LogValue>& values, const std::vector<double>& numbers) {
  if (values.size() != numbers.size()) return false;
  for (std::size_t i = 0; i < values.size(); ++i)
    if (!values[i].is_scalar() || values[i].item() != numbers[i]) return false;
  return true;
}

}  // namespace keras
