// Activation names -> functions (keras/src/activations/__init__.py ALL_OBJECTS_DICT), and Spec.
#include <algorithm>

#include "keras/activations/activations.hpp"
#include "keras/core/ops.hpp"

namespace keras::activations {

namespace {

using Fn = Tensor (*)(const Tensor&);

Tensor threshold_missing_arguments(const Tensor&) {
  throw TypeError(
      "threshold() missing 2 required positional arguments: 'threshold' and 'default_value'");
}

struct Entry {
  const char* name;       // accepted identifier
  const char* canonical;  // the name Keras serializes
  Fn fn;                  // the one-argument overload (Keras's default arguments)
};

constexpr Entry kEntries[] = {
    {"celu", "celu", celu},
    {"elu", "elu", elu},
    {"exponential", "exponential", exponential},
    {"gelu", "gelu", gelu},
    {"glu", "glu", glu},
    {"hard_shrink", "hard_shrink", hard_shrink},
    {"hard_sigmoid", "hard_sigmoid", hard_sigmoid},
    {"hard_silu", "hard_silu", hard_silu},
    {"hard_swish", "hard_silu", hard_swish},
    {"hard_tanh", "hard_tanh", hard_tanh},
    {"leaky_relu", "leaky_relu", leaky_relu},
    {"linear", "linear", linear},
    {"log_sigmoid", "log_sigmoid", log_sigmoid},
    {"log_softmax", "log_softmax", log_softmax},
    {"mish", "mish", mish},
    {"relu", "relu", relu},
    {"relu6", "relu6", relu6},
    {"selu", "selu", selu},
    {"sigmoid", "sigmoid", sigmoid},
    {"silu", "silu", silu},
    {"soft_shrink", "soft_shrink", soft_shrink},
    {"softmax", "softmax", softmax},
    {"softplus", "softplus", softplus},
    {"softsign", "softsign", softsign},
    {"sparse_plus", "sparse_plus", sparse_plus},
    {"sparse_sigmoid", "sparse_sigmoid", sparse_sigmoid},
    {"sparsemax", "sparsemax", sparsemax},
    {"squareplus", "squareplus", squareplus},
    {"swish", "silu", swish},
    {"tanh", "tanh", tanh},
    {"tanh_shrink", "tanh_shrink", tanh_shrink},
    {"threshold", "threshold", threshold_missing_arguments},
};

// Keras 1 / 2 and tf.keras's hard_sigmoid, clip(0.2 x + 0.5, 0, 1); Keras 3's is relu6(x + 3)
// / 6. The legacy .h5 loader gives it to the layers of files saved before Keras 3, so they
// compute what was saved (Keras 3 itself silently switches to its own). Not one of Keras 3's
// names, so all_names() leaves it out.
Tensor keras2_hard_sigmoid(const Tensor& x) {
  return ops::clip(ops::add(ops::multiply(x, 0.2), 0.5), 0.0, 1.0);
}

constexpr Entry kLegacyEntries[] = {
    {"keras2_hard_sigmoid", "keras2_hard_sigmoid", keras2_hard_sigmoid},
};

const Entry* find(const std::string& name) {
  for (const Entry& e : kEntries)
    if (name == e.name) return &e;
  for (const Entry& e : kLegacyEntries)
    if (name == e.name) return &e;
  return nullptr;
}

}  // namespace

Activation get(const std::string& identifier) {
  const Entry* e = find(identifier);
  if (!e) {
    std::string valid;
    for (const auto& n : all_names()) valid += (valid.empty() ? "" : ", ") + n;
    throw ValueError("Could not interpret activation function identifier: " + identifier +
                     ". Valid identifiers: " + valid);
  }
  // The canonical entry's function, so get("swish") and get("silu") behave identically.
  return {e->canonical, find(e->canonical)->fn};
}

Activation deserialize(const ConfigValue& config) {
  if (config.is_string()) return get(config.as_string());
  if (config.is_dict()) {
    // Keras 3 writes a function as {"module": ..., "class_name": "function", "config": "relu",
    // "registered_name": ...}.
    const ConfigValue inner = config.get("config");
    if (inner.is_string()) return get(inner.as_string());
    const ConfigValue cls = config.get("class_name");
    if (cls.is_string() && find(cls.as_string())) return get(cls.as_string());
  }
  throw ValueError("Could not interpret activation function identifier: " + config.dump() +
                   ". Expected a name or a dict whose \"config\" is a name");
}

std::string serialize(const Activation& activation) {
  if (activation.name.empty())
    throw ValueError(
        "Unknown activation function cannot be serialized: it has no name. Give it one with "
        "activations::Activation{\"name\", fn}, or use a built-in name (one of activations::"
        "all_names()).");
  return activation.name;
}

std::vector<std::string> all_names() {
  std::vector<std::string> out;
  for (const Entry& e : kEntries) out.emplace_back(e.name);
  std::sort(out.begin(), out.end());
  return out;
}

Spec::Spec() : activation_(get("linear")) {}

Spec::Spec(Tensor (*fn)(const Tensor&)) : activation_{"", fn} {
  for (const Entry& e : kEntries)
    if (e.fn == fn) activation_.name = e.canonical;
}

}  // namespace keras::activations
