#pragma once
// `MonitorCallback`: the shared base of callbacks that watch one logged quantity and decide
// whether it improved (EarlyStopping; later ModelCheckpoint, ReduceLROnPlateau), as in Keras 3.
#include <optional>
#include <string>

#include "keras/callbacks/callback.hpp"

namespace keras::callbacks {

class MonitorCallback : public Callback {
 public:
  std::string monitor;
  std::string mode{};  // "auto", "min" or "max" (an unknown one falls back to "auto")
  std::optional<double> best;
  double min_delta;  // |min_delta|, negated once the direction resolves to "min"

 protected:
  MonitorCallback(std::string class_name, std::string monitor, std::string mode,
                  std::optional<double> baseline, double min_delta);

  bool monitor_op_set() const { return op_ != Op::unset; }
  // Resolves the direction. "auto" means min for "loss"/"val_loss" and the direction of the
  // Keras metric of that name (accuracy, auc, ... max; mae, crossentropy, ... min); a name with
  // no known direction is a ValueError, as in Keras.
  void set_monitor_op();
  // Keras compares in float32 (its ops turn Python floats into float32 tensors).
  bool is_improvement(double monitor_value, std::optional<double> reference_value) const;
  // The monitored log value as a number. An array of several elements is a ValueError: Keras
  // compares it with the best value and fails on the array's ambiguous truth value.
  double monitored_number(const LogValue& value) const;

  const std::string& class_name() const { return class_name_; }

 private:
  enum class Op { unset, less, greater };
  Op op_ = Op::unset;
  std::string class_name_;
};

}  // namespace keras::callbacks
