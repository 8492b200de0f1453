#include "keras/callbacks/save_freq.hpp"

#include <string>

#include "keras/core/errors.hpp"

namespace keras::callbacks {

SaveFreq::SaveFreq(const char* epoch) {
  if (!epoch || std::string(epoch) != "epoch")
    throw ValueError(std::string("Unrecognized save_freq: ") + (epoch ? epoch : "None") +
                     ". Expected save_freq are 'epoch' or integer values");
}

SaveFreq::SaveFreq(std::int64_t batches) : batches_(batches) {
  if (batches <= 0)
    throw ValueError("Unrecognized save_freq: " + std::to_string(batches) +
                     ". Expected save_freq are 'epoch' or integer values");
}

}  // namespace keras::callbacks
