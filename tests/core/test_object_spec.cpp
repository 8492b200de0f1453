// keras::ObjectSpec: the one rule every "name, object or function" option follows (losses,
// metrics, optimizers, initializers, regularizers, callbacks): none by default, tested with
// `if (spec)`; a name checked when the Spec is made and resolved into a fresh object by each
// get(); an object shared by every get(); a null shared_ptr refused.
#include "test_util.hpp"

using namespace keras;

namespace {

// A valid and an invalid identifier and an object per family.
template <class S>
struct Case;
template <>
struct Case<losses::Spec> {
  static constexpr const char* name = "mse";
  static losses::Huber object() { return losses::Huber(); }
  static auto shared() { return std::make_shared<losses::Huber>(); }
};
template <>
struct Case<metrics::Spec> {
  static constexpr const char* name = "mae";
  static metrics::Mean object() { return metrics::Mean(); }
  static auto shared() { return metrics::Mean().ptr(); }
};
template <>
struct Case<optimizers::Spec> {
  static constexpr const char* name = "adam";
  static optimizers::SGD object() { return optimizers::SGD(); }
  static auto shared() { return optimizers::SGD().ptr(); }
};
template <>
struct Case<initializers::Spec> {
  static constexpr const char* name = "glorot_uniform";
  static initializers::Zeros object() { return initializers::Zeros(); }
  static auto shared() { return std::make_shared<initializers::Zeros>(); }
};
template <>
struct Case<regularizers::Spec> {
  static constexpr const char* name = "l2";
  static regularizers::L1 object() { return regularizers::L1(0.5); }
  static auto shared() { return std::make_shared<regularizers::L1>(0.5); }
};

}  // namespace

TEMPLATE_TEST_CASE("every Spec: none, a checked name resolved per get(), a shared object", "",
                   losses::Spec, metrics::Spec, optimizers::Spec, initializers::Spec,
                   regularizers::Spec) {
  TestType none;
  CHECK_FALSE(none);
  CHECK(none.get() == nullptr);

  TestType by_name = Case<TestType>::name;
  REQUIRE(by_name);
  CHECK(by_name.identifier() == Case<TestType>::name);
  auto first = by_name.get();
  REQUIRE(first);
  CHECK(first != by_name.get());  // fresh per get(), as each Keras `get("name")` call
  CHECK_THROWS_AS(TestType("no_such_name"), ValueError);

  TestType by_object = Case<TestType>::object();
  REQUIRE(by_object);
  CHECK(by_object.identifier().empty());
  CHECK(by_object.get() == by_object.get());

  auto shared = Case<TestType>::shared();
  TestType by_pointer = shared;
  CHECK(by_pointer.get() == shared);
  using Shared = decltype(shared);
  CHECK_THROWS_AS(TestType(Shared()), ValueError);
}

TEST_CASE("callbacks::Spec takes objects only; a None entry is refused at fit") {
  static_assert(!std::is_constructible_v<callbacks::Spec, const char*>);
  callbacks::Spec none;
  CHECK_FALSE(none);
  CHECK_THROWS_WITH(callbacks::to_shared({none}), Catch::Contains("Expected a callback"));
}
