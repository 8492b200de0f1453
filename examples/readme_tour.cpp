// The README's "short tour", compiled and run by the test suite so the README stays true.
#include <cstdio>

#include <keras/keras.hpp>
using namespace keras;

int main() {
  Tensor x = random::normal({128, 784}, 0.0, 1.0, DType::float32, /*seed=*/1);
  Variable w(random::uniform({784, 10}, -0.05, 0.05, DType::float32, 2));
  Variable b(ops::zeros({10}));
  Tensor labels = random::randint({128}, 0, 10, DType::int32, 3);

  GradientTape tape;
  Tensor logits = ops::add(ops::matmul(x, w.value()), b.value());
  Tensor loss =
      ops::mean(ops::sparse_categorical_crossentropy(labels, logits, /*from_logits=*/true));
  auto grads = tape.gradient(loss, std::vector<Variable>{w, b});
  w.assign_sub(ops::multiply(grads[0], 0.1));

  Tensor y = ops::conv(ops::ones({1, 28, 28, 1}), ops::ones({3, 3, 1, 8}),
                       {.strides = {2}, .padding = "same"});  // (1, 14, 14, 8)
  std::printf("%s on %s\n", y.shape().to_string().c_str(), backend::name().c_str());
}
