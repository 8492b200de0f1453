#pragma once
// Optimizer state from a tf.keras 2.11+ legacy .h5 file mapped onto ours (internal).
#include <string>
#include <vector>

#include "keras/models/model.hpp"

namespace keras::io {

// tf.keras 2.11+ optimizers (tf_keras/src/optimizers/) save their variables under TensorFlow
// names: "iteration:0", then per trainable variable "<optimizer name>/<slot>/<variable
// path>:0", their slots named m, v, vhat (Adam, AdamW), m (SGD), velocity, momentum,
// average_gradient (RMSprop), average (EMA). Keras 3 saves "<optimizer>/iteration",
// "<optimizer>/learning_rate" and "<optimizer>/<path with _>_<slot>" instead.
bool is_tf_keras_optimizer_layout(const std::vector<std::string>& names);

// The saved values put in the order of the compiled model's optimizer.variables() (built on
// the model's trainable variables), matched by slot and variable path: what Keras 3's
// positional set_weights would take. tf.keras keeps no learning-rate variable (the rate is in
// the optimizer's config), so ours keeps its value. A variable of ours with no saved value is a
// ValueError naming it and `file`.
std::vector<Tensor> tf_keras_optimizer_values(Model& model, const std::vector<std::string>& names,
                                              const std::vector<Tensor>& values,
                                              const std::string& file);

// The other direction: the compiled model's built optimizer state as tf-keras 2 saves it, for
// a legacy .h5 file written for tf-keras. Its set_weights is positional: our variables in
// their order (tf-keras's optimizers create theirs in the same order), without the learning
// rate, named as tf-keras names them ("iteration:0", "Adam/m/hidden/kernel:0") so that the
// reader above maps them back.
struct TfKerasOptimizerWeights {
  std::vector<std::string> names;
  std::vector<Variable> variables;
};
TfKerasOptimizerWeights tf_keras_optimizer_weights(const Model& model);

}  // namespace keras::io
