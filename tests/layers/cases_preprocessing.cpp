// Harness cases of the preprocessing layers.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> preprocessing_layer_cases() {
  auto ids = [](std::string label, std::function<std::shared_ptr<Layer>()> make, Shape shape) {
    LayerCase c{std::move(label), std::move(make), std::move(shape), {}, {}};
    c.integer_inputs = std::pair{0, 5};
    return c;
  };
  return {
      {"Rescaling",
       [] { return layers::Rescaling(1.0 / 127.5, {.offset = -1.0}).ptr(); },
       {2, 3, 3, 2},
       {},
       {}},
      {"Normalization given mean and variance",
       [] {
         return layers::Normalization({.mean = std::vector<double>{0.5, -1.0, 2.0},
                                       .variance = std::vector<double>{4.0, 0.25, 1.0}})
             .ptr();
       },
       {4, 3},
       {},
       {}},
      {"Normalization inverted, scalar statistics over two axes",
       [] {
         return layers::Normalization({.axis = {1, 2},
                                       .mean = std::vector<double>{0.3},
                                       .variance = std::vector<double>{2.0},
                                       .invert = true})
             .ptr();
       },
       {2, 3, 2},
       {},
       {}},
      {"Normalization to adapt",
       [] { return layers::Normalization().ptr(); },
       {4, 3},
       {},
       {{3}, {3}, {}}},
      ids("CategoryEncoding one_hot",
          [] {
            return layers::CategoryEncoding({.num_tokens = 5, .output_mode = "one_hot"}).ptr();
          },
          {4, 1}),
      ids("CategoryEncoding multi_hot",
          [] { return layers::CategoryEncoding({.num_tokens = 6}).ptr(); }, {3, 4}),
      ids("CategoryEncoding count",
          [] { return layers::CategoryEncoding({.num_tokens = 5, .output_mode = "count"}).ptr(); },
          {3, 6}),
      {"Resizing bilinear up and down",
       [] { return layers::Resizing(5, 2).ptr(); },
       {2, 3, 4, 2},
       {},
       {}},
      {"Resizing nearest, channels_first, crop to aspect ratio",
       [] {
         return layers::Resizing(2, 3,
                                 {.interpolation = "nearest",
                                  .crop_to_aspect_ratio = true,
                                  .data_format = "channels_first"})
             .ptr();
       },
       {2, 2, 5, 4},
       {},
       {}},
      {"CenterCrop", [] { return layers::CenterCrop(2, 3).ptr(); }, {2, 5, 4, 2}, {}, {}},
      {"CenterCrop smaller than the target: resized",
       [] { return layers::CenterCrop(4, 4, {.data_format = "channels_first"}).ptr(); },
       {2, 1, 3, 5},
       {},
       {}},
  };
}

}  // namespace testing
