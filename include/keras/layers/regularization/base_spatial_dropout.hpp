#pragma once
// The base of SpatialDropout1D/2D/3D (Keras's BaseSpatialDropout): Dropout that, in training,
// drops whole feature maps (one mask value per sample and channel, shared over the spatial
// axes) and scales the kept ones by 1 / (1 - rate); the identity at inference.
#include <optional>

#include "keras/core/random.hpp"
#include "keras/layers/layer.hpp"

namespace keras::layers {

// SpatialDropout2D's and 3D's keyword arguments (Keras's: no `trainable`).
struct SpatialDropoutOptions {
  std::string data_format{};  // empty: keras::config::image_data_format()
  std::optional<std::int64_t> seed{};
  std::string name{};
  std::string dtype{};
};

class BaseSpatialDropoutImpl : public Layer {
 public:
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override { return input_shape; }
  // Keras's: rate, seed, name, dtype (a plain string here), and data_format for 2D and 3D.
  ConfigValue get_config() const override;
  // call(inputs, training=False): Keras records the default on each node.
  ConfigValue node_kwargs() const override { return ConfigValue::Dict{{"training", false}}; }
  double rate() const { return rate_; }
  const std::string& data_format() const { return data_format_; }

 protected:
  // `rank`: the input rank the subclass takes (3, 4 or 5); 1D passes data_format
  // "channels_last" and no data_format key is written for it.
  BaseSpatialDropoutImpl(double rate, int rank, const SpatialDropoutOptions& options,
                         const std::string& default_prefix);
  // The subclass's from_config: reads rate and the options (data_format only for 2D and 3D).
  static std::pair<double, SpatialDropoutOptions> read_config(const ConfigValue& config,
                                                              const std::string& class_name);

 private:
  double rate_;
  int rank_;
  std::string data_format_;
  std::optional<std::int64_t> seed_;
  random::SeedGenerator seed_generator_;
};

}  // namespace keras::layers
