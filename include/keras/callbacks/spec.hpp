#pragma once
// `callbacks::Spec`: what `fit(.callbacks = {...})` takes, so a callback can be written inline
//   .callbacks = {callbacks::EarlyStopping({.patience = 2})}
// — a handle, so the same object can be read after fit (`es->stopped_epoch`) — or a
// shared_ptr.
#include <concepts>
#include <memory>
#include <type_traits>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/spec.hpp"

namespace keras::callbacks {

// Callbacks are objects only: Keras looks none up by name.
struct CallbackFamily {
  using Object = Callback;
  static constexpr const char* kind = "callback";
  static constexpr bool has_identifiers = false;
  static constexpr bool stateful = true;
};

using Spec = ObjectSpec<CallbackFamily>;

inline std::vector<std::shared_ptr<Callback>> to_shared(const std::vector<Spec>& specs) {
  std::vector<std::shared_ptr<Callback>> out;
  out.reserve(specs.size());
  for (const auto& s : specs) {
    if (!s) throw ValueError("Expected a callback, received None.");
    out.push_back(s.get());
  }
  return out;
}

}  // namespace keras::callbacks
