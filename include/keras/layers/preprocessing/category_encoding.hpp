#pragma once
// keras.layers.CategoryEncoding: integer category ids in [0, num_tokens) to dense vectors of
// size num_tokens: "one_hot" (one id per sample position), "multi_hot" (1 where any id of the
// sample occurs) or "count" (how often each occurs). The output is float (the layer's dtype).
#include <optional>

#include "keras/layers/layer.hpp"

namespace keras::layers {

struct CategoryEncodingOptions {
  std::optional<std::int64_t> num_tokens{};  // required, >= 1
  std::string output_mode = "multi_hot";     // "one_hot", "multi_hot" ("binary"), "count"
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class CategoryEncodingImpl : public Layer {
 public:
  using Positional = std::tuple<>;  // the handle's constructors (KERAS_LAYER)
  using Options = CategoryEncodingOptions;
  explicit CategoryEncodingImpl(CategoryEncodingOptions options = {});
  Tensor call(const Tensor& inputs, bool training) override;
  Shape compute_output_shape(const Shape& input_shape) override;
  ConfigValue get_config() const override;
  std::string class_name() const override { return "CategoryEncoding"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  std::int64_t num_tokens_;
  std::string output_mode_;
};

KERAS_LAYER(CategoryEncoding);

}  // namespace keras::layers
