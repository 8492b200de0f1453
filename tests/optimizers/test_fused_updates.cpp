// The single-pass update kernels (fused_updates.hpp) against the ops formulation they replace:
// same optimizer, same random gradients, both paths, every option that changes the loop.
#include <functional>

#include "src/optimizers/fused_updates.hpp"
#include "keras/optimizers/optimizers.hpp"
#include "test_util.hpp"

using namespace keras;
namespace opt = keras::optimizers;

namespace {

using Factory = std::function<std::shared_ptr<opt::Optimizer>()>;

// Five steps on a (37, 29) variable; returns the variable and all optimizer variables.
std::vector<Tensor> run(const Factory& make, bool fused, DType dtype) {
  opt::detail::set_fused_updates_enabled(fused);
  Variable w(testing::random_tensor({37, 29}, 7, -1, 1, dtype), true, "w");
  auto optimizer = make();
  for (std::uint32_t step = 0; step < 5; ++step)
    optimizer->apply({testing::random_tensor({37, 29}, 100 + step, -2, 2, dtype)}, {w});
  opt::detail::set_fused_updates_enabled(true);
  std::vector<Tensor> out{w.value()};
  for (const auto& v : optimizer->variables()) out.push_back(v.value());
  return out;
}

}  // namespace

TEST_CASE("fused optimizer kernels agree with the ops formulation", "[optimizers]") {
  const std::vector<std::pair<const char*, Factory>> cases = {
      {"sgd", [] { return std::make_shared<opt::SGDImpl>(opt::SGDOptions{.learning_rate = 0.1}); }},
      {"sgd momentum",
       [] {
         return std::make_shared<opt::SGDImpl>(
             opt::SGDOptions{.learning_rate = 0.1, .momentum = 0.9});
       }},
      {"sgd nesterov",
       [] {
         return std::make_shared<opt::SGDImpl>(
             opt::SGDOptions{.learning_rate = 0.1, .momentum = 0.9, .nesterov = true});
       }},
      {"adam",
       [] { return std::make_shared<opt::AdamImpl>(opt::AdamOptions{.learning_rate = 0.01}); }},
      {"adam amsgrad",
       [] {
         return std::make_shared<opt::AdamImpl>(
             opt::AdamOptions{.learning_rate = 0.01, .beta_2 = 0.5, .amsgrad = true});
       }},
      {"adamw",
       [] {
         return std::make_shared<opt::AdamWImpl>(
             opt::AdamWOptions{.learning_rate = 0.01, .weight_decay = 0.1});
       }},
      {"sgd weight decay",
       [] {
         return std::make_shared<opt::SGDImpl>(
             opt::SGDOptions{.learning_rate = 0.1, .weight_decay = 0.2});
       }},
      {"rmsprop",
       [] {
         return std::make_shared<opt::RMSpropImpl>(opt::RMSpropOptions{.learning_rate = 0.01});
       }},
      {"rmsprop momentum",
       [] {
         return std::make_shared<opt::RMSpropImpl>(
             opt::RMSpropOptions{.learning_rate = 0.01, .momentum = 0.5});
       }},
      {"rmsprop centered",
       [] {
         return std::make_shared<opt::RMSpropImpl>(
             opt::RMSpropOptions{.learning_rate = 0.01, .centered = true});
       }},
      {"rmsprop centered momentum",
       [] {
         return std::make_shared<opt::RMSpropImpl>(
             opt::RMSpropOptions{.learning_rate = 0.01, .momentum = 0.5, .centered = true});
       }},
  };
  for (const auto& [name, make] : cases)
    for (DType dtype : {DType::float32, DType::float64}) {
      DYNAMIC_SECTION(name << " " << dtype_name(dtype)) {
        auto fused = run(make, true, dtype);
        auto plain = run(make, false, dtype);
        REQUIRE(fused.size() == plain.size());
        for (std::size_t i = 0; i < fused.size(); ++i) {
          INFO("tensor " << i << " (0 is the variable)");
          CHECK(fused[i].dtype() == plain[i].dtype());
          // Same expressions in the same order; the compiler may still contract a*b - c into an
          // FMA, so allow a few ulps of the operands (values here are O(1)).
          const bool f32 = dtype == DType::float32;
          testing::require_close(fused[i], plain[i], f32 ? 1e-6 : 1e-14, f32 ? 1e-6 : 1e-14);
        }
      }
    }
}
