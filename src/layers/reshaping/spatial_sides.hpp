#pragma once
// What Cropping1D/2D/3D and ZeroPadding1D/2D/3D share (internal): their (before, after) amounts
// per spatial dim, standardized and checked as Keras's constructors do, the shapes and the
// computation, and the config form.
#include <string>
#include <utility>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/tensor.hpp"
#include "keras/layers/int_tuple.hpp"
#include "keras/layers/reshaping/side_pairs.hpp"
#include "src/core/config_reader.hpp"

namespace keras::layers::detail {

using Sides = std::vector<std::pair<std::int64_t, std::int64_t>>;

// Keras's 2-D/3-D rule: an int (not negative) for every side, or `n` entries each an int or a
// pair (standardize_tuple's "1st entry of cropping"). `arg` is "cropping" or "padding".
Sides standardize_sides(const SidePairs& value, int n, const std::string& arg,
                        const std::string& owner);
// The 1-D form: an int for both sides or a (before, after) pair.
Sides standardize_sides_1d(const IntTuple& value, const std::string& arg, const std::string& owner);

// The first spatial axis: 1 for channels_last, 2 for channels_first.
int first_spatial_axis(const std::string& data_format);

// The input shape less the cropping; a spatial dim cropped to nothing or less is Keras's
// ValueError (its Cropping1D wording for one dim, Cropping2D/3D's otherwise).
Shape cropped_shape(const Shape& input_shape, const Sides& cropping, int first_axis,
                    const std::string& owner);
Tensor crop(const Tensor& x, const Sides& cropping, int first_axis);
Shape padded_shape(const Shape& input_shape, const Sides& padding, int first_axis);
Tensor zero_pad(const Tensor& x, const Sides& padding, int first_axis);

// As Keras writes them: [[1, 1], [2, 0]]; the 1-D layers write their one pair, [1, 1].
ConfigValue sides_to_config(const Sides& sides);
SidePairs read_side_pairs(keras::detail::ConfigReader& r, const std::string& key,
                          const SidePairs& fallback);
// Python's repr, "((1, 1), (2, 0))" (or "(1, 1)" for one pair), as Keras's messages print them.
std::string sides_string(const Sides& sides);

}  // namespace keras::layers::detail
