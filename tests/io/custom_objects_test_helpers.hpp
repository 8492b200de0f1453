#pragma once
// C++ twins of the custom classes tests/keras_oracle/generate_custom_objects.py registers in
// Keras ("Custom>MyDense", "Custom>ScaledMSE"), for the custom-object tests.
#include <memory>
#include <string>

#include "test_util.hpp"

namespace testing {

// tanh(x @ kernel + bias), weights in Keras's add_weight order.
class MyDense : public keras::Layer {
 public:
  explicit MyDense(std::int64_t units, keras::LayerOptions options = {})
      : Layer(std::move(options)), units_(units) {}
  void build(const keras::Shape& input_shape) override {
    kernel_ = add_weight({.shape = {input_shape[-1], units_}, .name = "kernel"});
    bias_ = add_weight({.shape = {units_}, .initializer = "random_normal", .name = "bias"});
  }
  keras::Tensor call(const keras::Tensor& x, bool /*training*/) override {
    return keras::ops::tanh(keras::ops::add(keras::ops::matmul(x, kernel_.value()), bias_.value()));
  }
  keras::ConfigValue get_config() const override {
    keras::ConfigValue config = Layer::get_config();
    config["units"] = units_;
    return config;
  }
  static std::shared_ptr<keras::Layer> from_config(const keras::ConfigValue& config) {
    return std::make_shared<MyDense>(config.at("units").as_int(),
                                     keras::LayerOptions::from_config(config));
  }
  std::string class_name() const override { return "MyDense"; }

 private:
  std::int64_t units_;
  keras::Variable kernel_, bias_;
};

// scale * mean((y_true - y_pred)^2, axis=-1).
class ScaledMSE : public keras::losses::Loss {
 public:
  ScaledMSE(double scale, std::string name, std::string reduction)
      : Loss(std::move(name), std::move(reduction)), scale_(scale) {}
  keras::Tensor call(const keras::Tensor& y_true, const keras::Tensor& y_pred) const override {
    using namespace keras::ops;
    return multiply(mean(square(subtract(y_true, y_pred)), {-1}), scale_);
  }
  std::string class_name() const override { return "ScaledMSE"; }
  keras::ConfigValue get_config() const override {
    keras::ConfigValue config = Loss::get_config();
    config["scale"] = scale_;
    return config;
  }
  static std::shared_ptr<keras::losses::Loss> from_config(const keras::ConfigValue& config) {
    return std::make_shared<ScaledMSE>(config.get("scale", 1.0).as_double(),
                                       config.get("name", "scaled_mse").as_string(),
                                       config.get("reduction", "sum_over_batch_size").as_string());
  }

 private:
  double scale_;
};

// Both twins under the registered names Keras wrote.
inline keras::saving::CustomObjects keras_twins() {
  return {.layers = {{"Custom>MyDense", &MyDense::from_config}},
          .losses = {{"Custom>ScaledMSE", &ScaledMSE::from_config}}};
}

}  // namespace testing
