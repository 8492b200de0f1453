#pragma once
// `callbacks::Spec`: what `fit(.callbacks = {...})` takes, so a callback can be written inline
//   .callbacks = {callbacks::EarlyStopping({.patience = 2})}
// (copied into a shared_ptr), or passed as a shared_ptr to read it after fit.
#include <concepts>
#include <memory>
#include <type_traits>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/core/errors.hpp"

namespace keras::callbacks {

class Spec {
 public:
  template <class C>
  requires std::derived_from<std::remove_cvref_t<C>, Callback> Spec(
      C&& callback)  // NOLINT: implicit on purpose
      : callback_(std::make_shared<std::remove_cvref_t<C>>(std::forward<C>(callback))) {}

  template <std::derived_from<Callback> C>
  Spec(std::shared_ptr<C> callback)  // NOLINT: implicit on purpose
      : callback_(std::move(callback)) {
    if (!callback_) throw ValueError("Expected a callback, received a null shared_ptr.");
  }

  const std::shared_ptr<Callback>& get() const { return callback_; }

 private:
  std::shared_ptr<Callback> callback_;
};

inline std::vector<std::shared_ptr<Callback>> to_shared(const std::vector<Spec>& specs) {
  std::vector<std::shared_ptr<Callback>> out;
  out.reserve(specs.size());
  for (const auto& s : specs) out.push_back(s.get());
  return out;
}

}  // namespace keras::callbacks
