#pragma once
// The last step of every weights loader (.weights.h5 and .keras through load_weights_h5, legacy
// .h5 through load_legacy_h5 / load_legacy_weights_h5): the values read from a file, checked,
// then assigned. Internal.
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"

namespace keras::io {

struct LoadedWeight {
  Variable variable;
  Tensor value;  // already of the variable's shape and dtype
  // Where the value came from, for messages: "dataset '/layers/dense/vars/0'".
  std::string source;
};

// Refuses values a trained model cannot hold — NaN — with a ValueError naming the weight, where
// it came from and `file`; only when every value passes are they assigned, so a refused file
// leaves the model as it was.
void assign_loaded_weights(const std::vector<LoadedWeight>& weights, const std::string& file);

}  // namespace keras::io
