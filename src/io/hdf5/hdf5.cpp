// The HDF5 wrapper (hdf5.hpp). Every call into the C library runs under `Quiet`, which turns
// HDF5's automatic error printing off for the call and restores the caller's setting after, so
// a user's own HDF5 code keeps its handler; failures are read from HDF5's error stack into the
// IOError instead.
#include "src/io/hdf5/hdf5.hpp"

#include <hdf5.h>

#include <algorithm>
#include <filesystem>
#include <limits>

#include "src/core/host_staging.hpp"

namespace keras::io::hdf5 {

namespace {

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
std::string reason() {
  std::vector<std::string> descs;
  auto collect = [](unsigned, const H5E_error2_t* err, void* out) -> herr_t {
    if (err && err->desc && *err->desc)
      static_cast<std::vector<std::string>*>(out)->push_back(err->desc);
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, collect, &descs);
  H5Eclear2(H5E_DEFAULT);
  if (descs.empty()) return "HDF5 gave no reason";
  if (descs.size() == 1 || descs.front() == descs.back()) return descs.front();
  return descs.front() + ": " + descs.back();
}

[[noreturn]] void fail(const std::string& file, const std::string& path, const std::string& what) {
  throw IOError("HDF5 file '" + file + "'" + (path.empty() ? "" : ", object '" + path + "'") +
                ": " + what);
}

std::string join(const std::string& parent, const std::string& name) {
  return parent == "/" ? "/" + name : parent + "/" + name;
}

constexpr int kMaxRank = 32;  // H5S_MAX_RANK

// Keras's guard against "shape bombs" (saving_lib.safe_get_h5_dataset): a dataset may declare
// a huge shape while storing almost nothing (chunked, compressed, fill value only). Above this
// size the declared bytes must stay within kMaxExpansion of the bytes on disk. Ours is lower
// than Keras's 4 GiB: no real weight compresses 1000-fold.
constexpr std::uint64_t kBombFloorBytes = std::uint64_t{64} << 20;
constexpr std::uint64_t kMaxExpansion = 1000;

hid_t native_type(DType dtype) {
  switch (dtype) {
    case DType::float32: return H5T_NATIVE_FLOAT;
    case DType::float64: return H5T_NATIVE_DOUBLE;
    case DType::int32: return H5T_NATIVE_INT32;
    case DType::int64: return H5T_NATIVE_INT64;
    case DType::uint8: return H5T_NATIVE_UINT8;
    default: return H5I_INVALID_HID;
  }
}

hid_t file_type(DType dtype) {
  switch (dtype) {
    case DType::float32: return H5T_IEEE_F32LE;
    case DType::float64: return H5T_IEEE_F64LE;
    case DType::int32: return H5T_STD_I32LE;
    case DType::int64: return H5T_STD_I64LE;
    case DType::uint8: return H5T_STD_U8LE;
    default: return H5I_INVALID_HID;
  }
}

// "32-bit float", "16-bit unsigned integer", "string", ... for messages about stored types.
std::string describe_type(hid_t type) {
  const std::string bits = std::to_string(H5Tget_size(type) * 8) + "-bit ";
  switch (H5Tget_class(type)) {
    case H5T_FLOAT: return bits + "float";
    case H5T_INTEGER:
      return bits + (H5Tget_sign(type) == H5T_SGN_NONE ? "unsigned " : "signed ") + "integer";
    case H5T_STRING: return "string";
    case H5T_COMPOUND: return "compound (struct)";
    case H5T_ENUM: return "enum (h5py stores bool this way)";
    case H5T_ARRAY: return "array";
    case H5T_VLEN: return "variable-length sequence";
    case H5T_REFERENCE: return "reference";
    case H5T_OPAQUE: return "opaque";
    case H5T_BITFIELD: return "bitfield";
    case H5T_TIME: return "time";
    default: return "unknown type";
  }
}

std::vector<std::string> split(const std::string& file, const std::string& at,
                               const std::string& name) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (;;) {
    const std::size_t end = name.find('/', start);
    parts.push_back(name.substr(start, end - start));
    if (parts.back().empty() || parts.back() == "." || parts.back() == "..")
      fail(file, at, "invalid object name '" + name + "'");
    if (end == std::string::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

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

namespace {

// Opens `name` (relative, '/'-separated) under `at`, following hard links only: a soft or
// external link could point anywhere on the machine. Null when a step does not exist.
std::shared_ptr<Handle> resolve(const Handle& at, const std::string& name) {
  std::shared_ptr<Handle> cur;
  std::string path = at.path;
  for (const auto& part : split(at.file, at.path, name)) {
    if (cur && H5Iget_type(cur->id) != H5I_GROUP) return nullptr;  // "dataset/x" cannot exist
    const hid_t loc = cur ? cur->id : at.id;
    path = join(path, part);
    const htri_t exists = H5Lexists(loc, part.c_str(), H5P_DEFAULT);
    if (exists < 0) fail(at.file, path, "cannot look the object up: " + reason());
    if (exists == 0) return nullptr;
    H5L_info_t info;
    if (H5Lget_info(loc, part.c_str(), &info, H5P_DEFAULT) < 0)
      fail(at.file, path, "cannot read the link: " + reason());
    if (info.type != H5L_TYPE_HARD)
      fail(at.file, path,
           "is a soft or external link; links are not followed in files that may come from "
           "anywhere");
    const hid_t id = H5Oopen(loc, part.c_str(), H5P_DEFAULT);
    if (id < 0) fail(at.file, path, "cannot open the object: " + reason());
    cur = std::make_shared<Handle>(id, H5Oclose, at.file, path);
  }
  return cur;
}

Kind kind_of(const Handle& h) {
  switch (H5Iget_type(h.id)) {
    case H5I_GROUP: return Kind::group;
    case H5I_DATASET: return Kind::dataset;
    default: return Kind::other;
  }
}

std::string kind_name(Kind k) {
  switch (k) {
    case Kind::group: return "a group";
    case Kind::dataset: return "a dataset";
    case Kind::missing: return "missing";
    default: return "neither a group nor a dataset";
  }
}

std::shared_ptr<Handle> open_as(const Handle& at, const std::string& name, Kind want) {
  auto h = resolve(at, name);
  const std::string path = join(at.path, name);
  if (!h) fail(at.file, path, "expected " + kind_name(want) + ", but it does not exist");
  if (kind_of(*h) != want)
    fail(at.file, path, "expected " + kind_name(want) + ", received " + kind_name(kind_of(*h)));
  return h;
}

// The strings of attribute `name` of `h`, whatever the writer chose: variable- or fixed-length,
// any character set and padding, scalar or array.
std::vector<std::string> read_strings(const Handle& h, const std::string& name) {
  const std::string where = "attribute '" + name + "'";
  const htri_t exists = H5Aexists(h.id, name.c_str());
  if (exists < 0) h.fail("cannot look up " + where + ": " + reason());
  if (exists == 0) h.fail("has no " + where);
  Owned attr(H5Aopen(h.id, name.c_str(), H5P_DEFAULT), H5Aclose);
  if (attr.id < 0) h.fail("cannot open " + where + ": " + reason());
  Owned type(H5Aget_type(attr.id), H5Tclose);
  Owned space(H5Aget_space(attr.id), H5Sclose);
  if (type.id < 0 || space.id < 0) h.fail("cannot read " + where + ": " + reason());
  const hssize_t n = H5Sget_simple_extent_npoints(space.id);
  if (n < 0) h.fail("cannot read the size of " + where + ": " + reason());
  if (H5Tget_class(type.id) != H5T_STRING) {
    if (n == 0) return {};
    h.fail("expected " + where + " to hold strings, received " + describe_type(type.id));
  }
  constexpr hssize_t kMaxStrings = 1 << 24;
  if (n > kMaxStrings) h.fail(where + " holds " + std::to_string(n) + " strings, too many");
  const auto count = static_cast<std::size_t>(n);
  std::vector<std::string> out;
  const htri_t vlen = H5Tis_variable_str(type.id);
  if (vlen < 0) h.fail("cannot read the type of " + where + ": " + reason());
  if (vlen > 0) {
    Owned mem(H5Tcopy(H5T_C_S1), H5Tclose);
    if (mem.id < 0 || H5Tset_size(mem.id, H5T_VARIABLE) < 0 ||
        H5Tset_cset(mem.id, H5Tget_cset(type.id)) < 0)
      h.fail("cannot set up reading " + where + ": " + reason());
    std::vector<char*> ptrs(count, nullptr);
    if (count && H5Aread(attr.id, mem.id, ptrs.data()) < 0)
      h.fail("cannot read " + where + ": " + reason());
    for (char* p : ptrs) out.emplace_back(p ? p : "");
    if (count) H5Dvlen_reclaim(mem.id, space.id, H5P_DEFAULT, ptrs.data());
    return out;
  }
  const std::size_t size = H5Tget_size(type.id);
  constexpr std::size_t kMaxBytes = std::size_t{256} << 20;
  if (size == 0 || (count && size > kMaxBytes / count))
    h.fail(where + " declares " + std::to_string(count) + " strings of " + std::to_string(size) +
           " bytes, which is not a plausible attribute");
  std::vector<char> buf(size * count);
  Owned mem(H5Tcopy(type.id), H5Tclose);
  if (mem.id < 0 || (count && H5Aread(attr.id, mem.id, buf.data()) < 0))
    h.fail("cannot read " + where + ": " + reason());
  const bool space_pad = H5Tget_strpad(type.id) == H5T_STR_SPACEPAD;
  for (std::size_t i = 0; i < count; ++i) {
    std::string s(buf.data() + i * size, size);
    s.resize(std::min(s.size(), s.find('\0')));
    if (space_pad) s.erase(s.find_last_not_of(' ') + 1);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

// --- Object -----------------------------------------------------------------------------------

const std::string& Object::file() const { return handle_->file; }
const std::string& Object::path() const { return handle_->path; }

bool Object::has_attr(const std::string& name) const {
  Quiet quiet;
  const htri_t exists = H5Aexists(handle_->id, name.c_str());
  if (exists < 0) handle_->fail("cannot look up attribute '" + name + "': " + reason());
  return exists > 0;
}

std::vector<std::string> Object::attr_names() const {
  Quiet quiet;
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5A_info_t*, void* out) -> herr_t {
    static_cast<std::vector<std::string>*>(out)->emplace_back(name);
    return 0;
  };
  if (H5Aiterate2(handle_->id, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names) < 0)
    handle_->fail("cannot list the attributes: " + reason());
  return names;
}

std::string Object::string_attr(const std::string& name) const {
  Quiet quiet;
  auto strings = read_strings(*handle_, name);
  if (strings.size() != 1)
    handle_->fail("expected attribute '" + name + "' to hold one string, received " +
                  std::to_string(strings.size()));
  return strings.front();
}

std::vector<std::string> Object::string_array_attr(const std::string& name) const {
  Quiet quiet;
  return read_strings(*handle_, name);
}

void Object::set_string_attr(const std::string& name, const std::string& value) const {
  Quiet quiet;
  const Handle& h = *handle_;
  const std::string where = "attribute '" + name + "'";
  const htri_t exists = H5Aexists(h.id, name.c_str());
  if (exists < 0 || (exists > 0 && H5Adelete(h.id, name.c_str()) < 0))
    h.fail("cannot replace " + where + ": " + reason());
  Owned type(H5Tcopy(H5T_C_S1), H5Tclose);
  if (type.id < 0 || H5Tset_size(type.id, H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.id, H5T_CSET_UTF8) < 0)
    h.fail("cannot set up writing " + where + ": " + reason());
  Owned space(H5Screate(H5S_SCALAR), H5Sclose);
  Owned attr(H5Acreate2(h.id, name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  const char* text = value.c_str();
  if (space.id < 0 || attr.id < 0 || H5Awrite(attr.id, type.id, &text) < 0)
    h.fail("cannot write " + where + ": " + reason());
}

// --- Dataset ----------------------------------------------------------------------------------

Shape Dataset::shape() const {
  Quiet quiet;
  const Handle& h = *handle_;
  Owned space(H5Dget_space(h.id), H5Sclose);
  if (space.id < 0) h.fail("cannot read the dataset's shape: " + reason());
  const H5S_class_t cls = H5Sget_simple_extent_type(space.id);
  if (cls == H5S_SCALAR) return Shape{};
  if (cls != H5S_SIMPLE)
    h.fail("expected an array or a scalar, received an empty (null) dataspace");
  const int rank = H5Sget_simple_extent_ndims(space.id);
  if (rank < 0 || rank > kMaxRank)
    h.fail("cannot read the dataset's rank: " + (rank < 0 ? reason() : std::to_string(rank)));
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  if (H5Sget_simple_extent_dims(space.id, dims.data(), nullptr) < 0)
    h.fail("cannot read the dataset's shape: " + reason());
  // The element count must fit in int64 so Shape arithmetic cannot overflow; zero dims count
  // as 1 here so (huge, huge, 0) is refused too.
  std::vector<std::int64_t> out;
  std::uint64_t bound = 1;
  std::string text;
  for (hsize_t d : dims) text += (text.empty() ? "" : ", ") + std::to_string(d);
  for (hsize_t d : dims) {
    const std::uint64_t ud = std::max<std::uint64_t>(d, 1);
    if (bound > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / ud)
      h.fail("shape (" + text + ") has more elements than a tensor can hold");
    bound *= ud;
    out.push_back(static_cast<std::int64_t>(d));
  }
  return Shape(out);
}

DType Dataset::dtype() const {
  Quiet quiet;
  const Handle& h = *handle_;
  Owned type(H5Dget_type(h.id), H5Tclose);
  if (type.id < 0) h.fail("cannot read the dataset's type: " + reason());
  const std::size_t size = H5Tget_size(type.id);
  const H5T_class_t cls = H5Tget_class(type.id);
  if (cls == H5T_FLOAT && size == 4) return DType::float32;
  if (cls == H5T_FLOAT && size == 8) return DType::float64;
  if (cls == H5T_INTEGER) {
    const bool is_signed = H5Tget_sign(type.id) != H5T_SGN_NONE;
    if (is_signed && size == 4) return DType::int32;
    if (is_signed && size == 8) return DType::int64;
    if (!is_signed && size == 1) return DType::uint8;
  }
  h.fail(
      "unsupported dtype: expected 32- or 64-bit floats, 32- or 64-bit signed integers or "
      "8-bit unsigned integers, received " +
      describe_type(type.id));
}

Tensor Dataset::read(DType as) const {
  const Shape dims = shape();
  Quiet quiet;
  const Handle& h = *handle_;
  const hid_t mem_type = native_type(as);
  if (mem_type < 0)
    h.fail("cannot read a dataset as " + std::string(dtype_name(as)) +
           ": expected float32, float64, int32, int64 or uint8");
  Owned type(H5Dget_type(h.id), H5Tclose);
  if (type.id < 0) h.fail("cannot read the dataset's type: " + reason());
  const H5T_class_t cls = H5Tget_class(type.id);
  if (cls != H5T_FLOAT && cls != H5T_INTEGER)
    h.fail("unsupported dtype: expected numbers (floats or integers), received " +
           describe_type(type.id));

  Owned dcpl(H5Dget_create_plist(h.id), H5Pclose);
  if (dcpl.id < 0) h.fail("cannot read the dataset's storage properties: " + reason());
  if (H5Pget_external_count(dcpl.id) != 0)
    h.fail("stores its data in external files, which are not read from untrusted files");
  if (H5Pget_layout(dcpl.id) == H5D_VIRTUAL)
    h.fail("is a virtual dataset, which is not read from untrusted files");

  // Before allocating: the bytes it declares must be plausible next to what the file holds.
  const auto count = static_cast<std::uint64_t>(dims.size());
  const std::uint64_t item = std::max<std::uint64_t>(H5Tget_size(type.id), dtype_size(as));
  if (count > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) / item)
    h.fail("shape " + dims.to_string() + " has more bytes than memory can hold");
  const std::uint64_t declared = count * H5Tget_size(type.id);
  const std::uint64_t stored = H5Dget_storage_size(h.id);
  Owned file_id(H5Iget_file_id(h.id), H5Fclose);
  hsize_t file_size = 0;
  if (file_id.id < 0 || H5Fget_filesize(file_id.id, &file_size) < 0)
    h.fail("cannot read the file's size: " + reason());
  if (stored > file_size)
    h.fail("the dataset says it stores " + std::to_string(stored) + " bytes, but the file has " +
           "only " + std::to_string(file_size) + ": the file is truncated or corrupt");
  if (declared > kBombFloorBytes && declared / kMaxExpansion > stored)
    h.fail("declares " + std::to_string(declared) + " bytes of data (shape " + dims.to_string() +
           ") but stores only " + std::to_string(stored) +
           "; refusing to load a potential decompression or shape bomb");

  Tensor out = empty(dims, as);
  if (count == 0) return out;
  keras::detail::HostStaging host(out);
  if (H5Dread(h.id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, host.data()) < 0)
    h.fail("cannot read the data (a truncated or corrupt file?): " + reason());
  host.commit();
  return out;
}

// --- Group ------------------------------------------------------------------------------------

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
  const hid_t id = H5Dcreate2(handle_->id, name.c_str(), file_type(value.dtype()), space.id,
                              H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (id < 0) fail(handle_->file, path, "cannot create the dataset: " + reason());
  auto h = std::make_shared<Handle>(id, H5Dclose, handle_->file, path);
  if (value.size() > 0 && H5Dwrite(id, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, host.data()) < 0)
    h->fail("cannot write the data: " + reason());
  return Dataset(h);
}

// --- File -------------------------------------------------------------------------------------

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
