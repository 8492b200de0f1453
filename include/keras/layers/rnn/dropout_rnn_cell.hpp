#pragma once
// Keras's DropoutRNNCell: the dropout masks of a recurrent cell, one for its inputs and one for
// its recurrent state, drawn once per sequence (on the first step in training) and reused for
// every step, so a unit is dropped for the whole sequence.
#include <cstdint>
#include <optional>

#include "keras/core/random.hpp"
#include "keras/core/tensor.hpp"

namespace keras::layers {

class DropoutRNNCell {
 public:
  DropoutRNNCell(double dropout, double recurrent_dropout, std::optional<std::int64_t> seed);
  // Draws the masks for a sequence in training (rates strictly between 0 and 1, as Keras);
  // clears them otherwise.
  void draw(const Tensor& step_input, const Tensor& state, bool training);
  void clear();
  // x times the input mask (x when there is none); the mask broadcasts over a time axis.
  Tensor drop_inputs(const Tensor& x) const;
  Tensor drop_state(const Tensor& h) const;
  // The masks themselves (the step input's and the state's shapes), undefined when not
  // dropping: ConvLSTM's cell uses one row of each per gate, as Keras's does.
  const Tensor& input_mask() const { return input_mask_; }
  const Tensor& state_mask() const { return state_mask_; }

  // Keras clamps the rates to [0, 1].
  double dropout() const { return dropout_; }
  double recurrent_dropout() const { return recurrent_dropout_; }
  std::optional<std::int64_t> seed() const { return seed_; }

 private:
  double dropout_, recurrent_dropout_;
  std::optional<std::int64_t> seed_;
  random::SeedGenerator generator_;
  Tensor input_mask_, state_mask_;  // undefined when not dropping
};

}  // namespace keras::layers
