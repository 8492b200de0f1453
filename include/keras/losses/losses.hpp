#pragma once
// keras.losses: every loss, the registry of Keras identifiers, and `Spec`, what
// `compile(.loss = ...)` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/spec.hpp"
#include "keras/losses/binary_crossentropy.hpp"
#include "keras/losses/categorical_crossentropy.hpp"
#include "keras/losses/huber.hpp"
#include "keras/losses/loss.hpp"
#include "keras/losses/mean_absolute_error.hpp"
#include "keras/losses/mean_squared_error.hpp"
#include "keras/losses/sparse_categorical_crossentropy.hpp"

namespace keras::losses {

// A fresh loss for a Keras identifier: a class name ("MeanSquaredError") gives that class with
// its defaults; a function name or alias ("mse", "mean_squared_error", "bce", "huber", ...) gives
// a LossFunctionWrapper named as written, as compile() does. Unknown -> ValueError listing the
// valid identifiers.
std::shared_ptr<Loss> get(const std::string& identifier);
// The identifiers `get` accepts.
std::vector<std::string> all_names();

// Builds a loss from what `serialize` (or Keras) writes: {"class_name": ..., "config": {...}},
// a serialized function {"class_name": "function", "config": "huber"}, or a string identifier.
std::shared_ptr<Loss> deserialize(const ConfigValue& config);
// {"module": ..., "class_name": ..., "config": ..., "registered_name": ...} as Keras writes it.
ConfigValue serialize(const Loss& loss);

// The built-in loss function registered as `name` (canonical name or alias), called with the
// keyword arguments of `kwargs` (a dict or null). Unknown name or keyword -> ValueError.
LossFn get_function(const std::string& name, const ConfigValue& kwargs = ConfigValue());

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
  static std::shared_ptr<Loss> named(LossFn fn, std::string name) {
    return std::make_shared<LossFunctionWrapper>(
        std::move(fn), LossFunctionWrapperOptions{.name = std::move(name)});
  }
};

// Keras's compile_utils.is_binary_or_sparse_categorical: {is_binary, is_sparse_categorical}
// from the label and prediction shapes (used by the "crossentropy" and "accuracy" shortcuts).
std::pair<bool, bool> is_binary_or_sparse_categorical(const Shape& y_true_shape,
                                                      const Shape& y_pred_shape);

// Keras's compile_utils.get_loss: "crossentropy"/"ce" (any case) pick binary, sparse or
// categorical crossentropy from the shapes (binary if y_pred's last dim is 1, sparse if y_true
// has lower rank or a last dim of 1 against more classes); other specs resolve as `get`.
// Returns nullptr for an empty Spec.
std::shared_ptr<Loss> resolve(const Spec& spec, const Shape& y_true_shape,
                              const Shape& y_pred_shape);

}  // namespace keras::losses
