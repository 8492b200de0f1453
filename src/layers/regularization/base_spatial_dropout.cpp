#include "keras/layers/regularization/base_spatial_dropout.hpp"

#include "src/layers/config_helpers.hpp"
#include "src/layers/data_format.hpp"
#include "src/layers/regularization/random_layer_args.hpp"

namespace keras::layers {

BaseSpatialDropoutImpl::BaseSpatialDropoutImpl(double rate, int rank,
                                               const SpatialDropoutOptions& options,
                                               const std::string& default_prefix)
    : Layer({options.name, true, options.dtype}, default_prefix),
      rate_(rate),
      rank_(rank),
      data_format_(detail::standardize_data_format(options.data_format)),
      seed_(options.seed),
      seed_generator_(detail::generator_seed(options.seed)) {
  detail::check_unit_interval(rate, "rate");
  input_spec = {InputSpec{.ndim = rank}};
  set_built();
}

Tensor BaseSpatialDropoutImpl::call(const Tensor& inputs, bool training) {
  if (!training || rate_ == 0.0) return inputs;
  // One mask value per sample and channel, broadcast over the spatial axes.
  std::vector<std::int64_t> noise(static_cast<std::size_t>(inputs.rank()), 1);
  const int channels = data_format_ == "channels_first" ? 1 : inputs.rank() - 1;
  noise[0] = inputs.shape()[0];
  noise[static_cast<std::size_t>(channels)] = inputs.shape()[channels];
  return random::dropout(inputs, rate_, Shape(noise), seed_generator_);
}

ConfigValue BaseSpatialDropoutImpl::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["rate"] = rate_;
  c["seed"] = detail::seed_config(seed_);
  c["name"] = name();
  c["dtype"] = std::string(dtype_name(compute_dtype()));
  if (rank_ > 3) c["data_format"] = data_format_;
  return c;
}

std::pair<double, SpatialDropoutOptions> BaseSpatialDropoutImpl::read_config(
    const ConfigValue& config, const std::string& class_name) {
  auto r = layer_config_reader(config, class_name);
  LayerOptions base;
  read_base_options(r, base);  // Keras writes no `trainable`; a file that has it is read too
  SpatialDropoutOptions o{
      .seed = r.optional_integer("seed"), .name = base.name, .dtype = base.dtype};
  if (class_name != "SpatialDropout1D") o.data_format = r.string("data_format", "");
  const double rate = r.required_number("rate");
  r.finish();
  return {rate, o};
}

}  // namespace keras::layers
