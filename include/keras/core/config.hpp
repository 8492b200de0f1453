#pragma once
// Global settings, named as keras.config names them.
#include <string>

namespace keras::config {

std::string floatx();  // "float32"
void set_floatx(const std::string& dtype);
double epsilon();  // 1e-7, the fuzz factor of losses and optimizers
void set_epsilon(double value);
std::string image_data_format();  // "channels_last"
void set_image_data_format(const std::string& data_format);

// The one thread setting of the library: the number of threads BLAS and our own parallel
// loops may use (they never run at the same time). 0 = the machine's core count.
void set_num_threads(int n);
int num_threads();

}  // namespace keras::config
