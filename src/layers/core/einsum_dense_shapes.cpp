#include "src/layers/core/einsum_dense_shapes.hpp"

#include <algorithm>
#include <cstring>
#include <map>

#include "keras/core/errors.hpp"

namespace keras::layers::impl {

namespace {

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string dim_string(std::int64_t d) { return d < 0 ? "None" : std::to_string(d); }

struct Split {
  std::string input, weight, output;
};

// One of Keras's three patterns, matched as Python's re.match does (from the start; whatever
// follows the match is ignored). "0" stands for "...": in front of the input and output
// (`lead`), or behind them (`trail`, where the input needs at least two letters).
std::optional<Split> match(const std::string& s, bool lead, bool trail) {
  std::size_t p = 0;
  auto letters = [&](std::string& out) {
    const std::size_t start = p;
    while (p < s.size() && is_letter(s[p])) ++p;
    out = s.substr(start, p - start);
    return !out.empty();
  };
  auto literal = [&](const char* text) {
    const std::size_t n = std::strlen(text);
    if (s.compare(p, n, text) != 0) return false;
    p += n;
    return true;
  };
  Split r;
  if (lead && !literal("0")) return std::nullopt;
  if (!letters(r.input) || (trail && r.input.size() < 2)) return std::nullopt;
  if (trail && !literal("0")) return std::nullopt;
  if (!literal(",") || !letters(r.weight) || !literal("->")) return std::nullopt;
  if (lead && !literal("0")) return std::nullopt;
  if (!letters(r.output)) return std::nullopt;
  if (trail && !literal("0")) return std::nullopt;
  return r;
}

// `count` letters the equation does not use, for the axes "..." stands for.
std::string spare_letters(const Split& s, int count) {
  std::string out;
  for (char c = 'a'; c <= 'z' && static_cast<int>(out.size()) < count; ++c)
    if ((s.input + s.weight + s.output).find(c) == std::string::npos) out += c;
  for (char c = 'A'; c <= 'Z' && static_cast<int>(out.size()) < count; ++c)
    if ((s.input + s.weight + s.output).find(c) == std::string::npos) out += c;
  return out;
}

}  // namespace

EinsumDenseShapes analyze_einsum_dense(const std::string& equation,
                                       const std::optional<std::string>& bias_axes,
                                       const Shape& input_shape,
                                       const std::vector<std::int64_t>& partial_output_shape,
                                       const std::string& owner) {
  // "..." becomes "0", as Keras's re.sub does (built by appending: GCC 12 misreads
  // std::string::replace here as an overlapping copy).
  std::string replaced;
  for (std::size_t i = 0; i < equation.size();) {
    if (equation.compare(i, 3, "...") == 0) {
      replaced += '0';
      i += 3;
    } else {
      replaced += equation[i++];
    }
  }
  bool left_elided = false, ellipsis = true;
  std::optional<Split> split = match(replaced, false, false);
  if (split) ellipsis = false;
  else if ((split = match(replaced, true, false))) left_elided = true;
  else split = match(replaced, false, true);
  if (!split)
    throw ValueError(owner + ": Invalid einsum equation '" + equation +
                     "'. Equations must be in the form [X],[Y]->[Z], ...[X],[Y]->...[Z], or "
                     "[X]...,[Y]->[Z]....");
  const std::string& in = split->input;
  const std::string& weight = split->weight;
  const std::string& out = split->output;
  const int rank = input_shape.rank();
  const int elided = rank - static_cast<int>(in.size());
  // Keras leaves these to fail inside its einsum call; here they fail when the layer is built.
  if (elided < 0 || (!ellipsis && elided > 0))
    throw ValueError(owner + ": the einsum equation '" + equation +
                     "' does not fit an input of rank " + std::to_string(rank) + " (input shape " +
                     input_shape.to_string() + ")");

  // The full output shape: the batch dimension, the given dims, and the input's dims that
  // "..." carries (in their order; Keras 3.15's own shape inference lists several leading ones
  // reversed, which its einsum does not do).
  std::vector<std::int64_t> output = partial_output_shape;
  output.insert(output.begin(), input_shape[0]);
  if (elided > 0 && left_elided)
    output.insert(output.begin() + 1, input_shape.dims().begin() + 1,
                  input_shape.dims().begin() + elided);
  else if (elided > 0)
    output.insert(output.end(), input_shape.dims().end() - elided, input_shape.dims().end());
  const std::size_t want = out.size() + static_cast<std::size_t>(elided);
  if (output.size() != want) {
    const std::size_t needed = partial_output_shape.size() + want - output.size();
    throw ValueError(owner + ": output_shape has " + std::to_string(partial_output_shape.size()) +
                     " dimensions, but the equation '" + equation + "' on an input of shape " +
                     input_shape.to_string() + " needs " + std::to_string(needed));
  }

  // Where each label sits in the input and in the full output.
  std::map<char, int> input_at, output_at;
  for (std::size_t i = 0; i < in.size(); ++i)
    input_at[in[i]] = left_elided ? static_cast<int>(i) + elided : static_cast<int>(i);
  for (std::size_t i = 0; i < out.size(); ++i)
    output_at[out[i]] = left_elided ? static_cast<int>(i) + elided : static_cast<int>(i);

  for (char dim : in) {
    const std::int64_t input_dim = input_shape[input_at[dim]];
    if (auto it = output_at.find(dim); it != output_at.end()) {
      const std::int64_t output_dim = output[static_cast<std::size_t>(it->second)];
      if (output_dim >= 0 && output_dim != input_dim)
        throw ValueError(owner +
                         ": Input shape and output shape do not match at shared dimension '" +
                         std::string(1, dim) + "'. Input shape is " + dim_string(input_dim) +
                         ", and output shape is " + dim_string(output_dim) + ".");
    }
  }
  for (char dim : out)
    if (in.find(dim) == std::string::npos && weight.find(dim) == std::string::npos)
      // (Keras names the output spec where it means the weight spec; its words are kept.)
      throw ValueError(owner + ": Dimension '" + std::string(1, dim) +
                       "' was specified in the output '" + out +
                       "' but has no corresponding dim in the input spec '" + in +
                       "' or weight spec '" + out + "'");

  EinsumDenseShapes r;
  std::vector<std::int64_t> kernel;
  for (std::size_t i = 0; i < weight.size(); ++i) {
    const char dim = weight[i];
    if (auto it = output_at.find(dim); it != output_at.end()) {
      kernel.push_back(output[static_cast<std::size_t>(it->second)]);
      r.output_axes.push_back(static_cast<int>(i));
    } else if (auto jt = input_at.find(dim); jt != input_at.end()) {
      kernel.push_back(input_shape[jt->second]);
      r.input_axes.push_back(static_cast<int>(i));
    } else {
      throw ValueError(owner + ": Weight dimension '" + std::string(1, dim) +
                       "' did not have a match in either the input spec '" + in +
                       "' or the output spec '" + out +
                       "'. For this layer, the weight must be fully specified.");
    }
  }
  r.kernel = Shape(kernel);

  if (bias_axes) {
    if (bias_axes->empty())
      throw ValueError(owner +
                       ": bias_axes is an empty string; give the output labels to add a "
                       "bias on, or no bias_axes for no bias");
    for (char c : *bias_axes)
      if (out.find(c) == std::string::npos)
        throw ValueError(owner + ": Bias dimension '" + std::string(1, c) +
                         "' was requested, but is not part of the output spec '" + out + "'");
    // From the first biased label to the end of the output labels: 1 where not biased, so the
    // bias broadcasts; trailing axes "..." carries get 1 too.
    std::size_t first = out.size();
    for (char c : *bias_axes) first = std::min(first, out.find(c));
    const int offset = left_elided ? elided : 0;
    std::vector<std::int64_t> bias;
    for (std::size_t i = first; i < out.size(); ++i)
      bias.push_back(bias_axes->find(out[i]) != std::string::npos
                         ? output[i + static_cast<std::size_t>(offset)]
                         : 1);
    if (!left_elided)
      for (int i = 0; i < elided; ++i) bias.push_back(1);
    r.bias = Shape(bias);
  }
  r.output = Shape(output);

  const std::string extra = spare_letters(*split, elided);
  r.explicit_equation = left_elided ? extra + in + "," + weight + "->" + extra + out
                                    : in + extra + "," + weight + "->" + out + extra;
  return r;
}

}  // namespace keras::layers::impl
