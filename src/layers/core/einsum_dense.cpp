#include "keras/layers/core/einsum_dense.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/core/einsum.hpp"
#include "src/layers/core/einsum_dense_shapes.hpp"

namespace keras::layers {

namespace {

// Keras's `_update_kernel_initializer`: a variance-scaling kernel initializer given no axes
// takes its fans from the kernel axes the equation contracts with the input and sends to the
// output (for "abc,cde->abde", fan_in = c and fan_out = d * e, not the conv-kernel reading of a
// rank-3 shape). Keras clones with the initializer's drawn seed; an unseeded one here draws a
// fresh seed, which gives the same distribution.
std::shared_ptr<initializers::Initializer> kernel_initializer_for(
    std::shared_ptr<initializers::Initializer> init, const impl::EinsumDenseShapes& shapes) {
  const auto* scaling = dynamic_cast<const initializers::VarianceScaling*>(init.get());
  if (!scaling || (scaling->input_axes() && scaling->output_axes())) return init;
  return std::make_shared<initializers::VarianceScaling>(
      initializers::VarianceScalingOptions{.scale = scaling->scale(),
                                           .mode = scaling->mode(),
                                           .distribution = scaling->distribution(),
                                           .seed = scaling->seed(),
                                           .input_axes = shapes.input_axes,
                                           .output_axes = shapes.output_axes});
}

}  // namespace

EinsumDenseImpl::EinsumDenseImpl(std::string equation, EinsumOutputShape output_shape,
                                 EinsumDenseOptions options)
    : Layer({options.name, options.trainable, options.dtype, options.activity_regularizer},
            "einsum_dense"),
      equation_(std::move(equation)),
      partial_output_shape_(std::move(output_shape.dims)),
      options_(std::move(options)) {
  if (options_.lora_rank.value_or(0) != 0)
    throw NotImplementedError("EinsumDense layer '" + name() +
                              "': LoRA is not supported (lora_rank=" +
                              std::to_string(*options_.lora_rank) + "); leave lora_rank unset");
}

void EinsumDenseImpl::build(const Shape& input_shape) {
  const auto shapes =
      impl::analyze_einsum_dense(equation_, options_.bias_axes, input_shape, partial_output_shape_,
                                 describe_layer("EinsumDense", name()));
  explicit_equation_ = shapes.explicit_equation;
  input_spec = {InputSpec{.ndim = input_shape.rank()}};
  kernel_ =
      add_weight({.shape = shapes.kernel,
                  .initializer = kernel_initializer_for(options_.kernel_initializer.get(), shapes),
                  .regularizer = options_.kernel_regularizer,
                  .constraint = options_.kernel_constraint,
                  .name = "kernel"});
  if (shapes.bias)
    bias_ = add_weight({.shape = *shapes.bias,
                        .initializer = options_.bias_initializer,
                        .regularizer = options_.bias_regularizer,
                        .constraint = options_.bias_constraint,
                        .name = "bias"});
}

Tensor EinsumDenseImpl::call(const Tensor& inputs, bool) {
  Tensor x = impl::einsum(explicit_equation_, inputs, kernel_.value(),
                          describe_layer("EinsumDense", name()));
  if (bias_.defined()) x = ops::add(x, bias_.value());
  return options_.activation(x);
}

Shape EinsumDenseImpl::compute_output_shape(const Shape& input_shape) {
  return impl::analyze_einsum_dense(equation_, options_.bias_axes, input_shape,
                                    partial_output_shape_, describe_layer("EinsumDense", name()))
      .output;
}

ConfigValue EinsumDenseImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["output_shape"] = shape_to_config(Shape(partial_output_shape_));
  c["equation"] = equation_;
  c["activation"] = options_.activation.name();
  c["bias_axes"] = options_.bias_axes ? ConfigValue(*options_.bias_axes) : ConfigValue();
  c["kernel_initializer"] = serialize_initializer(options_.kernel_initializer);
  c["bias_initializer"] = serialize_initializer(options_.bias_initializer);
  c["kernel_regularizer"] = serialize_regularizer(options_.kernel_regularizer);
  c["bias_regularizer"] = serialize_regularizer(options_.bias_regularizer);
  // Keras writes this one always (null when unset), at the base keys' place when it is set.
  c["activity_regularizer"] = serialize_regularizer(options_.activity_regularizer);
  c["kernel_constraint"] = serialize_constraint(options_.kernel_constraint);
  c["bias_constraint"] = serialize_constraint(options_.bias_constraint);
  c["quantization_config"] = nullptr;
  return c;
}

std::shared_ptr<Layer> EinsumDenseImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "EinsumDense");
  EinsumDenseOptions o;
  read_base_options(r, o);
  const std::string equation = r.required_string("equation");
  const ConfigValue output = r.raw("output_shape");
  EinsumOutputShape output_shape{std::vector<std::int64_t>{}};
  if (output.is_integral()) output_shape = EinsumOutputShape(output.as_int());
  else if (output.is_list()) output_shape = shape_from_config(output, r.owner()).dims();
  else
    throw ValueError(r.owner() + ": `output_shape` should be an int or a list of ints. Received: " +
                     "output_shape=" + output.dump());
  o.activation = r.string("activation", "linear");
  o.bias_axes = r.optional_string("bias_axes");
  if (r.present("kernel_initializer"))
    o.kernel_initializer = read_initializer(r.raw("kernel_initializer"), "glorot_uniform");
  if (r.present("bias_initializer"))
    o.bias_initializer = read_initializer(r.raw("bias_initializer"), "zeros");
  o.kernel_regularizer = read_regularizer(r.raw("kernel_regularizer"));
  o.bias_regularizer = read_regularizer(r.raw("bias_regularizer"));
  o.kernel_constraint = read_constraint(r.raw("kernel_constraint"));
  o.bias_constraint = read_constraint(r.raw("bias_constraint"));
  o.lora_rank = r.optional_integer("lora_rank");
  o.lora_alpha = r.optional_integer("lora_alpha");
  if (const ConfigValue quantization = r.raw("quantization_config"); !quantization.is_null())
    throw NotImplementedError(r.owner() +
                              ": quantized EinsumDense layers are not supported; received "
                              "quantization_config " +
                              quantization.dump());
  // Only written for GPTQ-quantized layers, which the check above refuses.
  r.ignore({"gptq_unpacked_column_size"});
  r.finish();
  return std::make_shared<EinsumDenseImpl>(equation, std::move(output_shape), std::move(o));
}

}  // namespace keras::layers
