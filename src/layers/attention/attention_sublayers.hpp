#pragma once
// Internal: what MultiHeadAttention and GroupQueryAttention share besides their masks
// (attention_masks.hpp): the EinsumDense projections made from the layer's common options
// (Keras's `_get_common_kwargs_for_sublayer`), the config keys of those options, and Keras's
// build config {"shapes_dict": {"query_shape", "value_shape"[, "key_shape"]}}.
#include <memory>
#include <string>
#include <vector>

#include "keras/layers/core/einsum_dense.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers::impl {

// Keras's "Received an invalid value for argument `num_heads`, expected a positive integer[ or
// `None`]. Received: num_heads=0" unless value > 0.
void require_positive(std::int64_t value, const char* argument, bool or_none = false);

// Keras clones the initializer for each projection (from its config), so unseeded ones give each
// kernel its own values while seeded ones repeat.
initializers::Spec fresh_initializer(const initializers::Spec& spec);

// One projection with the initializers, regularizers, constraints, use_bias and dtype of the
// attention layer's options `o` (any struct with those fields).
template <class Options>
std::shared_ptr<EinsumDenseImpl> make_projection(const Options& o, const std::string& equation,
                                                 const std::vector<std::int64_t>& output,
                                                 const std::string& bias_axes,
                                                 const std::string& name,
                                                 const std::string& activation = "") {
  EinsumDenseOptions d;
  if (!activation.empty()) d.activation = activation;
  if (o.use_bias) d.bias_axes = bias_axes;
  d.kernel_initializer = fresh_initializer(o.kernel_initializer);
  d.bias_initializer = fresh_initializer(o.bias_initializer);
  d.kernel_regularizer = o.kernel_regularizer;
  d.bias_regularizer = o.bias_regularizer;
  d.activity_regularizer = o.activity_regularizer;
  d.kernel_constraint = o.kernel_constraint;
  d.bias_constraint = o.bias_constraint;
  d.name = name;
  d.dtype = o.dtype;
  return std::make_shared<EinsumDenseImpl>(equation, EinsumOutputShape(output), std::move(d));
}

// kernel_initializer ... bias_constraint, in Keras's order, into config `c`.
template <class Options>
void write_projection_config(ConfigValue& c, const Options& o) {
  c["kernel_initializer"] = serialize_initializer(o.kernel_initializer);
  c["bias_initializer"] = serialize_initializer(o.bias_initializer);
  c["kernel_regularizer"] = serialize_regularizer(o.kernel_regularizer);
  c["bias_regularizer"] = serialize_regularizer(o.bias_regularizer);
  c["activity_regularizer"] = serialize_regularizer(o.activity_regularizer);
  c["kernel_constraint"] = serialize_constraint(o.kernel_constraint);
  c["bias_constraint"] = serialize_constraint(o.bias_constraint);
}

// The reverse, with flash_attention (null or false; true is the constructor's to refuse).
template <class Options>
void read_projection_options(keras::detail::ConfigReader& r, Options& o) {
  if (r.present("flash_attention") && !r.raw("flash_attention").is_null())
    o.flash_attention = r.boolean("flash_attention", false);
  if (r.present("kernel_initializer"))
    o.kernel_initializer = read_initializer(r.raw("kernel_initializer"), "glorot_uniform");
  if (r.present("bias_initializer"))
    o.bias_initializer = read_initializer(r.raw("bias_initializer"), "zeros");
  o.kernel_regularizer = read_regularizer(r.raw("kernel_regularizer"));
  o.bias_regularizer = read_regularizer(r.raw("bias_regularizer"));
  o.activity_regularizer = read_regularizer(r.raw("activity_regularizer"));
  o.kernel_constraint = read_constraint(r.raw("kernel_constraint"));
  o.bias_constraint = read_constraint(r.raw("bias_constraint"));
}

// {"shapes_dict": {...}} for the shapes built with (query, value[, key]); null when none.
ConfigValue shapes_dict_build_config(const std::vector<Shape>& shapes);
// The shapes in such a build config (empty when it has no shapes_dict).
std::vector<Shape> read_shapes_dict(const ConfigValue& build_config, const std::string& what);

}  // namespace keras::layers::impl
