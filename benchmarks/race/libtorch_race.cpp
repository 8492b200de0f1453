// libtorch_mlp: the same MLP in libtorch's C++ API (Debian libtorch-dev), written as a
// libtorch user would: torch::nn::Sequential of Linear + ReLU, logits into cross_entropy
// (softmax + sparse categorical crossentropy in one), torch::optim::Adam with Keras's
// defaults (lr 1e-3, betas 0.9/0.999, eps 1e-7), batch 128, a fresh permutation each epoch.
// Timed as run_mlp.py times every system; prints one JSON line.
// The data and the initial weights are read with keraspp's loaders (the Fashion-MNIST IDX
// files, the driver's .npy files) and copied into torch tensors before anything is timed.
// Threads: libtorch's best setting here is 1 intra-op thread with OpenBLAS on 2
// (OPENBLAS_NUM_THREADS, set by the driver); 2 intra-op threads on top are much slower.
// Usage: libtorch_mlp WEIGHTS_DIR [INTRA_OP_THREADS=1]
#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <keras/keras.hpp>

#include "mlp_report.hpp"

namespace {

torch::Tensor to_torch(const keras::Tensor& x) {
  std::vector<int64_t> shape(x.shape().dims().begin(), x.shape().dims().end());
  return torch::from_blob(const_cast<float*>(x.data<float>()), shape, torch::kFloat32).clone();
}

struct Data {
  torch::Tensor x_train, y_train, x_test;
  std::vector<long> y_test;
};

Data load_data() {
  auto [train, test] = keras::datasets::fashion_mnist::load_data();
  // uint8 images straight into torch, scaled there in place: no float copy on keraspp's side.
  auto scaled = [](const keras::Tensor& x) {
    const auto pixels = torch::from_blob(const_cast<std::uint8_t*>(x.data<std::uint8_t>()),
                                         {x.shape()[0], 784}, torch::kUInt8);
    return pixels.to(torch::kFloat32).div_(255.0);
  };
  Data d{scaled(train.x), torch::empty({0}), scaled(test.x), {}};
  std::vector<int64_t> y;
  for (auto v : train.y.to_vector<std::int64_t>()) y.push_back(v);
  d.y_train = torch::tensor(y, torch::kInt64);
  for (auto v : test.y.to_vector<std::int64_t>()) d.y_test.push_back(static_cast<long>(v));
  return d;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 2) {
    std::fprintf(stderr, "usage: libtorch_mlp WEIGHTS_DIR [INTRA_OP_THREADS=1]\n");
    return 2;
  }
  const std::string dir = argv[1];
  const int threads = argc > 2 ? std::atoi(argv[2]) : 1;
  torch::set_num_threads(threads);
  torch::manual_seed(1);
  Data data = load_data();

  torch::nn::Sequential model(torch::nn::Linear(784, 512), torch::nn::ReLU(),
                              torch::nn::Linear(512, 256), torch::nn::ReLU(),
                              torch::nn::Linear(256, 10));
  {
    torch::NoGradGuard no_grad;
    for (int l = 0; l < 3; ++l) {
      auto* linear = model[2 * l]->as<torch::nn::Linear>();
      const std::string n = std::to_string(l);
      // Keras's kernel is (in, out); torch's weight is (out, in).
      linear->weight.copy_(to_torch(keras::io::load_npy(dir + "/kernel_" + n + ".npy")).t());
      linear->bias.copy_(to_torch(keras::io::load_npy(dir + "/bias_" + n + ".npy")));
    }
  }
  torch::optim::Adam optimizer(model->parameters(),
                               torch::optim::AdamOptions(1e-3).betas({0.9, 0.999}).eps(1e-7));

  const int64_t n_train = data.x_train.size(0);
  auto epoch = [&] {
    model->train();
    const auto perm = torch::randperm(n_train, torch::kInt64);
    for (int64_t start = 0; start < n_train; start += mlp_bench::kBatch) {
      const auto idx = perm.slice(0, start, std::min(start + mlp_bench::kBatch, n_train));
      const auto x = data.x_train.index_select(0, idx), y = data.y_train.index_select(0, idx);
      optimizer.zero_grad();
      const auto loss = torch::nn::functional::cross_entropy(model->forward(x), y);
      loss.backward();
      optimizer.step();
    }
  };
  epoch();
  auto start = std::chrono::steady_clock::now();
  epoch();
  const double train_s = mlp_bench::seconds_since(start);

  model->eval();
  torch::NoGradGuard no_grad;
  auto predict = [&] {
    std::vector<torch::Tensor> out;
    for (int64_t s = 0; s < data.x_test.size(0); s += mlp_bench::kBatch)
      out.push_back(
          torch::softmax(model->forward(data.x_test.slice(0, s, s + mlp_bench::kBatch)), 1));
    return torch::cat(out);
  };
  predict();
  start = std::chrono::steady_clock::now();
  const auto probs = predict().contiguous();
  const double predict_s = mlp_bench::seconds_since(start);

  const auto one = data.x_test.slice(0, 0, 1);
  for (int i = 0; i < 50; ++i) torch::softmax(model->forward(one), 1);
  const double latency_s = mlp_bench::median_seconds(
      mlp_bench::kLatencyCalls, [&] { torch::softmax(model->forward(one), 1); });

  mlp_bench::print_json(
      {{"system", "libtorch"},
       {"version", "libtorch " TORCH_VERSION},
       {"latency_api", "no_grad forward"}},
      {{"threads", threads},
       {"train_samples_per_s", n_train / train_s},
       {"predict_samples_per_s", data.x_test.size(0) / predict_s},
       {"latency_us", 1e6 * latency_s},
       {"peak_rss_mib", mlp_bench::peak_rss_mib()},
       {"test_accuracy", mlp_bench::accuracy(probs.data_ptr<float>(), data.y_test, 10)}});
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "libtorch_mlp: %s\n", e.what());
  return 1;
}
