// Fashion-MNIST read by a recurrent network: each image is 28 time steps (its rows) of 28
// features, LSTM(128) reads them and Dense 10 softmax classifies its last output; Adam, batch
// 128, 5 epochs, 10% held out for validation. Prints Keras's progress bar, the time of each
// epoch and, last, `test_accuracy=<value>`.
// The same recipe in Keras 3 is examples/keras/fashion_mnist_lstm.py.
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
  // (n, 28, 28) uint8 -> float32 in [0, 1]: (batch, time, features).
  Tensor x_train = ops::divide(ops::cast(train.x, "float32"), 255.0);
  Tensor x_test = ops::divide(ops::cast(test.x, "float32"), 255.0);

  Sequential model({
      Input({28, 28}),
      layers::LSTM(128),
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
