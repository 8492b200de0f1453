#pragma once
// The one test every layer goes through (Keras's run_layer_test): build from options, output
// shape equals compute_output_shape (eager and symbolic), weight counts and shapes, config
// round trip through the registry, a training step that lowers a loss, input and weight
// gradients against central differences in float64, and reference and blas backends agreeing.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <keras/keras.hpp>

namespace testing {

struct LayerCase {
  std::string label;                                    // e.g. "Dense relu no bias"
  std::function<std::shared_ptr<keras::Layer>()> make;  // a fresh layer each call
  keras::Shape input_shape;                             // with the batch dimension
  std::vector<keras::Shape> trainable_weight_shapes;    // in Keras's order
  std::vector<keras::Shape> non_trainable_weight_shapes;
  bool training_differs = false;  // call(training=true) differs from inference (Dropout)
  // Several inputs (merging layers): one shape each, with the batch dimension; the layer is
  // called on the list and `input_shape` is unused.
  std::vector<keras::Shape> input_shapes{};
  // Integer inputs (category ids) uniform in [first, second), int32: no input gradients.
  std::optional<std::pair<int, int>> integer_inputs{};
};

// Runs every check on `c`; failures are reported with c.label.
void run_layer_test(const LayerCase& c);

// The cases for every built-in layer (the registry test checks each registered class has one).
std::vector<LayerCase> builtin_layer_cases();
// Per layer family (tests/layers/cases_<family>.cpp); builtin_layer_cases() appends them.
std::vector<LayerCase> convolutional_layer_cases();
std::vector<LayerCase> normalization_layer_cases();
std::vector<LayerCase> regularization_layer_cases();
std::vector<LayerCase> merging_layer_cases();
std::vector<LayerCase> activations_layer_cases();
std::vector<LayerCase> preprocessing_layer_cases();
std::vector<LayerCase> pooling_layer_cases();
std::vector<LayerCase> reshaping_layer_cases();
std::vector<LayerCase> rnn_layer_cases();
std::vector<LayerCase> attention_layer_cases();

}  // namespace testing
