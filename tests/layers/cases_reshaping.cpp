// Harness cases of the reshaping layers (Flatten and Reshape are in layer_cases.cpp).
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> reshaping_layer_cases() {
  return {
      {"Flatten channels_first",
       [] { return layers::Flatten({.data_format = "channels_first"}).ptr(); },
       {2, 3, 2, 4},
       {},
       {}},
      {"Permute",
       [] {
         return layers::Permute({3, 1, 2}).ptr();
       },
       {2, 3, 4, 5},
       {},
       {}},
      {"RepeatVector", [] { return layers::RepeatVector(3).ptr(); }, {2, 4}, {}, {}},
      {"Cropping1D",
       [] {
         return layers::Cropping1D({.cropping = {2, 0}}).ptr();
       },
       {2, 5, 3},
       {},
       {}},
      {"Cropping2D channels_first",
       [] {
         return layers::Cropping2D({.cropping = {{1, 0}, 2}, .data_format = "channels_first"})
             .ptr();
       },
       {2, 3, 4, 6},
       {},
       {}},
      {"Cropping3D", [] { return layers::Cropping3D().ptr(); }, {1, 3, 4, 3, 2}, {}, {}},
      {"ZeroPadding1D",
       [] {
         return layers::ZeroPadding1D({.padding = {0, 2}}).ptr();
       },
       {2, 3, 2},
       {},
       {}},
      {"ZeroPadding2D channels_first",
       [] {
         return layers::ZeroPadding2D(
                    {.padding = {{1, 0}, {2, 1}}, .data_format = "channels_first"})
             .ptr();
       },
       {1, 2, 3, 3},
       {},
       {}},
      {"ZeroPadding3D",
       [] { return layers::ZeroPadding3D({.padding = 1}).ptr(); },
       {1, 2, 2, 3, 2},
       {},
       {}},
      {"UpSampling1D", [] { return layers::UpSampling1D({.size = 3}).ptr(); }, {2, 3, 2}, {}, {}},
      {"UpSampling2D channels_first",
       [] {
         return layers::UpSampling2D({.size = {3, 2}, .data_format = "channels_first"}).ptr();
       },
       {1, 2, 3, 2},
       {},
       {}},
      {"UpSampling2D bilinear",
       [] {
         return layers::UpSampling2D({.size = {2, 3}, .interpolation = "bilinear"}).ptr();
       },
       {2, 3, 4, 2},
       {},
       {}},
      {"UpSampling3D channels_first",
       [] {
         return layers::UpSampling3D({.size = {1, 2, 2}, .data_format = "channels_first"}).ptr();
       },
       {1, 2, 2, 2, 3},
       {},
       {}},
  };
}

}  // namespace testing
