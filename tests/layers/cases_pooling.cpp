// Harness cases of the pooling layers: each class, both data formats, valid and same padding.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> pooling_layer_cases() {
  using layers::GlobalPoolingOptions;
  const GlobalPoolingOptions cf_keep{.data_format = "channels_first", .keepdims = true};
  return {
      {"MaxPooling1D", [] { return layers::MaxPooling1D().ptr(); }, {2, 7, 3}, {}, {}},
      {"MaxPooling1D same, strides 2, channels_first",
       [] {
         return layers::MaxPooling1D({.pool_size = 3,
                                      .strides = 2,
                                      .padding = "same",
                                      .data_format = "channels_first"})
             .ptr();
       },
       {2, 3, 8},
       {},
       {}},
      {"MaxPooling2D", [] { return layers::MaxPooling2D().ptr(); }, {2, 5, 6, 3}, {}, {}},
      {"MaxPooling2D 3x2 window, same, channels_first",
       [] {
         return layers::MaxPooling2D(
                    {.pool_size = {3, 2}, .padding = "same", .data_format = "channels_first"})
             .ptr();
       },
       {2, 2, 5, 4},
       {},
       {}},
      {"MaxPooling3D", [] { return layers::MaxPooling3D().ptr(); }, {1, 4, 3, 4, 2}, {}, {}},
      {"AveragePooling1D", [] { return layers::AveragePooling1D(2).ptr(); }, {2, 7, 3}, {}, {}},
      {"AveragePooling2D same, strides 1",
       [] {
         return layers::AveragePooling2D({2, 3}, {.strides = 1, .padding = "same"}).ptr();
       },
       {2, 4, 5, 2},
       {},
       {}},
      {"AveragePooling3D channels_first",
       [] {
         return layers::AveragePooling3D(2, {.strides = {1, 2, 1}, .data_format = "channels_first"})
             .ptr();
       },
       {1, 2, 3, 4, 3},
       {},
       {}},
      {"GlobalMaxPooling1D", [] { return layers::GlobalMaxPooling1D().ptr(); }, {2, 5, 3}, {}, {}},
      {"GlobalMaxPooling2D channels_first keepdims",
       [cf_keep] { return layers::GlobalMaxPooling2D(cf_keep).ptr(); },
       {2, 3, 4, 2},
       {},
       {}},
      {"GlobalMaxPooling3D keepdims",
       [] { return layers::GlobalMaxPooling3D({.keepdims = true}).ptr(); },
       {1, 3, 2, 3, 2},
       {},
       {}},
      {"GlobalAveragePooling1D channels_first keepdims",
       [cf_keep] { return layers::GlobalAveragePooling1D(cf_keep).ptr(); },
       {2, 3, 5},
       {},
       {}},
      {"GlobalAveragePooling2D",
       [] { return layers::GlobalAveragePooling2D().ptr(); },
       {2, 3, 4, 2},
       {},
       {}},
      {"GlobalAveragePooling3D channels_first",
       [] { return layers::GlobalAveragePooling3D({.data_format = "channels_first"}).ptr(); },
       {1, 2, 3, 2, 3},
       {},
       {}},
  };
}

}  // namespace testing
