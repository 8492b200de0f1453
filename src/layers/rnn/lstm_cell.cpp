#include "keras/layers/rnn/lstm_cell.hpp"

#include "keras/core/autodiff.hpp"
#include "keras/core/ops.hpp"
#include "src/layers/rnn/fused_gates.hpp"
#include "src/layers/rnn/rnn_config.hpp"
#include "src/layers/rnn/unit_forget_bias.hpp"

namespace keras::layers {

LSTMCellImpl::LSTMCellImpl(std::int64_t units, LSTMCellOptions options)
    : DenseRNNCellImpl(units, 4, options, "lstm_cell"), options_(std::move(options)) {}

std::vector<Tensor> LSTMCellImpl::step(const Tensor& projected, const std::vector<Tensor>& states,
                                       bool) {
  const Tensor& c_prev = states.at(1);
  const Tensor recurrent =
      ops::matmul(dropout_.drop_state(states.at(0)), recurrent_kernel_.value());
  if (fused::supported(options_, units_, {projected, recurrent, c_prev})) {
    const auto hc = ops::detail::lstm_gates(projected, recurrent, c_prev);
    return {hc[0], hc[0], hc[1]};
  }
  Tensor z = ops::add(projected, recurrent);
  const auto gates = ops::split(z, 4, 1);  // i, f, c, o
  const Tensor i = options_.recurrent_activation(gates[0]);
  const Tensor f = options_.recurrent_activation(gates[1]);
  const Tensor c =
      ops::add(ops::multiply(f, c_prev), ops::multiply(i, options_.activation(gates[2])));
  const Tensor o = options_.recurrent_activation(gates[3]);
  const Tensor h = ops::multiply(o, options_.activation(c));
  return {h, h, c};
}

std::vector<Tensor> LSTMCellImpl::run_sequence(const Tensor& sequences,
                                               const std::vector<Tensor>& states, bool go_backwards,
                                               bool) {
  const Tensor &h0 = states.at(0), &c0 = states.at(1);
  if (dropout_.state_mask().defined() || sequences.rank() != 3 || sequences.shape()[0] == 0 ||
      sequences.dtype() != h0.dtype() || kernel_.value().dtype() != h0.dtype() ||
      !fused::supported(options_, units_, {h0, c0}))
    return {};
  if (!autodiff::is_recording()) {
    // Nothing to differentiate: the backend's LSTM from the inputs (oneDNN's primitive).
    const Tensor bias = recipes_.use_bias ? input_bias() : Tensor();
    auto h = ops::detail::lstm_inference(time_major_inputs(sequences, go_backwards),
                                         kernel_.value(), recurrent_kernel_.value(),
                                         recipes_.use_bias ? &bias : nullptr, h0, c0);
    if (!h.empty()) return h;
  }
  const auto hc = ops::detail::lstm_sequence(project_time_major(sequences, go_backwards),
                                             recurrent_kernel_.value(), h0, c0);
  return {hc[0], hc[1], hc[2]};
}

initializers::Spec LSTMCellImpl::bias_initializer() const {
  if (!options_.unit_forget_bias) return options_.bias_initializer;
  return std::make_shared<detail::UnitForgetBias>(options_.bias_initializer.get(), units_);
}

ConfigValue LSTMCellImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  detail::write_cell_arguments(c, units_, options_);
  return c;
}

std::shared_ptr<Layer> LSTMCellImpl::from_config(const ConfigValue& config) {
  return detail::rnn_from_config<LSTMCellImpl>(config, "LSTMCell");
}

}  // namespace keras::layers
