#pragma once
// Keras 3's `.weights.h5` format (keras-formats.md §4.1), behind Model::save_weights /
// Model::load_weights, which pick the format from the file name.
#include <string>

namespace keras {
class Model;
}

namespace keras::io {

// With `include_optimizer`, a compiled model's built optimizer is saved under optimizer/vars
// (variables 0..n in the optimizer's order: iteration, learning_rate, slots), as Keras saves it.
void save_weights_h5(const Model& model, const std::string& filepath,
                     bool include_optimizer = true);
// `skip_mismatch`: a layer whose stored variables do not fit (count or shape) keeps its own,
// with a warning, as Keras's load_weights(skip_mismatch=True). The optimizer's variables load
// too when the model is compiled and the file has them (Keras's
// Optimizer.load_own_variables: a count that differs is a warning and a skip).
void load_weights_h5(Model& model, const std::string& filepath, bool skip_mismatch = false);

}  // namespace keras::io
