#pragma once
// `losses::Spec`, what `compile(.loss = ...)` accepts, apart from the loss classes so that
// model.hpp does not include every loss (losses.hpp has them all).
#include <memory>
#include <string>

#include "keras/core/function_spec.hpp"
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
  // How a function of (y_true, y_pred) becomes a loss (keras/core/function_spec.hpp).
  using Function = LossFn;
  static std::string function_name(Tensor (*fn)(const Tensor&, const Tensor&));
  static std::shared_ptr<Loss> wrap_function(Function fn, const std::string& name);
  static std::shared_ptr<Loss> named(Function fn, std::string name);
};

// What `compile(.loss = ...)` accepts: a string identifier, a loss object (copied), a shared
// loss, or a function of (y_true, y_pred). An empty Spec means "no loss".
class Spec : public FunctionSpec<LossFamily> {
 public:
  using FunctionSpec::FunctionSpec;
  Spec() = default;
};

}  // namespace keras::losses
