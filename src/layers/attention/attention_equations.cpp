#include "src/layers/attention/attention_equations.hpp"

#include <algorithm>

namespace keras::layers::impl {

namespace {
char letter(int i) { return static_cast<char>('a' + i); }
bool contains(const std::vector<int>& v, int x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}
}  // namespace

ProjectionEquation build_proj_equation(int free_dims, int bound_dims, int output_dims) {
  std::string input, kernel, output, bias;
  int next = 0;
  for (int i = 0; i < free_dims; ++i, ++next) {
    input += letter(next);
    output += letter(next);
  }
  for (int i = 0; i < bound_dims; ++i, ++next) {
    input += letter(next);
    kernel += letter(next);
  }
  for (int i = 0; i < output_dims; ++i, ++next) {
    kernel += letter(next);
    output += letter(next);
    bias += letter(next);
  }
  return {input + "," + kernel + "->" + output, bias, static_cast<int>(output.size())};
}

AttentionEquations build_attention_equation(int rank, const std::vector<int>& attention_axes) {
  std::string target;
  for (int i = 0; i < rank; ++i) target += letter(i);
  // Batch dims: every axis but the attention axes and the channels (so the heads axis too).
  std::vector<int> batch;
  for (int i = 0; i < rank; ++i)
    if (!contains(attention_axes, i) && i != rank - 1) batch.push_back(i);
  // The key / value side: the same letters but fresh ones on the attention axes.
  std::string source;
  int next = rank;
  for (int i = 0; i < rank; ++i)
    source += (contains(batch, i) || i == rank - 1) ? target[static_cast<std::size_t>(i)]
                                                    : letter(next++);
  std::string product;
  for (int i : batch) product += target[static_cast<std::size_t>(i)];
  for (int i : attention_axes) product += target[static_cast<std::size_t>(i)];
  for (int i : attention_axes) product += source[static_cast<std::size_t>(i)];
  return {source + "," + target + "->" + product, product + "," + source + "->" + target,
          static_cast<int>(product.size())};
}

}  // namespace keras::layers::impl
