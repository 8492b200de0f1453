// Built against an installed keraspp by scripts/run_tests.sh: a small functional model whose
// output is known exactly, so a broken install (wrong headers, a library that does not link or
// computes something else) fails here, not in a user's project. Saving and loading weights
// pulls in the library's private HDF5 dependency, which the installed package must bring along.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>

#include <unistd.h>

#include <keras/keras.hpp>
using namespace keras;

int main() {
  auto inputs = Input({3});
  auto outputs = layers::Dense(
      2, {.activation = "relu", .kernel_initializer = "ones", .bias_initializer = "zeros"})(inputs);
  Model model(inputs, outputs);
  Tensor x = tensor<float>({1, 2, 3, -1, -2, -3}, {2, 3});
  Tensor y = model.predict(x, {.verbose = 0});
  const auto v = y.to_vector<float>();
  // Row sums 6 and -6 through relu.
  const bool ok = y.shape() == Shape({2, 2}) && v[0] == 6 && v[1] == 6 && v[2] == 0 && v[3] == 0;
  Tensor onehot = utils::to_categorical(tensor<std::int32_t>({1, 0}, {2}));
  std::printf("backend %s, predict %s, to_categorical %s\n", backend::name().c_str(),
              y.to_string().c_str(), onehot.shape().to_string().c_str());
  if (!ok || onehot.shape() != Shape({2, 2})) {
    std::printf("FAILED: expected [[6, 6], [0, 0]] and a (2, 2) one-hot\n");
    return 1;
  }

  // The weights go through a file into a model whose kernel starts at zero.
  const std::string file = (std::filesystem::temp_directory_path() /
                            ("keraspp_consumer_" + std::to_string(getpid()) + ".weights.h5"))
                               .string();
  model.save_weights(file);
  auto in2 = Input({3});
  Model copy(in2, layers::Dense(2, {.activation = "relu", .kernel_initializer = "zeros"})(in2));
  copy.load_weights(file);
  std::filesystem::remove(file);
  const auto v2 = Tensor(copy.predict(x, {.verbose = 0})).to_vector<float>();
  if (v2 != v) {
    std::printf("FAILED: the weights did not survive save_weights / load_weights\n");
    return 1;
  }
  std::printf("save_weights / load_weights OK\n");
  return 0;
}
