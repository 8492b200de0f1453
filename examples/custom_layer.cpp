// A custom layer, as in Keras's guide "Making new layers and models via subclassing": weights
// made in build() with add_weight, the computation in call() with keras::ops, get_config /
// from_config, and register_layer so the layer can be rebuilt from its config by class name
// (what loading a saved model does). The layer is trained inside a Sequential model on
// synthetic data; the program exits non-zero if it does not learn or the config round trip
// loses anything, so it doubles as a test.
#include <cmath>
#include <cstdio>

#include <keras/keras.hpp>

using namespace keras;

// y = x @ kernel + bias over the last axis (Keras's guide calls it Linear).
class Linear : public Layer {
 public:
  explicit Linear(std::int64_t units = 32, LayerOptions options = {})
      : Layer(options), units_(units) {
    if (units <= 0)
      throw ValueError("Linear: units must be positive, received " + std::to_string(units));
  }

  // The input shape is known here: input_shape[-1] is the last dimension (Python-style
  // negative indices work on Shape, with a bounds check).
  void build(const Shape& input_shape) override {
    kernel_ = add_weight(
        {.shape = {input_shape[-1], units_}, .initializer = "random_normal", .name = "kernel"});
    bias_ = add_weight({.shape = {units_}, .initializer = "zeros", .name = "bias"});
  }

  Tensor call(const Tensor& inputs, bool /*training*/) override {
    return ops::add(ops::matmul(inputs, kernel_.value()), bias_.value());
  }

  // The base keys (name, trainable, dtype) plus the constructor's own arguments.
  ConfigValue get_config() const override {
    ConfigValue config = Layer::get_config();
    config["units"] = units_;
    return config;
  }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config) {
    return std::make_shared<Linear>(config.at("units").as_int(), LayerOptions::from_config(config));
  }
  std::string class_name() const override { return "Linear"; }

 private:
  std::int64_t units_;
  Variable kernel_, bias_;
};

int main() {
  // Keras's register_keras_serializable: the registry can now build "Linear" from a config.
  layers::register_layer(
      {.class_name = "Linear", .group = "custom", .from_config = &Linear::from_config});
  utils::set_random_seed(7);

  // Synthetic regression: y = relu(2 x0 - x1) + 0.5 x2 - 1, which needs the hidden layer.
  const std::int64_t n = 512;
  Tensor x = random::uniform({n, 3}, -1.0, 1.0, DType::float32, 1);
  auto xv = x.to_vector<float>();
  std::vector<float> yv(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < yv.size(); ++i) {
    const float a = xv[3 * i], b = xv[3 * i + 1], c = xv[3 * i + 2];
    yv[i] = std::max(0.0f, 2 * a - b) + 0.5f * c - 1.0f;
  }
  Tensor y = tensor<float>(yv, {n, 1});

  auto hidden = make_layer<Linear>(16, LayerOptions{.name = "hidden"});
  Sequential model({Input({3}), hidden, layers::Activation("relu"), make_layer<Linear>(1)});
  model.compile({.optimizer = optimizers::Adam({.learning_rate = 2e-2}), .loss = "mse"});
  model.summary();
  History history = model.fit(x, y, {.batch_size = 32, .epochs = 40, .verbose = 0});
  const auto& loss = history->history.at("loss");
  std::printf("loss: first epoch %.4f, last epoch %.4f\n", loss.front().item(), loss.back().item());
  bool ok = loss.back() < 0.05 * loss.front();
  if (!ok) std::printf("FAILED: the model did not learn\n");

  // Round trip through the config, by class name, as a loader does.
  ConfigValue config = hidden->get_config();
  std::printf("config: %s\n", config.dump().c_str());
  std::shared_ptr<Layer> again = layers::deserialize(layers::serialize(*hidden));
  if (again->class_name() != "Linear" || again->get_config() != config) {
    std::printf("FAILED: from_config gave %s\n", again->get_config().dump().c_str());
    ok = false;
  }
  // Same config and same weights: the same function.
  Tensor probe = random::uniform({4, 3}, -1.0, 1.0, DType::float32, 2);
  (*again)(probe);  // builds it
  again->set_weights(hidden->get_weights());
  const double diff =
      ops::max(ops::abs(ops::subtract((*again)(probe), hidden(probe)))).item<double>();
  if (!(diff == 0.0)) {
    std::printf("FAILED: the rebuilt layer computes something else (max difference %g)\n", diff);
    ok = false;
  }
  std::printf("%s\n", ok ? "custom layer: trained and round-tripped" : "custom layer: FAILED");
  return ok ? 0 : 1;
}
