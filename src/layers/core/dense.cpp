#include "keras/layers/core/dense.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "src/core/ops/dense_fused.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

DenseImpl::DenseImpl(std::int64_t units, DenseOptions options)
    : Layer({options.name, options.trainable, options.dtype, options.activity_regularizer},
            "dense"),
      units_(units),
      options_(std::move(options)) {
  set_supports_masking(true);
  if (units <= 0)
    throw ValueError(
        "Received an invalid value for `units`, expected a positive integer. Received: units=" +
        std::to_string(units));
  input_spec = {InputSpec{.min_ndim = 2}};
}

void DenseImpl::build(const Shape& input_shape) {
  std::int64_t in = input_shape.dim(-1);
  if (in < 0)
    throw ValueError("Layer \"" + name() +
                     "\": the last dimension of the inputs to a Dense layer should be defined. "
                     "Found None. Full input shape received: " +
                     input_shape.to_string());
  kernel_ = add_weight({.shape = {in, units_},
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint,
                        .name = "kernel"});
  if (options_.use_bias)
    bias_ = add_weight({.shape = {units_},
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint,
                        .name = "bias"});
  input_spec = {InputSpec{.min_ndim = 2, .axes = {{-1, in}}}};
}

Tensor DenseImpl::call(const Tensor& inputs, bool) {
  // A relu or linear activation at inference: one kernel for the product, bias and relu.
  const std::string& act = options_.activation.name();
  if ((act == "relu" || act == "linear") && !autodiff::is_recording()) {
    const Tensor b = options_.use_bias ? bias_.value() : Tensor();
    return ops::detail::dense_bias_relu(inputs, kernel_.value(), options_.use_bias ? &b : nullptr,
                                        act == "relu");
  }
  Tensor x = ops::matmul(inputs, kernel_.value());
  if (options_.use_bias) x = ops::add(x, bias_.value());
  return options_.activation(x);
}

Shape DenseImpl::compute_output_shape(const Shape& input_shape) {
  Shape out = input_shape;
  out[out.rank() - 1] = units_;
  return out;
}

ConfigValue DenseImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["units"] = units_;
  c["activation"] = options_.activation.name();
  c["use_bias"] = options_.use_bias;
  c["kernel_initializer"] = serialize_initializer(options_.kernel_initializer);
  c["bias_initializer"] = serialize_initializer(options_.bias_initializer);
  c["kernel_regularizer"] = serialize_regularizer(options_.kernel_regularizer);
  c["bias_regularizer"] = serialize_regularizer(options_.bias_regularizer);
  c["kernel_constraint"] = serialize_constraint(options_.kernel_constraint);
  c["bias_constraint"] = serialize_constraint(options_.bias_constraint);
  c["quantization_config"] = nullptr;
  return c;
}

std::shared_ptr<Layer> DenseImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Dense");
  DenseOptions o;
  read_base_options(r, o);
  const std::int64_t units = r.required_integer("units");
  o.activation = r.string("activation", "linear");
  o.use_bias = r.boolean("use_bias", true);
  if (r.present("kernel_initializer"))
    o.kernel_initializer = read_initializer(r.raw("kernel_initializer"), "glorot_uniform");
  if (r.present("bias_initializer"))
    o.bias_initializer = read_initializer(r.raw("bias_initializer"), "zeros");
  o.kernel_regularizer = read_regularizer(r.raw("kernel_regularizer"));
  o.bias_regularizer = read_regularizer(r.raw("bias_regularizer"));
  o.kernel_constraint = read_constraint(r.raw("kernel_constraint"));
  o.bias_constraint = read_constraint(r.raw("bias_constraint"));
  // Keras 3.10+ writes it; keraspp has no quantized Dense, so only the absent setting is taken.
  if (const ConfigValue quantization = r.raw("quantization_config"); !quantization.is_null())
    throw NotImplementedError(r.owner() +
                              ": quantized Dense layers are not supported; received "
                              "quantization_config " +
                              quantization.dump());
  r.finish();
  return std::make_shared<DenseImpl>(units, std::move(o));
}

}  // namespace keras::layers
