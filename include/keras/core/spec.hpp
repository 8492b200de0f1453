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
//   - an object, copied into a shared handle once, or a shared_ptr used as is: every `get()`
//     returns that same object.
// A family is a struct naming its base class and its lookup:
//   struct Family {
//     using Object = Loss;
//     static constexpr const char* kind = "loss";        // for messages
//     static constexpr bool has_identifiers = true;       // false: objects only (callbacks)
//     static std::shared_ptr<Object> get(const std::string& identifier);
//     static void check(const std::string& identifier);  // ValueError for an unknown name
//   };
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>

#include "keras/core/errors.hpp"

namespace keras {

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
      : object_(std::make_shared<std::remove_cvref_t<U>>(std::forward<U>(object))) {}
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
