#include "keras/utils/naming.hpp"

#include <map>
#include <mutex>

namespace keras::utils {

namespace {
std::mutex& names_mutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, int>& name_counts() {
  static std::map<std::string, int> counts;
  return counts;
}
}  // namespace

std::string auto_name(const std::string& prefix) {
  std::lock_guard<std::mutex> lock(names_mutex());
  int n = name_counts()[prefix]++;
  return n == 0 ? prefix : prefix + "_" + std::to_string(n);
}

void clear_session() {
  std::lock_guard<std::mutex> lock(names_mutex());
  name_counts().clear();
}

}  // namespace keras::utils
