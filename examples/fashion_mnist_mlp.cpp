// The MLP of the Keras documentation, line by line in C++: Fashion-MNIST, Dense 512 relu,
// Dense 256 relu, Dense 10 softmax, Adam 1e-3, batch 128, 5 epochs, 10% held out for
// validation. Prints Keras's progress bar and, last, `test_accuracy=<value>`.
//
// KERASPP_EPOCHS overrides the epoch count (the test suite runs a quick 1-epoch check).
#include <cstdio>
#include <cstdlib>

#include <keras/keras.hpp>

using namespace keras;

int main() {
  utils::set_random_seed(42);  // a reproducible run (keras.utils.set_random_seed)
  auto [train, test] = datasets::fashion_mnist::load_data();
  Tensor x_train = ops::divide(ops::cast(ops::reshape(train.x, {-1, 784}), "float32"), 255.0);
  Tensor x_test = ops::divide(ops::cast(ops::reshape(test.x, {-1, 784}), "float32"), 255.0);

  Sequential model({
      Input({784}),
      layers::Dense(512, {.activation = "relu"}),
      layers::Dense(256, {.activation = "relu"}),
      layers::Dense(10, {.activation = "softmax"}),
  });
  model.summary();

  model.compile({.optimizer = optimizers::Adam({.learning_rate = 1e-3}),
                 .loss = "sparse_categorical_crossentropy",
                 .metrics = {"accuracy"}});

  const char* epochs_env = std::getenv("KERASPP_EPOCHS");
  int epochs = epochs_env ? std::atoi(epochs_env) : 5;
  History history =
      model.fit(x_train, train.y, {.batch_size = 128, .epochs = epochs, .validation_split = 0.1});

  auto scores = model.evaluate(x_test, test.y, {.verbose = 0});
  std::printf("test_loss=%.4f\n", scores["loss"]);
  std::printf("test_accuracy=%.4f\n", scores["accuracy"]);
  return 0;
}
