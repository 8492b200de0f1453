#include "src/utils/messages.hpp"

#include <cstdio>

namespace keras::utils::detail {

void print_msg(const std::string& message) {
  std::fputs((message + "\n").c_str(), stdout);
  std::fflush(stdout);
}

void warn(const std::string& message) {
  std::fputs(("UserWarning: " + message + "\n").c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace keras::utils::detail
