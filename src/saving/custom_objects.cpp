#include "src/saving/custom_objects.hpp"

#include <algorithm>

namespace keras::saving {

namespace {

// Per thread, as Keras keeps its scope dict in thread-local global state: a scope opened while
// loading on one thread does not leak into another thread's loads.
std::vector<const CustomObjects*>& scopes() {
  thread_local std::vector<const CustomObjects*> stack;
  return stack;
}

template <class Factory>
const Factory* find_innermost(const std::string& name,
                              std::map<std::string, Factory> CustomObjects::*kind) {
  const auto& stack = scopes();
  for (auto it = stack.rbegin(); it != stack.rend(); ++it) {
    const auto& map = (*it)->*kind;
    if (auto found = map.find(name); found != map.end()) return &found->second;
  }
  return nullptr;
}

}  // namespace

CustomObjectScope::CustomObjectScope(CustomObjects objects) : objects_(std::move(objects)) {
  scopes().push_back(&objects_);
}

CustomObjectScope::~CustomObjectScope() {
  // Scopes are RAII objects, so they close in reverse order of opening.
  auto& stack = scopes();
  if (auto it = std::find(stack.begin(), stack.end(), &objects_); it != stack.end())
    stack.erase(it);
}

namespace detail {

const LayerFactory* find_scoped_layer(const std::string& name) {
  return find_innermost(name, &CustomObjects::layers);
}
const LossFactory* find_scoped_loss(const std::string& name) {
  return find_innermost(name, &CustomObjects::losses);
}
const MetricFactory* find_scoped_metric(const std::string& name) {
  return find_innermost(name, &CustomObjects::metrics);
}

std::vector<std::string> scoped_layer_names() {
  std::vector<std::string> names;
  for (const auto* objects : scopes())
    for (const auto& [name, factory] : objects->layers)
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  return names;
}

}  // namespace detail

}  // namespace keras::saving
