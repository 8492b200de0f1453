#pragma once
// `keras::Handle<T>`: the one ownership rule. Every Keras object that holds state — layers,
// models, optimizers, metrics, callbacks — lives on the heap and is reached through shared
// handles: copying a handle shares the object, so the optimizer a user passes to `compile` is the
// one that trains and the callback passed to `fit` is the one that records, as in Python.
//
// Built-in classes follow libtorch's module holders: the Keras name is the handle
// (`optimizers::Adam`, `metrics::Mean`, `callbacks::EarlyStopping`, `layers::Dense`) and the class
// behind it is `<Name>Impl`; `KERAS_HANDLE(Name)` declares the handle from two declarations in the
// Impl class (`Options`, and optionally `Positional`, see HandleOf). A class of your own gets a
// handle from `make_handle<T>(...)` (`make_layer` / `make_model` for layers and models).
//
// A default-constructed or moved-from handle is empty: using it throws ValueError naming the
// class instead of dereferencing null.
#include <concepts>
#include <memory>
#include <string>
#include <tuple>
#include <type_traits>
#include <typeinfo>
#include <utility>

namespace keras {

namespace detail {
// ValueError for an empty handle of `type`, named as Keras names the class ("Adam" for AdamImpl).
[[noreturn]] void throw_empty_handle(const std::type_info& type);
// The unqualified class name of `type` without an "Impl" suffix: DenseImpl -> "Dense".
std::string handle_class_name(const std::type_info& type);

struct NoOptions {};
template <class T>
struct options_of {
  using type = NoOptions;
};
template <class T>
requires requires { typename T::Options; }
struct options_of<T> {
  using type = typename T::Options;
};

template <class T>
struct positional_of {
  using type = std::tuple<>;
};
template <class T>
requires requires { typename T::Positional; }
struct positional_of<T> {
  using type = typename T::Positional;
};
}  // namespace detail

template <class T>
class Handle {
 public:
  using element_type = T;

  Handle() = default;
  // A template, so that only a real shared_ptr converts: a non-template shared_ptr<T> parameter
  // would also take `0` and `{0, 1}` (as nullptr), making `layers::Dot(0)` and
  // `layers::Permute({2, 1})` ambiguous.
  template <class U>
  requires std::derived_from<U, T> Handle(std::shared_ptr<U> object) : object_(std::move(object)) {}
  // A handle of a derived class converts to one of its base (metrics::Mean to Handle<Metric>).
  template <class U>
  requires std::derived_from<U, T> &&(!std::same_as<U, T>)Handle(const Handle<U>& other)
      : object_(other.ptr()) {}

  T& get() const {
    if (!object_) detail::throw_empty_handle(typeid(T));
    return *object_;
  }
  T* operator->() const { return &get(); }
  T& operator*() const { return get(); }
  // Wherever a reference to the object is expected (`metrics::serialize(m)`), as in Python
  // where the handle is the object.
  operator T&() const { return get(); }
  // Null for an empty handle (no check: this is how to ask).
  const std::shared_ptr<T>& ptr() const { return object_; }
  explicit operator bool() const { return object_ != nullptr; }
  // Wherever a shared_ptr to the class or a base is expected. An empty handle throws here, so
  // it never slips into a model, a compile or a fit as a null object.
  template <class U>
  requires std::convertible_to<T*, U*>
  operator std::shared_ptr<U>() const {
    get();
    return object_;
  }

  friend bool operator==(const Handle& a, const Handle& b) { return a.object_ == b.object_; }

 private:
  std::shared_ptr<T> object_;
};

// A handle to a new T made from `args` (T's constructor arguments).
template <class T, class... Args>
Handle<T> make_handle(Args&&... args) {
  return Handle<T>(std::make_shared<T>(std::forward<Args>(args)...));
}

// The constructors of a built-in class's handle, generated from two declarations in the class:
//   using Positional = std::tuple<std::int64_t>;  // Keras's positional arguments (optional)
//   using Options = DenseOptions;                  // the keyword arguments, defaulted to {}
//                                                  // (optional: History takes none)
// The parameter types are spelled out (not forwarded by a template) so that braced arguments,
// `layers::Dense(64, {.activation = "relu"})` or `optimizers::Adam({.learning_rate = 1e-3})`,
// still convert. With positional arguments the default constructor makes an empty handle (to
// assign later); without, it makes the object with default options (`optimizers::Adam opt;`, as
// Python's `Adam()`). `Base` is Handle<T> or a handle type adding operations (LayerHandle).
template <class T, class Base, class Positional = typename detail::positional_of<T>::type>
class HandleOf;
template <class T, class Base, class... P>
class HandleOf<T, Base, std::tuple<P...>> : public Base {
 public:
  using Base::Base;
  HandleOf() requires(sizeof...(P) > 0) = default;
  using Options = typename detail::options_of<T>::type;
  explicit HandleOf(P... positional, Options options = {})
      : Base(make(std::move(positional)..., std::move(options))) {}

 private:
  static std::shared_ptr<T> make(P... positional, Options options) {
    if constexpr (std::is_same_v<Options, detail::NoOptions>)
      return std::make_shared<T>(std::move(positional)...);
    else return std::make_shared<T>(std::move(positional)..., std::move(options));
  }
};

}  // namespace keras

// Declares the handle `Name` of the class `Name##Impl` (see HandleOf), in the Impl's namespace:
// adding an optimizer, a metric or a callback is one Impl class and this one line.
#define KERAS_HANDLE(Name)                                                         \
  class Name : public ::keras::HandleOf<Name##Impl, ::keras::Handle<Name##Impl>> { \
   public:                                                                         \
    using ::keras::HandleOf<Name##Impl, ::keras::Handle<Name##Impl>>::HandleOf;    \
  }
