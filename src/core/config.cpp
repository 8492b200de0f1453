#include "keras/core/config.hpp"

#include <thread>

#include "keras/backends/backend.hpp"
#include "src/backends/threading.hpp"
#include "keras/core/dtype.hpp"
#include "keras/core/errors.hpp"

namespace keras::config {
namespace {
std::string g_floatx = "float32";
double g_epsilon = 1e-7;
std::string g_data_format = "channels_last";
}  // namespace

std::string floatx() { return g_floatx; }
void set_floatx(const std::string& dtype) {
  if (dtype != "float32" && dtype != "float64")
    throw ValueError("Unknown `floatx` value: " + dtype + ". Expected one of float32, float64");
  g_floatx = dtype;
}
double epsilon() { return g_epsilon; }
void set_epsilon(double value) { g_epsilon = value; }
std::string image_data_format() { return g_data_format; }
void set_image_data_format(const std::string& f) {
  if (f != "channels_last" && f != "channels_first")
    throw ValueError(
        "The `data_format` argument must be one of {'channels_first', "
        "'channels_last'}. Received: data_format=" +
        f);
  g_data_format = f;
}

void set_num_threads(int n) {
  if (n < 0) throw ValueError("set_num_threads expects n >= 0, received " + std::to_string(n));
  backend::threading::set_num_threads(n == 0 ? static_cast<int>(std::thread::hardware_concurrency())
                                             : n);
}
int num_threads() { return backend::threading::num_threads(); }

}  // namespace keras::config
