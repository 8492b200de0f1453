#include "keras/core/handle.hpp"

#include <cxxabi.h>

#include <cstdlib>
#include <string>

#include "keras/core/errors.hpp"

namespace keras::detail {

std::string handle_class_name(const std::type_info& type) {
  int status = 0;
  const char* mangled = type.name();
  char* demangled = abi::__cxa_demangle(mangled, nullptr, nullptr, &status);
  std::string full = status == 0 && demangled ? demangled : mangled;
  std::free(demangled);
  auto colon = full.rfind("::");
  std::string base = colon == std::string::npos ? full : full.substr(colon + 2);
  if (base.size() > 4 && base.compare(base.size() - 4, 4, "Impl") == 0)
    base.resize(base.size() - 4);
  return base;
}

void throw_empty_handle(const std::type_info& type) {
  // Where the class lives, for the example in the message: "layers::Dense", "optimizers::Adam".
  int status = 0;
  char* demangled = abi::__cxa_demangle(type.name(), nullptr, nullptr, &status);
  std::string full = status == 0 && demangled ? demangled : type.name();
  std::free(demangled);
  if (full.rfind("keras::", 0) == 0) full = full.substr(7);
  std::string cls = handle_class_name(type);
  auto colon = full.rfind("::");
  std::string qualified = colon == std::string::npos ? cls : full.substr(0, colon + 2) + cls;
  throw ValueError("This " + cls +
                   " handle holds no object (it was default-constructed or moved from); assign "
                   "it one first, e.g. `handle = " +
                   qualified + "(...)`");
}

}  // namespace keras::detail
