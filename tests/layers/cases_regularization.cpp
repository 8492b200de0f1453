// Harness cases of the regularization layers (Dropout's is in layer_cases.cpp). The random ones
// differ in training; tests/layers/test_regularization.cpp checks their training statistics.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> regularization_layer_cases() {
  return {
      {"SpatialDropout1D",
       [] { return layers::SpatialDropout1D(0.3, {.seed = 2}).ptr(); },
       {2, 5, 3},
       {},
       {},
       true},
      {"SpatialDropout2D channels_first",
       [] { return layers::SpatialDropout2D(0.5, {.data_format = "channels_first"}).ptr(); },
       {2, 3, 4, 5},
       {},
       {},
       true},
      {"SpatialDropout3D",
       [] { return layers::SpatialDropout3D(0.2).ptr(); },
       {2, 2, 3, 2, 4},
       {},
       {},
       true},
      {"GaussianNoise",
       [] { return layers::GaussianNoise(0.2, {.seed = 1}).ptr(); },
       {4, 5},
       {},
       {},
       true},
      {"GaussianDropout", [] { return layers::GaussianDropout(0.3).ptr(); }, {4, 5}, {}, {}, true},
      {"AlphaDropout with noise_shape",
       [] {
         return layers::AlphaDropout(0.2, {.noise_shape = Shape{kNone, 1, 3}}).ptr();
       },
       {2, 4, 3},
       {},
       {},
       true},
      {"ActivityRegularization",
       [] { return layers::ActivityRegularization({.l1 = 0.01, .l2 = 0.02}).ptr(); },
       {3, 4},
       {},
       {}},
  };
}

}  // namespace testing
