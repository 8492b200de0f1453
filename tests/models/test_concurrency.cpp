// What users do with threads: several threads predicting with one model, and separate models
// training at the same time. Results must equal a single-threaded run (the sanitizer job runs
// this file under ThreadSanitizer as well). Catch's assertions are not thread-safe, so the
// threads only record what they saw and the main thread asserts.
#include <atomic>
#include <thread>

#include "test_util.hpp"

using namespace keras;

namespace {

ModelHandle<Sequential> mlp() {
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{
      Input({8}), layers::Dense(16, {.activation = "relu"}), layers::Dense(3)});
  // Fixed weights, so every model built here computes the same function.
  std::vector<Tensor> weights;
  std::uint32_t seed = 10;
  for (const auto& w : model->get_weights())
    weights.push_back(testing::random_tensor(w.shape(), seed++, -0.5, 0.5, DType::float32));
  model->set_weights(weights);
  return model;
}

double max_abs_diff(const Tensor& a, const Tensor& b) {
  auto x = a.to_vector<double>(), y = b.to_vector<double>();
  if (x.size() != y.size()) return 1e300;
  double d = 0;
  for (std::size_t i = 0; i < x.size(); ++i) d = std::max(d, std::abs(x[i] - y[i]));
  return d;
}

}  // namespace

TEST_CASE("four threads predict with one model and get the single-threaded answer", "[threads]") {
  auto model = mlp();
  Tensor x = testing::random_tensor({200, 8}, 3, -1, 1, DType::float32);
  Tensor want = model->predict(x, {.batch_size = 32, .verbose = 0});
  std::atomic<int> mismatches{0}, failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    // Each thread holds its own copy of the handle: one model, shared.
    threads.emplace_back([&, mine = model] {
      try {
        for (int round = 0; round < 5; ++round) {
          Tensor got = mine.predict(x, {.batch_size = 32, .verbose = 0});
          if (max_abs_diff(got, want) != 0.0) ++mismatches;
        }
      } catch (...) {
        ++failures;
      }
    });
  for (auto& t : threads) t.join();
  REQUIRE(failures == 0);
  REQUIRE(mismatches == 0);
}

TEST_CASE("two models train at once in two threads, each as if alone", "[threads]") {
  Tensor x = testing::random_tensor({64, 8}, 4, -1, 1, DType::float32);
  Tensor y = testing::random_tensor({64, 3}, 5, -1, 1, DType::float32);
  auto train = [&](Sequential& model) {
    model.compile({.optimizer = optimizers::Adam({.learning_rate = 1e-2}), .loss = "mse"});
    return model.fit(x, y, {.batch_size = 16, .epochs = 3, .verbose = 0, .shuffle = false})
        ->history.at("loss");
  };
  auto alone = mlp();
  const std::vector<LogValue> want_loss = train(*alone);
  const auto want_weights = alone->get_weights();

  auto a = mlp(), b = mlp();
  std::vector<LogValue> loss_a, loss_b;
  std::atomic<int> failures{0};
  std::thread ta([&] {
    try {
      loss_a = train(*a);
    } catch (...) {
      ++failures;
    }
  });
  std::thread tb([&] {
    try {
      loss_b = train(*b);
    } catch (...) {
      ++failures;
    }
  });
  ta.join();
  tb.join();
  REQUIRE(failures == 0);
  // Bit for bit: the runs do not disturb each other.
  REQUIRE(loss_a.size() == want_loss.size());
  for (std::size_t e = 0; e < want_loss.size(); ++e) {
    REQUIRE(loss_a[e].item() == want_loss[e].item());
    REQUIRE(loss_b[e].item() == want_loss[e].item());
  }
  for (Sequential* m : {&a.get(), &b.get()}) {
    auto w = m->get_weights();
    REQUIRE(w.size() == want_weights.size());
    for (std::size_t i = 0; i < w.size(); ++i) REQUIRE(max_abs_diff(w[i], want_weights[i]) == 0.0);
  }
}
