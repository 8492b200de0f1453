#include "src/layers/reshaping/spatial_sides.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/argument_validation.hpp"

namespace keras::layers::detail {

namespace {

const char* ordinal(int i) {
  static const char* names[] = {"1st", "2nd", "3rd"};
  return names[i];
}

std::pair<std::int64_t, std::int64_t> as_pair(const std::vector<std::int64_t>& v) {
  return {v.at(0), v.at(1)};
}

std::string received(const SidePairs& value) {
  if (value.is_single()) return std::to_string(value.all());
  std::string s = "(";
  for (std::size_t i = 0; i < value.per_dim().size(); ++i) {
    const IntTuple& e = value.per_dim()[i];
    s += (i ? ", " : "") + (e.is_single() && e.values().size() == 1 ? std::to_string(e.values()[0])
                                                                    : tuple_string(e.values()));
  }
  return s + (value.per_dim().size() == 1 ? ",)" : ")");
}

}  // namespace

Sides standardize_sides(const SidePairs& value, int n, const std::string& arg,
                        const std::string& owner) {
  if (value.is_single()) {
    if (value.all() < 0)
      throw ValueError(owner + ": `" + arg + "` cannot be negative. Received: " + arg + "=" +
                       std::to_string(value.all()) + ".");
    return Sides(static_cast<std::size_t>(n), {value.all(), value.all()});
  }
  if (static_cast<int>(value.per_dim().size()) != n)
    throw ValueError(owner + ": `" + arg + "` should have " +
                     (n == 2 ? std::string("two") : std::to_string(n)) +
                     " elements. Received: " + arg + "=" + received(value) + ".");
  Sides out;
  for (int i = 0; i < n; ++i)
    out.push_back(as_pair(standardize_tuple(value.per_dim()[static_cast<std::size_t>(i)], 2,
                                            std::string(ordinal(i)) + " entry of " + arg, owner,
                                            /*allow_zero=*/true)));
  return out;
}

Sides standardize_sides_1d(const IntTuple& value, const std::string& arg,
                           const std::string& owner) {
  return {as_pair(standardize_tuple(value, 2, arg, owner, /*allow_zero=*/true))};
}

int first_spatial_axis(const std::string& data_format) {
  return data_format == "channels_first" ? 2 : 1;
}

Shape cropped_shape(const Shape& input_shape, const Sides& cropping, int first_axis,
                    const std::string& owner) {
  Shape out = input_shape;
  for (std::size_t i = 0; i < cropping.size(); ++i) {
    const int axis = first_axis + static_cast<int>(i);
    if (input_shape[axis] < 0) continue;
    out[axis] = input_shape[axis] - cropping[i].first - cropping[i].second;
    if (out[axis] > 0) continue;
    const std::string shapes =
        "input_shape=" + input_shape.to_string() + ", cropping=" + sides_string(cropping);
    if (cropping.size() == 1)
      throw ValueError(owner +
                       ": `cropping` parameter of `Cropping1D` layer must be smaller than the "
                       "input length. Received: " +
                       shapes);
    throw ValueError(owner +
                     ": Values in `cropping` argument should be smaller than the corresponding "
                     "spatial dimension of the input. Received: " +
                     shapes);
  }
  return out;
}

Tensor crop(const Tensor& x, const Sides& cropping, int first_axis) {
  std::vector<std::int64_t> start(static_cast<std::size_t>(x.rank()), 0);
  std::vector<std::int64_t> size = x.shape().dims();
  for (std::size_t i = 0; i < cropping.size(); ++i) {
    const auto axis = static_cast<std::size_t>(first_axis) + i;
    start[axis] = cropping[i].first;
    size[axis] -= cropping[i].first + cropping[i].second;
  }
  return ops::slice(x, start, size);
}

Shape padded_shape(const Shape& input_shape, const Sides& padding, int first_axis) {
  Shape out = input_shape;
  for (std::size_t i = 0; i < padding.size(); ++i) {
    const int axis = first_axis + static_cast<int>(i);
    if (out[axis] >= 0) out[axis] += padding[i].first + padding[i].second;
  }
  return out;
}

Tensor zero_pad(const Tensor& x, const Sides& padding, int first_axis) {
  Sides all(static_cast<std::size_t>(x.rank()), {0, 0});
  for (std::size_t i = 0; i < padding.size(); ++i)
    all[static_cast<std::size_t>(first_axis) + i] = padding[i];
  return ops::pad(x, all);
}

ConfigValue sides_to_config(const Sides& sides) {
  auto pair = [](const std::pair<std::int64_t, std::int64_t>& p) {
    return ConfigValue(ConfigValue::List{p.first, p.second});
  };
  if (sides.size() == 1) return pair(sides[0]);
  ConfigValue::List l;
  for (const auto& p : sides) l.push_back(pair(p));
  return ConfigValue(std::move(l));
}

SidePairs read_side_pairs(keras::detail::ConfigReader& r, const std::string& key,
                          const SidePairs& fallback) {
  const ConfigValue value = r.raw(key);
  if (value.is_null()) return fallback;
  if (value.is_integral()) return SidePairs(value.as_int());
  std::vector<IntTuple> per_dim;
  if (value.is_list())
    for (const auto& e : value.as_list()) {
      if (e.is_integral()) per_dim.emplace_back(e.as_int());
      else if (e.is_list()) per_dim.emplace_back(e.as_int_list());
      else break;
    }
  if (!value.is_list() || per_dim.size() != value.as_list().size())
    throw ValueError(r.owner() + ": `" + key +
                     "` must be an int or a list of ints or of pairs of ints; received " +
                     value.dump());
  return SidePairs(std::move(per_dim));
}

std::string sides_string(const Sides& sides) {
  auto pair = [](const std::pair<std::int64_t, std::int64_t>& p) {
    return tuple_string({p.first, p.second});
  };
  if (sides.size() == 1) return pair(sides[0]);
  std::string s;
  for (const auto& p : sides) s += (s.empty() ? "(" : ", ") + pair(p);
  return s + ")";
}

}  // namespace keras::layers::detail
