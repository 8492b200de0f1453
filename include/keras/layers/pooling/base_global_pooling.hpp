#pragma once
// Keras's BaseGlobalPooling: what GlobalMaxPooling1D/2D/3D and GlobalAveragePooling1D/2D/3D
// share, reducing every spatial dim (kept with size 1 under `keepdims`).
#include "keras/layers/layer.hpp"

namespace keras::layers {

struct GlobalPoolingOptions {
  std::string data_format{};  // empty: keras::config::image_data_format()
  bool keepdims = false;
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BaseGlobalPoolingImpl : public Layer {
 public:
  enum class Mode { max, average };
  using Positional = std::tuple<>;
  using Options = GlobalPoolingOptions;
  // `prefix` ("global_max_pooling2d") is the layer's default name.
  BaseGlobalPoolingImpl(int pool_dimensions, Mode mode, const GlobalPoolingOptions& options,
                        const std::string& prefix);
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;

  const std::string& data_format() const { return data_format_; }
  bool keepdims() const { return keepdims_; }

 protected:
  static GlobalPoolingOptions read_options(const ConfigValue& config,
                                           const std::string& class_name);

 private:
  std::vector<int> spatial_axes(int rank) const;

  Mode mode_;
  std::string data_format_;
  bool keepdims_;
};

}  // namespace keras::layers
