#pragma once
// `SwapEMAWeights`: evaluates (and predicts) with the optimizer's exponential moving averages of
// the weights instead of the weights themselves (keras.callbacks.SwapEMAWeights). Before
// evaluation it swaps each trainable variable with its average, in place, and swaps them back
// afterwards; with `swap_on_epoch` the averages are also in the model between epochs, so that
// callbacks such as ModelCheckpoint see them. The optimizer needs `use_ema = true` (a
// ValueError otherwise); a LossScaleOptimizer's inner optimizer is the one that holds them.
#include "keras/callbacks/callback.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

struct SwapEMAWeightsOptions {
  bool swap_on_epoch = false;
};

class SwapEMAWeightsImpl : public Callback {
 public:
  using Options = SwapEMAWeightsOptions;
  explicit SwapEMAWeightsImpl(SwapEMAWeightsOptions options = {})
      : swap_on_epoch(options.swap_on_epoch) {}

  void on_epoch_begin(int epoch, const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;
  void on_test_begin(const Logs& logs) override;
  void on_test_end(const Logs& logs) override;
  void on_predict_begin(const Logs& logs) override;
  void on_predict_end(const Logs& logs) override;

  // Whether the model holds the averages now.
  bool ema_weights_in_model() const { return ema_weights_in_model_; }

  bool swap_on_epoch;

 private:
  // Puts the averages in the model when `to_ema`, the trained weights back otherwise (each
  // swap exchanges the two, so it only runs when the state changes).
  void swap_to(bool to_ema);

  bool ema_weights_in_model_ = false;
};
KERAS_HANDLE(SwapEMAWeights);

}  // namespace keras::callbacks
