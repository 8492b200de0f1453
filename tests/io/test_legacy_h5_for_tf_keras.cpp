// Legacy .h5 files written for tf-keras 2 (saving::LegacyH5Reader::tf_keras_2) load back here
// too: tf-keras's optimizer layout maps onto ours, so training continues exactly; tf-keras's
// MultiHeadAttention node and config read back. What tf-keras cannot hold is refused before
// anything is written. (tf-keras itself loads them: test_tf_keras_files.cpp and
// test_tf_keras_layer_files_check.cpp.)
#include <filesystem>

#include "io/npy_test_helpers.hpp"
#include "test_util.hpp"

using namespace keras;
using Catch::Contains;

namespace {

const saving::SaveOptions kForTfKeras{.legacy_h5_reader = saving::LegacyH5Reader::tf_keras_2};

template <class M>
double next_epoch_loss(M& model, const Tensor& x, const Tensor& y) {
  History h = model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  return h->history.at("loss").at(0);
}

}  // namespace

TEST_CASE("a .h5 saved for tf-keras loads here with its optimizer state", "[io]") {
  npy_test::TempDir tmp;
  const Tensor x = testing::random_tensor({12, 4}, 1), y = testing::random_tensor({12, 2}, 2);
  const std::vector<std::pair<std::string, optimizers::Spec>> cases{
      {"adam", optimizers::Adam({.learning_rate = 0.01, .amsgrad = true})},
      {"sgd", optimizers::SGD({.learning_rate = 0.1, .momentum = 0.9})},
      {"rmsprop", optimizers::RMSprop({.learning_rate = 0.01, .momentum = 0.5, .centered = true})}};
  for (const auto& [id, optimizer] : cases) {
    INFO(id);
    utils::set_random_seed(5);
    auto model = make_model<Sequential>(
        std::vector<SequentialEntry>{Input({4}), layers::Dense(5, {.activation = "tanh"}),
                                     layers::Dense(2)},
        ModelOptions{.name = "seq"});
    model.compile({.optimizer = optimizer, .loss = "mse", .metrics = {"mae"}});
    next_epoch_loss(model, x, y);
    const auto file = (tmp.dir / (id + ".h5")).string();
    model.save(file, kForTfKeras);
    auto loaded = models::load_model(file);
    REQUIRE(loaded->compiled());
    // The metric written as tf-keras writes it (a MeanMetricWrapper) compiles back the same.
    CHECK(loaded.evaluate(x, y, {.verbose = 0}).names() ==
          model.evaluate(x, y, {.verbose = 0}).names());
    CHECK(loaded->optimizer()->class_name() == model->optimizer()->class_name());
    CHECK(loaded->optimizer()->iterations().value().item<std::int64_t>() == 3);
    testing::require_close(loaded.predict(x, {.verbose = 0}).values()[0],
                           model.predict(x, {.verbose = 0}).values()[0], 0, 0);
    // Every slot came back: a fresh slot anywhere would change the next epoch.
    CHECK(next_epoch_loss(loaded, x, y) == next_epoch_loss(model, x, y));
  }
}

TEST_CASE("MultiHeadAttention saved for tf-keras reads back here", "[io][attention]") {
  npy_test::TempDir tmp;
  utils::set_random_seed(3);
  auto q = Input({5, 4}, {.name = "q"});
  auto v = Input({3, 4}, {.name = "v"});
  auto k = Input({3, 4}, {.name = "k"});
  auto mask = Input({5, 3}, {.name = "mask"});
  // query, value, key positionally (tf-keras names the last two), a keyword tensor and a
  // keyword value.
  auto mha = layers::MultiHeadAttention(2, 3, {.name = "mha"});
  auto out = mha(std::vector<KerasTensor>{q, v, k},
                 SymbolicCallKwargs{.values = {{"use_causal_mask", true}},
                                    .tensors = {{"attention_mask", mask}}});
  auto model = make_model<Model>(std::vector<KerasTensor>{q, v, k, mask}, out);
  const std::vector<Tensor> xs{
      testing::random_tensor({2, 5, 4}, 7), testing::random_tensor({2, 3, 4}, 8),
      testing::random_tensor({2, 3, 4}, 9),
      ops::cast(ops::greater(testing::random_tensor({2, 5, 3}, 10), 0.0), DType::float32)};
  const Tensor want = model.predict(xs, {.verbose = 0}).values()[0];
  for (const auto& options : {saving::SaveOptions{}, kForTfKeras}) {
    const auto file = (tmp.dir / "mha.h5").string();
    saving::save_model(*model, file, options);
    auto loaded = models::load_model(file);
    testing::require_close(loaded.predict(xs, {.verbose = 0}).values()[0], want, 0, 0);
  }
}

TEST_CASE("what tf-keras cannot hold is refused when saving for it, and nothing is written",
          "[io][errors]") {
  npy_test::TempDir tmp;
  const auto file = (tmp.dir / "m.h5").string();
  SECTION("Keras 3's hard_sigmoid") {
    auto model = make_model<Sequential>(
        std::vector<SequentialEntry>{Input({3}), layers::Dense(2, {.activation = "hard_sigmoid"})});
    REQUIRE_THROWS_WITH(saving::save_model(*model, file, kForTfKeras),
                        Contains("Keras 3's hard_sigmoid") && Contains("Keras 2's"));
    // Keras 3 reads it: the default writes it.
    saving::save_model(*model, file);
    std::filesystem::remove(file);
  }
  SECTION("a layer with positional arguments tf-keras cannot name") {
    auto q = Input({4, 8}), v = Input({6, 8});
    auto gqa = layers::GroupQueryAttention(2, 4, 2, {.name = "gqa"});
    auto model =
        make_model<Model>(std::vector<KerasTensor>{q, v}, gqa(std::vector<KerasTensor>{q, v}));
    REQUIRE_THROWS_WITH(saving::save_model(*model, file, kForTfKeras),
                        Contains("'gqa'") && Contains("2 positional arguments"));
  }
  SECTION("an optimizer setting tf-keras lacks") {
    auto model = make_model<Sequential>(std::vector<SequentialEntry>{Input({3}), layers::Dense(2)});
    model.compile(
        {.optimizer = optimizers::Adam({.gradient_accumulation_steps = 2}), .loss = "mse"});
    REQUIRE_THROWS_WITH(saving::save_model(*model, file, kForTfKeras),
                        Contains("gradient_accumulation_steps=2"));
  }
  CHECK_FALSE(std::filesystem::exists(file));
  // The TempFile of an aborted save is gone too.
  CHECK(std::distance(std::filesystem::directory_iterator(tmp.dir),
                      std::filesystem::directory_iterator()) == 0);
}
