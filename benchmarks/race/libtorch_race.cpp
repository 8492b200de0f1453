// libtorch_race: the race's models (benchmarks/race/race_common.py) in libtorch's C++ API
// (Debian libtorch-dev), written as a libtorch user would: the layers of torch::nn (images
// channels first, libtorch's default), logits into cross_entropy (softmax + sparse categorical
// crossentropy in one), torch::optim::Adam with Keras's defaults (lr 1e-3, betas 0.9/0.999,
// eps 1e-7), batch 128, a fresh permutation each epoch; BatchNorm2d with Keras's epsilon 1e-3
// and momentum 0.99 (torch's 0.01). Timed as run_race.py times every system; prints one JSON
// line. The data and the initial weights are read with keraspp's loaders (the Fashion-MNIST IDX
// files, the driver's .npy files) and copied into torch tensors before anything is timed.
// Threads: the driver passes libtorch's best intra-op setting for each model (the MLP: 1, with
// OpenBLAS on 2 through OPENBLAS_NUM_THREADS; 2 intra-op threads on top are much slower).
// Usage: libtorch_race MODEL WEIGHTS_DIR [INTRA_OP_THREADS=1]
#include <torch/torch.h>

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <vector>

#include <keras/keras.hpp>

#include "race_report.hpp"

namespace {

torch::Tensor to_torch(const keras::Tensor& x) {
  std::vector<int64_t> shape(x.shape().dims().begin(), x.shape().dims().end());
  return torch::from_blob(const_cast<float*>(x.data<float>()), shape, torch::kFloat32).clone();
}

struct Data {
  torch::Tensor x_train, y_train, x_test;
  std::vector<long> y_test;
};

// Images as the model reads them: float32 in [0, 1], (n, 784) for the MLP, (n, 28, 28) for the
// LSTM, (n, 1, 28, 28) for the convolutional ones.
Data load_data(const std::string& model) {
  auto [train, test] = keras::datasets::fashion_mnist::load_data();
  // uint8 images straight into torch, scaled there in place: no float copy on keraspp's side.
  auto scaled = [&](const keras::Tensor& x) {
    std::vector<int64_t> shape{x.shape()[0], 784};
    if (model == "lstm") shape = {x.shape()[0], 28, 28};
    if (model == "cnn" || model == "cnn_bn") shape = {x.shape()[0], 1, 28, 28};
    const auto pixels =
        torch::from_blob(const_cast<std::uint8_t*>(x.data<std::uint8_t>()), shape, torch::kUInt8);
    return pixels.to(torch::kFloat32).div_(255.0);
  };
  Data d{scaled(train.x), torch::empty({0}), scaled(test.x), {}};
  std::vector<int64_t> y;
  for (auto v : train.y.to_vector<std::int64_t>()) y.push_back(v);
  d.y_train = torch::tensor(y, torch::kInt64);
  for (auto v : test.y.to_vector<std::int64_t>()) d.y_test.push_back(static_cast<long>(v));
  return d;
}

// One of the race's models; `load` sets the driver's initial weights (Keras's layouts).
struct RaceNet : torch::nn::Module {
  std::string model;
  torch::nn::Sequential body;  // mlp, cnn, cnn_bn: the whole model
  torch::nn::LSTM lstm{nullptr};
  torch::nn::Linear head{nullptr};

  explicit RaceNet(std::string name) : model(std::move(name)) {
    namespace nn = torch::nn;
    if (model == "mlp") {
      body = nn::Sequential(nn::Linear(784, 512), nn::ReLU(), nn::Linear(512, 256), nn::ReLU(),
                            nn::Linear(256, 10));
    } else if (model == "cnn") {
      body = nn::Sequential(nn::Conv2d(nn::Conv2dOptions(1, 32, 3)), nn::ReLU(), nn::MaxPool2d(2),
                            nn::Conv2d(nn::Conv2dOptions(32, 64, 3)), nn::ReLU(), nn::MaxPool2d(2),
                            nn::Flatten(), nn::Dropout(0.5), nn::Linear(1600, 10));
    } else if (model == "cnn_bn") {
      for (auto [c_in, c_out] : {std::pair{1, 32}, std::pair{32, 64}}) {
        body->push_back(nn::Conv2d(nn::Conv2dOptions(c_in, c_out, 3).bias(false)));
        body->push_back(nn::BatchNorm2d(nn::BatchNorm2dOptions(c_out).eps(1e-3).momentum(0.01)));
        body->push_back(nn::ReLU());
        body->push_back(nn::MaxPool2d(2));
      }
      body->push_back(nn::Flatten());
      body->push_back(nn::Dropout(0.5));
      body->push_back(nn::Linear(1600, 10));
    } else if (model == "lstm") {
      lstm = register_module("lstm", nn::LSTM(nn::LSTMOptions(28, 128).batch_first(true)));
      head = register_module("head", nn::Linear(128, 10));
      return;
    } else {
      throw std::runtime_error("unknown model '" + model + "'; expected mlp, cnn, cnn_bn, lstm");
    }
    register_module("body", body);
  }

  torch::Tensor forward(const torch::Tensor& x) {
    if (lstm) return head(std::get<0>(std::get<1>(lstm->forward(x)))[-1]);
    return body->forward(x);
  }

