#include "keras/layers/core/embedding.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

namespace {
void require_positive(const char* what, std::int64_t value) {
  if (value <= 0)
    throw ValueError(std::string("`") + what + "` must be a positive integer. Received: " + what +
                     "=" + std::to_string(value) + " (of type int).");
}
}  // namespace

EmbeddingImpl::EmbeddingImpl(std::int64_t input_dim, std::int64_t output_dim,
                             EmbeddingOptions options)
    : Layer({options.name, options.trainable, options.dtype, options.activity_regularizer},
            "embedding"),
      input_dim_(input_dim),
      output_dim_(output_dim),
      options_(std::move(options)) {
  require_positive("input_dim", input_dim);
  require_positive("output_dim", output_dim);
  set_supports_masking(options_.mask_zero);
}

void EmbeddingImpl::build(const Shape&) {
  embeddings_ = add_weight({.shape = {input_dim_, output_dim_},
                            .initializer = options_.embeddings_initializer,
                            .regularizer = options_.embeddings_regularizer,
                            .constraint = options_.embeddings_constraint,
                            .name = "embeddings"});
}

Tensor EmbeddingImpl::call(const Tensor& inputs, bool) {
  const DType d = inputs.dtype();
  Tensor ids = (d == DType::int32 || d == DType::int64) ? inputs : ops::cast(inputs, DType::int32);
  try {
    return ops::cast(ops::take(embeddings_.value(), ids, 0), compute_dtype());
  } catch (const ValueError& e) {  // an id outside [0, input_dim): say which layer
    throw ValueError("Embedding layer '" + name() + "' (input_dim=" + std::to_string(input_dim_) +
                     "): " + e.what());
  }
}

Tensor EmbeddingImpl::compute_mask(const Tensor& inputs, const Tensor&) {
  if (!options_.mask_zero) return Tensor();
  return ops::not_equal(inputs, 0);
}

Shape EmbeddingImpl::compute_output_shape(const Shape& input_shape) {
  std::vector<std::int64_t> dims(input_shape.begin(), input_shape.end());
  dims.push_back(output_dim_);
  return Shape(dims);
}

ConfigValue EmbeddingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["input_dim"] = input_dim_;
  c["output_dim"] = output_dim_;
  c["embeddings_initializer"] = serialize_initializer(options_.embeddings_initializer);
  c["embeddings_regularizer"] = serialize_regularizer(options_.embeddings_regularizer);
  c["embeddings_constraint"] = serialize_constraint(options_.embeddings_constraint);
  c["mask_zero"] = options_.mask_zero;
  c["quantization_config"] = nullptr;
  return c;
}

std::shared_ptr<Layer> EmbeddingImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Embedding");
  EmbeddingOptions o;
  read_base_options(r, o);
  const std::int64_t input_dim = r.required_integer("input_dim");
  const std::int64_t output_dim = r.required_integer("output_dim");
  if (r.present("embeddings_initializer"))
    o.embeddings_initializer = read_initializer(r.raw("embeddings_initializer"), "uniform");
  o.embeddings_regularizer = read_regularizer(r.raw("embeddings_regularizer"));
  o.embeddings_constraint = read_constraint(r.raw("embeddings_constraint"));
  o.mask_zero = r.boolean("mask_zero", false);
  if (const ConfigValue quantization = r.raw("quantization_config"); !quantization.is_null())
    throw NotImplementedError(r.owner() +
                              ": quantized Embedding layers are not supported; received "
                              "quantization_config " +
                              quantization.dump());
  if (r.present("lora_rank") && !r.raw("lora_rank").is_null())
    throw NotImplementedError(r.owner() + ": LoRA-enabled Embedding layers are not supported");
  // input_length is Keras 2's (Keras 3 drops it with a deprecation warning).
  r.ignore({"input_length", "lora_alpha"});
  r.finish();
  return std::make_shared<EmbeddingImpl>(input_dim, output_dim, std::move(o));
}

}  // namespace keras::layers
