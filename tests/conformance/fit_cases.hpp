#pragma once
// The C++ side of tests/keras_oracle/generate_fit.py: for each case id, the same architecture
// (same layer names, so weights load by name) and the same compile arguments as the Python.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <keras/keras.hpp>

namespace conformance {

struct FitCase {
  std::shared_ptr<keras::Model> model;
  keras::CompileOptions compile;
  // Given to fit, fresh for each run (generate_fit.py passes the same ones).
  std::vector<keras::callbacks::Spec> callbacks{};
};

// Case id -> a fresh model and its compile options.
const std::map<std::string, std::function<FitCase()>>& fit_cases();

}  // namespace conformance
