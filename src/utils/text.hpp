#pragma once
// Internal: small text helpers shared by the registries and argument checks.
#include <cctype>
#include <string>

namespace keras::utils::detail {

// ASCII lower case, as Python's str.lower() on the identifiers Keras compares (class names,
// padding modes, loss and metric names).
inline std::string to_lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace keras::utils::detail
