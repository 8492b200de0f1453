#pragma once
// keras.losses: every loss, the registry of Keras identifiers, and `Spec` (spec.hpp), what
// `compile(.loss = ...)` accepts.
#include <concepts>
#include <memory>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/losses/binary_crossentropy.hpp"
#include "keras/losses/categorical_crossentropy.hpp"
#include "keras/losses/circle.hpp"
#include "keras/losses/cosine_similarity.hpp"
#include "keras/losses/ctc.hpp"
#include "keras/losses/dice.hpp"
#include "keras/losses/focal_crossentropy.hpp"
#include "keras/losses/generalized_crossentropy.hpp"
#include "keras/losses/hinge.hpp"
#include "keras/losses/huber.hpp"
#include "keras/losses/kl_divergence.hpp"
#include "keras/losses/log_cosh.hpp"
#include "keras/losses/loss.hpp"
#include "keras/losses/mean_absolute_error.hpp"
#include "keras/losses/mean_absolute_percentage_error.hpp"
#include "keras/losses/mean_squared_error.hpp"
#include "keras/losses/mean_squared_logarithmic_error.hpp"
#include "keras/losses/poisson.hpp"
#include "keras/losses/sparse_categorical_crossentropy.hpp"
#include "keras/losses/tversky.hpp"
#include "keras/losses/spec.hpp"

namespace keras::losses {

// The identifiers `get` accepts.
std::vector<std::string> all_names();
// The README's table of loss classes with the function each wraps and its aliases, one row per
// class in keras.losses' order (`keraspp losses` prints it).
std::string supported_losses_markdown();

// Builds a loss from what `serialize` (or Keras) writes: {"class_name": ..., "config": {...}},
// a serialized function {"class_name": "function", "config": "huber"}, or a string identifier.
std::shared_ptr<Loss> deserialize(const ConfigValue& config);
// {"module": ..., "class_name": ..., "config": ..., "registered_name": ...} as Keras writes it.
ConfigValue serialize(const Loss& loss);

// The built-in loss function registered as `name` (canonical name or alias), called with the
// keyword arguments of `kwargs` (a dict or null). Unknown name or keyword -> ValueError.
LossFn get_function(const std::string& name, const ConfigValue& kwargs = ConfigValue());

// Keras's compile_utils.is_binary_or_sparse_categorical: {is_binary, is_sparse_categorical}
// from the label and prediction shapes (used by the "crossentropy" and "accuracy" shortcuts).
std::pair<bool, bool> is_binary_or_sparse_categorical(const Shape& y_true_shape,
                                                      const Shape& y_pred_shape);

// Keras's compile_utils.get_loss: "crossentropy"/"ce" (any case) pick binary, sparse or
// categorical crossentropy from the shapes (binary if y_pred's last dim is 1, sparse if y_true
// has lower rank or a last dim of 1 against more classes); other specs resolve as `get`.
// Returns nullptr for an empty Spec.
std::shared_ptr<Loss> resolve(const Spec& spec, const Shape& y_true_shape,
                              const Shape& y_pred_shape);

}  // namespace keras::losses
