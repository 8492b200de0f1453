#pragma once
// Shared pieces of layers' get_config / from_config (internal).
#include <optional>

#include "keras/constraints/constraints.hpp"
#include "keras/core/config_value.hpp"
#include "keras/core/shape.hpp"
#include "keras/initializers/initializers.hpp"
#include "keras/layers/int_tuple.hpp"
#include "keras/regularizers/regularizers.hpp"
#include "src/core/config_reader.hpp"

namespace keras::layers {

// Keras 3.4+ writes a layer's dtype as a DTypePolicy dict.
ConfigValue dtype_policy(const std::string& dtype);
// Accepts the dict or a plain string (Keras 3.0-3.3, Keras 2); empty for null.
std::string read_dtype(const ConfigValue& value);

// A shape as Keras writes it in configs: a list of ints, null for an unknown dimension.
ConfigValue shape_to_config(const Shape& shape);
// The reverse; `what` names the owner (layer, model) in the error for a non-list.
Shape shape_from_config(const ConfigValue& dims, const std::string& what);

ConfigValue serialize_initializer(const initializers::Spec& spec);
initializers::Spec read_initializer(const ConfigValue& value, const char* fallback);
ConfigValue serialize_regularizer(const regularizers::Spec& spec);
regularizers::Spec read_regularizer(const ConfigValue& value);
// null for none, else Keras 3's serialized dict; reading accepts a name or any generation's dict.
ConfigValue serialize_constraint(const constraints::Spec& spec);
constraints::Spec read_constraint(const ConfigValue& value);

// "Dense layer 'dense_1'": how messages name a layer.
std::string describe_layer(const std::string& class_name, const std::string& name);
// An int or a list of ints (Keras writes its tuples as lists): kernel_size, strides, ...;
// `fallback` when the key is missing or null, which without a fallback is a ValueError.
IntTuple read_int_tuple(keras::detail::ConfigReader& r, const std::string& key,
                        const std::optional<IntTuple>& fallback = std::nullopt);

// The reader of a layer's config, named for messages as "Dense layer 'dense_1'".
keras::detail::ConfigReader layer_config_reader(const ConfigValue& config,
                                                const std::string& class_name);

// name / trainable / dtype (and activity_regularizer, where the struct has it) into any options
// struct with those fields. layers::deserialize sets activity_regularizer on layers whose options
// lack it, so every layer honours the base key. The input-shape keys of older generations are
// the model's to read (a Sequential's first layer), so they are accepted here.
template <class Options>
void read_base_options(keras::detail::ConfigReader& r, Options& o) {
  if (const ConfigValue name = r.raw("name"); name.is_string()) o.name = name.as_string();
  o.trainable = r.boolean("trainable", true);
  o.dtype = read_dtype(r.raw("dtype"));
  if constexpr (requires { o.activity_regularizer; })
    o.activity_regularizer = read_regularizer(r.raw("activity_regularizer"));
  r.ignore({"activity_regularizer", "batch_input_shape", "batch_shape", "input_shape", "input_dim",
            "input_dtype", "batch_size"});
}

}  // namespace keras::layers
