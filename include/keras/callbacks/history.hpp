#pragma once
// `History`: records the epoch logs; what `fit` returns (a handle to the HistoryImpl that
// recorded them, as Keras returns its History callback): `h->history.at("loss")`.
#include <map>
#include <string>
#include <vector>

#include "keras/core/handle.hpp"
#include "keras/callbacks/callback.hpp"

namespace keras::callbacks {

class HistoryImpl : public Callback {
 public:
  std::vector<int> epoch;  // indices of the epochs recorded
  // Metric name -> one value per epoch (an array for array-valued metrics, as in Keras).
  std::map<std::string, std::vector<LogValue>> history;

  // Keras clears `epoch` at each fit but keeps `history`: a History passed to two fit calls
  // accumulates values (fit normally makes a fresh one).
  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(int epoch_index, Logs& logs) override;
};
KERAS_HANDLE(History);

}  // namespace keras::callbacks

namespace keras {
// `History h = model.fit(...)` after `using namespace keras;` (as in the design document).
using callbacks::History;
}  // namespace keras
