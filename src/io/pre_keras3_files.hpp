#pragma once
// What a file saved before Keras 3 (Keras 1, Keras 2, tf.keras; keras-formats.md §2.9, §6.4)
// needs so the model loaded from it computes what was saved (internal, for the legacy .h5
// loader).
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/tensor.hpp"

namespace keras {
class Layer;
}

namespace keras::io {

// True for a file whose keras_version attribute is missing or below 3.
bool saved_before_keras3(const std::string& keras_version);

// The model config with what its Keras meant spelled out for Keras 3's readers: every
// "hard_sigmoid" activation of a layer (activation, recurrent_activation, Keras 1's
// inner_activation) becomes "keras2_hard_sigmoid" (before Keras 3 hard_sigmoid was
// clip(0.2 x + 0.5, 0, 1); Keras 3's has slope 1/6), and a GRU without reset_after gets
// reset_after=false (the only formula before Keras 2.1, their default until Keras 3).
ConfigValue with_pre_keras3_semantics(const ConfigValue& model_config);

// Keras 1's per-gate recurrent weights as one kernel, recurrent kernel and bias (Keras 2's
// preprocess_weights_for_loading): an LSTM's 12 arrays W_i, U_i, b_i, W_c, U_c, b_c, W_f, U_f,
// b_f, W_o, U_o, b_o (gates i, c, f, o) into the gate order i, f, c, o; a GRU's 9 arrays
// (z, r, h). Other layers' values come back as they are.
std::vector<Tensor> merge_keras1_gate_weights(const Layer& layer, std::vector<Tensor> values);

}  // namespace keras::io
