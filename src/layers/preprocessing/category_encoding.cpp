#include "keras/layers/preprocessing/category_encoding.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

CategoryEncodingImpl::CategoryEncodingImpl(CategoryEncodingOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "category_encoding"),
      output_mode_(options.output_mode == "binary" ? "multi_hot" : options.output_mode) {
  if (output_mode_ != "count" && output_mode_ != "one_hot" && output_mode_ != "multi_hot")
    throw ValueError("Unknown arg for output_mode: " + options.output_mode);
  if (!options.num_tokens)
    throw ValueError(
        "num_tokens must be set to use this layer. If the number of tokens is not known "
        "beforehand, use the IntegerLookup layer instead.");
  if (*options.num_tokens < 1)
    throw ValueError("`num_tokens` must be >= 1. Received: num_tokens=" +
                     std::to_string(*options.num_tokens) + ".");
  num_tokens_ = *options.num_tokens;
  set_built();
}

Tensor CategoryEncodingImpl::call(const Tensor& inputs, bool) {
  if (is_floating(inputs.dtype()))
    throw ValueError("Layer \"" + name() +
                     "\" (CategoryEncoding) expects integer category ids; received dtype " +
                     std::string(dtype_name(inputs.dtype())));
  Tensor x = inputs.shape().rank() == 0 ? ops::expand_dims(inputs, -1) : inputs;
  const DType dtype = compute_dtype();
  if (output_mode_ == "one_hot") {
    // A trailing axis of 1 holds one id per position: it becomes the encoding axis.
    if (x.shape().rank() > 1 && x.shape()[-1] == 1) x = ops::squeeze(x, -1);
    return ops::one_hot(x, num_tokens_, -1, dtype);
  }
  // multi_hot / count reduce the ids of a sample: axis 1 of a batch, axis 0 of one sample, as
  // Keras's encode_categorical_inputs.
  const int reduce = x.shape().rank() > 1 ? 1 : 0;
  Tensor encoded = ops::one_hot(x, num_tokens_, -1, dtype);
  return output_mode_ == "count" ? ops::sum(encoded, reduce) : ops::max(encoded, reduce);
}

Shape CategoryEncodingImpl::compute_output_shape(const Shape& input_shape) {
  if (input_shape.rank() == 0) return Shape{num_tokens_};
  std::vector<std::int64_t> dims = input_shape.dims();
  if (output_mode_ != "one_hot" || (dims.back() == 1 && dims.size() > 1)) dims.pop_back();
  dims.push_back(num_tokens_);
  return Shape(dims);
}

ConfigValue CategoryEncodingImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["num_tokens"] = num_tokens_;
  c["output_mode"] = output_mode_;
  return c;
}

std::shared_ptr<Layer> CategoryEncodingImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "CategoryEncoding");
  CategoryEncodingOptions o;
  read_base_options(r, o);
  o.num_tokens = r.optional_integer("num_tokens");
  o.output_mode = r.string("output_mode", "multi_hot");
  if (r.boolean("sparse", false))
    throw NotImplementedError(r.owner() + ": sparse outputs are not supported");
  r.finish();
  return std::make_shared<CategoryEncodingImpl>(std::move(o));
}

}  // namespace keras::layers
