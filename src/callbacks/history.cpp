#include "keras/callbacks/history.hpp"

namespace keras::callbacks {

void HistoryImpl::on_train_begin(const Logs&) { epoch.clear(); }

void HistoryImpl::on_epoch_end(int epoch_index, Logs& logs) {
  epoch.push_back(epoch_index);
  for (const auto& [key, value] : logs) history[key].push_back(value);
}

}  // namespace keras::callbacks
