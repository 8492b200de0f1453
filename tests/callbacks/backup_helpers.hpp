#pragma once
// Shared by the BackupAndRestore tests (test_backup_and_restore.cpp and
// test_backup_and_restore_keras.cpp): the model of tests/keras_oracle/generate_backup.py, a
// callback that interrupts fit as Keras's own test does. Scratch directories and file bytes
// come from io/npy_test_helpers.hpp.
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "io/npy_test_helpers.hpp"
#include "test_util.hpp"

namespace backup_test {

using namespace keras;
namespace fs = std::filesystem;
using npy_test::read_bytes;
using npy_test::TempDir;
using npy_test::write_bytes;

// What the interrupting callback throws.
struct Interruption : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws Interruption once `epochs` epochs, or `batches` batches, have ended (counted across
// fit calls of this callback, as Keras's InterruptingCallback counts).
inline callbacks::LambdaCallback interrupt_after(std::optional<int> epochs,
                                                 std::optional<int> batches = std::nullopt) {
  auto epoch_count = std::make_shared<int>(0), batch_count = std::make_shared<int>(0);
  return callbacks::LambdaCallback({.on_epoch_end =
                                        [=](int, callbacks::Logs&) {
                                          if (epochs && ++*epoch_count == *epochs)
                                            throw Interruption("EpochInterruption");
                                        },
                                    .on_train_batch_end =
                                        [=](std::int64_t, const callbacks::Logs&) {
                                          if (batches && ++*batch_count == *batches)
                                            throw Interruption("StepsInterruption");
                                        }});
}

// generate_backup.py's model: Dense(5, tanh) "hidden", Dense(2) "out"; Adam(0.05), mse, mae.
inline ModelHandle<Sequential> backup_mlp(const std::vector<Tensor>& weights) {
  utils::clear_session();
  auto model = make_model<Sequential>(
      std::vector<SequentialEntry>{Input({4}, {.name = "features"}),
                                   layers::Dense(5, {.activation = "tanh", .name = "hidden"}),
                                   layers::Dense(2, {.name = "out"})},
      ModelOptions{.name = "backup_mlp"});
  model->set_weights(weights);
  model.compile(
      {.optimizer = optimizers::Adam({.learning_rate = 0.05}), .loss = "mse", .metrics = {"mae"}});
  return model;
}

}  // namespace backup_test
