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
#include "keras/models/nested.hpp"

namespace keras {

class Data : public Nested<Tensor> {
 public:
  using Nested::Nested;  // a tensor, a list {x1, x2} or a dict {{"a", x1}, {"b", x2}}
  // An xtensor container (or any array type with value_type, shape(), strides(), data()).
  template <class A>
  requires requires(const A& a) {
    typename A::value_type;
    a.shape();
    a.strides();
    { a.data() } -> std::convertible_to<const typename A::value_type*>;
  }
  Data(const A& array) : Data(from_array(array)) {}

  // The single tensor (ValueError when there are several or none), so
  // `Tensor probs = model.predict(x);` works for single-output models.
  operator Tensor() const;

 private:
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
