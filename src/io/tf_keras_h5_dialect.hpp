#pragma once
// What a legacy .h5 file written for tf-keras 2 (saving::LegacyH5Reader::tf_keras_2) holds
// where tf-keras and Keras 3 read different things (internal; each measured against
// tf-keras 2.21 loading the files, tests/io/test_tf_keras_*_check.cpp).
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"

namespace keras::io {

// A call node in the list form tf-keras writes: one [layer, node, tensor, kwargs] entry per
// tensor of the first positional argument (a list of them for the merge layers), further
// positional arguments by their names among the keyword arguments (MultiHeadAttention's value
// and key), and tensors among the keyword arguments as [layer, node, tensor]. A layer whose
// other positional arguments tf-keras cannot name is a ValueError naming `layer_name`.
ConfigValue tf_keras_node(const ConfigValue& keras3_node, const std::string& class_name,
                          const std::string& layer_name);

// `legacy_config` (already in the common .h5 dialect) with what tf-keras's from_config needs:
// MultiHeadAttention's build shapes (query_shape, key_shape, value_shape, from the layer's
// Keras 3 `build_config`).
ConfigValue tf_keras_layer_config(const std::string& class_name, const ConfigValue& legacy_config,
                                  const ConfigValue& build_config);

// The training config's optimizer_config as tf-keras 2 writes it for its (non-legacy)
// optimizers: class_name "Custom>Adam" and their config keys (jit_compile,
// is_legacy_optimizer). A plain "Adam" would be tf-keras's legacy optimizer, whose state has
// another layout. Keras 3 settings tf-keras lacks are a ValueError unless at their defaults.
ConfigValue tf_keras_optimizer_config(const std::string& class_name, const ConfigValue& config);

// A training config's "metrics" as tf-keras writes them, where it can be said: tf-keras
// restores a metric saved by name as what that name means to it ("accuracy" is exact
// equality there), so it writes the function compile resolved, wrapped, per output:
// [[{"class_name": "MeanMetricWrapper", "config": {"name", "dtype", "fn"}}]]. `resolved` are
// the model's compiled metrics (Model::metrics() without the loss tracker), in order. Anything
// else (several outputs, metric objects, metrics not yet built) is returned as it is.
ConfigValue tf_keras_metrics(const ConfigValue& metrics,
                             const std::vector<std::string>& resolved_classes, std::size_t outputs);

}  // namespace keras::io
