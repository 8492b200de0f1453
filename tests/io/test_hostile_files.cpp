// Hostile files across the loaders, for what the format-specific tests (test_npy, test_zip_archive,
// test_weights_h5, test_keras_archive) do not already cover: NaN weights in files Keras saved, a
// .keras archive whose weights do not fit its config or are missing, sizes a config declares that
// no machine can hold, truncated archives and legacy models, a decompression bomb inside an
// archive. Each is a keras error naming the file and what is wrong, never a crash; the fuzz
// targets of tests/fuzz search the same readers for more.
#include <cstdint>
#include <filesystem>

#include "io/npy_test_helpers.hpp"
#include "io/weights_h5_test_helpers.hpp"
#include "io/zip_test_helpers.hpp"
#include "src/io/zip_archive.hpp"

using namespace keras;
using namespace weights_test;
using npy_test::TempDir;

namespace {

std::string hostile_file(const std::string& what) {
  return oracle_path(weights_manifest().at("hostile").at(what).get<std::string>());
}

// A .keras archive holding `config` and `weights` (either may be empty: left out).
void write_archive(const std::string& path, const std::string& config, const std::string& weights) {
  io::ZipWriter zip(path);
  if (!config.empty()) zip.add("config.json", config);
  if (!weights.empty()) zip.add("model.weights.h5", weights);
  zip.commit();
}

std::string entry(const std::string& archive, const std::string& name) {
  return io::ZipReader(archive).read(name, 1 << 30);
}

std::string dense_config(const std::string& units) {
  return R"({"class_name": "Sequential", "config": {"name": "s", "layers": [
      {"class_name": "InputLayer", "config": {"batch_shape": [null, 4], "name": "in"}},
      {"class_name": "Dense", "config": {"name": "huge", "units": )" +
         units + "}}]}}";
}

}  // namespace

TEST_CASE("NaN weights in a file are a ValueError naming the weight and the file", "[hostile]") {
  const std::string parts_kernel = "fc1/kernel'", parts_count = "2 NaN values of 48";
  SECTION(".weights.h5 (Keras's save_weights)") {
    auto model = sequential_mlp();
    const auto before = model->get_weights();
    const std::string file = hostile_file("nan");
    require_error<ValueError>([&] { model->load_weights(file); },
                              {file, parts_kernel, "'/layers/dense/vars/0'", parts_count});
    // Refused before anything was assigned.
    const auto after = model->get_weights();
    for (std::size_t i = 0; i < before.size(); ++i)
      CHECK(npy_test::same_bytes(after[i], before[i]));
  }
  SECTION("legacy .h5 (Keras's model.save), as a model and as weights") {
    const std::string file = hostile_file("nan_legacy");
    require_error<ValueError>([&] { models::load_model(file); }, {file, parts_kernel, parts_count});
    require_error<ValueError>([&] { sequential_mlp()->load_weights(file); },
                              {file, parts_kernel, parts_count});
  }
  SECTION(".keras (a model saved with NaN weights)") {
    TempDir tmp;
    auto model = sequential_mlp();
    Variable bias = model->get_layer("logits")->weights()[1];
    bias.assign(ops::divide(ops::zeros(bias.shape()), ops::zeros(bias.shape())));
    const std::string file = tmp / "nan.keras";
    model->save(file);
    require_error<ValueError>([&] { models::load_model(file); },
                              {file, "logits/bias'", "3 NaN values of 3"});
  }
}

TEST_CASE(".keras archives whose weights do not fit their config, or are missing", "[hostile]") {
  TempDir tmp;
  const std::string narrow = tmp / "narrow.keras", wide = tmp / "wide.keras",
                    biased = tmp / "biased.keras", mixed = tmp / "mixed.keras";
  sequential_mlp()->save(narrow);
  sequential_mlp({.fc1_units = 9})->save(wide);
  sequential_mlp({.fc2_bias = true})->save(biased);
  SECTION("a weight of the wrong shape") {
    write_archive(mixed, entry(narrow, "config.json"), entry(wide, "model.weights.h5"));
    require_error<ValueError>([&] { models::load_model(mixed); },
                              {mixed,
                               "Layer 'fc1', variable 0 ('kernel'): expected shape (6, 8), "
                               "received shape (6, 9)"});
  }
  SECTION("an extra weight") {
    write_archive(mixed, entry(narrow, "config.json"), entry(biased, "model.weights.h5"));
    require_error<ValueError>([&] { models::load_model(mixed); },
                              {mixed, "Layer 'fc2' expected 1 variables, but received 2"});
  }
  SECTION("a missing weight") {
    write_archive(mixed, entry(biased, "config.json"), entry(narrow, "model.weights.h5"));
    require_error<ValueError>([&] { models::load_model(mixed); },
                              {mixed, "Layer 'fc2' expected 2 variables, but received 1"});
  }
  SECTION("no weights at all") {
    write_archive(mixed, entry(narrow, "config.json"), "");
    require_error<IOError>([&] { models::load_model(mixed); }, {mixed, "has no model.weights.h5"});
  }
}

TEST_CASE("sizes a config declares that no machine can hold are keras errors", "[hostile]") {
  // A (4, 2**60) float32 kernel: the element count fits in 64 bits, the bytes do not.
  require_error<ValueError>([] { models::model_from_json(dense_config("1152921504606846976")); },
                            {"does not fit in 64 bits"});
  // (4, 2**63 - 1): the element count itself overflows.
  require_error<ValueError>([] { models::model_from_json(dense_config("9223372036854775807")); },
                            {"more elements than fit in 64 bits"});
  // 4e15 floats (16 PB): representable, refused by the allocator.
  require_error<RuntimeError>([] { models::model_from_json(dense_config("1000000000000000")); },
                              {"Unable to allocate 16000000000000000 bytes"});
}

TEST_CASE("truncated .keras archives and legacy .h5 models are keras errors naming the file",
          "[hostile]") {
  TempDir tmp;
  const auto keras_files = testing::oracle::manifest("keras_files.json", "generate_keras_files.py");
  const std::string archive =
      (testing::oracle_dir() /
       keras_files.at("cases").begin().value().at("file").get<std::string>())
          .string();
  const std::string legacy = hostile_file("nan_legacy");
  for (const auto& [whole_file, name] :
       {std::pair{archive, std::string("cut.keras")}, std::pair{legacy, std::string("cut.h5")}}) {
    const std::string whole = npy_test::read_bytes(whole_file);
    const std::string cut = tmp / name;
    for (std::size_t size : {std::size_t{0}, std::size_t{10}, std::size_t{100}, whole.size() / 2,
                             whole.size() - 200, whole.size() - 1}) {
      INFO(whole_file << " truncated to " << size << " of " << whole.size() << " bytes");
      npy_test::write_bytes(cut, whole.substr(0, size));
      require_error<keras::Error>([&] { models::load_model(cut); }, {cut});
    }
  }
}

TEST_CASE("a decompression bomb inside a .keras archive is refused as it expands", "[hostile]") {
  TempDir tmp;
  const std::string file = tmp / "bomb.keras";
  // 80 MiB of spaces deflate to ~80 KB; config.json may hold at most 64 MiB.
  const std::string spaces(80u << 20, ' ');
  SECTION("declaring its real size") {
    npy_test::write_bytes(
        file, zip_test::make_zip(
                  {{"config.json", spaces, static_cast<std::uint32_t>(spaces.size()), true}}));
    require_error<IOError>(
        [&] { models::load_model(file); },
        {file, "entry 'config.json' declares 83886080 bytes", "more than the 67108864 accepted"});
  }
  SECTION("declaring a small size") {
    npy_test::write_bytes(file, zip_test::make_zip({{"config.json", spaces, 100, true}}));
    require_error<keras::Error>([&] { models::load_model(file); }, {file, "config.json"});
  }
}
