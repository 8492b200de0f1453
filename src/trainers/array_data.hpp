#pragma once
// In-memory training data (internal): x, y and sample weights as lists of tensors with one
// row per sample, cut into batches in order or shuffled, as Keras's array data adapter does.
#include <cstdint>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"
#include "keras/models/data.hpp"

namespace keras::trainers {

struct Batch {
  std::vector<Tensor> x, y, sample_weight{};  // sample_weight: empty or one per output
  std::int64_t size = 0;
};

struct ArrayData {
  std::vector<Tensor> x, y, sample_weight{};
  std::int64_t num_samples = 0;

  // Orders x / y / sample_weight by the model's input and output names (dicts) and checks
  // that every array has the same number of samples (Keras's "Data cardinality is ambiguous").
  static ArrayData from(const Data& x, const Data& y, const Data& sample_weight,
                        const std::vector<std::string>& input_names,
                        const std::vector<std::string>& output_names);
  // Keras's train_validation_split: the last `fraction` of the samples, before shuffling.
  std::pair<ArrayData, ArrayData> split(double fraction) const;
  // Rows [begin, end) or the given rows.
  Batch slice(std::int64_t begin, std::int64_t end) const;
  Batch gather(const std::vector<std::int64_t>& rows) const;
};

// Turns class_weight into per-sample weights (class = argmax(y) if y has a last dim > 1,
// else round(y)); classes not in the map weigh 1.
Tensor class_weight_to_sample_weight(const Tensor& y, const std::map<int, double>& class_weight);

// Batch index plans for one epoch: in order, or a fresh permutation when shuffling.
class BatchPlan {
 public:
  BatchPlan(std::int64_t num_samples, std::int64_t batch_size, bool shuffle);
  std::int64_t num_batches() const;
  // Starts an epoch (reshuffles when shuffling).
  void new_epoch();
  Batch batch(const ArrayData& data, std::int64_t index) const;

 private:
  std::int64_t n_, batch_size_;
  bool shuffle_;
  std::vector<std::int64_t> order_;
  std::mt19937_64 rng_;
};

}  // namespace keras::trainers
