// Fuzzes the .keras archive reader (models::load_model on a .keras file): the zip layer
// (libzip, entry names, size limits), config.json, the compile config, and the model.weights.h5
// entry's presence. The weights entry itself is HDF5, which is not fuzzed: libhdf5 1.10.8
// segfaults on some corrupted metadata, below anything a wrapper can check, so mutated HDF5
// bytes would report libhdf5's bugs, not ours (tests/io/test_weights_h5.cpp covers hostile
// .weights.h5 files made with h5py instead).
#include <cstdint>

#include "fuzz_guard.hpp"
#include "keras/models/models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = keras::fuzz::write_input(data, size, ".keras");
  keras::fuzz::expect_only_keras_errors([&] { (void)keras::models::load_model(path); });
  return 0;
}
