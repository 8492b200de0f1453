#pragma once
// The conformance op table: every public op of keras/core/ops/*.hpp, keyed by its keras.ops
// name, as a function of (positional inputs, keyword arguments in the manifest's JSON) -> outputs.
// The cases come from tests/keras_oracle/generate_ops.py (real Keras on JAX).
#include <functional>
#include <keras/keras.hpp>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "test_util.hpp"

namespace conformance {

using json = nlohmann::json;
using OpFn = std::function<std::vector<keras::Tensor>(const std::vector<keras::Tensor>& inputs,
                                                      const json& kwargs)>;

struct OpEntry {
  OpFn fn;
  // Tolerances: |got - want| <= atol + rtol * |want| for outputs, likewise for gradients.
  // The suite's float32 tolerance unless `note` says why float32 math differs.
  double atol = testing::kAtol;
  double rtol = testing::kRtol;
  double grad_atol = testing::kAtol;
  double grad_rtol = testing::kRtol;
  std::string note;
};

// All ops, by keras.ops name.
const std::map<std::string, OpEntry>& op_table();

}  // namespace conformance
