#pragma once
// The legacy HDF5 formats of Keras 1, Keras 2, tf.keras and Keras 3 (keras-formats.md §2-3)
// (internal): a full model saved with model.save("m.h5") (model_config, training_config,
// model_weights, optimizer_weights) and weights saved with save_weights("w.h5"). Written as
// Keras 3.15 writes them (legacy_h5_writer.cpp).
#include <string>

#include "keras/models/model.hpp"
#include "keras/saving/save_model.hpp"

namespace keras::io {

// True when the file looks like a legacy full-model file (it has a model_config attribute).
bool is_legacy_model_h5(const std::string& filepath);
ModelHandle<> load_legacy_h5(const std::string& filepath, bool compile = true);
// Keras's load_weights for .h5: the file's layers with weights, in order, onto the model's
// layers with weights, in order (topological loading), or with `by_name` onto the model's
// layers of the same name. `skip_mismatch` skips (with a warning) a layer whose weights do not
// fit instead of failing.
void load_legacy_weights_h5(Model& model, const std::string& filepath, bool by_name = false,
                            bool skip_mismatch = false);
// `reader`: the Keras the file is written for (saving::LegacyH5Reader).
void save_legacy_h5(const Model& model, const std::string& filepath, bool include_optimizer,
                    saving::LegacyH5Reader reader);
// A layer's weights in the order legacy files list them: trainable first, then non-trainable
// (Keras's `_legacy_weights`); a nested model's are all of its layers' together.
std::vector<Variable> legacy_weight_order(const Layer& layer);

}  // namespace keras::io
