// The optimizer API around the update rules: lookup by name, Spec, copies, learning-rate
// setting, weight loading, weight-decay exclusion, EMA finalisation and bad input.
#include "keras/core/config_value.hpp"
#include "keras/models/training_options.hpp"
#include "keras/optimizers/optimizers.hpp"
#include "test_util.hpp"

using namespace keras;
namespace opt = keras::optimizers;

TEST_CASE("optimizers::get resolves Keras identifiers", "[optimizers]") {
  CHECK(opt::get("adam")->class_name() == "Adam");
  CHECK(opt::get("Adam")->class_name() == "Adam");
  CHECK(opt::get("adamw")->class_name() == "AdamW");
  CHECK(opt::get("RMSprop")->class_name() == "RMSprop");
  CHECK(opt::get(std::string("sgd"))->class_name() == "SGD");
  CHECK(opt::get(ConfigValue::parse(R"({"class_name": "SGD", "config": {"momentum": 0.5}})"))
            ->get_config()
            .at("momentum")
            .as_double() == 0.5);
  CHECK_THROWS_AS(opt::get("adamm"), ValueError);
  CHECK_THROWS_WITH(opt::get("adamm"), Catch::Contains("'rmsprop'") && Catch::Contains("adamm"));
  // Keras's get refuses these bare names too: a MultiOptimizer needs its map, and an
  // OptimizerMap is not an optimizer.
  CHECK_THROWS_AS(opt::get("multioptimizer"), TypeError);
  CHECK_THROWS_AS(opt::get("optimizermap"), TypeError);
  // Keras 2 training configs: `lr` and `decay` (which Keras 3 ignores).
  auto legacy = opt::deserialize(ConfigValue::parse(
      R"({"class_name": "Adam", "config": {"lr": 0.5, "decay": 0.0, "beta_1": 0.8, "amsgrad": false}})"));
  CHECK(legacy->learning_rate() == 0.5);
  CHECK(legacy->get_config().at("beta_1").as_double() == 0.8);
  // An argument this version does not take is warned about, not refused (configs come from
  // files of every Keras generation; tests/core/test_config_reader.cpp checks the warning).
  CHECK(
      opt::deserialize(ConfigValue::parse(R"({"class_name": "SGD", "config": {"momentom": 0.5}})"))
          ->get_config()
          .at("momentum")
          .as_double() == 0.0);
  CHECK_THROWS_WITH(opt::deserialize(ConfigValue::parse(
                        R"({"class_name": "AdamW", "config": {"weight_decay": null}})")),
                    Catch::Contains("weight_decay=None"));
}

TEST_CASE("optimizers::Spec accepts what compile(optimizer=...) accepts", "[optimizers]") {
  opt::Spec none;
  CHECK_FALSE(none);
  CHECK(CompileOptions{}.optimizer.get()->class_name() == "RMSprop");  // Keras's compile default
  opt::Spec by_name = "adam";
  CHECK(by_name.get()->class_name() == "Adam");
  CHECK(by_name.get() != by_name.get());  // a fresh optimizer per compile, as in Keras
  opt::Spec by_string = std::string("sgd");
  CHECK(by_string.get()->class_name() == "SGD");
  opt::Spec by_object = opt::Adam({.learning_rate = 0.25, .amsgrad = true});
  CHECK(by_object.get()->learning_rate() == 0.25);
  CHECK(by_object.get() == by_object.get());  // an object is used as is
  auto shared = std::make_shared<opt::SGDImpl>(opt::SGDOptions{.momentum = 0.5});
  opt::Spec by_pointer = shared;
  CHECK(by_pointer.get() == shared);
  std::shared_ptr<opt::Optimizer> base = shared;
  opt::Spec by_base_pointer = base;
  CHECK(by_base_pointer.get() == shared);
  struct Options {
    opt::Spec optimizer;
  };  // as compile's options struct holds it
  Options o{.optimizer = opt::RMSprop({.rho = 0.5})};
  CHECK(o.optimizer.get()->get_config().at("rho").as_double() == 0.5);
}

TEST_CASE("copies of an optimizer handle are one optimizer", "[optimizers]") {
  opt::SGD original({.learning_rate = 0.1, .momentum = 0.9, .name = "orig"});
  Variable w(ops::ones({2}), true, "w");
  original->apply({ops::ones({2})}, {w});
  opt::SGD copy = original;
  CHECK(copy == original);
  copy->apply({ops::ones({2})}, {w});
  CHECK(original->iterations().value().item<std::int64_t>() == 2);
  testing::require_values(original->variables()[2].value(), {-0.19, -0.19}, {2});
  static_assert(!std::is_copy_constructible_v<opt::SGDImpl>);
  static_assert(!std::is_copy_constructible_v<opt::Optimizer>);
}

