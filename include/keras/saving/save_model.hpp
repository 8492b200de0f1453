#pragma once
// keras.saving.save_model, with the options Model::save takes, plus one of keraspp's own:
// which Keras the legacy .h5 file is written for.
#include <string>

namespace keras {
class Model;
}

namespace keras::saving {

// Keras 3 and tf-keras 2 read legacy .h5 files that no single file satisfies both of: a
// MultiHeadAttention call node and config, and the optimizer state (Keras 3 saves its learning
// rate as a variable, tf-keras does not; tf-keras restores its new optimizers only from their
// "Custom>" class names). Keras 3 is the default reader, as Keras 3 itself writes; tf_keras_2
// writes what tf-keras 2 writes (keras_version 2.x) so that it loads the model and continues
// training. keraspp loads both.
enum class LegacyH5Reader { keras_3, tf_keras_2 };

struct SaveOptions {
  bool include_optimizer = true;
  LegacyH5Reader legacy_h5_reader = LegacyH5Reader::keras_3;  // for `.h5` / `.hdf5` only
};

// The format follows the extension, as Model::save: `.keras` or legacy `.h5` / `.hdf5`.
void save_model(const Model& model, const std::string& filepath, const SaveOptions& options = {});

}  // namespace keras::saving
