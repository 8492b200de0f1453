// keraspp_race: one of the race's models (benchmarks/race/race_common.py describes them) through
// keraspp's public API only (Sequential, compile, fit, predict, predict_on_batch), timed as
// run_race.py times every system; prints one JSON line. The initial weights come from the
// driver's .npy files, so every system starts from the same point. For the MLP it also times
// its own matrix products alone (the ceilings run_race.py reports under "Limits").
// Usage: keraspp_race MODEL WEIGHTS_DIR   (threads: KERAS_NUM_THREADS, read by the library)
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

#include <keras/keras.hpp>

#include "race_report.hpp"

using namespace keras;

namespace {

// The model's layers after its Input (race_common.py describes them).
void add_layers(Sequential& model, const std::string& name) {
  if (name == "mlp") {
    model.add(layers::Dense(512, {.activation = "relu"}));
    model.add(layers::Dense(256, {.activation = "relu"}));
  } else if (name == "cnn") {
    for (std::int64_t filters : {32, 64}) {
      model.add(layers::Conv2D(filters, {3, 3}, {.activation = "relu"}));
      model.add(layers::MaxPooling2D({.pool_size = {2, 2}}));
    }
    model.add(layers::Flatten());
    model.add(layers::Dropout(0.5));
  } else if (name == "cnn_bn") {
    for (std::int64_t filters : {32, 64}) {
      model.add(layers::Conv2D(filters, {3, 3}, {.use_bias = false}));
      model.add(layers::BatchNormalization());
      model.add(layers::ReLU());
      model.add(layers::MaxPooling2D({.pool_size = {2, 2}}));
    }
    model.add(layers::Flatten());
    model.add(layers::Dropout(0.5));
  } else if (name == "lstm") {
    model.add(layers::LSTM(128));
  } else {
    throw ValueError("unknown model '" + name + "'; expected one of mlp, cnn, cnn_bn, lstm");
  }
  model.add(layers::Dense(10, {.activation = "softmax"}));
}

Shape input_shape(const std::string& model) {
  if (model == "mlp") return Shape({784});
  if (model == "lstm") return Shape({28, 28});
  return Shape({28, 28, 1});
}

// The initial weights' file names, in get_weights order (race_common.weight_names).
std::vector<std::string> weight_names(const std::string& model) {
  if (model == "cnn_bn")
    return {"kernel_0", "gamma_0", "beta_0", "mean_0",     "variance_0", "kernel_1",
            "gamma_1",  "beta_1",  "mean_1", "variance_1", "kernel_2",   "bias_2"};
  if (model == "lstm") return {"kernel_0", "recurrent_kernel_0", "bias_0", "kernel_1", "bias_1"};
  return {"kernel_0", "bias_0", "kernel_1", "bias_1", "kernel_2", "bias_2"};
}

// Fashion-MNIST's images as the model reads them: float32 in [0, 1], (n, 784) for the MLP,
// (n, 28, 28) for the LSTM, (n, 28, 28, 1) for the convolutional ones.
Tensor images(const Tensor& x, const std::string& model) {
  Tensor shaped = model == "mlp"    ? ops::reshape(x, {-1, 784})
                  : model == "lstm" ? x
                                    : ops::expand_dims(x, -1);
  return ops::divide(ops::cast(shaped, "float32"), 255.0);
}

// The first n samples of x.
Tensor first(const Tensor& x, std::int64_t n) {
  std::vector<std::int64_t> start(static_cast<std::size_t>(x.shape().rank()), 0);
  std::vector<std::int64_t> size = x.shape().dims();
  size[0] = n;
  return ops::slice(x, start, size);
}

// The 3 forward products of the MLP on a batch of 128, and the 8 of a training step (through
// a GradientTape): ops::matmul on the trained kernels, no bias, activation or framework.
// Samples/s of each, as ceilings for the MLP's predict and training figures.
std::pair<double, double> mlp_products(Sequential& model, const Tensor& x_test) {
  const std::vector<Tensor> trained = model.get_weights();
  const std::vector<Tensor> kernels{trained[0], trained[2], trained[4]};
  Tensor batch = first(x_test, race_bench::kBatch);
  auto forward = [&] {
    Tensor h = batch;
    for (const Tensor& k : kernels) h = ops::matmul(h, k);
    return h;
  };
  double forward_s = 0;
  {
    NoGrad no_grad;
    for (int i = 0; i < 20; ++i) forward();
    forward_s = race_bench::median_seconds(201, forward);
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
  const double step_s = race_bench::median_seconds(201, step);
  return {race_bench::kBatch / forward_s, race_bench::kBatch / step_s};
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 3) {
    std::fprintf(stderr, "usage: keraspp_race MODEL WEIGHTS_DIR\n");
    return 2;
  }
  const std::string model_name = argv[1], dir = argv[2];
  utils::set_random_seed(1);  // the shuffling
  auto [train, test] = datasets::fashion_mnist::load_data();
  Tensor x_train = images(train.x, model_name), x_test = images(test.x, model_name);
  // The uint8 images are not needed any more; every other side keeps only its float copy too
  // (the Python sides convert NumPy temporaries, libtorch_race drops the loader's tensors).
  train.x = Tensor();
  test.x = Tensor();

  Sequential model({Input(input_shape(model_name))});
  add_layers(model, model_name);
  std::vector<Tensor> weights;
  for (const std::string& name : weight_names(model_name))
    weights.push_back(io::load_npy(dir + "/" + name + ".npy"));
  model.set_weights(weights);
  model.compile({.optimizer = optimizers::Adam({.learning_rate = 1e-3}),
                 .loss = "sparse_categorical_crossentropy",
                 .metrics = {"accuracy"}});

  // A warm-up epoch (the allocator, the thread pool), then a whole one, timed.
  const std::int64_t warmup = race_bench::warmup_samples(model_name);
  const FitOptions fit{.batch_size = race_bench::kBatch, .epochs = 1, .verbose = 0};
  model.fit(first(x_train, warmup), first(train.y, warmup), fit);
  auto start = std::chrono::steady_clock::now();
  model.fit(x_train, train.y, fit);
  const double train_s = race_bench::seconds_since(start);

  const PredictOptions predict{.batch_size = race_bench::kBatch, .verbose = 0};
  model.predict(x_test, predict);
  start = std::chrono::steady_clock::now();
  Tensor probs = model.predict(x_test, predict)[0];
  const double predict_s = race_bench::seconds_since(start);

  // Batch 1: predict_on_batch and calling the model, each warmed; the faster counts.
  Tensor one = first(x_test, 1);
  for (int i = 0; i < 50; ++i) model.predict_on_batch(one), model(one);
  const double on_batch_s =
      race_bench::median_seconds(race_bench::kLatencyCalls, [&] { model.predict_on_batch(one); });
  const double call_s = race_bench::median_seconds(race_bench::kLatencyCalls, [&] { model(one); });

  std::vector<std::pair<std::string, double>> numbers{
      {"threads", config::num_threads()},
      {"train_samples_per_s", 60000.0 / train_s},
      {"predict_samples_per_s", 10000.0 / predict_s},
      {"latency_us", 1e6 * std::min(on_batch_s, call_s)},
      {"peak_rss_mib", race_bench::peak_rss_mib()}};
  std::vector<long> labels;
  for (auto v : test.y.to_vector<std::int64_t>()) labels.push_back(static_cast<long>(v));
  numbers.push_back({"test_accuracy", race_bench::accuracy(probs.data<float>(), labels, 10)});
  if (model_name == "mlp") {
    const auto [forward, step] = mlp_products(model, x_test);
    numbers.push_back({"forward_products_samples_per_s", forward});
    numbers.push_back({"step_products_samples_per_s", step});
  }
  race_bench::print_json({{"system", "keraspp"},
                          {"model", model_name},
                          {"backend", backend::current().info()},
                          {"latency_api", on_batch_s <= call_s ? "predict_on_batch" : "model(x)"}},
                         numbers);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "keraspp_race: %s\n", e.what());
  return 1;
}
