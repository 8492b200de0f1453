// The foundation demo: a two-layer network written directly with keras::ops, trained with
// GradientTape and plain gradient descent to separate two interleaved rings of points.
#include <cmath>
#include <cstdio>
#include <vector>

#include <keras/keras.hpp>

using namespace keras;

int main() {
  // Two concentric noisy rings: class 0 at radius 1, class 1 at radius 2.
  const std::int64_t n = 512;
  Tensor angle = random::uniform({n}, 0.0, 2 * M_PI, DType::float32, 1);
  Tensor label =
      ops::cast(ops::greater(random::uniform({n}, 0, 1, DType::float32, 2), 0.5), DType::float32);
  Tensor radius = ops::add(ops::add(label, 1.0), random::normal({n}, 0.0, 0.15, DType::float32, 3));
  Tensor x =
      ops::stack({ops::multiply(radius, ops::cos(angle)), ops::multiply(radius, ops::sin(angle))},
                 1);  // (n, 2)
  Tensor y = ops::reshape(label, {n, 1});

  Variable w1(random::normal({2, 16}, 0.0, 0.5, DType::float32, 4));
  Variable b1(ops::zeros({16}));
  Variable w2(random::normal({16, 1}, 0.0, 0.5, DType::float32, 5));
  Variable b2(ops::zeros({1}));
  std::vector<Variable> params{w1, b1, w2, b2};

  std::printf("backend: %s\n", backend::name().c_str());
  const double learning_rate = 0.5;
  double accuracy = 0.0;
  for (int step = 0; step <= 600; ++step) {
    GradientTape tape;
    Tensor hidden = ops::tanh(ops::add(ops::matmul(x, w1.value()), b1.value()));
    Tensor logits = ops::add(ops::matmul(hidden, w2.value()), b2.value());
    Tensor loss = ops::mean(ops::binary_crossentropy(y, logits, /*from_logits=*/true));
    auto grads = tape.gradient(loss, params);
    for (std::size_t i = 0; i < params.size(); ++i)
      params[i].assign_sub(ops::multiply(grads[i], learning_rate));
    if (step % 100 == 0) {
      Tensor predicted = ops::cast(ops::greater(logits, 0.0), DType::float32);
      accuracy = ops::mean(ops::cast(ops::equal(predicted, y), DType::float32)).item<double>();
      std::printf("step %3d  loss %.4f  accuracy %.3f\n", step, loss.item<double>(), accuracy);
    }
  }
  // The rings are separable: anything short of near-perfect means training is broken.
  if (accuracy < 0.95) {
    std::printf("FAILED: final accuracy %.3f < 0.95\n", accuracy);
    return 1;
  }
  return 0;
}
