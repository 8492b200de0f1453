// Harness cases of the activation layers.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> activations_layer_cases() {
  return {
      {"ReLU", [] { return layers::ReLU().ptr(); }, {3, 4}, {}, {}},
      {"ReLU all options",
       [] {
         return layers::ReLU({.max_value = 0.7, .negative_slope = 0.1, .threshold = 0.2}).ptr();
       },
       {2, 3, 5},
       {},
       {}},
      {"LeakyReLU",
       [] { return layers::LeakyReLU({.negative_slope = 0.1}).ptr(); },
       {3, 4},
       {},
       {}},
      {"PReLU", [] { return layers::PReLU().ptr(); }, {3, 4}, {{4}}, {}},
      {"PReLU shared axes, constant alpha",
       [] {
         return layers::PReLU(
                    {.alpha_initializer = initializers::Constant(0.3), .shared_axes = {1, 2}})
             .ptr();
       },
       {2, 3, 4, 2},
       {{1, 1, 2}},
       {}},
      {"ELU", [] { return layers::ELU({.alpha = 0.5}).ptr(); }, {3, 4}, {}, {}},
      {"Softmax", [] { return layers::Softmax().ptr(); }, {3, 4}, {}, {}},
      {"Softmax two axes",
       [] {
         return layers::Softmax({.axis = {1, 2}}).ptr();
       },
       {2, 3, 4},
       {},
       {}},
      {"ThresholdedReLU",
       [] { return layers::ThresholdedReLU({.theta = 0.25}).ptr(); },
       {3, 4},
       {},
       {}},
  };
}

}  // namespace testing
