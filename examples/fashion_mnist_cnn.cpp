// The Keras documentation's "Simple MNIST convnet", line by line in C++, on Fashion-MNIST:
// Conv2D 32 3x3 relu, MaxPooling2D, Conv2D 64 3x3 relu, MaxPooling2D, Flatten, Dropout 0.5,
// Dense 10 softmax; Adam, batch 128, 5 epochs, 10% held out for validation. Prints Keras's
// progress bar, the time of each epoch and, last, `test_accuracy=<value>`.
// The same recipe in Keras 3 is examples/keras/fashion_mnist_cnn.py.
//
// KERASPP_EPOCHS overrides the epoch count, KERASPP_SEED the seed (42).
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include <keras/keras.hpp>

using namespace keras;

int main() {
  const char* seed_env = std::getenv("KERASPP_SEED");
  utils::set_random_seed(seed_env ? std::atoi(seed_env) : 42);  // keras.utils.set_random_seed
  auto [train, test] = datasets::fashion_mnist::load_data();
  // (n, 28, 28) uint8 -> (n, 28, 28, 1) float32 in [0, 1], as the Keras example.
  Tensor x_train = ops::divide(ops::cast(ops::expand_dims(train.x, -1), "float32"), 255.0);
  Tensor x_test = ops::divide(ops::cast(ops::expand_dims(test.x, -1), "float32"), 255.0);

  Sequential model({
      Input({28, 28, 1}),
      layers::Conv2D(32, {3, 3}, {.activation = "relu"}),
      layers::MaxPooling2D({.pool_size = {2, 2}}),
      layers::Conv2D(64, {3, 3}, {.activation = "relu"}),
      layers::MaxPooling2D({.pool_size = {2, 2}}),
      layers::Flatten(),
      layers::Dropout(0.5),
      layers::Dense(10, {.activation = "softmax"}),
  });
  model.summary();

  model.compile(
      {.optimizer = "adam", .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});

  const char* epochs_env = std::getenv("KERASPP_EPOCHS");
  int epochs = epochs_env ? std::atoi(epochs_env) : 5;
  const auto start = std::chrono::steady_clock::now();
  model.fit(x_train, train.y, {.batch_size = 128, .epochs = epochs, .validation_split = 0.1});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("epoch_time_s=%.1f\n", seconds / epochs);

  auto scores = model.evaluate(x_test, test.y, {.verbose = 0});
  std::printf("test_loss=%.4f\n", scores["loss"]);
  std::printf("test_accuracy=%.4f\n", scores["accuracy"]);
  return 0;
}
