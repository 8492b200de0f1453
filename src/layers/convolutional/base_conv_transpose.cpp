#include "keras/layers/convolutional/base_conv_transpose.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/convolutional/conv_config.hpp"
#include "src/layers/convolutional/conv_utils.hpp"

namespace keras::layers {

BaseConvTransposeImpl::BaseConvTransposeImpl(int rank, std::string class_name, std::int64_t filters,
                                             const IntTuple& kernel_size,
                                             ConvTransposeOptions options)
    : ConvLayer(rank, std::move(class_name), kernel_size, ConvSharedOptions::of(options),
                /*allow_causal=*/false),
      filters_(filters),
      options_(std::move(options)) {
  if (!options_.output_padding.empty())
    output_padding_ = standardize_tuple(options_.output_padding, rank, "output_padding", owner(),
                                        /*allow_zero=*/true);
  detail::check_positive(filters, "filters", owner());
  const auto& s = strides();
  if (output_padding_)
    for (std::size_t i = 0; i < output_padding_->size(); ++i)
      if ((*output_padding_)[i] >= s[i])
        throw ValueError(owner() +
                         ": `output_padding` must be strictly less than `strides` for all "
                         "dimensions. At dimension " +
                         std::to_string(i) + ", `output_padding` is " +
                         std::to_string((*output_padding_)[i]) + " but `strides` is " +
                         std::to_string(s[i]) + ". Received: output_padding=" +
                         tuple_string(*output_padding_) + ", strides=" + tuple_string(s));
  detail::check_strides_with_dilation(detail::geometry_of(*this), owner());
}

void BaseConvTransposeImpl::build(const Shape& input_shape) {
  const std::int64_t channels = build_input_channels(input_shape);
  compute_output_shape(input_shape);
  kernel_ = add_weight({.shape = detail::kernel_shape(kernel_size(), filters_, channels),
                        .initializer = options_.kernel_initializer,
                        .regularizer = options_.kernel_regularizer,
                        .constraint = options_.kernel_constraint,
                        .name = "kernel"});
  add_bias(filters_);
}

Tensor BaseConvTransposeImpl::call(const Tensor& inputs, bool) {
  return bias_and_activation(ops::conv_transpose(inputs, kernel_.value(),
                                                 {.strides = strides(),
                                                  .padding = padding(),
                                                  .output_padding = output_padding_,
                                                  .data_format = data_format(),
                                                  .dilation_rate = dilation_rate()}));
}

Shape BaseConvTransposeImpl::compute_output_shape(const Shape& input_shape) {
  return detail::conv_transpose_output_shape(*this, input_shape, filters_,
                                             detail::geometry_of(*this), output_padding_);
}

ConfigValue BaseConvTransposeImpl::get_config() const {
  return conv_config({{"filters", filters_}},
                     {{"output_padding",
                       output_padding_ ? ConfigValue::list_of(*output_padding_) : ConfigValue()}},
                     {},
                     {{"kernel", options_.kernel_initializer, options_.kernel_regularizer,
                       options_.kernel_constraint}});
}

namespace detail {

ConvArgs<ConvTransposeOptions> read_conv_transpose_config(const ConfigValue& config,
                                                          const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  ConvArgs<ConvTransposeOptions> a;
  ConvTransposeOptions& o = a.options;
  read_conv_common(r, o);
  a.filters = r.required_integer("filters");
  a.kernel_size = read_int_tuple(r, "kernel_size");
  o.output_padding = read_int_tuple(r, "output_padding", IntTuple());  // null: None
  read_unit_groups(r);
  read_weight_args(r, "kernel", o.kernel_initializer, o.kernel_regularizer, o.kernel_constraint);
  r.finish();
  return a;
}

}  // namespace detail

}  // namespace keras::layers
