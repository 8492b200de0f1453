#include "src/backends/strict/strict_backend.hpp"

#include <cstring>
#include <new>

#include "keras/core/errors.hpp"
#include "src/backends/factories.hpp"
#include "src/backends/host_allocator.hpp"

namespace keras::backend {
namespace {

[[noreturn]] void host_access() {
  throw TypeError(
      "Host access to a buffer of the 'strict' backend: its memory is reachable only through "
      "Backend::read / Backend::write (use Tensor::to_vector, a kernel, or an explicit "
      "transfer instead of a host pointer)");
}

const StrictBuffer& own(const Buffer& b, const char* what) {
  const auto* s = dynamic_cast<const StrictBuffer*>(&b);
  if (!s)
    throw ValueError(std::string("strict backend: ") + what + " was given a buffer of another " +
                     "backend (" + (b.is_host() ? "host memory" : "device memory") +
                     "); move tensors between backends with keras::backend::to_backend");
  return *s;
}

}  // namespace

// Poisoned, not zeroed: a kernel that reads memory it never wrote sees garbage on strict too.
// nothrow: a refused allocation is the keras error the other backends raise, not std::bad_alloc.
StrictBuffer::StrictBuffer(std::size_t bytes)
    : storage_(new (std::nothrow) unsigned char[bytes == 0 ? 1 : bytes]), bytes_(bytes) {
  if (!storage_) host_allocator::out_of_memory(bytes);
  std::memset(storage_.get(), 0xA5, bytes == 0 ? 1 : bytes);
}
void* StrictBuffer::data() { host_access(); }
const void* StrictBuffer::data() const { host_access(); }

bool StrictBackend::can_use(const Buffer& buffer) const {
  return dynamic_cast<const StrictBuffer*>(&buffer) != nullptr;
}

BufferPtr StrictBackend::allocate(std::size_t bytes) {
  return std::make_shared<StrictBuffer>(bytes);
}

void StrictBackend::read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) {
  const StrictBuffer& b = own(src, "read");
  check_transfer_range("strict backend read", offset, bytes, b.bytes_);
  if (bytes) std::memcpy(dst, b.storage_.get() + offset, bytes);
}

void StrictBackend::write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) {
  const StrictBuffer& b = own(dst, "write");
  check_transfer_range("strict backend write", offset, bytes, b.bytes_);
  if (bytes) std::memcpy(b.storage_.get() + offset, src, bytes);
}

std::unique_ptr<Backend> make_strict_backend() { return std::make_unique<StrictBackend>(); }

}  // namespace keras::backend
