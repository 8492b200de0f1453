#pragma once
// keras.datasets.fashion_mnist, read from the files of the Debian package
// dataset-fashion-mnist (nothing is downloaded):
//   auto [train, test] = keras::datasets::fashion_mnist::load_data();
//   train.x: uint8 (60000, 28, 28), train.y: uint8 (60000,) labels 0-9; test: 10000 of each.
#include <string>
#include <utility>

#include "keras/core/tensor.hpp"

namespace keras::datasets::fashion_mnist {

struct Split {
  Tensor x;  // uint8 images (N, 28, 28)
  Tensor y;  // uint8 labels (N,), as Keras returns them
};

inline constexpr const char* kDefaultDirectory = "/usr/share/datasets/fashion-mnist";

// Reads the four gzipped IDX files (train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz,
// t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz) from the environment variable
// KERAS_FASHION_MNIST_DIR when it is set and not empty, else from kDefaultDirectory.
std::pair<Split, Split> load_data();
// Reads them from `directory`. A missing file, or a corrupt or truncated one, is a keras::IOError
// naming the file and what is wrong.
std::pair<Split, Split> load_data(const std::string& directory);

}  // namespace keras::datasets::fashion_mnist
