#pragma once
// Keras's BasePooling: what MaxPooling1D/2D/3D and AveragePooling1D/2D/3D share (pool_size,
// strides, padding, data_format), each subclass fixing the number of spatial dims and the mode.
#include <optional>
#include <utility>

#include "keras/layers/int_tuple.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

// The keyword arguments of AveragePooling*D, whose pool_size Keras 3 requires (positional).
struct PoolingOptions {
  IntTuple strides = std::vector<std::int64_t>{};  // empty (Keras's None): pool_size
  std::string padding = "valid";                   // "valid" or "same"
  std::string data_format{};                       // empty: keras::config::image_data_format()
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

// MaxPooling*D's, whose pool_size defaults to 2 along every spatial dim.
struct MaxPoolingOptions {
  IntTuple pool_size = 2;  // one value for every spatial dim, or one per dim
  IntTuple strides = std::vector<std::int64_t>{};  // empty (Keras's None): pool_size
  std::string padding = "valid";
  std::string data_format{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BasePoolingImpl : public Layer {
 public:
  enum class Mode { max, average };
  // `class_name` and `prefix` ("MaxPooling2D", "max_pooling2d") name the layer in messages and
  // in its default name.
  BasePoolingImpl(int pool_dimensions, Mode mode, const IntTuple& pool_size,
                  const PoolingOptions& options, const std::string& class_name,
                  const std::string& prefix);
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;

  const std::vector<std::int64_t>& pool_size() const { return pool_size_; }
  const std::vector<std::int64_t>& strides() const { return strides_; }
  const std::string& padding() const { return padding_; }
  const std::string& data_format() const { return data_format_; }

 protected:
  // The arguments in a MaxPooling*/AveragePooling* config (Keras 1's pool_length, stride and
  // border_mode arrive renamed by legacy_config); a missing pool_size is `default_pool_size`,
  // or an error without one.
  static std::pair<IntTuple, PoolingOptions> read_options(
      const ConfigValue& config, const std::string& class_name,
      std::optional<IntTuple> default_pool_size);
  static MaxPoolingOptions read_max_options(const ConfigValue& config,
                                            const std::string& class_name);
  static PoolingOptions common_options(const MaxPoolingOptions& o) {
    return {o.strides, o.padding, o.data_format, o.name, o.trainable, o.dtype};
  }

 private:
  Mode mode_;
  std::vector<std::int64_t> pool_size_, strides_;
  std::string padding_, data_format_;
};

}  // namespace keras::layers
