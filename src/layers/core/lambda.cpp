#include "keras/layers/core/lambda.hpp"

#include "keras/core/errors.hpp"

namespace keras::layers {

LambdaImpl::LambdaImpl(Function function, LambdaOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "lambda"),
      function_(std::move(function)),
      output_shape_(std::move(options.output_shape)) {
  if (!function_) throw ValueError("Lambda layer '" + name() + "': the function is empty");
  set_built();
}

Tensor LambdaImpl::call(const Tensor& inputs, bool) { return function_(inputs); }

Shape LambdaImpl::compute_output_shape(const Shape& input_shape) {
  if (output_shape_) return output_shape_(input_shape);
  return Layer::compute_output_shape(input_shape);  // traced on small inputs
}

ConfigValue LambdaImpl::get_config() const {
  throw NotImplementedError(
      "Lambda layer '" + name() +
      "' wraps a C++ callable, which cannot be serialized: its model cannot be saved or turned "
      "into a config. Write a keras::Layer subclass with get_config (and register it) instead.");
}

}  // namespace keras::layers
