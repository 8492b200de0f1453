#include "src/utils/text.hpp"
#include "src/layers/argument_validation.hpp"

#include <algorithm>
#include <cctype>

#include "keras/core/config.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/shape.hpp"

namespace keras::layers {

std::string tuple_string(const std::vector<std::int64_t>& values) {
  // Not Shape::to_string, which prints negative values as None.
  std::string s = "(";
  for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
  return s + (values.size() == 1 ? ",)" : ")");
}

std::vector<std::int64_t> standardize_tuple(const IntTuple& value, int n, const std::string& name,
                                            const std::string& owner, bool allow_zero) {
  const auto& v = value.values();
  const std::string given =
      value.is_single() && v.size() == 1 ? std::to_string(v[0]) : tuple_string(v);
  std::string message = owner + ": The `" + name + "` argument must be a tuple of " +
                        std::to_string(n) + " integers. Received " + name + "=" + given;
  if (!value.is_single() && static_cast<int>(v.size()) != n) throw ValueError(message);
  std::vector<std::int64_t> out =
      value.is_single() ? std::vector<std::int64_t>(static_cast<std::size_t>(n), v.at(0)) : v;
  std::vector<std::int64_t> bad;
  for (std::int64_t x : out)
    if ((allow_zero ? x < 0 : x <= 0) && std::find(bad.begin(), bad.end(), x) == bad.end())
      bad.push_back(x);
  if (!bad.empty()) {
    std::string set;
    for (std::int64_t x : bad) set += (set.empty() ? "" : ", ") + std::to_string(x);
    throw ValueError(message + ", including values {" + set + "} that do not satisfy `value " +
                     (allow_zero ? ">= 0" : "> 0") + "`");
  }
  return out;
}

std::string standardize_padding(const std::string& padding, bool allow_causal,
                                const std::string& owner) {
  const std::string p = keras::utils::detail::to_lower(padding);
  if (p == "valid" || p == "same" || (allow_causal && p == "causal")) return p;
  throw ValueError(owner + ": The `padding` argument must be a list/tuple or one of " +
                   (allow_causal ? "{'valid', 'same', 'causal'}" : "{'valid', 'same'}") +
                   ". Received: " + padding);
}

}  // namespace keras::layers
