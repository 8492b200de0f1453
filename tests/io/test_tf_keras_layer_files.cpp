// Every built-in layer that tf-keras 2 has, through its legacy files (tf_keras_layer_files.json,
// from tests/keras_oracle/generate_tf_keras_layer_files.py): per layer family, a model with a
// branch per layer class, saved by tf-keras as .h5 and as save_weights .h5, loads here from
// both and predicts what tf-keras predicted. (The other direction:
// test_tf_keras_layer_files_check.cpp.)
#include "io/layer_files_helpers.hpp"
#include "test_util.hpp"

using namespace keras;

namespace {
nlohmann::json tf_keras_layer_manifest() {
  return testing::oracle::manifest("tf_keras_layer_files.json", "generate_tf_keras_layer_files.py");
}
}  // namespace

TEST_CASE("every registered layer tf-keras has is in a tf-keras-saved layer file", "[keras]") {
  // GroupQueryAttention came with Keras 3.
  layer_files::check_coverage(tf_keras_layer_manifest(), {"GroupQueryAttention"});
}

TEST_CASE("layer files saved by tf-keras 2 (.h5, weights .h5) predict here as in tf-keras",
          "[keras]") {
  layer_files::check_loads(tf_keras_layer_manifest(), {"h5"}, "weights");
}

TEST_CASE("Keras 2's hard_sigmoid survives our .h5: its file says Keras 2", "[keras]") {
  const auto rnn = tf_keras_layer_manifest()
                       .at("families")
                       .at("rnn");  // ConvLSTM's default recurrent_activation
  auto model =
      models::load_model((testing::oracle_dir() / rnn.at("h5").get<std::string>()).string());
  npy_test::TempDir tmp;
  const auto path = (tmp.dir / "rnn.h5").string();
  model->save(path);
  auto again = models::load_model(path);
  std::vector<Tensor> xs;
  for (const auto& f : rnn.at("inputs")) xs.push_back(testing::oracle::npy(f.get<std::string>()));
  const auto want = model.predict(Data(xs), {.verbose = 0}).values();
  const auto got = again.predict(Data(xs), {.verbose = 0}).values();
  REQUIRE(got.size() == want.size());
  for (std::size_t k = 0; k < got.size(); ++k) testing::require_close(got[k], want[k]);

  // Both sigmoids in one model: one .h5 cannot say which is which.
  auto x = Input({3});
  auto both = make_model<Model>(x, layers::Dense(2, {.activation = "hard_sigmoid"})(
                                       layers::Dense(2, {.activation = "keras2_hard_sigmoid"})(x)));
  REQUIRE_THROWS_WITH(both->save((tmp.dir / "both.h5").string()),
                      Catch::Contains("both Keras 2's hard_sigmoid"));
  CHECK_NOTHROW(both->save((tmp.dir / "both.keras").string()));
}
