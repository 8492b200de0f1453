#pragma once
// keras.layers.GlobalAveragePooling1D: the mean over all 1-D spatial positions, per channel.
// With a mask on its input (padded steps), the mean over the unmasked steps; the output has
// no mask.
#include "keras/layers/pooling/base_global_pooling.hpp"

namespace keras::layers {

class GlobalAveragePooling1DImpl : public BaseGlobalPoolingImpl {
 public:
  explicit GlobalAveragePooling1DImpl(GlobalPoolingOptions options = {})
      : BaseGlobalPoolingImpl(1, Mode::average, options, "global_average_pooling1d") {
    set_supports_masking(true);
  }
  Tensor call(const Tensor& inputs, bool training) override;
  Tensor compute_mask(const Tensor&, const Tensor&) override { return Tensor(); }
  std::string class_name() const override { return "GlobalAveragePooling1D"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<GlobalAveragePooling1DImpl>(
        read_options(config, "GlobalAveragePooling1D"));
  }
};

KERAS_LAYER(GlobalAveragePooling1D);

}  // namespace keras::layers
