// Datasets (hdf5.hpp): read with checks against hostile shapes and storage.
#include <algorithm>
#include <limits>

#include "src/core/host_staging.hpp"
#include "src/io/hdf5/internal.hpp"

namespace keras::io::hdf5 {

namespace {

// Keras's guard against "shape bombs" (saving_lib.safe_get_h5_dataset): a dataset may declare
// a huge shape while storing almost nothing (chunked, compressed, fill value only). Above this
// size the declared bytes must stay within kMaxExpansion of the bytes on disk. Ours is lower
// than Keras's 4 GiB: no real weight compresses 1000-fold.
constexpr std::uint64_t kBombFloorBytes = std::uint64_t{64} << 20;
constexpr std::uint64_t kMaxExpansion = 1000;

}  // namespace

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

}  // namespace keras::io::hdf5
