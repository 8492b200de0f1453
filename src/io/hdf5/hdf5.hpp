#pragma once
// A small RAII layer over the HDF5 C library, for the Keras file formats (.weights.h5, legacy
// .h5, the weights inside .keras). Private to the library: <hdf5.h> is included only by
// src/io/hdf5/*.cpp, so neither this header nor any public one drags HDF5's macros into a user's
// build.
//
// Files are untrusted input. Every failure — a missing object, a soft or external link (Keras
// refuses those too), a dataset whose declared size is absurd, a dtype we cannot hold, a
// truncated file — becomes a keras::IOError naming the file and the object's path. HDF5's own
// error printing is switched off while these classes call into it, so nothing reaches stderr.
#include <memory>
#include <string>
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras::io::hdf5 {

// An open HDF5 identifier with the file and object path it came from; closed with the last copy.
struct Handle;

enum class Kind { missing, group, dataset, other };

// What groups and datasets share: where they are, and their attributes.
class Object {
 public:
  const std::string& file() const;
  const std::string& path() const;  // "/layers/dense/vars"

  bool has_attr(const std::string& name) const;
  // Names of all attributes, sorted.
  std::vector<std::string> attr_names() const;
  // A string attribute stored fixed- or variable-length, ASCII or UTF-8, as a scalar or a
  // one-element array (writers differ: h5py, tf.keras, Keras 1). IOError when absent or not a
  // string.
  std::string string_attr(const std::string& name) const;
  // A string-array attribute (legacy `layer_names`, `weight_names`). An empty array of any type
  // is an empty list: old Keras stored "no weights" as an empty float64 array.
  std::vector<std::string> string_array_attr(const std::string& name) const;
  // Writes `value` as a scalar variable-length UTF-8 string (what h5py writes for a Python str),
  // replacing an attribute of that name.
  void set_string_attr(const std::string& name, const std::string& value) const;
  // Writes `values` as a 1-D array of variable-length UTF-8 strings (what Keras 3 writes for the
  // legacy `layer_names` / `weight_names`), replacing an attribute of that name.
  void set_string_array_attr(const std::string& name, const std::vector<std::string>& values) const;

 protected:
  Object() = default;
  explicit Object(std::shared_ptr<Handle> handle) : handle_(std::move(handle)) {}
  std::shared_ptr<Handle> handle_;
};

class Dataset : public Object {
 public:
  Shape shape() const;
  // The dtype the data is read as by read(): float32/float64 for 4/8-byte floats,
  // int32/int64/uint8 for those integers; anything else throws IOError naming the stored type.
  DType dtype() const;
  // The data converted by HDF5 to `as` (float32, float64, int32, int64 or uint8). IOError for a
  // non-numeric dataset, or one whose declared size could not be real (see hdf5.cpp).
  Tensor read(DType as) const;
  Tensor read() const { return read(dtype()); }

 private:
  friend class Group;
  using Object::Object;
};

class Group : public Object {
 public:
  // `name` may be a path relative to this group ("layers/dense/vars"); every step must be a hard
  // link. kind() is Kind::missing when some step does not exist.
  Kind kind(const std::string& name) const;
  Group group(const std::string& name) const;
  Dataset dataset(const std::string& name) const;
  // Direct children (groups and datasets), sorted by name as HDF5 indexes them.
  std::vector<std::string> children() const;

  Group create_group(const std::string& name) const;
  // Writes `value` (float32, float64, int32, int64 or uint8) as a new dataset of its shape; a
  // `name` with '/' creates the missing groups on its way, as h5py does.
  Dataset write(const std::string& name, const Tensor& value) const;

 private:
  friend class File;
  using Object::Object;
};

class File {
 public:
  static File open_read(const std::string& path);
  // An existing file opened to add to it (the optimizer's variables after a model's weights).
  static File open_write(const std::string& path);
  // Creates a new file; fails if `path` exists (callers write to a fresh temporary name).
  static File create(const std::string& path);
  Group root() const;
  // Closes the file now, reporting failures (a final flush on a full disk) as IOError; the
  // destructor closes too but cannot report.
  void close();

 private:
  std::shared_ptr<Handle> handle_;
};

}  // namespace keras::io::hdf5
