// A subclassed model trained by a hand-written loop with GradientTape — the C++ version of
// Keras's "writing a training loop from scratch" guide: forward under a tape, loss, gradients,
// optimizer step, and metrics updated by hand.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <keras/keras.hpp>

using namespace keras;

// Layers are members; the model finds them when `call` uses them.
class SpiralClassifier : public Model {
 public:
  SpiralClassifier() : Model({.name = "spiral_classifier"}) {}

  Tensor call(const Tensor& x, bool training) override {
    Tensor h = hidden1_(x);
    h = dropout_(hidden2_(h), training);
    return logits_(h);
  }

 private:
  layers::Dense hidden1_{64, {.activation = "relu"}};
  layers::Dense hidden2_{64, {.activation = "relu"}};
  layers::Dropout dropout_{0.1, {.seed = 1}};
  layers::Dense logits_{3};
};

// Three interleaved spirals in 2-D: a problem no linear model solves.
std::pair<Tensor, Tensor> make_spirals(int per_class) {
  std::vector<float> xs;
  std::vector<std::int32_t> ys;
  Tensor noise = random::normal({3 * per_class, 2}, 0.0, 0.1, DType::float32, 7);
  auto n = noise.to_vector<float>();
  for (int c = 0; c < 3; ++c)
    for (int i = 0; i < per_class; ++i) {
      float r = static_cast<float>(i) / static_cast<float>(per_class);
      float t = 4.0f * r + 2.0944f * static_cast<float>(c);
      std::size_t k = static_cast<std::size_t>(c * per_class + i) * 2;
      xs.push_back(r * std::sin(t) + 0.3f * n[k]);
      xs.push_back(r * std::cos(t) + 0.3f * n[k + 1]);
      ys.push_back(c);
    }
  return {tensor<float>(xs, {3 * per_class, 2}), tensor<std::int32_t>(ys, {3 * per_class})};
}

int main() {
  auto [x, y] = make_spirals(200);
  auto model = make_model<SpiralClassifier>();
  optimizers::Adam optimizer({.learning_rate = 1e-2});
  losses::SparseCategoricalCrossentropy loss_fn({.from_logits = true});
  metrics::SparseCategoricalAccuracy accuracy;

  const std::int64_t n = x.shape()[0], batch = 60;
  double first_loss = 0, last_loss = 0;
  for (int epoch = 0; epoch < 60; ++epoch) {
    Tensor order = random::randint({n}, 0, n, DType::int64, epoch);  // sampled batches
    double epoch_loss = 0;
    accuracy->reset_state();
    for (std::int64_t start = 0; start < n; start += batch) {
      Tensor idx = ops::slice(order, {start}, {std::min(batch, n - start)});
      Tensor xb = ops::take(x, idx, 0), yb = ops::take(y, idx, 0);
      GradientTape tape;
      Tensor logits = model(xb, /*training=*/true);
      Tensor loss = loss_fn(yb, logits);
      auto vars = model->trainable_weights();
      optimizer->apply(tape.gradient(loss, vars), vars);
      accuracy->update_state(yb, logits);
      epoch_loss +=
          loss.item<double>() * static_cast<double>(xb.shape()[0]) / static_cast<double>(n);
    }
    if (epoch == 0) first_loss = epoch_loss;
    last_loss = epoch_loss;
    if (epoch % 10 == 9)
      std::printf("epoch %2d  loss %.4f  accuracy %.4f\n", epoch + 1, epoch_loss,
                  accuracy->result().item<double>());
  }
  model->summary();
  double final_accuracy = accuracy->result().item<double>();
  std::printf("final_accuracy=%.4f\n", final_accuracy);
  // Exit non-zero if training did not work, so the example doubles as a test.
  return (last_loss < 0.5 * first_loss && final_accuracy > 0.8) ? 0 : 1;
}
