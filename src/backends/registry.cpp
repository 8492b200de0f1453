#include <cstdlib>
#include <map>
#include <mutex>

#include "src/backends/factories.hpp"
#include "src/backends/reference/reference_backend.hpp"
#include "keras/core/errors.hpp"

namespace keras::backend {
namespace {

std::string joined_names() {
  std::string s;
  for (const auto& name : available()) s += (s.empty() ? "" : ", ") + name;
  return s;
}

struct Registry {
  std::map<std::string, std::unique_ptr<Backend>> instances;
  Backend* active = nullptr;

  std::mutex mutex;  // backends are created lazily, possibly from several threads

  Backend& instance(const std::string& name) {
    std::lock_guard lock(mutex);
    auto it = instances.find(name);
    if (it != instances.end()) return *it->second;
    for (const auto& e : compiled_backends())
      if (e.name == name) return *(instances[name] = e.make());
    throw ValueError("Unknown backend '" + name + "'. Backends compiled into this build: " +
                     joined_names());
  }
};

Registry& registry() {
  static Registry r;
  static std::once_flag once;
  std::call_once(once, [] {
    const char* env = std::getenv("KERAS_BACKEND");
    r.active = &r.instance(env && *env ? std::string(env) : compiled_backends().front().name);
  });
  return r;
}

}  // namespace

std::unique_ptr<Backend> make_reference_backend() { return std::make_unique<ReferenceBackend>(); }

Backend& current() { return *registry().active; }
std::string name() { return current().name(); }
void set_backend(const std::string& name) { registry().active = &registry().instance(name); }
Backend& get(const std::string& name) { return registry().instance(name); }
std::vector<std::string> available() {
  std::vector<std::string> names;
  for (const auto& e : compiled_backends()) names.push_back(e.name);
  return names;
}

}  // namespace keras::backend
