// Fuzzes the .npy reader (keras::io::load_npy) on arbitrary bytes.
#include <cstdint>

#include "fuzz_guard.hpp"
#include "keras/io/npy.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = keras::fuzz::write_input(data, size, ".npy");
  keras::fuzz::expect_only_keras_errors([&] { (void)keras::io::load_npy(path); });
  return 0;
}
