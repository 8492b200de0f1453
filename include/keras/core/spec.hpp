#pragma once
// `keras::ObjectSpec<Family>`: what an option naming a Keras object holds — `.loss`, a
// `.metrics` entry, `.optimizer`, a `.callbacks` entry, `.kernel_initializer`,
// `.kernel_regularizer`. Keras takes a string, an object or (for losses and metrics) a function
// there and resolves it with the family's `get`; every family follows one rule here:
//   - nothing (the default; Python's None), tested with `if (spec)`;
//   - a Keras identifier, checked when the Spec is made (an unknown name fails on the user's
//     line, listing the valid ones) and resolved by each `get()` into a fresh object, as each
//     Keras `losses.get("mse")` makes its own — so one options struct can serve several layers
//     or models without sharing an unseeded initializer or an optimizer's state;
//   - a handle (`optimizers::Adam(...)`, `metrics::Mean()`, keras/core/handle.hpp) or a
//     shared_ptr, used as is: every `get()` returns that same object, so the user's optimizer,
//     metric or callback is the one that trains, updates or records;
//   - for the stateless families (losses, initializers, regularizers), an object by value too,
//     copied once into a shared handle (`.loss = losses::Huber()`). The stateful families
//     (optimizers, metrics, callbacks: a family with `stateful = true`) refuse objects by value
//     at compile time: a copy would train, count or record instead of the user's object.
// A family is a struct naming its base class and its lookup:
//   struct Family {
//     using Object = Loss;
//     static constexpr const char* kind = "loss";        // for messages
//     static constexpr bool has_identifiers = true;       // false: objects only (callbacks)
//     static std::shared_ptr<Object> get(const std::string& identifier);
//     static void check(const std::string& identifier);  // ValueError for an unknown name
//     static constexpr bool stateful = true;  // optional: objects only through handles
//   };
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "keras/core/errors.hpp"
#include "keras/core/handle.hpp"

namespace keras {

namespace detail {
template <class Family>
constexpr bool is_stateful_family() {
  if constexpr (requires { Family::stateful; }) return Family::stateful;
  else return false;
}
template <class>
constexpr bool always_false = false;
}  // namespace detail

template <class Family>
class ObjectSpec {
 public:
  using Object = typename Family::Object;

  ObjectSpec() = default;
  ObjectSpec(const char* identifier) requires Family::has_identifiers
      : ObjectSpec(std::string(identifier ? identifier : "")) {}
  ObjectSpec(std::string identifier) requires Family::has_identifiers
      : identifier_(std::move(identifier)) {
    if (!identifier_.empty()) Family::check(identifier_);
  }
  template <class U>
  requires std::derived_from<std::remove_cvref_t<U>, Object> &&
      (!std::is_abstract_v<std::remove_cvref_t<U>>)
          ObjectSpec(U&& object)  // NOLINT: implicit on purpose, `.loss = losses::Huber()`
      : object_(std::make_shared<std::remove_cvref_t<U>>(std::forward<U>(object))) {
    static_assert(!detail::is_stateful_family<Family>(),
                  "Pass optimizers, metrics and callbacks of your own classes as handles "
                  "(keras::make_handle<MyClass>(...)) or std::shared_ptr: a copy would train, "
                  "count or record instead of your object.");
  }
  // A handle shares its object (and an empty one is a ValueError, as a null shared_ptr).
  template <std::derived_from<Object> U>
  ObjectSpec(const Handle<U>& handle) : ObjectSpec((handle.get(), handle.ptr())) {}
  template <std::derived_from<Object> U>
  ObjectSpec(std::shared_ptr<U> object) : object_(std::move(object)) {
    if (!object_)
      throw ValueError(std::string("Expected a ") + Family::kind + ", received a null shared_ptr.");
  }

  // False for nothing (None): the one "is it set" test.
  explicit operator bool() const { return object_ != nullptr || !identifier_.empty(); }
  // The object given, or a fresh object for an identifier; nullptr for nothing.
  std::shared_ptr<Object> get() const {
    if (object_) return object_;
    if constexpr (Family::has_identifiers) {
      if (!identifier_.empty()) return Family::get(identifier_);
    }
    return nullptr;
  }
  // The user's string ("mse"), empty for objects and functions.
  const std::string& identifier() const { return identifier_; }

 protected:
  // For a family's own forms (a loss function wrapped into an object).
  struct Wrapped {};
  ObjectSpec(Wrapped, std::shared_ptr<Object> object) : object_(std::move(object)) {}

 private:
  std::string identifier_;
  std::shared_ptr<Object> object_;
};

}  // namespace keras
