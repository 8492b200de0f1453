#pragma once
// Saved optimizer state back into a loaded model's optimizer, for every format that stores it
// (.keras archives, legacy .h5 optimizer_weights) (internal).
#include <string>
#include <vector>

#include "keras/models/model.hpp"

namespace keras::io {

// The Keras version whose file formats the writers follow.
inline constexpr const char* kKerasFormatVersion = "3.15.1";
// The tf-keras version whose legacy .h5 files the writer follows for tf-keras.
inline constexpr const char* kTfKerasFormatVersion = "2.21.0";

// Builds the compiled model's optimizer on its trainable variables and sets `values` in the
// order of `optimizer.variables()` (what Keras's optimizer.set_weights does after a load),
// casting each value to its variable's dtype (Keras on JAX keeps the iteration count in int32;
// ours is int64). A count or shape that does not fit is a ValueError naming `file`.
void restore_optimizer_state(Model& model, std::vector<Tensor> values, const std::string& file);

}  // namespace keras::io
