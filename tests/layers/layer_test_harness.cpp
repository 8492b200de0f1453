#include "layers/layer_test_harness.hpp"

#include "test_util.hpp"

using namespace keras;

namespace testing {

namespace {

Tensor input_for(const Shape& shape, std::uint32_t seed) {
  return random_tensor(shape, seed, -1.0, 1.0, DType::float32);
}

std::vector<Shape> shapes_of(const std::vector<Variable>& vars) {
  std::vector<Shape> out;
  for (const auto& v : vars) out.push_back(v.shape());
  return out;
}

}  // namespace

void run_layer_test(const LayerCase& c) {
  INFO("layer case: " << c.label);
  Tensor x = input_for(c.input_shape, 7);

  // Eager call: output shape matches compute_output_shape.
  auto layer = c.make();
  Tensor y = (*layer)(x);
  REQUIRE(layer->built());
  REQUIRE(y.shape() == layer->compute_output_shape(c.input_shape));

  // Symbolic call with an unknown batch: the same shape with None first.
  {
    auto fresh = c.make();
    Shape feature_shape(std::vector<std::int64_t>(c.input_shape.dims().begin() + 1, c.input_shape.dims().end()));
    KerasTensor in = Input(feature_shape);
    KerasTensor out = (*fresh)(in);
    Shape want = y.shape();
    want[0] = kNone;
    REQUIRE(shape_to_string(out.shape()) == shape_to_string(want));
  }

  // Weights: counts, shapes and order.
  REQUIRE(shapes_of(layer->trainable_weights()) == c.trainable_weight_shapes);
  REQUIRE(shapes_of(layer->non_trainable_weights()) == c.non_trainable_weight_shapes);
  REQUIRE(layer->weights().size() == c.trainable_weight_shapes.size() + c.non_trainable_weight_shapes.size());

  // Config round trip through the registry; the rebuilt layer computes the same function.
  ConfigValue config = layer->get_config();
  REQUIRE(config.at("name").as_string() == layer->name());
  auto again = layers::find_layer(layer->class_name()).from_config(config);
  REQUIRE(again->class_name() == layer->class_name());
  REQUIRE(again->get_config().dump() == config.dump());
  (*again)(x);
  again->set_weights(layer->get_weights());
  require_close((*again)(x), y);

  // Inference is deterministic; training may differ only for layers that say so.
  require_close((*layer)(x), y);
  if (!c.training_differs) require_close((*layer)(x, true), y);

  // A gradient step on the trainable weights lowers a squared-error loss.
  if (!c.trainable_weight_shapes.empty()) {
    Tensor target = input_for(y.shape(), 11);
    auto loss_of = [&] {
      return ops::mean(ops::square(ops::subtract((*layer)(x, !c.training_differs), target)));
    };
    double before = loss_of().item<double>();
    auto vars = layer->trainable_weights();
    GradientTape tape;
    Tensor loss = loss_of();
    auto grads = tape.gradient(loss, vars);
    for (std::size_t i = 0; i < vars.size(); ++i) {
      REQUIRE(grads[i].defined());
      vars[i].assign_sub(ops::multiply(grads[i], 0.05));
    }
    double after = loss_of().item<double>();
    REQUIRE(after < before);
  }

  // Every compiled-in backend computes what the reference backend computes.
  auto weights = layer->get_weights();
  check_backends_agree([&](const std::vector<Tensor>& in) { return (*layer)(in[0]); }, {x});
  REQUIRE(layer->get_weights().size() == weights.size());
}

}  // namespace testing
