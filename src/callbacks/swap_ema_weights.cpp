#include "keras/callbacks/swap_ema_weights.hpp"

#include <string>
#include <vector>

#include "keras/core/errors.hpp"
#include "keras/optimizers/loss_scale_optimizer.hpp"
#include "src/callbacks/model_access.hpp"

namespace keras::callbacks {
namespace {

constexpr const char* kSwapEmaName = "SwapEMAWeights";

using Pairs = std::pair<std::vector<Variable>, std::vector<Variable>>;

// One optimizer's variables and their averages; a ValueError in Keras's words without use_ema.
void add_pairs(const optimizers::Optimizer& optimizer, Pairs& out) {
  const bool use_ema = optimizer.options().use_ema;
  if (!use_ema || !optimizer.built())
    throw ValueError(
        "SwapEMAWeights must be used when `use_ema=True` is set on the optimizer. Received: "
        "use_ema=" +
        std::string(use_ema ? "True (the optimizer is not built yet: train the model first)"
                            : "False"));
  const auto& variables = optimizer.trainable_variables();
  const auto averages = optimizer.moving_averages();
  out.first.insert(out.first.end(), variables.begin(), variables.end());
  out.second.insert(out.second.end(), averages.begin(), averages.end());
}

// The variables and averages of the model's optimizer (inside a LossScaleOptimizer), or of
// each of a MultiOptimizer's optimizers that has use_ema (at least one must).
Pairs ema_pairs(Model* model) {
  optimizers::Optimizer* optimizer = &detail::model_optimizer(model, kSwapEmaName);
  if (auto* wrapper = dynamic_cast<optimizers::LossScaleOptimizerImpl*>(optimizer))
    optimizer = wrapper->inner_optimizer().get();
  Pairs out;
  const auto inner = detail::inner_optimizers(*optimizer);
  if (inner.empty()) {
    add_pairs(*optimizer, out);
    return out;
  }
  bool any = false;
  for (const auto* target : inner) {
    if (!target->options().use_ema) continue;
    any = true;
    add_pairs(*target, out);
  }
  if (!any)
    throw ValueError(
        "SwapEMAWeights must be used when at least one inner optimizer has `use_ema=True` set. "
        "Received a MultiOptimizer with all inner optimizers having `use_ema=False`.");
  return out;
}

}  // namespace

void SwapEMAWeightsImpl::swap_to(bool to_ema) {
  if (ema_weights_in_model_ == to_ema) return;
  auto [variables, averages] = ema_pairs(model());
  for (std::size_t i = 0; i < variables.size(); ++i) {
    const Tensor trained = variables[i].value();
    variables[i].assign(averages[i].value());
    averages[i].assign(trained);
  }
  ema_weights_in_model_ = to_ema;
}

void SwapEMAWeightsImpl::on_epoch_begin(int, const Logs&) {
  if (swap_on_epoch) swap_to(false);
}

void SwapEMAWeightsImpl::on_epoch_end(int epoch, Logs&) {
  if (!swap_on_epoch || ema_weights_in_model_) return;
  swap_to(true);
  // After the last epoch fit overwrites the variables with the averages (the optimizer's
  // finalize_variable_values), which now hold the trained weights: give them the averages
  // back so that the model ends with the averages, as Keras does.
  if (epoch == params().epochs - 1) {
    auto [variables, averages] = ema_pairs(model());
    for (std::size_t i = 0; i < variables.size(); ++i) averages[i].assign(variables[i].value());
  }
}

void SwapEMAWeightsImpl::on_test_begin(const Logs&) { swap_to(true); }
void SwapEMAWeightsImpl::on_test_end(const Logs&) { swap_to(false); }
void SwapEMAWeightsImpl::on_predict_begin(const Logs&) { swap_to(true); }
// Keras 3.15 tests the wrong flag here and leaves the averages in the model after predict (the
// next evaluate's end swaps them back); its docstring and on_test_end restore the weights,
// which is what this does.
void SwapEMAWeightsImpl::on_predict_end(const Logs&) { swap_to(false); }

}  // namespace keras::callbacks
