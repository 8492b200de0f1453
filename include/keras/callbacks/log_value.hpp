#pragma once
// `keras::LogValue`: one entry of the logs fit / evaluate hand to callbacks and return. Most
// entries are numbers (the loss, accuracy...), but a metric whose result is an array —
// `Precision({.thresholds = {0.3, 0.5, 0.7}})`, `F1Score({.average = std::nullopt})` — is logged as
// that array, as Keras logs the numpy array its `pythonify_logs` cannot turn into a float.
// A LogValue is built from a double, so `logs["loss"] = 0.5` and `double x = logs.at("loss")`
// read as before; converting an array to double throws a ValueError naming its shape.
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace keras {

class LogValue {
 public:
  LogValue() = default;                       // 0.0, so std::map's operator[] can make one
  LogValue(double value) : values_{value} {}  // NOLINT: implicit by design, logs read as numbers
  // An array of `shape` (row-major `values`); an empty shape is a number. A ValueError when
  // the element count does not match the shape.
  LogValue(std::vector<std::int64_t> shape, std::vector<double> values);

  // True for a number (0-d), as numpy's `float()` accepts only those. A one-element array is
  // not a number here, but item() and the double conversion still read it, as numpy's item().
  bool is_scalar() const { return shape_.empty(); }
  const std::vector<std::int64_t>& shape() const { return shape_; }
  const std::vector<double>& values() const { return values_; }
  std::size_t size() const { return values_.size(); }

  // The single value; a ValueError naming the shape when there are several.
  double item() const;
  operator double() const { return item(); }  // NOLINT: logs read as numbers
  // The mean of the elements: what Keras's progress bar shows for an array.
  double mean() const;
  // "(3,)" / "()": a shape as Python prints it, for error messages.
  std::string shape_str() const;

 private:
  std::vector<std::int64_t> shape_;
  std::vector<double> values_{0.0};
};

// A number as itself, an array as "[0.25, 0.5]" (its elements in Python's repr).
std::ostream& operator<<(std::ostream& os, const LogValue& value);

// A History series against plain numbers (`h->history.at("loss") == std::vector<double>{...}`):
// equal when every entry is a number equal to its counterpart; an array never equals one.
bool operator==(const std::vector<LogValue>& values, const std::vector<double>& numbers);

namespace callbacks {
using keras::LogValue;
}  // namespace callbacks

}  // namespace keras
