#pragma once
// What the HDF5 wrapper's files share (src/io/hdf5/*.cpp only: includes <hdf5.h>).
#include <hdf5.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "src/io/hdf5/hdf5.hpp"

namespace keras::io::hdf5 {

// Every call into the C library runs under `Quiet`, which turns HDF5's automatic error printing
// off for the call and restores the caller's setting after, so a user's own HDF5 code keeps its
// handler; failures are read from HDF5's error stack into the IOError instead.
class Quiet {
 public:
  Quiet() {
    H5Eget_auto2(H5E_DEFAULT, &func_, &data_);
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
  ~Quiet() { H5Eset_auto2(H5E_DEFAULT, func_, data_); }
  Quiet(const Quiet&) = delete;
  Quiet& operator=(const Quiet&) = delete;

 private:
  H5E_auto2_t func_ = nullptr;
  void* data_ = nullptr;
};

// A temporary identifier (type, dataspace, property list, attribute) closed on scope exit.
struct Owned {
  hid_t id;
  herr_t (*close)(hid_t);
  Owned(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {}
  ~Owned() {
    if (id >= 0) close(id);
  }
  Owned(const Owned&) = delete;
  Owned& operator=(const Owned&) = delete;
};

// HDF5's explanation of the last failure, outermost call first and innermost cause last
// ("unable to open file: file signature not found"); clears the stack.
std::string reason();
[[noreturn]] void fail(const std::string& file, const std::string& path, const std::string& what);
std::string join(const std::string& parent, const std::string& name);

constexpr int kMaxRank = 32;  // H5S_MAX_RANK

hid_t native_type(DType dtype);
hid_t file_type(DType dtype);
// "32-bit float", "16-bit unsigned integer", "string", ... for messages about stored types.
std::string describe_type(hid_t type);
// `name`'s '/'-separated components; IOError for an empty, "." or ".." component.
std::vector<std::string> split(const std::string& file, const std::string& at,
                               const std::string& name);

struct Handle {
  hid_t id;
  herr_t (*close)(hid_t);
  std::string file, path;
  Handle(hid_t i, herr_t (*c)(hid_t), std::string f, std::string p)
      : id(i), close(c), file(std::move(f)), path(std::move(p)) {}
  ~Handle() {
    if (id < 0) return;
    Quiet quiet;
    close(id);
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  [[noreturn]] void fail(const std::string& what) const { hdf5::fail(file, path, what); }
};

// Opens `name` (relative, '/'-separated) under `at`, following hard links only: a soft or
// external link could point anywhere on the machine. Null when a step does not exist.
std::shared_ptr<Handle> resolve(const Handle& at, const std::string& name);
Kind kind_of(const Handle& h);
std::shared_ptr<Handle> open_as(const Handle& at, const std::string& name, Kind want);
// A link creation property list that creates missing intermediate groups (as h5py does for
// `create_dataset("a/b/c")`).
hid_t intermediate_groups_lcpl();

}  // namespace keras::io::hdf5