TEST_CASE("set_learning_rate and set_weights", "[optimizers]") {
  opt::SGD sgd({.learning_rate = 0.5});
  Variable w(ops::zeros({2}), true, "w");
  sgd->apply({ops::ones({2})}, {w});
  sgd->set_learning_rate(0.25);
  CHECK(sgd->learning_rate() == 0.25);
  CHECK(sgd->get_config().at("learning_rate").as_double() == 0.25);
  sgd->apply({ops::ones({2})}, {w});
  testing::require_values(w.value(), {-0.75, -0.75}, {2});
  // Positional load, as loading a saved optimizer does: iteration, learning_rate.
  sgd->set_weights({scalar(7, DType::int64), scalar(0.125, DType::float32)});
  CHECK(sgd->iterations().value().item<std::int64_t>() == 7);
  CHECK(sgd->learning_rate() == 0.125);
  CHECK_THROWS_AS(sgd->set_weights({scalar(7, DType::int64)}), ValueError);
  CHECK_THROWS_AS(opt::SGD()->set_weights({}), ValueError);  // not built
  // Switching to a schedule drops the learning_rate variable.
  sgd->set_learning_rate(optimizers::schedules::ExponentialDecay(1.0, 1, 0.5));
  CHECK(sgd->variables().size() == 1);
  CHECK(sgd->learning_rate() == 1.0 / 128.0);  // evaluated at iterations = 7
}

TEST_CASE("weight decay skips excluded variables", "[optimizers]") {
  opt::SGD sgd({.learning_rate = 0.5, .weight_decay = 0.1});
  Variable kernel(ops::ones({2}), true, "kernel"), bias(ops::ones({2}), true, "bias");
  sgd->exclude_from_weight_decay({}, {"bias"});
  sgd->apply({ops::zeros({2}), ops::zeros({2})}, {kernel, bias});
  testing::require_values(kernel.value(), {0.95, 0.95}, {2});
  testing::require_values(bias.value(), {1.0, 1.0}, {2});
  sgd->exclude_from_weight_decay({kernel});
  sgd->apply({ops::zeros({2}), ops::zeros({2})}, {kernel, bias});
  testing::require_values(kernel.value(), {0.95, 0.95}, {2});
  testing::require_values(bias.value(), {0.95, 0.95}, {2});
}

TEST_CASE("EMA finalisation copies the averages into the variables", "[optimizers]") {
  opt::SGD sgd({.learning_rate = 1.0, .use_ema = true, .ema_momentum = 0.5});
  Variable w(ops::zeros({1}), true, "w");
  sgd->apply({ops::ones({1})}, {w});  // w = -1, average = -1 (first step copies)
  sgd->apply({ops::ones({1})}, {w});  // w = -2, average = 0.5 * -1 + 0.5 * -2
  testing::require_values(w.value(), {-2.0}, {1});
  sgd->finalize_variable_values({w});
  testing::require_values(w.value(), {-1.5}, {1});
  CHECK_THROWS_AS(sgd->finalize_variable_values({}), ValueError);
}

TEST_CASE("optimizers reject bad input with Keras's messages", "[optimizers]") {
  CHECK_THROWS_WITH(opt::SGD({.clipnorm = 1.0, .clipvalue = 0.5}),
                    Catch::Contains("Only one of `clipnorm`, `clipvalue` and `global_clipnorm`"));
  CHECK_THROWS_AS(opt::Adam({.clipnorm = 1.0, .global_clipnorm = 1.0}), ValueError);
  CHECK_THROWS_AS(opt::RMSprop({.clipvalue = 1.0, .global_clipnorm = 1.0}), ValueError);
  CHECK_THROWS_WITH(opt::SGD({.momentum = 1.5}), Catch::Contains("`momentum` must be a float"));
  CHECK_THROWS_AS(opt::Adam({.gradient_accumulation_steps = 1}), ValueError);
  CHECK_THROWS_AS(opt::Adam({.use_ema = true, .ema_momentum = 2.0}), ValueError);

  opt::Adam adam;
  Variable a(ops::ones({2}), true, "a"), b(ops::ones({2}), true, "b");
  CHECK_THROWS_WITH(adam->apply({ops::ones({2})}, {a, b}), Catch::Contains("1 gradients for 2"));
  CHECK_THROWS_WITH(adam->apply({Tensor(), Tensor()}, {a, b}),
                    Catch::Contains("No gradients provided for any variable"));
  CHECK_THROWS_AS(opt::Adam()->apply({ops::ones({2})}), ValueError);  // not built
  adam->apply({ops::ones({2}), Tensor()}, {a, b});
  CHECK(adam->iterations().value().item<std::int64_t>() == 1);  // failed calls do not count
  Variable stranger(ops::ones({2}), true, "stranger");
  CHECK_THROWS_WITH(adam->apply({ops::ones({2})}, {stranger}), Catch::Contains("Unknown variable"));
  CHECK_THROWS_WITH(adam->apply({ops::ones({3}), ops::ones({2})}, {a, b}),
                    Catch::Contains("has shape (3,)"));
}

TEST_CASE("updates are not recorded by an active tape", "[optimizers]") {
  Variable w(ops::ones({2}), true, "w");
  opt::Adam adam;
  GradientTape tape;
  Tensor loss = ops::sum(ops::square(w.value()));
  auto grads = tape.gradient(loss, std::vector<Variable>{w});
  adam->apply(grads, {w});
  // Slots hold plain values, not graph nodes of the tape.
  for (const auto& v : adam->variables()) CHECK_FALSE(v.value().is_tracked());
  // First Adam step moves by lr * g / (|g| + eps) ~= lr.
  testing::require_values(w.value(), {0.999, 0.999}, {2}, 1e-6, 0.0);
  adam->apply_gradients({{ops::ones({2}), w}});
  CHECK(adam->iterations().value().item<std::int64_t>() == 2);
}
