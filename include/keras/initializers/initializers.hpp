#pragma once
// keras.initializers: every built-in initializer, lookup by Keras name, (de)serialization, and
// `Spec`, the type of a layer option such as `.kernel_initializer`:
//   layers::Dense(64, {.kernel_initializer = "he_normal"});
//   layers::Dense(64, {.kernel_initializer = initializers::Orthogonal({.gain = 2.0})});
#include <concepts>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/spec.hpp"
#include "keras/initializers/constant_initializers.hpp"
#include "keras/initializers/initializer.hpp"
#include "keras/initializers/random_initializers.hpp"

namespace keras::initializers {

// A new initializer for a Keras name: class names ("GlorotUniform"), their snake_case forms
// ("glorot_uniform") and Keras's aliases ("uniform" -> RandomUniform, "normal" ->
// RandomNormal, "zero", "one", "IdentityInitializer", "OrthogonalInitializer"). Names are
// case-sensitive, as in Keras. An unknown name throws ValueError listing the valid ones.
std::shared_ptr<Initializer> get(const std::string& identifier);

// A name (as `get`) or a {"class_name": ..., "config": {...}} dict (the "module" and
// "registered_name" keys of Keras 3 are accepted and ignored). Missing or null config keys
// take Keras's defaults; unknown keys are ignored, so configs from older Keras versions (which
// may carry e.g. "dtype") still load.
std::shared_ptr<Initializer> deserialize(const ConfigValue& config);

// {"module": "keras.initializers", "class_name": ..., "config": ..., "registered_name": null}
ConfigValue serialize(const Initializer& initializer);

// Every name `get` accepts, sorted.
std::vector<std::string> all_names();

// How `Spec` looks up and checks an initializer identifier (see keras/core/spec.hpp).
struct InitializerFamily {
  using Object = Initializer;
  static constexpr const char* kind = "initializer";
  static constexpr bool has_identifiers = true;
  static std::shared_ptr<Initializer> get(const std::string& identifier) {
    return initializers::get(identifier);
  }
  static void check(const std::string& identifier);
};

// What a layer option holds: nothing (default), a Keras name, or an initializer object.
// A name is resolved by each get(), which builds a new initializer every time (as each Keras
// layer calling initializers.get("...") owns its own), so one options struct reused for several
// layers does not give them the same unseeded initializer. An object is shared by every get(),
// as a Python object passed to several layers would be.
using Spec = ObjectSpec<InitializerFamily>;

}  // namespace keras::initializers
