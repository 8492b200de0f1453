#pragma once
// Internal: how the library talks to the user. `print_msg` writes a line to stdout (Keras's
// io_utils.print_msg); `warn` writes "UserWarning: ..." to stderr, like Python's warnings.
#include <string>

namespace keras::utils::detail {

void print_msg(const std::string& message);
void warn(const std::string& message);

}  // namespace keras::utils::detail
