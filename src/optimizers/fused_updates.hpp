#pragma once
// Internal: single-pass update kernels for the built-in optimizers. The ops formulation costs one
// pass and one temporary per op (about a dozen for Adam), which made an Adam step cost as much
// as a Dense forward + backward; these loops read each operand once and write fresh tensors
// (Adam writes over the variables' own storage when nothing else refers to it): values stay
// immutable, nothing that still holds an old value sees it change. They evaluate
// the same float expressions in the same order as the ops path, so results agree to the ulp.
//
// Each returns false, doing nothing, where it does not apply (a backend whose buffers are not
// host memory, a non-float dtype, or fused updates disabled); the caller then runs ops.
#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"

namespace keras::optimizers::detail {

bool fused_updates_enabled();
// Tests switch the fused kernels off to check them against the ops formulation.
void set_fused_updates_enabled(bool enabled);

// w -= w*decay (decoupled weight decay, decay = weight_decay * lr).
bool fused_weight_decay(Variable& var, double decay);
// momentum == 0: w -= g*lr. Else m = m*momentum - g*lr; w += m (nesterov: w += m*momentum - g*lr).
bool fused_sgd(const Tensor& grad, Variable& var, Variable* momentum_slot, double lr,
               double momentum, bool nesterov);
// m += (g - m)*c1; v += (g*g - v)*c2; [v_hat = max(v_hat, v)]; w -= m*alpha / (sqrt(v) + eps).
bool fused_adam(const Tensor& grad, Variable& var, Variable& m, Variable& v, Variable* v_hat,
                double one_minus_beta_1, double one_minus_beta_2, double alpha, double epsilon);
// v = v*rho + g*g*(1-rho); [a = a*rho + g*(1-rho)]; inc = g*lr / sqrt(v [- a*a] + eps);
// [m = m*momentum + inc; w -= m] else w -= inc.
bool fused_rmsprop(const Tensor& grad, Variable& var, Variable& velocity, Variable* momentum_slot,
                   Variable* average_grad, double lr, double rho, double one_minus_rho,
                   double momentum, double epsilon);

}  // namespace keras::optimizers::detail
