#pragma once
// Lookups in the live CustomObjectScopes of this thread, for the registries' deserialize.
#include <string>
#include <vector>

#include "keras/saving/custom_objects.hpp"

namespace keras::saving::detail {

// The innermost scope's factory for `name`, or null when no live scope has one.
const LayerFactory* find_scoped_layer(const std::string& name);
const LossFactory* find_scoped_loss(const std::string& name);
const MetricFactory* find_scoped_metric(const std::string& name);
// Every layer name the live scopes hold (for error messages).
std::vector<std::string> scoped_layer_names();

}  // namespace keras::saving::detail
