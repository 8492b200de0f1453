#include "keras/layers/reshaping/permute.hpp"

#include <algorithm>

#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"
#include "src/layers/config_helpers.hpp"

namespace keras::layers {

PermuteImpl::PermuteImpl(std::vector<int> dims, PermuteOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "permute"), dims_(std::move(dims)) {
  std::vector<int> sorted = dims_;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i)
    if (sorted[i] != static_cast<int>(i) + 1)
      throw ValueError(describe_layer(class_name(), name()) +
                       ": Invalid permutation argument `dims` for Permute Layer. The set of "
                       "indices in `dims` must be consecutive and start from 1. Received dims=" +
                       tuple_string({dims_.begin(), dims_.end()}));
  input_spec = {InputSpec{.ndim = static_cast<int>(dims_.size()) + 1}};
}

Tensor PermuteImpl::call(const Tensor& inputs, bool) {
  std::vector<int> axes{0};
  axes.insert(axes.end(), dims_.begin(), dims_.end());
  return ops::transpose(inputs, axes);
}

Shape PermuteImpl::compute_output_shape(const Shape& input_shape) {
  std::vector<std::int64_t> out{input_shape[0]};
  for (int d : dims_) out.push_back(input_shape[d]);
  return Shape(out);
}

ConfigValue PermuteImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["dims"] = ConfigValue::list_of(dims_);
  return c;
}

std::shared_ptr<Layer> PermuteImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Permute");
  PermuteOptions o;
  read_base_options(r, o);
  if (!r.has("dims")) throw ValueError(r.owner() + ": missing required argument `dims`");
  const IntTuple dims = read_int_tuple(r, "dims", std::vector<std::int64_t>{});
  r.finish();
  return std::make_shared<PermuteImpl>(std::vector<int>(dims.values().begin(), dims.values().end()),
                                       o);
}

}  // namespace keras::layers
