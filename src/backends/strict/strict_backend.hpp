#pragma once
// `strict`: a backend made for testing the seam a device backend (CUDA) will use. Its buffers
// are not host memory to the core: `data()` throws, and their bytes move only through
// `read` / `write`. Every kernel runs the reference kernel on host copies (StagedBackend), so
// results equal the reference backend's, and any core or layer code that reaches for a host
// pointer instead of a kernel or a transfer fails loudly when the suite runs on `strict`.
#include <memory>

#include "src/backends/staged_backend.hpp"

namespace keras::backend {

class StrictBuffer final : public Buffer {
 public:
  explicit StrictBuffer(std::size_t bytes);
  bool is_host() const override { return false; }
  void* data() override;
  const void* data() const override;
  std::size_t bytes() const override { return bytes_; }

 private:
  friend class StrictBackend;
  std::unique_ptr<unsigned char[]> storage_;
  std::size_t bytes_;
};

class StrictBackend : public StagedBackend {
 public:
  std::string name() const override { return "strict"; }
  Capabilities capabilities() const override { return {.host_memory = false}; }
  bool can_use(const Buffer& buffer) const override;
  BufferPtr allocate(std::size_t bytes) override;
  void read(const Buffer& src, std::size_t offset, void* dst, std::size_t bytes) override;
  void write(Buffer& dst, std::size_t offset, const void* src, std::size_t bytes) override;
};

}  // namespace keras::backend
