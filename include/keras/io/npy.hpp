#pragma once
// keras::io — NumPy's .npy format (numpy.lib.format), so tensors move to and from
// numpy.save / numpy.load without a conversion step.
#include <string>

#include "keras/core/tensor.hpp"

namespace keras::io {

// Writes `x` as a C-order .npy file (format 1.0, or 2.0 when the header needs it), in the
// host's byte order. Atomic: the data goes to `path + ".tmp"`, which is renamed over `path`
// only once fully written, so readers never see a half-written file. Throws IOError.
void save_npy(const std::string& path, const Tensor& x);

// Reads a .npy file of format 1.0, 2.0 or 3.0 holding float32, float64, int32, int64, uint8
// or bool in either byte order (big-endian data is converted). Anything else — another dtype,
// fortran_order=True, a malformed or hostile header, truncated data — throws IOError naming
// the file and what was expected versus found.
Tensor load_npy(const std::string& path);

}  // namespace keras::io
