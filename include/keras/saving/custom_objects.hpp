#pragma once
// Custom objects (keras.saving): the user's own layer, loss and metric classes, found by the name
// a saved config carries. Three ways to make one known, as in Keras:
//   - layers::register_layer (Keras's register_keras_serializable), for the whole program;
//   - a CustomObjectScope (keras.saving.CustomObjectScope / keras.utils.custom_object_scope),
//     while it lives, on this thread;
//   - the `custom_objects` of models::load_model / model_from_json / model_from_config, for
//     that one call.
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "keras/core/config_value.hpp"

namespace keras {
class Layer;
namespace losses {
class Loss;
}
namespace metrics {
class Metric;
}
}  // namespace keras

namespace keras::saving {

// Each builds an object from the `config` dict its class's get_config wrote (from_config).
using LayerFactory = std::function<std::shared_ptr<Layer>(const ConfigValue& config)>;
using LossFactory = std::function<std::shared_ptr<losses::Loss>(const ConfigValue& config)>;
using MetricFactory = std::function<std::shared_ptr<metrics::Metric>(const ConfigValue& config)>;

// Keras's `custom_objects` dict, one map per kind (C++ has no single type for "a class"). A key
// is the name a config carries: its `registered_name` ("Custom>MyDense", what
// register_keras_serializable(package="Custom") writes) or its `class_name` ("MyDense"); a
// string identifier in a compile config ("my_loss") is looked up the same way.
struct CustomObjects {
  std::map<std::string, LayerFactory> layers{};
  std::map<std::string, LossFactory> losses{};
  std::map<std::string, MetricFactory> metrics{};
};

// Makes `objects` visible to every deserialization on this thread while the scope lives; an
// inner scope's entry shadows an outer one's, and both shadow layers::register_layer.
class CustomObjectScope {
 public:
  explicit CustomObjectScope(CustomObjects objects);
  ~CustomObjectScope();
  CustomObjectScope(const CustomObjectScope&) = delete;
  CustomObjectScope& operator=(const CustomObjectScope&) = delete;

 private:
  CustomObjects objects_;
};

}  // namespace keras::saving