  void load(const std::string& dir, const std::vector<std::string>& names) {
    torch::NoGradGuard no_grad;
    std::vector<torch::Tensor> w;
    for (const auto& n : names) w.push_back(to_torch(keras::io::load_npy(dir + "/" + n + ".npy")));
    if (lstm) {
      lstm->named_parameters()["weight_ih_l0"].copy_(w[0].t());
      lstm->named_parameters()["weight_hh_l0"].copy_(w[1].t());
      lstm->named_parameters()["bias_ih_l0"].copy_(w[2]);
      lstm->named_parameters()["bias_hh_l0"].zero_();
      head->weight.copy_(w[3].t());
      head->bias.copy_(w[4]);
      return;
    }
    std::size_t next = 0;
    for (auto& m : body->children()) {
      if (auto* linear = m->as<torch::nn::Linear>()) {
        torch::Tensor kernel = w[next++];
        // After Flatten, Keras reads (h, w, c) and torch (c, h, w).
        if (model != "mlp")
          kernel = kernel.reshape({5, 5, 64, 10}).permute({2, 0, 1, 3}).reshape({1600, 10});
        linear->weight.copy_(kernel.t());
        linear->bias.copy_(w[next++]);
      } else if (auto* c = m->as<torch::nn::Conv2d>()) {
        c->weight.copy_(w[next++].permute({3, 2, 0, 1}));  // (kh, kw, in, out) -> (out, in, kh, kw)
        if (model == "cnn") c->bias.copy_(w[next++]);
      } else if (auto* bn = m->as<torch::nn::BatchNorm2d>()) {
        bn->weight.copy_(w[next++]);
        bn->bias.copy_(w[next++]);
        bn->running_mean.copy_(w[next++]);
        bn->running_var.copy_(w[next++]);
      }
    }
  }
};

std::vector<std::string> weight_names(const std::string& model) {
  if (model == "cnn_bn")
    return {"kernel_0", "gamma_0", "beta_0", "mean_0",     "variance_0", "kernel_1",
            "gamma_1",  "beta_1",  "mean_1", "variance_1", "kernel_2",   "bias_2"};
  if (model == "lstm") return {"kernel_0", "recurrent_kernel_0", "bias_0", "kernel_1", "bias_1"};
  return {"kernel_0", "bias_0", "kernel_1", "bias_1", "kernel_2", "bias_2"};
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc < 3) {
    std::fprintf(stderr, "usage: libtorch_race MODEL WEIGHTS_DIR [INTRA_OP_THREADS=1]\n");
    return 2;
  }
  const std::string model_name = argv[1], dir = argv[2];
  const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
  torch::set_num_threads(threads);
  torch::manual_seed(1);
  Data data = load_data(model_name);

  auto model = std::make_shared<RaceNet>(model_name);
  model->load(dir, weight_names(model_name));
  torch::optim::Adam optimizer(model->parameters(),
                               torch::optim::AdamOptions(1e-3).betas({0.9, 0.999}).eps(1e-7));

  auto epoch = [&](int64_t samples) {
    model->train();
    const auto perm = torch::randperm(samples, torch::kInt64);
    for (int64_t start = 0; start < samples; start += race_bench::kBatch) {
      const auto idx = perm.slice(0, start, std::min(start + race_bench::kBatch, samples));
      const auto x = data.x_train.index_select(0, idx), y = data.y_train.index_select(0, idx);
      optimizer.zero_grad();
      const auto loss = torch::nn::functional::cross_entropy(model->forward(x), y);
      loss.backward();
      optimizer.step();
    }
  };
  epoch(race_bench::warmup_samples(model_name));
  auto start = std::chrono::steady_clock::now();
  epoch(data.x_train.size(0));
  const double train_s = race_bench::seconds_since(start);

  model->eval();
  torch::NoGradGuard no_grad;
  auto predict = [&] {
    std::vector<torch::Tensor> out;
    for (int64_t s = 0; s < data.x_test.size(0); s += race_bench::kBatch)
      out.push_back(
          torch::softmax(model->forward(data.x_test.slice(0, s, s + race_bench::kBatch)), 1));
    return torch::cat(out);
  };
  predict();
  start = std::chrono::steady_clock::now();
  const auto probs = predict().contiguous();
  const double predict_s = race_bench::seconds_since(start);

  const auto one = data.x_test.slice(0, 0, 1);
  for (int i = 0; i < 50; ++i) torch::softmax(model->forward(one), 1);
  const double latency_s = race_bench::median_seconds(
      race_bench::kLatencyCalls, [&] { torch::softmax(model->forward(one), 1); });

  race_bench::print_json(
      {{"system", "libtorch"},
       {"model", model_name},
       {"version", "libtorch " TORCH_VERSION},
       {"latency_api", "no_grad forward"}},
      {{"threads", threads},
       {"train_samples_per_s", static_cast<double>(data.x_train.size(0)) / train_s},
       {"predict_samples_per_s", static_cast<double>(data.x_test.size(0)) / predict_s},
       {"latency_us", 1e6 * latency_s},
       {"peak_rss_mib", race_bench::peak_rss_mib()},
       {"test_accuracy", race_bench::accuracy(probs.data_ptr<float>(), data.y_test, 10)}});
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "libtorch_race: %s\n", e.what());
  return 1;
}
