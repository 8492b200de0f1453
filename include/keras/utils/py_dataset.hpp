#pragma once
// `keras::utils::PyDataset`: data that arrives batch by batch (too big for memory, generated,
// or read from disk), as keras.utils.PyDataset: `size()` is the number of batches (Python's
// __len__), `get(i)` returns batch i (__getitem__), `on_epoch_end()` runs after each epoch.
//
//   struct Files : keras::utils::PyDataset {
//     std::int64_t size() const override { return 100; }
//     keras::utils::DatasetBatch get(std::int64_t i) override { return {load_x(i), load_y(i)}; }
//   };
//   model.fit(files, {.epochs = 3});
#include <cstdint>

#include "keras/models/data.hpp"

namespace keras::utils {

struct DatasetBatch {
  Data x{};
  Data y{};
  Data sample_weight{};
};

class PyDataset {
 public:
  virtual ~PyDataset() = default;
  virtual std::int64_t size() const = 0;
  virtual DatasetBatch get(std::int64_t index) = 0;
  virtual void on_epoch_end() {}
};

}  // namespace keras::utils
