// Attributes of groups and datasets (hdf5.hpp's Object): strings as every Keras generation
// stored them, and the ones Keras writes.
#include <algorithm>

#include "src/io/hdf5/internal.hpp"

namespace keras::io::hdf5 {

namespace {

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

namespace {

// Writes `count` variable-length UTF-8 strings (a scalar when `scalar`) as attribute `name`.
void write_strings(const Handle& h, const std::string& name, const std::vector<const char*>& texts,
                   bool scalar) {
  const std::string where = "attribute '" + name + "'";
  const htri_t exists = H5Aexists(h.id, name.c_str());
  if (exists < 0 || (exists > 0 && H5Adelete(h.id, name.c_str()) < 0))
    h.fail("cannot replace " + where + ": " + reason());
  Owned type(H5Tcopy(H5T_C_S1), H5Tclose);
  if (type.id < 0 || H5Tset_size(type.id, H5T_VARIABLE) < 0 ||
      H5Tset_cset(type.id, H5T_CSET_UTF8) < 0)
    h.fail("cannot set up writing " + where + ": " + reason());
  const hsize_t count = texts.size();
  Owned space(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr), H5Sclose);
  Owned attr(H5Acreate2(h.id, name.c_str(), type.id, space.id, H5P_DEFAULT, H5P_DEFAULT), H5Aclose);
  if (space.id < 0 || attr.id < 0 ||
      (!texts.empty() && H5Awrite(attr.id, type.id, texts.data()) < 0))
    h.fail("cannot write " + where + ": " + reason());
}

}  // namespace

void Object::set_string_attr(const std::string& name, const std::string& value) const {
  Quiet quiet;
  write_strings(*handle_, name, {value.c_str()}, /*scalar=*/true);
}

void Object::set_string_array_attr(const std::string& name,
                                   const std::vector<std::string>& values) const {
  Quiet quiet;
  std::vector<const char*> texts;
  for (const auto& v : values) texts.push_back(v.c_str());
  write_strings(*handle_, name, texts, /*scalar=*/false);
}

}  // namespace keras::io::hdf5
