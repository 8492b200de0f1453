#pragma once
// The configs a legacy .h5 file carries, in the dialect that both Keras 3.15 and tf-keras 2
// (TensorFlow's Keras 2) load (internal; src/io/legacy_h5_writer.cpp writes them).
#include "keras/core/config_value.hpp"
#include "keras/saving/save_model.hpp"

namespace keras::io {

// A serialized layer or model (layers::serialize) as {class_name, config} (plus name and
// inbound_nodes inside a functional model), the older serialization Keras keeps for .h5, with
// the Keras 3 keys tf-keras refuses rewritten into ones both read. For `reader` tf_keras_2,
// the call nodes and MultiHeadAttention's config are tf-keras's (tf_keras_h5_dialect.hpp).
ConfigValue legacy_h5_layer(const ConfigValue& serialized, saving::LegacyH5Reader reader);

// A legacy .h5 names both sigmoids "hard_sigmoid": Keras 2's (0.2 x + 0.5, tf-keras's and what
// keraspp reads from files older than Keras 3 as "keras2_hard_sigmoid") and Keras 3's
// (relu6(x + 3) / 6); the file's keras_version says which. Renames keras2_hard_sigmoid in
// `model_config` and returns the keras_version to write: a 2.x one when Keras 2's is used (so
// tf-keras and keraspp compute what was saved; Keras 3 has no Keras 2 hard sigmoid), Keras 3's
// otherwise. A model using both is a ValueError: one file cannot say it. A file for tf-keras
// is always 2.x, and Keras 3's hard_sigmoid in it is a ValueError.
std::string legacy_h5_keras_version(ConfigValue& model_config, const std::string& filepath,
                                    saving::LegacyH5Reader reader);

// An optimizer's get_config without the Keras 3 keys tf-keras refuses, where they hold the
// value Keras 3 defaults to anyway.
ConfigValue legacy_h5_optimizer_config(const ConfigValue& config);

// Keras 3's serialized KerasTensor ({"class_name": "__keras_tensor__", ...}), whether one is
// anywhere in `v`, and the list-form reference to one: [layer, node_index, tensor_index,
// kwargs], or without kwargs when `kwargs` is null.
bool is_keras_tensor(const ConfigValue& v);
bool has_keras_tensor(const ConfigValue& v);
ConfigValue legacy_tensor_reference(const ConfigValue& tensor, const ConfigValue& kwargs);

}  // namespace keras::io
