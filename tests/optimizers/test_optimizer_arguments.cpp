// What the Keras oracle does not step through: the new optimizers' argument checks (Keras's
// error texts), and LossScaleOptimizer as a wrapper (the inner optimizer's loss_scale_factor
// cleared, scale_loss, the learning rate and iterations forwarded, the base optimizer's
// arguments refused in its config as Keras refuses them).
#include <keras/optimizers/optimizers.hpp>

#include "test_util.hpp"

using namespace keras;
namespace opt = keras::optimizers;

TEST_CASE("the new optimizers check their arguments with Keras's messages", "[optimizers]") {
  CHECK_THROWS_WITH(opt::Lion({.beta_1 = 0.0}),
                    "Argument `beta_1` must be in the [0, 1] range. Otherwise, the optimizer "
                    "degenerates to SignSGD. Received: beta_1=0.0.");
  CHECK_THROWS_WITH(opt::Ftrl({.learning_rate_power = 0.5}),
                    "`learning_rate_power` needs to be negative or zero. Received: "
                    "learning_rate_power=0.5.");
  CHECK_THROWS_WITH(opt::Ftrl({.initial_accumulator_value = -1.0}),
                    "`initial_accumulator_value` needs to be positive or zero. Received: "
                    "initial_accumulator_value=-1.0.");
  CHECK_THROWS_AS(opt::Ftrl({.l1_regularization_strength = -0.1}), ValueError);
  CHECK_THROWS_AS(opt::Adagrad({.clipnorm = 1.0, .clipvalue = 1.0}), ValueError);
}

TEST_CASE("LossScaleOptimizer wraps an optimizer as Keras's does", "[optimizers]") {
  opt::Adam inner({.learning_rate = 0.01, .loss_scale_factor = 4.0});
  opt::LossScaleOptimizer lso(inner, {.initial_scale = 8.0, .dynamic_growth_steps = 2});
  // The wrapper does the scaling: the inner optimizer's own factor is cleared.
  CHECK(inner->get_config().at("loss_scale_factor").is_null());
  CHECK(lso->scale_loss(scalar(1.5)).item<double>() == 12.0);
  CHECK(lso->learning_rate() == inner->learning_rate());
  lso->set_learning_rate(0.5);
  CHECK(inner->learning_rate() == 0.5);

  Variable w(ops::ones({2}), true, "w");
  // Finite gradients (of a loss scaled by 8): the inner optimizer steps with them unscaled.
  lso->apply({tensor<float>({8.0f, -8.0f}, {2})}, {w});
  CHECK(lso->iterations().value().item<std::int64_t>() == 1);
  CHECK(lso->dynamic_scale() == 8.0);
  lso->apply({tensor<float>({8.0f, 8.0f}, {2})});  // the second finite step doubles the scale
  CHECK(lso->dynamic_scale() == 16.0);
  CHECK(lso->scale_loss(scalar(1.0)).item<double>() == 16.0);
  // A non-finite gradient: no update, the scale halves.
  const Tensor before = w.value();
  lso->apply({tensor<float>({std::numeric_limits<float>::infinity(), 1.0f}, {2})}, {w});
  testing::require_close(w.value(), before, 0, 0);
  CHECK(lso->iterations().value().item<std::int64_t>() == 2);
  CHECK(lso->dynamic_scale() == 8.0);
  // Its variables: its own four, then the inner optimizer's.
  std::vector<std::string> paths;
  for (const auto& v : lso->variables()) paths.push_back(v.path());
  REQUIRE(paths.size() == 8);
  CHECK(paths[2] == lso->name() + "/step_counter");
  CHECK(paths[3] == lso->name() + "/dynamic_scale");
  CHECK(paths[4] == inner->name() + "/iteration");

  auto config = [](const std::string& extra) {
    return ConfigValue::parse(
        R"({"class_name": "LossScaleOptimizer", "config": {"name": "l", "inner_optimizer": "sgd")" +
        extra + "}}");
  };
  CHECK(opt::deserialize(config(R"(, "clipnorm": null, "use_ema": false)"))->name() == "l");
  CHECK_THROWS_WITH(opt::deserialize(config(R"(, "clipnorm": 1.0)")),
                    "LossScaleOptimizer does not support `clipnorm`. Instead, set `clipnorm` on "
                    "the `inner_optimizer`.");
  CHECK_THROWS_WITH(opt::deserialize(config(R"(, "dynamic": false)")),
                    Catch::StartsWith("LossScaleOptimizer no longer supports `dynamic=False`."));
}
