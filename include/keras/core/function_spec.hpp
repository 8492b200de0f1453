#pragma once
// `keras::FunctionSpec<Family>`: the ObjectSpec of the families that also take a plain function
// of (y_true, y_pred) — losses (wrapped in a LossFunctionWrapper) and metrics (in a
// MeanMetricWrapper). Besides what ObjectSpec needs (keras/core/spec.hpp), the family says how
// to wrap a function:
//   using Function = std::function<Tensor(const Tensor&, const Tensor&)>;
//   // the Keras name of a built-in function (`losses::huber` -> "huber"), "" for others
//   static std::string function_name(Tensor (*fn)(const Tensor&, const Tensor&));
//   // an unnamed or built-in function, as compile() wraps it
//   static std::shared_ptr<Object> wrap_function(Function fn, const std::string& name);
//   // a function under a name of the user's
//   static std::shared_ptr<Object> named(Function fn, std::string name);
#include <concepts>
#include <string>
#include <type_traits>
#include <utility>

#include "keras/core/spec.hpp"
#include "keras/core/tensor.hpp"

namespace keras {

template <class Family>
class FunctionSpec : public ObjectSpec<Family> {
  using Base = ObjectSpec<Family>;
  using Object = typename Family::Object;
  using Function = typename Family::Function;
  template <class F>
  static constexpr bool is_function =
      std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
      !std::derived_from<std::remove_cvref_t<F>, Object> && !std::is_convertible_v<F, std::string>;

 public:
  using FnPtr = Tensor (*)(const Tensor&, const Tensor&);

  using Base::Base;
  FunctionSpec() = default;
  template <class F>
  requires is_function<F> FunctionSpec(F fn)
      : Base(typename Base::Wrapped{}, Family::wrap_function(Function(fn), registered_name(fn))) {}
  // Picks the two-argument overload of a built-in function (`.loss = losses::huber`).
  FunctionSpec(FnPtr fn)
      : Base(typename Base::Wrapped{},
             Family::wrap_function(Function(fn), Family::function_name(fn))) {}
  // A function under `name`, as LossFunctionWrapper(fn, name=...) / MeanMetricWrapper(fn, name):
  // `losses::Spec(my_fn, "my_loss")`. Keras names a function by its __name__, which a C++ lambda
  // lacks. The name comes second so that a dict entry `{"out_a", my_fn}` cannot be read as a
  // named function.
  template <class F>
  requires is_function<F> FunctionSpec(F fn, std::string name)
      : Base(typename Base::Wrapped{}, Family::named(Function(std::move(fn)), std::move(name))) {}
  FunctionSpec(FnPtr fn, std::string name)
      : Base(typename Base::Wrapped{}, Family::named(Function(fn), std::move(name))) {}

 private:
  template <class F>
  static std::string registered_name(const F& fn) {
    if constexpr (std::is_convertible_v<F, FnPtr>)
      return Family::function_name(static_cast<FnPtr>(fn));
    else return "";
  }
};

}  // namespace keras
