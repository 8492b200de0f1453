#include "src/layers/core/einsum.hpp"

#include <cctype>
#include <map>
#include <numeric>
#include <vector>

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"

namespace keras::layers::impl {

namespace {

struct Labels {
  std::string a, b, out;
};

Labels parse(const std::string& equation, const std::string& owner) {
  const auto comma = equation.find(',');
  const auto arrow = equation.find("->");
  auto bad = [&] {
    return ValueError(owner + ": cannot compute the einsum '" + equation +
                      "': expected two operands and an output of single letters, as 'ab,bc->ac'");
  };
  if (comma == std::string::npos || arrow == std::string::npos || arrow < comma) throw bad();
  Labels l{equation.substr(0, comma), equation.substr(comma + 1, arrow - comma - 1),
           equation.substr(arrow + 2)};
  for (const std::string* s : {&l.a, &l.b, &l.out})
    for (std::size_t i = 0; i < s->size(); ++i) {
      const char c = (*s)[i];
      if (!std::isalpha(static_cast<unsigned char>(c)) || s->find(c) != i) throw bad();
    }
  return l;
}

bool has(const std::string& s, char c) { return s.find(c) != std::string::npos; }

// The transpose, skipped when it would not move anything (a copy saved per call).
Tensor permuted(const Tensor& x, const std::vector<int>& perm) {
  std::vector<int> identity(perm.size());
  std::iota(identity.begin(), identity.end(), 0);
  return perm == identity ? x : ops::transpose(x, perm);
}

// Sums the axes whose label appears neither in the other operand nor in the output, and drops
// their labels.
Tensor sum_lone_axes(const Tensor& x, std::string& labels, const std::string& other,
                     const std::string& out) {
  std::vector<int> axes;
  std::string kept;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    if (!has(other, labels[i]) && !has(out, labels[i])) axes.push_back(static_cast<int>(i));
    else kept += labels[i];
  }
  labels = kept;
  return axes.empty() ? x : ops::sum(x, ops::Axes(axes));
}

}  // namespace

Tensor einsum(const std::string& equation, const Tensor& a_in, const Tensor& b_in,
              const std::string& owner) {
  Labels l = parse(equation, owner);
  auto mismatch = [&](const std::string& why) {
    return ValueError(owner + ": cannot compute the einsum '" + equation +
                      "' on operands of shape " + a_in.shape().to_string() + " and " +
                      b_in.shape().to_string() + ": " + why);
  };
  if (static_cast<int>(l.a.size()) != a_in.shape().rank() ||
      static_cast<int>(l.b.size()) != b_in.shape().rank())
    throw mismatch("the ranks do not match the equation");
  for (char c : l.out)
    if (!has(l.a, c) && !has(l.b, c))
      throw mismatch(std::string("output label '") + c + "' is in neither operand");
  Tensor a = sum_lone_axes(a_in, l.a, l.b, l.out);
  Tensor b = sum_lone_axes(b_in, l.b, l.a, l.out);

  std::map<char, std::int64_t> size;
  for (std::size_t i = 0; i < l.a.size(); ++i) size[l.a[i]] = a.shape()[static_cast<int>(i)];
  for (std::size_t i = 0; i < l.b.size(); ++i) {
    const std::int64_t d = b.shape()[static_cast<int>(i)];
    if (auto it = size.find(l.b[i]); it != size.end() && it->second != d)
      throw mismatch(std::string("label '") + l.b[i] + "' has size " + std::to_string(it->second) +
                     " in the first operand and " + std::to_string(d) + " in the second");
    size[l.b[i]] = d;
  }

  // Batch and kept labels in output order (so the last transpose moves little), contracted
  // ones in the first operand's order.
  std::string batch, a_free, b_free, contracted;
  for (char c : l.out) {
    if (has(l.a, c) && has(l.b, c)) batch += c;
    else if (has(l.a, c)) a_free += c;
    else b_free += c;
  }
  for (char c : l.a)
    if (has(l.b, c) && !has(l.out, c)) contracted += c;

  auto positions = [](const std::string& labels, const std::string& order) {
    std::vector<int> perm;
    for (char c : order) perm.push_back(static_cast<int>(labels.find(c)));
    return perm;
  };
  auto product = [&](const std::string& labels) {
    std::int64_t p = 1;
    for (char c : labels) p *= size[c];
    return p;
  };
  std::vector<std::int64_t> batch_dims;
  for (char c : batch) batch_dims.push_back(size[c]);
  auto with_batch = [&](std::initializer_list<std::int64_t> tail) {
    std::vector<std::int64_t> dims = batch_dims;
    dims.insert(dims.end(), tail);
    return Shape(dims);
  };

  const std::int64_t m = product(a_free), k = product(contracted), n = product(b_free);
  Tensor a3 =
      ops::reshape(permuted(a, positions(l.a, batch + a_free + contracted)), with_batch({m, k}));
  Tensor b3 =
      ops::reshape(permuted(b, positions(l.b, batch + contracted + b_free)), with_batch({k, n}));
  Tensor y = ops::matmul(a3, b3);

  std::vector<std::int64_t> dims = batch_dims;
  for (char c : a_free + b_free) dims.push_back(size[c]);
  y = ops::reshape(y, Shape(dims));
  return permuted(y, positions(batch + a_free + b_free, l.out));
}

}  // namespace keras::layers::impl
