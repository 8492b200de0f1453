// Harness cases of the merging layers: several inputs, equal and broadcasting shapes.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> merging_layer_cases() {
  auto merge = [](std::string label, std::function<std::shared_ptr<Layer>()> make,
                  std::vector<Shape> shapes) {
    LayerCase c{std::move(label), std::move(make), {}, {}, {}};
    c.input_shapes = std::move(shapes);
    return c;
  };
  return {
      merge("Add", [] { return layers::Add().ptr(); }, {{2, 3}, {2, 3}}),
      merge("Add three, broadcast", [] { return layers::Add().ptr(); },
            {{2, 3, 4}, {2, 1, 4}, {2, 4}}),
      merge("Subtract", [] { return layers::Subtract().ptr(); }, {{2, 3, 4}, {2, 4}}),
      merge("Multiply", [] { return layers::Multiply().ptr(); }, {{2, 3}, {2, 3}, {2, 3}}),
      merge("Average", [] { return layers::Average().ptr(); }, {{3, 2, 2}, {3, 1, 2}}),
      merge("Maximum", [] { return layers::Maximum().ptr(); }, {{2, 5}, {2, 5}}),
      merge("Minimum", [] { return layers::Minimum().ptr(); }, {{2, 5}, {2, 5}}),
      merge("Concatenate", [] { return layers::Concatenate().ptr(); }, {{2, 3}, {2, 4}}),
      merge("Concatenate axis 1", [] { return layers::Concatenate({.axis = 1}).ptr(); },
            {{2, 1, 3}, {2, 2, 3}}),
      merge("Dot", [] { return layers::Dot(1).ptr(); }, {{3, 4}, {3, 4}}),
      merge("Dot axes (2, 1) normalize",
            [] {
              return layers::Dot({2, 1}, {.normalize = true}).ptr();
            },
            {{2, 3, 4}, {2, 4, 5}}),
  };
}

}  // namespace testing
