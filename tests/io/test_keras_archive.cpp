// Whole-model files, .keras archives and legacy .h5: files saved by Keras 3 load here, predict
// what Keras predicted and continue fit with the loss Keras printed for the next epoch
// (keras_files.json, from tests/keras_oracle/generate_keras_files.py); ours round-trip with
// their compile and optimizer state; hostile archives are clear errors. (Keras loading ours:
// test_model_files_keras.cpp.)
#include <filesystem>

#include "keras_oracle/oracle.hpp"
#include "src/io/zip_archive.hpp"
#include "test_util.hpp"

using namespace keras;
namespace fs = std::filesystem;

namespace {

fs::path temp_path(const std::string& name) {
  return fs::temp_directory_path() / ("keraspp_keras_" + std::to_string(::getpid()) + "_" + name);
}

}  // namespace

TEST_CASE("a .keras or .h5 model saved by Keras 3 predicts and trains on as in Keras") {
  auto manifest = testing::oracle::manifest("keras_files.json", "generate_keras_files.py");
  REQUIRE(manifest.at("cases").size() >= 3);
  const auto format = GENERATE(as<std::string>{}, "file", "h5");
  for (const auto& [id, c] : manifest.at("cases").items()) {
    INFO("case " << id << ", " << c.at(format).get<std::string>());
    auto model =
        models::load_model((testing::oracle_dir() / c.at(format).get<std::string>()).string());
    REQUIRE(model->compiled());
    Tensor x = testing::oracle::npy(c.at("x").get<std::string>());
    Tensor y = testing::oracle::npy(c.at("y").get<std::string>());
    Tensor want = testing::oracle::npy(c.at("predictions").get<std::string>());
    testing::require_close(model.predict(x, {.verbose = 0}).values()[0], want, 1e-5, 1e-4);
    History h = model.fit(x, y,
                          {.batch_size = c.at("batch_size").get<std::int64_t>(),
                           .epochs = 1,
                           .verbose = 0,
                           .shuffle = false});
    for (const auto& [key, value] : c.at("next_epoch").items()) {
      INFO("next-epoch " << key);
      REQUIRE(h->history.count(key) == 1);
      CHECK(testing::is_close(h->history.at(key)[0], value.get<double>(), 1e-5, 1e-4));
    }
  }
}

TEST_CASE("whole-model round trip (.keras, .h5): config, weights, compile and optimizer state") {
  const auto extension = GENERATE(as<std::string>{}, ".keras", ".h5");
  INFO(extension);
  utils::set_random_seed(5);
  auto model = make_model<Sequential>(std::vector<SequentialEntry>{
      Input({4}, {.name = "in"}), layers::Dense(6, {.activation = "relu", .name = "h"}),
      layers::Dense(2, {.name = "out"})});
  model.compile(
      {.optimizer = optimizers::Adam({.learning_rate = 0.02}), .loss = "mse", .metrics = {"mae"}});
  Tensor x = testing::random_tensor({16, 4}, 1, -1, 1, DType::float32);
  Tensor y = testing::random_tensor({16, 2}, 2, -1, 1, DType::float32);
  model.fit(x, y, {.batch_size = 4, .epochs = 2, .verbose = 0, .shuffle = false});
  fs::path p = temp_path("round" + extension);
  model->save(p.string());
  auto again = models::load_model(p.string());
  CHECK(again->to_json() == model->to_json());
  testing::require_close(again.predict(x, {.verbose = 0}).values()[0],
                         model.predict(x, {.verbose = 0}).values()[0], 0, 0);
  auto a = model->optimizer()->variables(), b = again->optimizer()->variables();
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    testing::require_close(b[i].value(), a[i].value(), 0, 0);
  // Training on from the file is training on from the original.
  auto h1 = model.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  auto h2 = again.fit(x, y, {.batch_size = 4, .epochs = 1, .verbose = 0, .shuffle = false});
  CHECK(h2->history.at("loss") == h1->history.at("loss"));
  fs::remove(p);
}

TEST_CASE("hostile or wrong .keras archives are clear errors") {
  fs::path p = temp_path("bad.keras");
  auto archive = [&](std::vector<std::pair<std::string, std::string>> entries) {
    io::ZipWriter w(p.string());
    for (auto& [name, bytes] : entries) w.add(name, bytes);
    w.commit();
  };
  archive({{"metadata.json", "{}"}});
  CHECK_THROWS_WITH(models::load_model(p.string()), Catch::Contains("has no config.json"));
  archive({{"config.json", "{not json"}});
  CHECK_THROWS_WITH(models::load_model(p.string()),
                    Catch::Contains("config.json is not valid JSON"));
  archive(
      {{"config.json", R"({"module": "keras", "class_name": "Sequential", "config": {"name": "s",
      "layers": [{"class_name": "InputLayer", "config": {"batch_shape": [null, 2]}},
                 {"class_name": "Mystery", "config": {"name": "m"}}]}})"}});
  CHECK_THROWS_WITH(models::load_model(p.string()), Catch::Contains("Mystery"));
  archive(
      {{"config.json", R"({"module": "keras", "class_name": "Sequential", "config": {"name": "s",
      "layers": [{"class_name": "InputLayer", "config": {"batch_shape": [null, 2]}},
                 {"class_name": "Dense", "config": {"name": "d", "units": 1}}]}})"},
       {"model.weights.h5", "not an HDF5 file"}});
  CHECK_THROWS_AS(models::load_model(p.string()), IOError);
  CHECK_THROWS_WITH(models::load_model(temp_path("absent.keras").string()),
                    Catch::Contains("absent.keras"));
  CHECK_THROWS_WITH(models::load_model(temp_path("model.txt").string()), Catch::Contains(".keras"));
  fs::remove(p);
}
