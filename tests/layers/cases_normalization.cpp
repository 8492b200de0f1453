// Harness cases of the normalization layers. BatchNormalization differs in training (batch
// statistics) unless frozen; the harness's gradient checks run at inference, the oracle
// (layer_cases/normalization.py) checks training mode.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> normalization_layer_cases() {
  return {
      {"BatchNormalization",
       [] { return layers::BatchNormalization().ptr(); },
       {4, 5},
       {{5}, {5}},
       {{5}, {5}},
       true},
      {"BatchNormalization channels_first, no center, L2 gamma, seeded moving mean",
       [] {
         return layers::BatchNormalization(
                    {.axis = 1,
                     .momentum = 0.9,
                     .center = false,
                     .moving_mean_initializer = initializers::RandomNormal({.seed = 3}),
                     .gamma_regularizer = "l2"})
             .ptr();
       },
       {2, 3, 4, 5},
       {{3}},
       {{3}, {3}},
       true},
      // Frozen: training calls normalize with the moving statistics, as inference does.
      {"BatchNormalization frozen",
       [] { return layers::BatchNormalization({.trainable = false}).ptr(); },
       {3, 4},
       {},
       {{4}, {4}, {4}, {4}}},
      {"LayerNormalization",
       [] { return layers::LayerNormalization().ptr(); },
       {3, 6},
       {{6}, {6}},
       {}},
      {"LayerNormalization over axes 1 and 2, no center",
       [] {
         return layers::LayerNormalization({.axis = {1, 2}, .center = false}).ptr();
       },
       {2, 3, 4},
       {{3, 4}},
       {}},
      {"LayerNormalization rms_scaling",
       [] { return layers::LayerNormalization({.rms_scaling = true}).ptr(); },
       {3, 5},
       {{5}},
       {}},
      {"GroupNormalization",
       [] { return layers::GroupNormalization({.groups = 2}).ptr(); },
       {2, 4, 6},
       {{6}, {6}},
       {}},
      {"GroupNormalization channels_first",
       [] { return layers::GroupNormalization({.groups = 3, .axis = 1}).ptr(); },
       {2, 6, 3, 3},
       {{6}, {6}},
       {}},
      {"GroupNormalization instance norm, no scale",
       [] { return layers::GroupNormalization({.groups = -1, .scale = false}).ptr(); },
       {2, 5, 3},
       {{3}},
       {}},
      {"UnitNormalization", [] { return layers::UnitNormalization().ptr(); }, {3, 5}, {}, {}},
      {"UnitNormalization over axes 1 and 2",
       [] {
         return layers::UnitNormalization({.axis = {1, 2}}).ptr();
       },
       {2, 3, 4},
       {},
       {}},
  };
}

}  // namespace testing
