#pragma once
// The base of the built-in cells (SimpleRNNCell, LSTMCell, GRUCell): what they share in
// Keras. Their weights are kernel (features, gates * units), recurrent_kernel
// (units, gates * units) and bias, made from the cell's initializers, regularizers and
// constraints; their dropout masks (DropoutRNNCell) are drawn once per sequence; and their
// input projection is `dropout(x) @ kernel + input bias`, one matmul for every step.
#include <cstdint>

#include "keras/layers/rnn/dropout_rnn_cell.hpp"
#include "keras/layers/rnn/rnn_cell.hpp"

namespace keras::layers {

class DenseRNNCellImpl : public RNNCellImpl {
 public:
  void build(const Shape& input_shape) override;
  void begin_sequence(const Tensor& step_input, const Tensor& state, bool training) override;
  void end_sequence() override { dropout_.clear(); }
  Tensor project_inputs(const Tensor& sequences, bool training) override;

  std::int64_t units() const { return units_; }
  const Variable& kernel() const { return kernel_; }
  const Variable& recurrent_kernel() const { return recurrent_kernel_; }
  const Variable& bias() const { return bias_; }  // undefined without use_bias

 protected:
  // The weights' recipes, as the cells' options name them.
  struct Recipes {
    bool use_bias;
    initializers::Spec kernel_initializer, recurrent_initializer, bias_initializer;
    regularizers::Spec kernel_regularizer, recurrent_regularizer, bias_regularizer;
    constraints::Spec kernel_constraint, recurrent_constraint, bias_constraint;
  };
  template <class Options>
  DenseRNNCellImpl(std::int64_t units, std::int64_t gates, const Options& o,
                   std::string default_prefix)
      : DenseRNNCellImpl(
            units, gates, {o.name, o.trainable, o.dtype}, std::move(default_prefix),
            DropoutRNNCell(o.dropout, o.recurrent_dropout, o.seed),
            Recipes{o.use_bias, o.kernel_initializer, o.recurrent_initializer, o.bias_initializer,
                    o.kernel_regularizer, o.recurrent_regularizer, o.bias_regularizer,
                    o.kernel_constraint, o.recurrent_constraint, o.bias_constraint}) {}
  DenseRNNCellImpl(std::int64_t units, std::int64_t gates, const LayerOptions& base,
                   std::string default_prefix, DropoutRNNCell dropout, Recipes recipes);

  // The inputs (after input dropout) time-major, (time, batch, features), the time axis
  // reversed with go_backwards; and their projection, (time, batch, gates * units), what
  // project_inputs computes: the operands of a cell's whole-sequence ops.
  Tensor time_major_inputs(const Tensor& sequences, bool go_backwards) const;
  Tensor project_time_major(const Tensor& sequences, bool go_backwards) const;

  // The bias's shape and initial values: (gates * units) from bias_initializer by default.
  virtual Shape bias_shape() const { return Shape({gates_ * units_}); }
  virtual initializers::Spec bias_initializer() const { return recipes_.bias_initializer; }
  // What project_inputs adds after the kernel (the bias; GRU's reset_after: its first row).
  virtual Tensor input_bias() const { return bias_.value(); }

  std::int64_t units_, gates_;
  Recipes recipes_;
  DropoutRNNCell dropout_;
  Variable kernel_, recurrent_kernel_, bias_;
};

}  // namespace keras::layers
