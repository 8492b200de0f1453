// Muon's choice between its two steps and ScheduleFreeAdamW's starting state, which the
// oracle's Dense kernel and bias do not reach: embeddings, other ranks, exclude_layers.
#include "keras/optimizers/optimizers.hpp"
#include "test_util.hpp"

using namespace keras;
namespace opt = keras::optimizers;

namespace {

Variable variable_at_path(const std::string& path, Shape shape) {
  Variable v(ops::ones(shape), /*trainable=*/true, path.substr(path.rfind('/') + 1));
  v.set_path(path);
  return v;
}

}  // namespace

TEST_CASE("Muon: 2-D variables take its step, others (and exclusions) Adam's", "[optimizers]") {
  opt::Muon muon;
  CHECK_FALSE(muon->uses_adam(variable_at_path("dense/kernel", {3, 4})));
  CHECK(muon->uses_adam(variable_at_path("dense/bias", {4})));
  CHECK(muon->uses_adam(variable_at_path("conv/kernel", {3, 3, 2, 4})));
  CHECK(muon->uses_adam(variable_at_path("token_Embedding/embeddings", {10, 4})));  // case-blind
  opt::Muon keep_embeddings({.exclude_layers = {"^head/"}, .exclude_embeddings = false});
  CHECK_FALSE(keep_embeddings->uses_adam(variable_at_path("embedding/embeddings", {10, 4})));
  CHECK(keep_embeddings->uses_adam(variable_at_path("head/kernel", {4, 2})));  // regex search
  CHECK_FALSE(keep_embeddings->uses_adam(variable_at_path("body/head/kernel", {4, 2})));
  CHECK_THROWS_AS(opt::Muon({.exclude_layers = {"("}}), ValueError);

  // Only Adam variables get a velocity slot.
  Variable kernel = variable_at_path("dense/kernel", {3, 4}),
           bias = variable_at_path("dense/bias", {4});
  muon->build({kernel, bias});
  std::vector<std::string> paths;
  for (const auto& v : muon->variables()) paths.push_back(v.path());
  CHECK(paths == std::vector<std::string>{"muon/iteration", "muon/learning_rate",
                                          "muon/dense_kernel_momentum", "muon/dense_bias_momentum",
                                          "muon/dense_bias_velocity"});
  // adam_lr_ratio keeps Keras's spelling: the int 1 by default, a float when fractional.
  CHECK(muon->get_config().at("adam_lr_ratio").is_int());
  CHECK_FALSE(opt::Muon({.adam_lr_ratio = 0.5})->get_config().at("adam_lr_ratio").is_int());
}

TEST_CASE("ScheduleFreeAdamW's z sequence starts at the variable", "[optimizers]") {
  opt::ScheduleFreeAdamW sf;
  Variable w = variable_at_path("dense/kernel", {2, 2});
  w.assign(tensor<float>({1, 2, 3, 4}, {2, 2}));
  sf->build({w});
  const auto vars = sf->variables();
  REQUIRE(vars.size() == 4);
  CHECK(vars[2].path() == "schedule_free_adam_w/dense_kernel_momentum");
  testing::require_values(vars[2].value(), {1, 2, 3, 4}, {2, 2});
  testing::require_values(vars[3].value(), {0, 0, 0, 0}, {2, 2});
}
