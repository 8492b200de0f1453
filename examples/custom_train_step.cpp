// Customizing what happens in fit(): the C++ version of Keras's guide of that name ("A first
// simple example" and "Providing your own evaluation step"). A Model subclass overrides
// train_step and test_step; fit / evaluate then run them for every batch, with callbacks,
// validation and History as usual.
#include <cstdio>

#include <keras/keras.hpp>

using namespace keras;

class CustomModel : public Model {
 public:
  using Model::Model;  // a functional model: CustomModel(inputs, outputs)

  callbacks::Logs train_step(const Batch& data) override {
    // Unpack the data. Its structure depends on your model and on what you pass to `fit()`.
    const auto& [x, y, sample_weight] = data;
    std::vector<Variable> trainable_vars = trainable_variables();
    Tensor y_pred, loss;
    std::vector<Tensor> gradients;
    {
      GradientTape tape;
      y_pred = (*this)(x, /*training=*/true);  // Forward pass
      // Compute the loss value (the loss function is configured in `compile()`).
      loss = compute_loss(x, y, y_pred);
      // Compute gradients
      gradients = tape.gradient(loss, trainable_vars);
    }
    // Update weights
    optimizer()->apply(gradients, trainable_vars);
    // Update metrics (includes the metric that tracks the loss)
    for (const auto& metric : metrics()) {
      if (metric->name() == "loss") metric->update_state(loss);
      else metric->update_state(y, y_pred);
    }
    // Return a dict mapping metric names to current value
    callbacks::Logs logs;
    for (const auto& m : metrics()) logs[m->name()] = m->result().item<double>();
    return logs;
  }

  callbacks::Logs test_step(const Batch& data) override {
    const auto& [x, y, sample_weight] = data;
    Tensor y_pred = (*this)(x, /*training=*/false);  // Compute predictions
    Tensor loss = compute_loss(x, y, y_pred);        // the loss of `compile()`
    for (const auto& metric : metrics()) {
      if (metric->name() == "loss") metric->update_state(loss);
      else metric->update_state(y, y_pred);
    }
    callbacks::Logs logs;
    for (const auto& m : metrics()) logs[m->name()] = m->result().item<double>();
    return logs;
  }
};

int main() {
  // Construct and compile an instance of CustomModel
  auto inputs = Input({32});
  auto outputs = layers::Dense(1)(inputs);
  CustomModel model(inputs, outputs);
  model.compile(
      {.optimizer = optimizers::Adam({.learning_rate = 0.01}), .loss = "mse", .metrics = {"mae"}});

  // Synthetic data with something to learn: y = x . w + noise.
  Tensor x = random::uniform({1000, 32}, 0.0, 1.0, DType::float32, 1);
  Tensor w = random::normal({32, 1}, 0.0, 0.2, DType::float32, 2);
  Tensor y = ops::add(ops::matmul(x, w), random::normal({1000, 1}, 0.0, 0.05, DType::float32, 3));

  // Before training, through our test_step.
  double initial_loss = model.evaluate(x, y, {.verbose = 0})["loss"];
  std::printf("before training: loss %.4f\n", initial_loss);

  // Just use `fit` as usual
  History history = model.fit(x, y, {.epochs = 5, .verbose = 0, .validation_split = 0.2});
  const auto& loss = history->history.at("loss");
  for (std::size_t e = 0; e < loss.size(); ++e)
    std::printf("epoch %zu  loss %.4f  mae %.4f  val_loss %.4f  val_mae %.4f\n", e + 1,
                loss[e].item(), history->history.at("mae")[e].item(),
                history->history.at("val_loss")[e].item(),
                history->history.at("val_mae")[e].item());

  // Evaluate with our custom test_step
  auto scores = model.evaluate(x, y, {.verbose = 0});
  std::printf("evaluate: loss %.4f  mae %.4f\n", scores["loss"], scores["mae"]);

  // Exit non-zero if training did not work, so the example doubles as a test.
  bool learned = loss.back() < loss.front() && scores["loss"] < 0.25 * initial_loss;
  std::printf("%s\n", learned ? "the loss went down" : "the loss did NOT go down");
  return learned ? 0 : 1;
}
