#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#include "keras/core/errors.hpp"
#include "src/backends/factories.hpp"
#include "src/backends/reference/reference_backend.hpp"

namespace keras::backend {
namespace {

struct Registry {
  std::mutex mutex;  // backends are created lazily, possibly from several threads
  std::vector<BackendEntry> entries = compiled_backends();
  std::map<std::string, std::unique_ptr<Backend>> instances;
  Backend* active = nullptr;
  std::vector<Fallback> fallbacks;  // one entry per (backend, kernel, dtype), first seen first

  std::string joined_names() {
    std::string s;
    for (const auto& e : entries) s += (s.empty() ? "" : ", ") + e.name;
    return s;
  }

  Backend& instance(const std::string& name) {
    std::lock_guard lock(mutex);
    auto it = instances.find(name);
    if (it != instances.end()) return *it->second;
    for (const auto& e : entries)
      if (e.name == name) return *(instances[name] = e.make());
    throw ValueError("Unknown backend '" + name +
                     "'. Backends compiled into this build: " + joined_names());
  }
};

Registry& registry() {
  static Registry* r = new Registry;  // never destroyed: tensors may outlive static teardown
  static std::once_flag once;
  std::call_once(once, [] {
    const char* env = std::getenv("KERAS_BACKEND");
    r->active = &r->instance(env && *env ? std::string(env) : compiled_backends().front().name);
  });
  return *r;
}

}  // namespace

const char* kernel_name(Kernel kernel) {
  static const char* const names[] = {"fill",
                                      "cast",
                                      "copy_strided",
                                      "unary",
                                      "binary",
                                      "where",
                                      "reduce",
                                      "arg_reduce",
                                      "matmul",
                                      "conv_forward",
                                      "conv_backward_data",
                                      "conv_backward_filter",
                                      "pool_forward",
                                      "pool_backward",
                                      "gather",
                                      "scatter_add",
                                      "gates_forward",
                                      "gates_backward",
                                      "softmax",
                                      "batch_norm_forward",
                                      "batch_norm_backward"};
  return names[static_cast<int>(kernel)];
}

void Backend::copy_from(Buffer& dst, Backend& src_backend, const Buffer& src, std::size_t bytes) {
  if (src.is_host()) return write(dst, 0, src.data(), bytes);
  std::vector<unsigned char> staging(bytes);
  src_backend.read(src, 0, staging.data(), bytes);
  write(dst, 0, staging.data(), bytes);
}

std::unique_ptr<Backend> make_reference_backend() { return std::make_unique<ReferenceBackend>(); }

Backend& current() { return *registry().active; }
std::string name() { return current().name(); }
void set_backend(const std::string& name) { registry().active = &registry().instance(name); }
Backend& get(const std::string& name) { return registry().instance(name); }
std::vector<std::string> available() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<std::string> names;
  for (const auto& e : r.entries) names.push_back(e.name);
  return names;
}

void register_backend(const std::string& name, std::function<std::unique_ptr<Backend>()> make) {
  if (name.empty() || !make)
    throw ValueError("register_backend needs a name and a factory, received name='" + name + "'");
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  for (const auto& e : r.entries)
    if (e.name == name)
      throw ValueError("A backend named '" + name +
                       "' is already registered (backends: " + r.joined_names() + ")");
  r.entries.push_back({name, std::move(make)});
}

void record_fallback(const Backend& backend, Kernel kernel, DType dtype) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const std::string name = backend.name();
  for (const auto& f : r.fallbacks)
    if (f.backend == name && f.kernel == kernel && f.dtype == dtype) return;
  r.fallbacks.push_back({name, kernel, dtype});
  const bool host = backend.capabilities().host_memory;
  std::fprintf(stderr,
               "keraspp: backend '%s' does not run kernel '%s' on %s; running the reference "
               "kernel%s instead\n",
               name.c_str(), kernel_name(kernel), std::string(dtype_name(dtype)).c_str(),
               host ? "" : " on host copies");
}

std::vector<Fallback> fallbacks() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  return r.fallbacks;
}

}  // namespace keras::backend
