#pragma once
// keras.regularizers: weight penalties added to the training loss
// (keras/src/regularizers/regularizers.py), lookup by Keras name, (de)serialization, and
// `Spec`, the type of a layer option such as `.kernel_regularizer`:
//   layers::Dense(64, {.kernel_regularizer = regularizers::L2(1e-4)});
//   layers::Dense(64, {.kernel_regularizer = "l2"});   // L2(0.01)
#include <concepts>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/spec.hpp"
#include "keras/core/tensor.hpp"

namespace keras::regularizers {

class Regularizer {
 public:
  virtual ~Regularizer() = default;
  // The penalty for weight `x`: a scalar of x's dtype.
  virtual Tensor operator()(const Tensor& x) const = 0;
  virtual std::string class_name() const = 0;
  virtual ConfigValue get_config() const = 0;
};

// l1 * sum(|x|) + l2 * sum(x^2) (no factor 1/2); a zero coefficient adds no term.
struct L1L2Options {
  double l1 = 0.0;
  double l2 = 0.0;
};
class L1L2 : public Regularizer {
 public:
  // Non-negative finite coefficients, else ValueError.
  explicit L1L2(L1L2Options options = {});
  L1L2(double l1, double l2) : L1L2(L1L2Options{l1, l2}) {}
  Tensor operator()(const Tensor& x) const override;
  std::string class_name() const override { return "L1L2"; }
  ConfigValue get_config() const override;  // {"l1": ..., "l2": ...}
  double l1() const { return l1_; }
  double l2() const { return l2_; }

 private:
  double l1_, l2_;
};

// l1 * sum(|x|). Keras keeps l1 as a float32 tensor, so l1 here (and in the config) is the
// float32 value: L1(0.01).l1() == 0.009999999776482582, as Keras writes it.
class L1 : public Regularizer {
 public:
  explicit L1(double l1 = 0.01);
  Tensor operator()(const Tensor& x) const override;
  std::string class_name() const override { return "L1"; }
  ConfigValue get_config() const override;  // {"l1": ...}
  double l1() const { return l1_; }

 private:
  double l1_;
};

// l2 * sum(x^2) (no factor 1/2).
class L2 : public Regularizer {
 public:
  explicit L2(double l2 = 0.01);
  Tensor operator()(const Tensor& x) const override;
  std::string class_name() const override { return "L2"; }
  ConfigValue get_config() const override;  // {"l2": ...}
  double l2() const { return l2_; }

 private:
  double l2_;
};

// Encourages orthogonal rows ("rows") or columns ("columns") of a rank-2 weight:
// factor * 0.5 * sum(|offdiag(N N^T)|) / (n (n - 1) / 2), N the L2-normalised rows (columns).
// factor is kept as float32, as Keras does.
struct OrthogonalRegularizerOptions {
  double factor = 0.01;
  std::string mode = "rows";  // "rows" or "columns"
};
class OrthogonalRegularizer : public Regularizer {
 public:
  explicit OrthogonalRegularizer(OrthogonalRegularizerOptions options = {});
  Tensor operator()(const Tensor& x) const override;
  std::string class_name() const override { return "OrthogonalRegularizer"; }
  ConfigValue get_config() const override;  // {"factor": ..., "mode": ...}
  double factor() const { return factor_; }
  const std::string& mode() const { return mode_; }

 private:
  double factor_;
  std::string mode_;
};

// A new regularizer with default arguments for a Keras name: "L1", "L2", "L1L2",
// "OrthogonalRegularizer", "l1", "l2", "l1l2", "orthogonal_regularizer", and "l1_l2" (Keras's
// public function name, which Keras 3's get itself does not accept). Unknown names throw
// ValueError listing the valid ones.
std::shared_ptr<Regularizer> get(const std::string& identifier);
// A name or a {"class_name": ..., "config": {...}} dict; missing config keys take defaults,
// unknown ones are ignored (older Keras versions' configs).
std::shared_ptr<Regularizer> deserialize(const ConfigValue& config);
// {"module": "keras.regularizers", "class_name": ..., "config": ..., "registered_name": null}
ConfigValue serialize(const Regularizer& regularizer);
std::vector<std::string> all_names();

// How `Spec` looks up and checks a regularizer identifier (see keras/core/spec.hpp).
struct RegularizerFamily {
  using Object = Regularizer;
  static constexpr const char* kind = "regularizer";
  static constexpr bool has_identifiers = true;
  static std::shared_ptr<Regularizer> get(const std::string& identifier) {
    return regularizers::get(identifier);
  }
  static void check(const std::string& identifier) { regularizers::get(identifier); }
};

// What a layer option holds: nothing (default), a Keras name or a regularizer.
using Spec = ObjectSpec<RegularizerFamily>;

}  // namespace keras::regularizers
