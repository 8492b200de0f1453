#pragma once
// Define-by-run reverse-mode differentiation. While a `GradientTape` is alive (and no `NoGrad`
// scope is), every op whose inputs are tracked records a node holding its backward function.
// `tape.gradient(target, sources)` walks those nodes in reverse topological order.
#include <functional>
#include <memory>
#include <vector>

#include "keras/core/tensor.hpp"

namespace keras {

class Variable;

namespace autodiff {

// Receives the gradient of the op's output; returns one gradient per recorded input
// (an undefined Tensor where an input gets none).
using BackwardFn = std::function<std::vector<Tensor>(const Tensor& grad_output)>;
// The backward of an op with several outputs: one gradient per output (an undefined Tensor
// where an output got none), one gradient per recorded input returned.
using MultiBackwardFn = std::function<std::vector<Tensor>(const std::vector<Tensor>& grad_outputs)>;

struct Node {
  std::vector<std::shared_ptr<Node>> inputs{};  // null where the input is not tracked
  BackwardFn backward;                          // empty for leaves (watched tensors, variables)
  Shape shape{};
  DType dtype = DType::float32;
  int watchers = 0;  // live tapes that watch this leaf; it is detached when the last ends
  // Several outputs: the op's node has `backward_multi` (and no `backward`) and `outputs`
  // outputs; the node of its output k has the op's node as its only input and
  // `output_index` k. The walk hands every output's gradient to the op's node, whose
  // backward then runs once for all of them.
  MultiBackwardFn backward_multi{};
  std::size_t outputs = 0;
  int output_index = -1;
};

// True while a tape records and no NoGrad scope is active on this thread.
bool is_recording();

// Attaches a node to `output` if recording and any input is tracked; returns `output`.
// The backward function is called with recording disabled.
Tensor record(Tensor output, const std::vector<Tensor>& inputs, BackwardFn backward);
// The same for an op with several outputs (an LSTM step's h and c, a tensor unstacked into
// its time steps): one backward call gets all the outputs' gradients, so it can write them
// into one buffer instead of each output's gradient being padded to the input's size.
std::vector<Tensor> record_multi(std::vector<Tensor> outputs, const std::vector<Tensor>& inputs,
                                 MultiBackwardFn backward);

}  // namespace autodiff

// Records operations for differentiation, like tf.GradientTape.
//   GradientTape tape;
//   tape.watch(x);                 // variables are watched automatically
//   Tensor y = ops::sum(ops::square(x));
//   auto grads = tape.gradient(y, {x});
class GradientTape {
 public:
  GradientTape();
  ~GradientTape();
  GradientTape(const GradientTape&) = delete;
  GradientTape& operator=(const GradientTape&) = delete;

  // Tracks `t` (and returns it) for as long as this tape lives: `tape.gradient(y, {t})`
  // then works with the very tensor that was watched, as in TF.
  Tensor watch(const Tensor& t);
  // Gradient of sum(target) with respect to each source; a source the target does not depend
  // on gets an undefined Tensor, as TF returns None. `output_gradient` seeds the walk.
  std::vector<Tensor> gradient(const Tensor& target, const std::vector<Tensor>& sources,
                               const Tensor& output_gradient = Tensor());
  std::vector<Tensor> gradient(const Tensor& target, const std::vector<Variable*>& sources);
  std::vector<Tensor> gradient(const Tensor& target, const std::vector<Variable>& sources);

 private:
  // Leaves this tape attached to watched tensors; detached when the tape ends, so a tensor
  // watched once is not tracked (and does not cost gradient work) under later tapes.
  std::vector<std::pair<std::weak_ptr<TensorImpl>, std::shared_ptr<autodiff::Node>>> watched_;
};

// Disables recording in its scope (predict, optimizer updates, backward functions).
class NoGrad {
 public:
  NoGrad();
  ~NoGrad();
  NoGrad(const NoGrad&) = delete;
  NoGrad& operator=(const NoGrad&) = delete;
};

}  // namespace keras
