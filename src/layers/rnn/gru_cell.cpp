#include "keras/layers/rnn/gru_cell.hpp"

#include "keras/core/ops.hpp"
#include "src/layers/rnn/fused_gates.hpp"
#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

GRUCellImpl::GRUCellImpl(std::int64_t units, GRUCellOptions options)
    : DenseRNNCellImpl(units, 3, options, "gru_cell"), options_(std::move(options)) {}

void GRUCellImpl::begin_sequence(const Tensor& step_input, const Tensor& state, bool training) {
  DenseRNNCellImpl::begin_sequence(step_input, state, training);
  // Sliced once per sequence, not per step.
  if (!options_.reset_after) {
    const auto columns =
        ops::split(recurrent_kernel_.value(), std::vector<std::int64_t>{2 * units_}, 1);
    recurrent_zr_ = columns[0];
    recurrent_h_ = columns[1];
  } else if (recipes_.use_bias) {
    recurrent_bias_ = ops::squeeze(ops::slice(bias_.value(), {1, 0}, {1, 3 * units_}), 0);
  }
}

void GRUCellImpl::end_sequence() {
  DenseRNNCellImpl::end_sequence();
  recurrent_zr_ = recurrent_h_ = recurrent_bias_ = Tensor();
}

std::vector<Tensor> GRUCellImpl::step(const Tensor& projected, const std::vector<Tensor>& states,
                                      bool) {
  const Tensor& h_prev = states.at(0);
  const Tensor h_dropped = dropout_.drop_state(h_prev);
  Tensor z, r, hh;
  if (options_.reset_after) {
    // One matmul for the three gates; the reset gate scales the recurrent part of h.
    Tensor inner = ops::matmul(h_dropped, recurrent_kernel_.value());
    if (recurrent_bias_.defined()) inner = ops::add(inner, recurrent_bias_);
    if (fused::supported(options_, units_, {projected, inner, h_prev})) {
      const Tensor h = ops::detail::gru_gates(projected, inner, h_prev);
      return {h, h};
    }
    const auto x = ops::split(projected, 3, 1);  // z, r, h
    const auto rec = ops::split(inner, 3, 1);
    z = options_.recurrent_activation(ops::add(x[0], rec[0]));
    r = options_.recurrent_activation(ops::add(x[1], rec[1]));
    hh = options_.activation(ops::add(x[2], ops::multiply(r, rec[2])));
  } else {
    const Tensor inner = ops::matmul(h_dropped, recurrent_zr_);
    if (fused::supported(options_, units_, {projected, inner, h_dropped, h_prev})) {
      // The gates, the product of the reset state, then the candidate and the new state.
      const auto gates = ops::detail::gru_reset(projected, inner, h_dropped);
      const Tensor h = ops::detail::gru_candidate(projected, ops::matmul(gates[1], recurrent_h_),
                                                  gates[0], h_prev);
      return {h, h};
    }
    const auto x = ops::split(projected, 3, 1);  // z, r, h
    const auto rec = ops::split(inner, 2, 1);
    z = options_.recurrent_activation(ops::add(x[0], rec[0]));
    r = options_.recurrent_activation(ops::add(x[1], rec[1]));
    hh =
        options_.activation(ops::add(x[2], ops::matmul(ops::multiply(r, h_dropped), recurrent_h_)));
  }
  // z * h_prev + (1 - z) * hh, with one product fewer.
  const Tensor h = ops::add(hh, ops::multiply(z, ops::subtract(h_prev, hh)));
  return {h, h};
}

Shape GRUCellImpl::bias_shape() const {
  return options_.reset_after ? Shape({2, 3 * units_}) : Shape({3 * units_});
}

Tensor GRUCellImpl::input_bias() const {
  // reset_after: the first row is the input bias, the second the recurrent one.
  if (!options_.reset_after) return bias_.value();
  return ops::squeeze(ops::slice(bias_.value(), {0, 0}, {1, 3 * units_}), 0);
}

ConfigValue GRUCellImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  detail::write_cell_arguments(c, units_, options_);
  return c;
}

std::shared_ptr<Layer> GRUCellImpl::from_config(const ConfigValue& config) {
  return detail::rnn_from_config<GRUCellImpl>(config, "GRUCell");
}

}  // namespace keras::layers
