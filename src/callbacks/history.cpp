#include "keras/callbacks/history.hpp"

namespace keras::callbacks {

void History::on_train_begin(const Logs&) { epoch.clear(); }

void History::on_epoch_end(int epoch_index, Logs& logs) {
  epoch.push_back(epoch_index);
  for (const auto& [key, value] : logs) history[key].push_back(value);
}

}  // namespace keras::callbacks
