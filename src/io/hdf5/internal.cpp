// The HDF5 wrapper's shared helpers (internal.hpp).
#include "src/io/hdf5/internal.hpp"

namespace keras::io::hdf5 {

namespace {
std::string kind_name(Kind k) {
  switch (k) {
    case Kind::group: return "a group";
    case Kind::dataset: return "a dataset";
    case Kind::missing: return "missing";
    default: return "neither a group nor a dataset";
  }
}

}  // namespace

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

std::shared_ptr<Handle> open_as(const Handle& at, const std::string& name, Kind want) {
  auto h = resolve(at, name);
  const std::string path = join(at.path, name);
  if (!h) fail(at.file, path, "expected " + kind_name(want) + ", but it does not exist");
  if (kind_of(*h) != want)
    fail(at.file, path, "expected " + kind_name(want) + ", received " + kind_name(kind_of(*h)));
  return h;
}

hid_t intermediate_groups_lcpl() {
  const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
  if (lcpl >= 0 && H5Pset_create_intermediate_group(lcpl, 1) < 0) {
    H5Pclose(lcpl);
    return H5I_INVALID_HID;
  }
  return lcpl;
}

}  // namespace keras::io::hdf5
