#include "src/trainers/array_data.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "keras/core/errors.hpp"
#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "keras/core/random.hpp"

namespace keras::trainers {

namespace {

std::vector<Tensor> ordered(const Data& data, const std::vector<std::string>& names,
                            const char* what) {
  if (!data.is_dict()) return data.values();
  if (names.empty())
    throw ValueError(std::string("`") + what +
                     "` was passed as a dict, but the model has no named " + what +
                     " (use a list, or a functional model)");
  std::vector<Tensor> out;
  for (const auto& name : names) {
    bool found = false;
    for (std::size_t i = 0; i < data.keys().size(); ++i)
      if (data.keys()[i] == name) {
        out.push_back(data.values()[i]);
        found = true;
      }
    if (!found) {
      std::string keys;
      for (const auto& k : data.keys()) keys += (keys.empty() ? "'" : ", '") + k + "'";
      throw ValueError(std::string("Missing data for ") + what + " '" + name +
                       "'. Received a dict with keys [" + keys + "]");
    }
  }
  return out;
}

std::string sizes(const std::vector<Tensor>& ts) {
  std::string s;
  for (const auto& t : ts)
    s += (s.empty() ? "" : ", ") + std::to_string(t.rank() ? t.shape()[0] : 0);
  return s;
}

}  // namespace

ArrayData ArrayData::from(const Data& x, const Data& y, const Data& sample_weight,
                          const std::vector<std::string>& input_names,
                          const std::vector<std::string>& output_names) {
  ArrayData d;
  d.x = ordered(x, input_names, "inputs");
  d.y = ordered(y, output_names, "outputs");
  d.sample_weight = ordered(sample_weight, output_names, "outputs");
  if (d.x.empty()) throw ValueError("Expected input data `x`, received nothing");
  for (const auto* list : {&d.x, &d.y, &d.sample_weight})
    for (const auto& t : *list)
      if (!t.defined() || t.rank() == 0)
        throw ValueError(
            "Data arrays must have at least one dimension (the samples); received a scalar");
  d.num_samples = d.x[0].shape()[0];
  bool same = true;
  for (const auto* list : {&d.x, &d.y, &d.sample_weight})
    for (const auto& t : *list)
      if (t.shape()[0] != d.num_samples) same = false;
  if (!same) {
    std::string msg =
        "Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.";
    msg += "'x' sizes: " + sizes(d.x) + "\n";
    if (!d.y.empty()) msg += "'y' sizes: " + sizes(d.y) + "\n";
    if (!d.sample_weight.empty()) msg += "'sample_weight' sizes: " + sizes(d.sample_weight) + "\n";
    throw ValueError(msg);
  }
  return d;
}

std::pair<ArrayData, ArrayData> ArrayData::split(double fraction) const {
  if (!(fraction > 0.0 && fraction < 1.0))
    throw ValueError("`validation_split` must be between 0 and 1. Received: validation_split=" +
                     std::to_string(fraction));
  auto split_at =
      static_cast<std::int64_t>(std::floor(static_cast<double>(num_samples) * (1.0 - fraction)));
  if (split_at == 0 || split_at == num_samples)
    throw ValueError(
        "Training data contains " + std::to_string(num_samples) +
        " samples, which is not sufficient to split it into a validation and training set as "
        "specified by `validation_split=" +
        std::to_string(fraction) +
        "`. Either provide more data, or a different value for the `validation_split` argument.");
  auto part = [&](std::int64_t b, std::int64_t e) {
    Batch s = slice(b, e);
    ArrayData d;
    d.x = s.x;
    d.y = s.y;
    d.sample_weight = s.sample_weight;
    d.num_samples = e - b;
    return d;
  };
  return {part(0, split_at), part(split_at, num_samples)};
}

Batch ArrayData::slice(std::int64_t begin, std::int64_t end) const {
  Batch b;
  b.size = end - begin;
  auto cut = [&](const std::vector<Tensor>& list, std::vector<Tensor>& out) {
    for (const auto& t : list) {
      if (begin == 0 && end == t.shape()[0]) {
        out.push_back(t);
        continue;
      }
      std::vector<std::int64_t> start(static_cast<std::size_t>(t.rank()), 0);
      std::vector<std::int64_t> size = t.shape().dims();
      start[0] = begin;
      size[0] = end - begin;
      out.push_back(ops::slice(t, start, size));
    }
  };
  cut(x, b.x);
  cut(y, b.y);
  cut(sample_weight, b.sample_weight);
  return b;
}

Batch ArrayData::gather(const std::vector<std::int64_t>& rows) const {
  Batch b;
  b.size = static_cast<std::int64_t>(rows.size());
  Tensor idx = tensor<std::int64_t>(rows, Shape{b.size});
  for (const auto& t : x) b.x.push_back(ops::take(t, idx, 0));
  for (const auto& t : y) b.y.push_back(ops::take(t, idx, 0));
  for (const auto& t : sample_weight) b.sample_weight.push_back(ops::take(t, idx, 0));
  return b;
}

Tensor class_weight_to_sample_weight(const Tensor& y, const std::map<int, double>& class_weight) {
  NoGrad no_grad;
  Tensor classes;
  if (y.rank() >= 2 && y.shape()[y.rank() - 1] > 1) classes = ops::argmax(y, -1);
  else classes = ops::round(ops::reshape(ops::cast(y, DType::float64), Shape{y.shape()[0]}));
  auto labels = classes.to_vector<double>();
  std::vector<float> weights(labels.size(), 1.0f);
  for (std::size_t i = 0; i < labels.size(); ++i) {
    auto it = class_weight.find(static_cast<int>(labels[i]));
    if (it != class_weight.end()) weights[i] = static_cast<float>(it->second);
  }
  return tensor<float>(weights, Shape{static_cast<std::int64_t>(weights.size())});
}

BatchPlan::BatchPlan(std::int64_t num_samples, std::int64_t batch_size, bool shuffle)
    : n_(num_samples),
      batch_size_(batch_size),
      shuffle_(shuffle),
      rng_(random::make_default_seed()) {
  if (batch_size <= 0)
    throw ValueError("`batch_size` must be a positive integer. Received: batch_size=" +
                     std::to_string(batch_size));
  order_.resize(static_cast<std::size_t>(n_));
  std::iota(order_.begin(), order_.end(), 0);
}

std::int64_t BatchPlan::num_batches() const { return (n_ + batch_size_ - 1) / batch_size_; }

void BatchPlan::new_epoch() {
  if (shuffle_) std::shuffle(order_.begin(), order_.end(), rng_);
}

Batch BatchPlan::batch(const ArrayData& data, std::int64_t index) const {
  std::int64_t begin = index * batch_size_, end = std::min(n_, begin + batch_size_);
  if (!shuffle_) return data.slice(begin, end);
  return data.gather(std::vector<std::int64_t>(order_.begin() + begin, order_.begin() + end));
}

}  // namespace keras::trainers
