// keraspp_mlp: the Keras documentation's MLP on Fashion-MNIST through keraspp's public API
// only (Sequential, compile, fit, predict, predict_on_batch), timed as run_mlp.py times every
// system; prints one JSON line. The initial weights come from the driver's .npy files, so
// every system starts from the same point. It also times its own matrix products alone (the
// ceilings run_mlp.py reports under "Limits").
// Usage: keraspp_mlp WEIGHTS_DIR   (threads: KERAS_NUM_THREADS, read by the library)
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <keras/keras.hpp>

#include "mlp_report.hpp"

using namespace keras;

int main(int argc, char** argv) try {
  if (argc != 2) {
    std::fprintf(stderr, "usage: keraspp_mlp WEIGHTS_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  utils::set_random_seed(1);  // the shuffling
  auto [train, test] = datasets::fashion_mnist::load_data();
  Tensor x_train = ops::divide(ops::cast(ops::reshape(train.x, {-1, 784}), "float32"), 255.0);
  Tensor x_test = ops::divide(ops::cast(ops::reshape(test.x, {-1, 784}), "float32"), 255.0);

  Sequential model({
      Input({784}),
      layers::Dense(512, {.activation = "relu"}),
      layers::Dense(256, {.activation = "relu"}),
      layers::Dense(10, {.activation = "softmax"}),
  });
  std::vector<Tensor> weights;
  for (const char* name : {"kernel_0", "bias_0", "kernel_1", "bias_1", "kernel_2", "bias_2"})
    weights.push_back(io::load_npy(dir + "/" + name + ".npy"));
  model.set_weights(weights);
  model.compile({.optimizer = optimizers::Adam({.learning_rate = 1e-3}),
                 .loss = "sparse_categorical_crossentropy",
                 .metrics = {"accuracy"}});

  // Two epochs, the second timed (the first warms the allocator and the thread pool).
  const FitOptions fit{.batch_size = mlp_bench::kBatch, .epochs = 1, .verbose = 0};
  model.fit(x_train, train.y, fit);
  auto start = std::chrono::steady_clock::now();
  model.fit(x_train, train.y, fit);
  const double train_s = mlp_bench::seconds_since(start);

  const PredictOptions predict{.batch_size = mlp_bench::kBatch, .verbose = 0};
  model.predict(x_test, predict);
  start = std::chrono::steady_clock::now();
  Tensor probs = model.predict(x_test, predict)[0];
  const double predict_s = mlp_bench::seconds_since(start);

  // Batch 1: predict_on_batch and calling the model, each warmed; the faster counts.
  Tensor one = ops::slice(x_test, {0, 0}, {1, 784});
  for (int i = 0; i < 50; ++i) model.predict_on_batch(one), model(one);
  const double on_batch_s =
      mlp_bench::median_seconds(mlp_bench::kLatencyCalls, [&] { model.predict_on_batch(one); });
  const double call_s = mlp_bench::median_seconds(mlp_bench::kLatencyCalls, [&] { model(one); });

  // The products alone, as ceilings for the figures above: the 3 forward products of a batch of
  // 128 (ops::matmul on the trained kernels: no bias, activation or framework), and the 8 of a
  // training step (the same through a GradientTape: 3 weight and 2 input gradients besides).
  const std::vector<Tensor> trained = model.get_weights();
  const std::vector<Tensor> kernels{trained[0], trained[2], trained[4]};
  Tensor batch = ops::slice(x_test, {0, 0}, {mlp_bench::kBatch, 784});
  auto forward = [&] {
    Tensor h = batch;
    for (const Tensor& k : kernels) h = ops::matmul(h, k);
    return h;
  };
  double forward_s = 0;
  {
    NoGrad no_grad;
    for (int i = 0; i < 20; ++i) forward();
    forward_s = mlp_bench::median_seconds(201, forward);
  }
  auto step = [&] {
    GradientTape tape;
    std::vector<Tensor> watched;
    for (const Tensor& k : kernels) watched.push_back(tape.watch(k));
    Tensor h = batch;
    for (const Tensor& k : watched) h = ops::matmul(h, k);
    return tape.gradient(ops::sum(h), watched);
  };
  for (int i = 0; i < 20; ++i) step();
  const double step_s = mlp_bench::median_seconds(201, step);

  std::vector<long> labels;
  for (auto v : test.y.to_vector<std::int64_t>()) labels.push_back(static_cast<long>(v));
  const double acc = mlp_bench::accuracy(probs.data<float>(), labels, 10);
  mlp_bench::print_json({{"system", "keraspp"},
                         {"backend", backend::current().info()},
                         {"latency_api", on_batch_s <= call_s ? "predict_on_batch" : "model(x)"}},
                        {{"threads", config::num_threads()},
                         {"train_samples_per_s", 60000.0 / train_s},
                         {"predict_samples_per_s", 10000.0 / predict_s},
                         {"latency_us", 1e6 * std::min(on_batch_s, call_s)},
                         {"peak_rss_mib", mlp_bench::peak_rss_mib()},
                         {"test_accuracy", acc},
                         {"forward_products_samples_per_s", mlp_bench::kBatch / forward_s},
                         {"step_products_samples_per_s", mlp_bench::kBatch / step_s}});
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "keraspp_mlp: %s\n", e.what());
  return 1;
}
