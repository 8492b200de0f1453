#pragma once
// The configs a legacy .h5 file carries, in the dialect that both Keras 3.15 and tf-keras 2
// (TensorFlow's Keras 2) load (internal; src/io/legacy_h5_writer.cpp writes them).
#include "keras/core/config_value.hpp"

namespace keras::io {

// A serialized layer or model (layers::serialize) as {class_name, config} (plus name and
// inbound_nodes inside a functional model), the older serialization Keras keeps for .h5, with
// the Keras 3 keys tf-keras refuses rewritten into ones both read.
ConfigValue legacy_h5_layer(const ConfigValue& serialized);

// An optimizer's get_config without the Keras 3 keys tf-keras refuses, where they hold the
// value Keras 3 defaults to anyway.
ConfigValue legacy_h5_optimizer_config(const ConfigValue& config);

}  // namespace keras::io
