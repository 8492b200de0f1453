#pragma once
// `Data`: what fit / evaluate / predict take for x, y and sample weights — one tensor, a list
// (multi-input or multi-output models, in the model's order) or a dict keyed by input/output
// name, as in Keras. xtensor arrays (and any row-major array type with shape()/data()) convert
// too, without this header including xtensor.
#include <concepts>
#include <initializer_list>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras {

class Data {
 public:
  Data() = default;  // nothing (Python's None)
  Data(const Tensor& t) : values_{t} {}
  Data(std::vector<Tensor> list) : values_(std::move(list)), is_list_(true) {}
  Data(std::initializer_list<Tensor> list) : values_(list), is_list_(true) {}
  Data(const std::map<std::string, Tensor>& dict);
  // `{{"image", x1}, {"meta", x2}}` as written, without spelling out the map type.
  Data(std::initializer_list<std::pair<const std::string, Tensor>> dict)
      : Data(std::map<std::string, Tensor>(dict)) {}
  // An xtensor container (or any array type with value_type, shape(), strides(), data()).
  template <class A>
    requires requires(const A& a) {
      typename A::value_type;
      a.shape();
      a.strides();
      { a.data() } -> std::convertible_to<const typename A::value_type*>;
    }
  Data(const A& array) : Data(from_array(array)) {}

  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  bool is_dict() const { return !keys_.empty(); }
  bool is_list() const { return is_list_; }
  const std::vector<Tensor>& values() const { return values_; }
  const std::vector<std::string>& keys() const { return keys_; }
  const Tensor& operator[](std::size_t i) const;
  const Tensor& operator[](const std::string& key) const;
  // The single tensor (ValueError when there are several or none), so
  // `Tensor probs = model.predict(x);` works for single-output models.
  operator Tensor() const;

 private:
  std::vector<Tensor> values_;
  std::vector<std::string> keys_;
  bool is_list_ = false;

  template <class A>
  static Tensor from_array(const A& a) {
    using T = typename A::value_type;
    Shape shape;
    for (auto d : a.shape()) shape.dims().push_back(static_cast<std::int64_t>(d));
    std::vector<std::int64_t> strides;
    for (auto s : a.strides()) strides.push_back(static_cast<std::int64_t>(s));
    check_row_major(shape, strides);
    return from_raw(a.data(), shape, dtype_of<T>());
  }
  static void check_row_major(const Shape& shape, const std::vector<std::int64_t>& strides);
};

}  // namespace keras
