#pragma once
// `losses::Spec`, what `compile(.loss = ...)` accepts, apart from the loss classes so that
// model.hpp does not include every loss (losses.hpp has them all).
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "keras/core/spec.hpp"
#include "keras/losses/loss.hpp"

namespace keras::losses {

// A fresh loss for a Keras identifier: a class name ("MeanSquaredError") gives that class with
// its defaults; a function name or alias ("mse", "mean_squared_error", "bce", "huber", ...) gives
// a LossFunctionWrapper named as written, as compile() does. Unknown -> ValueError listing the
// valid identifiers.
std::shared_ptr<Loss> get(const std::string& identifier);
// How `Spec` looks up and checks a loss identifier (see keras/core/spec.hpp).
struct LossFamily {
  using Object = Loss;
  static constexpr const char* kind = "loss";
  static constexpr bool has_identifiers = true;
  static std::shared_ptr<Loss> get(const std::string& identifier) {
    return losses::get(identifier);
  }
  // An unknown identifier is a ValueError (listing the valid ones), so compile() fails at once
  // rather than at the first batch; "crossentropy" and "ce", which only `resolve` understands,
  // are accepted.
  static void check(const std::string& identifier);
};

// What `compile(.loss = ...)` accepts: a string identifier, a loss object (copied), a shared
// loss, or a function of (y_true, y_pred). An empty Spec means "no loss".
class Spec : public ObjectSpec<LossFamily> {
 public:
  using FnPtr = Tensor (*)(const Tensor&, const Tensor&);

  using ObjectSpec::ObjectSpec;
  Spec() = default;
  template <class F>
  requires std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
      (!std::derived_from<std::remove_cvref_t<F>, Loss>)&&(!std::is_convertible_v<F, std::string>)
          Spec(F fn)
      : ObjectSpec(Wrapped{}, wrap_function(LossFn(fn), registered_name(fn))) {}
  // Picks the two-argument overload of a built-in function (`.loss = losses::huber`).
  Spec(FnPtr fn) : ObjectSpec(Wrapped{}, wrap_function(LossFn(fn), function_name(fn))) {}
  // A function under `name`, as LossFunctionWrapper(fn, name=...): `losses::Spec(my_fn,
  // "my_loss")`.
  template <class F>
  requires std::is_invocable_r_v<Tensor, F&, const Tensor&, const Tensor&> &&
      (!std::derived_from<std::remove_cvref_t<F>, Loss>)&&(!std::is_convertible_v<F, std::string>)
          Spec(F fn, std::string name)
      : ObjectSpec(Wrapped{}, named(LossFn(std::move(fn)), std::move(name))) {}
  Spec(FnPtr fn, std::string name) : ObjectSpec(Wrapped{}, named(LossFn(fn), std::move(name))) {}

 private:
  template <class F>
  static std::string registered_name(const F& fn) {
    if constexpr (std::is_convertible_v<F, FnPtr>) return function_name(static_cast<FnPtr>(fn));
    else return "";
  }
  static std::string function_name(FnPtr fn);
  static std::shared_ptr<Loss> wrap_function(LossFn fn, const std::string& name);
  static std::shared_ptr<Loss> named(LossFn fn, std::string name);
};

}  // namespace keras::losses
