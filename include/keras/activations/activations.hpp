#pragma once
// keras.activations: every activation function of Keras 3.15 with its keyword defaults,
// composed from keras::ops (so gradients flow through them), lookup by name, and `Spec`,
// the type of a layer's `.activation` option:
//   layers::Dense(64, {.activation = "relu"});
//   layers::Dense(64, {.activation = activations::softmax});
//   layers::Dense(64, {.activation = [](const Tensor& x) {
//                        return activations::relu(x, {.max_value = 6.0}); }});
#include <concepts>
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/ops/axes.hpp"
#include "keras/core/tensor.hpp"

namespace keras::activations {

// Functions with keyword arguments come in two overloads: one taking only x (Keras's
// defaults, shown in the comment), so any of them can be given where an activation is
// expected ({.activation = activations::softmax}), and one taking the arguments.
struct ReluOptions {
  double negative_slope = 0.0;        // slope below the threshold
  std::optional<double> max_value{};  // saturation value; none = unbounded
  double threshold = 0.0;             // values at or below it are damped
};
Tensor relu(const Tensor& x);
Tensor relu(const Tensor& x, const ReluOptions& options);
Tensor leaky_relu(const Tensor& x);  // negative_slope = 0.2
Tensor leaky_relu(const Tensor& x, double negative_slope);
Tensor relu6(const Tensor& x);
Tensor elu(const Tensor& x);  // alpha = 1.0
Tensor elu(const Tensor& x, double alpha);
Tensor selu(const Tensor& x);
// max(x, 0) + alpha * expm1(min(x, 0) / alpha)
Tensor celu(const Tensor& x);  // alpha = 1.0
Tensor celu(const Tensor& x, double alpha);
Tensor exponential(const Tensor& x);
// Exact (erf) by default, as keras.activations.gelu (keras.ops.gelu defaults to approximate).
Tensor gelu(const Tensor& x);  // approximate = false
Tensor gelu(const Tensor& x, bool approximate);
// a * sigmoid(b) with x split in halves a, b along `axis` (its size must be even).
Tensor glu(const Tensor& x);  // axis = -1
Tensor glu(const Tensor& x, int axis);
Tensor sigmoid(const Tensor& x);
Tensor hard_sigmoid(const Tensor& x);    // relu6(x + 3) / 6
Tensor sparse_sigmoid(const Tensor& x);  // 0.5 * clip(x + 1, 0, 2)
Tensor log_sigmoid(const Tensor& x);     // -softplus(-x)
Tensor silu(const Tensor& x);            // x * sigmoid(x)
Tensor swish(const Tensor& x);           // = silu
Tensor hard_silu(const Tensor& x);       // x * hard_sigmoid(x)
Tensor hard_swish(const Tensor& x);      // = hard_silu
Tensor mish(const Tensor& x);            // x * tanh(softplus(x))
Tensor softplus(const Tensor& x);
Tensor softsign(const Tensor& x);
Tensor sparse_plus(const Tensor& x);  // 0 (x <= -1), (x + 1)^2 / 4, x (x >= 1)
// (x + sqrt(x^2 + b)) / 2
Tensor squareplus(const Tensor& x);  // b = 4
Tensor squareplus(const Tensor& x, double b);
Tensor tanh(const Tensor& x);
Tensor tanh_shrink(const Tensor& x);  // x - tanh(x)
Tensor hard_tanh(const Tensor& x);    // clip(x, -1, 1)
Tensor soft_shrink(const Tensor& x);  // threshold = 0.5
Tensor soft_shrink(const Tensor& x, double threshold);
Tensor hard_shrink(const Tensor& x);  // threshold = 0.5
Tensor hard_shrink(const Tensor& x, double threshold);
// x where x > threshold, else default_value (both required, as in Keras).
Tensor threshold(const Tensor& x, double threshold, double default_value);
Tensor linear(const Tensor& x);
// `axis` may be one axis, several, or none (ops::Axes(): all axes).
Tensor softmax(const Tensor& x);  // axis = -1
Tensor softmax(const Tensor& x, const ops::Axes& axis);
Tensor log_softmax(const Tensor& x);  // axis = -1
Tensor log_softmax(const Tensor& x, const ops::Axes& axis);
// Euclidean projection onto the probability simplex along `axis` (Martins & Astudillo, 2016).
// Keras 3.15's own sparsemax computes its threshold wrongly whenever more than one entry is
// in the support (keras-team/keras#23425, fixed upstream by #23469); this is the corrected
// definition, whose outputs sum to 1.
Tensor sparsemax(const Tensor& x);  // axis = -1
Tensor sparsemax(const Tensor& x, int axis);

// A named activation function, what `get` returns.
struct Activation {
  std::string name{};  // Keras name; empty for an anonymous function (cannot be serialized)
  std::function<Tensor(const Tensor&)> fn;
  Tensor operator()(const Tensor& x) const { return fn(x); }
};

// The activation for a Keras name (the functions above, "swish" and "hard_swish" naming silu
// and hard_silu), with Keras's default arguments. "threshold" has required arguments: calling
// its Activation throws TypeError, as calling Keras's with only x does. An unknown name throws
// ValueError listing the valid ones.
Activation get(const std::string& identifier);
// A name or a dict whose "config" is a name ({"class_name": "function", "config": "relu", ...}).
Activation deserialize(const ConfigValue& config);
// The Keras name ("silu" for swish); ValueError for an anonymous function.
std::string serialize(const Activation& activation);
// Every name `get` accepts, sorted.
std::vector<std::string> all_names();

// A layer's `.activation`: none (default: linear), a Keras name, an Activation, or any
// function Tensor(const Tensor&). A built-in passed as a function (`activations::relu`) keeps
// its Keras name.
class Spec {
 public:
  Spec();
  Spec(const char* identifier) : Spec(std::string(identifier)) {}
  Spec(const std::string& identifier) : activation_(get(identifier)) {}
  Spec(Activation activation) : activation_(std::move(activation)) {}
  Spec(Tensor (*fn)(const Tensor&));
  template <class F>
  requires(std::is_invocable_r_v<Tensor, F&, const Tensor&> &&
           !std::convertible_to<F, std::string> && !std::convertible_to<F, Activation> &&
           !std::same_as<std::remove_cvref_t<F>, Spec>) Spec(F fn)
      : activation_{"", std::function<Tensor(const Tensor&)>(std::move(fn))} {}

  const std::string& name() const { return activation_.name; }
  Tensor operator()(const Tensor& x) const { return activation_(x); }
  const Activation& activation() const { return activation_; }
  bool is_linear() const { return activation_.name == "linear"; }

 private:
  Activation activation_;
};

}  // namespace keras::activations
