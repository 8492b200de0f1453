// Groups and files (hdf5.hpp).
#include <filesystem>

#include "src/core/host_staging.hpp"
#include "src/io/hdf5/internal.hpp"

namespace keras::io::hdf5 {

Kind Group::kind(const std::string& name) const {
  Quiet quiet;
  auto h = resolve(*handle_, name);
  return h ? kind_of(*h) : Kind::missing;
}

Group Group::group(const std::string& name) const {
  Quiet quiet;
  return Group(open_as(*handle_, name, Kind::group));
}

Dataset Group::dataset(const std::string& name) const {
  Quiet quiet;
  return Dataset(open_as(*handle_, name, Kind::dataset));
}

std::vector<std::string> Group::children() const {
  Quiet quiet;
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  if (H5Literate(handle_->id, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names) < 0)
    handle_->fail("cannot list the group's members: " + reason());
  return names;
}

Group Group::create_group(const std::string& name) const {
  Quiet quiet;
  const std::string path = join(handle_->path, name);
  split(handle_->file, handle_->path, name);  // rejects empty components
  const hid_t id = H5Gcreate2(handle_->id, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail(handle_->file, path, "cannot create the group: " + reason());
  return Group(std::make_shared<Handle>(id, H5Gclose, handle_->file, path));
}

Dataset Group::write(const std::string& name, const Tensor& value) const {
  Quiet quiet;
  const std::string path = join(handle_->path, name);
  const hid_t mem_type = native_type(value.dtype());
  if (mem_type < 0)
    fail(handle_->file, path,
         "cannot write " + std::string(dtype_name(value.dtype())) +
             " data: expected float32, float64, int32, int64 or uint8");
  const keras::detail::HostView host(value);
  std::vector<hsize_t> dims;
  for (auto d : value.shape()) dims.push_back(static_cast<hsize_t>(d));
  Owned space(dims.empty() ? H5Screate(H5S_SCALAR)
                           : H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr),
              H5Sclose);
  if (space.id < 0) fail(handle_->file, path, "cannot create the dataspace: " + reason());
  split(handle_->file, handle_->path, name);  // rejects empty components
  Owned lcpl(intermediate_groups_lcpl(), H5Pclose);
  if (lcpl.id < 0) fail(handle_->file, path, "cannot set up the dataset's links: " + reason());
  const hid_t id = H5Dcreate2(handle_->id, name.c_str(), file_type(value.dtype()), space.id,
                              lcpl.id, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail(handle_->file, path, "cannot create the dataset: " + reason());
  auto h = std::make_shared<Handle>(id, H5Dclose, handle_->file, path);
  if (value.size() > 0 && H5Dwrite(id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, host.data()) < 0)
    h->fail("cannot write the data: " + reason());
  return Dataset(h);
}

File File::open_read(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) fail(path, "", "no such file");
  if (std::filesystem::is_directory(path, ec))
    fail(path, "", "expected a file, received a directory");
  Quiet quiet;
  const htri_t is_hdf5 = H5Fis_hdf5(path.c_str());
  if (is_hdf5 == 0) fail(path, "", "not an HDF5 file (no HDF5 signature found)");
  if (is_hdf5 < 0) fail(path, "", "cannot read the file: " + reason());
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (id < 0) fail(path, "", "cannot open the file (truncated or corrupt?): " + reason());
  File f;
  f.handle_ = std::make_shared<Handle>(id, H5Fclose, path, "/");
  return f;
}

File File::open_write(const std::string& path) {
  File f = open_read(path);  // the same checks (exists, a file, HDF5), then reopen writable
  f.handle_.reset();
  Quiet quiet;
  const hid_t id = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
  if (id < 0) fail(path, "", "cannot open the file for writing: " + reason());
  f.handle_ = std::make_shared<Handle>(id, H5Fclose, path, "/");
  return f;
}

File File::create(const std::string& path) {
  Quiet quiet;
  const hid_t id = H5Fcreate(path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail(path, "", "cannot create the file: " + reason());
  File f;
  f.handle_ = std::make_shared<Handle>(id, H5Fclose, path, "/");
  return f;
}

Group File::root() const {
  Quiet quiet;
  const hid_t id = H5Gopen2(handle_->id, "/", H5P_DEFAULT);
  if (id < 0) handle_->fail("cannot open the root group: " + reason());
  return Group(std::make_shared<Handle>(id, H5Gclose, handle_->file, "/"));
}

void File::close() {
  if (!handle_) return;
  Quiet quiet;
  const hid_t id = handle_->id;
  handle_->id = H5I_INVALID_HID;  // closed (or failed) here, never again by the destructor
  const std::string file = handle_->file;
  handle_.reset();
  if (H5Fflush(id, H5F_SCOPE_GLOBAL) < 0) {
    const std::string why = reason();
    H5Fclose(id);
    fail(file, "", "cannot write the file: " + why);
  }
  if (H5Fclose(id) < 0) fail(file, "", "cannot close the file: " + reason());
}

}  // namespace keras::io::hdf5
