// Model::save_weights / load_weights in Keras 3's .weights.h5 format, against files real Keras
// wrote (tests/keras_oracle/generate_weights.py): loading them reproduces Keras's predictions,
// our files have Keras's HDF5 layout, our own round trip is exact, and files that do not fit
// the model or are not weight files at all end in a clear ValueError / IOError.
#include <filesystem>
#include <fstream>
#include <functional>

#include "io/npy_test_helpers.hpp"
#include "io/weights_h5_test_helpers.hpp"

using namespace keras;
using namespace weights_test;
using npy_test::TempDir;

namespace {

std::string keras_file(const std::string& id) {
  return oracle_path(weights_manifest().at("cases").at(id).at("file").get<std::string>());
}

std::vector<Tensor> keras_inputs(const std::string& id) {
  return arrays(weights_manifest().at("cases").at(id).at("inputs"));
}

// Copies every group and dataset of `from` into `to` (attributes: `name` only), renaming path
// components equal to `rename_from`.
void copy_tree(const io::hdf5::Group& from, const io::hdf5::Group& to,
               const std::string& rename_from = "", const std::string& rename_to = "") {
  for (const auto& name : from.children()) {
    const std::string target = name == rename_from ? rename_to : name;
    if (from.kind(name) == io::hdf5::Kind::group) {
      const auto src = from.group(name);
      const auto dst = to.create_group(target);
      if (src.has_attr("name")) dst.set_string_attr("name", src.string_attr("name"));
      copy_tree(src, dst, rename_from, rename_to);
    } else {
      to.write(target, from.dataset(name).read());
    }
  }
}

}  // namespace

TEST_CASE("load_weights reads Keras's .weights.h5 and reproduces Keras's predictions",
          "[weights_h5]") {
  for (const auto& id : case_ids()) {
    INFO("case " << id);
    const auto all = weights_manifest();
    const auto& c = all.at("cases").at(id);
    auto model = build(id);
    model->load_weights(keras_file(id));
    const auto got = predict(*model, keras_inputs(id));
    const auto want = arrays(c.at("outputs"));
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i) testing::require_close(got[i], want[i]);
  }
}

TEST_CASE("the HDF5 wrapper reads Keras's files as h5py does", "[weights_h5]") {
  for (const auto& id : case_ids()) {
    INFO("case " << id);
    CHECK(layout_of(keras_file(id)) ==
          layout_of(weights_manifest().at("cases").at(id).at("layout")));
  }
}

TEST_CASE("save_weights writes Keras's layout: paths, name attributes, shapes, dtypes",
          "[weights_h5]") {
  TempDir tmp;
  for (const auto& id : case_ids()) {
    INFO("case " << id);
    auto model = build(id);
    const std::string ours = tmp / (id + ".weights.h5");
    model->save_weights(ours);
    CHECK(layout_of(ours) == layout_of(weights_manifest().at("cases").at(id).at("layout")));
  }
}

TEST_CASE("save_weights then load_weights reproduces predictions exactly", "[weights_h5]") {
  TempDir tmp;
  for (const auto& id : case_ids()) {
    INFO("case " << id);
    auto saved = build(id);
    saved->load_weights(keras_file(id));
    perturb(*saved);
    const std::string file = tmp / (id + ".weights.h5");
    saved->save_weights(file);
    saved->save_weights(file);  // overwriting an existing file works too
    auto loaded = build(id);
    loaded->load_weights(file);
    const auto want = predict(*saved, keras_inputs(id));
    const auto got = predict(*loaded, keras_inputs(id));
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      CHECK(npy_test::bytes_of(got[i]) == npy_test::bytes_of(want[i]));
  }
  // No temporary files are left behind.
  for (const auto& entry : std::filesystem::directory_iterator(tmp.dir))
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("a compiled model's weights file carries its optimizer state, as Keras's does",
          "[weights_h5]") {
  TempDir tmp;
  const Tensor x = testing::random_tensor({8, 6}, 1, -1, 1, DType::float32);
  const Tensor y = testing::random_tensor({8, 3}, 2, -1, 1, DType::float32);
  auto trained = build("sequential_mlp");
  trained->compile({.optimizer = optimizers::Adam({.learning_rate = 0.01}), .loss = "mse"});
  trained->fit(x, y, {.batch_size = 4, .epochs = 2, .verbose = 0, .shuffle = false});
  const std::string file = tmp / "adam.weights.h5";
  trained->save_weights(file);
  const auto lines = layout_of(file);
  const std::string group = "/optimizer/vars group name=" + trained->optimizer()->name();
  CHECK(std::find(lines.begin(), lines.end(), group) != lines.end());
  CHECK(std::count_if(lines.begin(), lines.end(), [](const std::string& line) {
          return line.starts_with("/optimizer/vars/");
        }) == static_cast<std::ptrdiff_t>(trained->optimizer()->variables().size()));

  SECTION("into the same optimizer, built first: every variable") {
    auto loaded = build("sequential_mlp");
    loaded->compile({.optimizer = optimizers::Adam({.learning_rate = 0.01}), .loss = "mse"});
    loaded->optimizer()->build(loaded->trainable_variables());
    loaded->load_weights(file);
    const auto want = trained->optimizer()->variables(), got = loaded->optimizer()->variables();
    REQUIRE(got.size() == want.size());
    for (std::size_t i = 0; i < got.size(); ++i)
      testing::require_close(got[i].value(), want[i].value(), 0, 0);
  }
  SECTION("into another optimizer: the weights load, the optimizer's variables are skipped") {
    auto loaded = build("sequential_mlp");
    loaded->compile({.optimizer = "sgd", .loss = "mse"});
    loaded->optimizer()->build(loaded->trainable_variables());
    loaded->load_weights(file);
    CHECK(loaded->optimizer()->iterations().value().item<std::int64_t>() == 0);
    const auto want = trained->get_weights(), got = loaded->get_weights();
    for (std::size_t i = 0; i < got.size(); ++i) testing::require_close(got[i], want[i], 0, 0);
  }
  SECTION("without the optimizer's variables when the model is not compiled") {
    auto loaded = build("sequential_mlp");
    loaded->load_weights(file);
    loaded->save_weights(tmp / "plain.weights.h5");
    CHECK(layout_of(tmp / "plain.weights.h5") ==
          layout_of(weights_manifest().at("cases").at("sequential_mlp").at("layout")));
  }
}

TEST_CASE("load_weights falls back to tf.keras 2.13's _layer_checkpoint_dependencies",
          "[weights_h5]") {
  TempDir tmp;
  const std::string id = "nested_sequential";
  const std::string file = tmp / "tf213.weights.h5";
  {
    auto out = io::hdf5::File::create(file);
    copy_tree(io::hdf5::File::open_read(keras_file(id)).root(), out.root(), "layers",
              "_layer_checkpoint_dependencies");
    out.close();
  }
  REQUIRE(layout_of(file).front().rfind("/_layer_checkpoint_dependencies", 0) == 0);
  auto model = build(id);
  model->load_weights(file);
  const auto want = arrays(weights_manifest().at("cases").at(id).at("outputs"));
  testing::require_close(predict(*model, keras_inputs(id))[0], want[0]);
}

TEST_CASE("load_weights refuses files that do not fit the model, changing nothing",
          "[weights_h5]") {
  TempDir tmp;
  const std::string wide = tmp / "wide.weights.h5", biased = tmp / "biased.weights.h5";
  sequential_mlp({.fc1_units = 9})->save_weights(wide);
  sequential_mlp({.fc2_bias = true})->save_weights(biased);
  auto model = sequential_mlp();
  const auto before = model->get_weights();

  SECTION("a dataset with the wrong shape") {
    require_error<ValueError>([&] { model->load_weights(wide); },
                              {"Layer 'fc1', variable 0 ('kernel'): expected shape (6, 8), "
                               "received shape (6, 9) from dataset '/layers/dense/vars/0'",
                               wide});
  }
  SECTION("a vars group with the wrong number of datasets") {
    require_error<ValueError>([&] { model->load_weights(biased); },
                              {"Layer 'fc2' expected 1 variables, but "
                               "received 2 variables during loading",
                               "'/layers/dense_1/vars'"});
  }
  SECTION("a file with none of the model's groups") {
    const std::string empty = tmp / "empty.weights.h5";
    io::hdf5::File::create(empty).close();
    require_error<ValueError>([&] { model->load_weights(empty); },
                              {"Layer 'fc1' expected 2 variables, but "
                               "received 0 variables during loading"});
  }
  SECTION("another model's file") {
    REQUIRE_THROWS_AS(model->load_weights(keras_file("functional_shared")), ValueError);
  }
  // Checked before anything is assigned: fc1 was not overwritten by the wider file's values.
  const auto after = model->get_weights();
  for (std::size_t i = 0; i < before.size(); ++i)
    CHECK(npy_test::bytes_of(after[i]) == npy_test::bytes_of(before[i]));
}

TEST_CASE("load_weights on files that are not weight files: IOError naming the file",
          "[weights_h5]") {
  TempDir tmp;
  auto model = sequential_mlp();
  SECTION("missing") {
    const std::string missing = tmp / "missing.weights.h5";
    require_error<IOError>([&] { model->load_weights(missing); }, {missing, "no such file"});
  }
  SECTION("not HDF5") {
    const std::string text = tmp / "text.weights.h5";
    npy_test::write_bytes(text, "this is not an HDF5 file\n");
    require_error<IOError>([&] { model->load_weights(text); }, {text, "not an HDF5 file"});
  }
  SECTION("truncated anywhere") {
    const std::string whole = npy_test::read_bytes(keras_file("sequential_mlp"));
    const std::string cut = tmp / "cut.weights.h5";
    for (std::size_t size : {std::size_t{8}, std::size_t{100}, whole.size() / 2, whole.size() - 200,
                             whole.size() - 1}) {
      INFO("truncated to " << size << " of " << whole.size() << " bytes");
      npy_test::write_bytes(cut, whole.substr(0, size));
      require_error<keras::Error>([&] { model->load_weights(cut); }, {cut});
    }
  }
  SECTION("a directory") {
    const std::string dir = tmp / "dir.weights.h5";
    std::filesystem::create_directory(dir);
    REQUIRE_THROWS_AS(model->load_weights(dir), IOError);
  }
  // Not tested: bytes overwritten inside the metadata. libhdf5 1.10.8 itself can crash on
  // those (a damaged B-tree node read in H5F__accum_read), below anything a wrapper can check.
}

TEST_CASE("load_weights refuses what a hostile file can hold: IOError naming the object",
          "[weights_h5]") {
  const auto hostile = weights_manifest().at("hostile");
  const std::string dataset = "'/layers/dense/vars/0'";
  const std::pair<const char*, const char*> cases[] = {
      {"string_dtype", "unsupported dtype: expected numbers (floats or integers), received string"},
      {"soft_link", "is a soft or external link"},
      {"external_link", "is a soft or external link"},
      {"external_storage", "stores its data in external files"},
  };
  auto model = sequential_mlp();
  for (const auto& [what, message] : cases) {
    INFO(what);
    const std::string file = oracle_path(hostile.at(what).get<std::string>());
    require_error<IOError>([&] { model->load_weights(file); }, {file, dataset, message});
  }
  // A dataset declaring 4 GiB with almost nothing stored is refused before any allocation.
  const std::string bomb = oracle_path(hostile.at("bomb").get<std::string>());
  const auto big = io::hdf5::File::open_read(bomb).root().dataset("big");
  CHECK(big.shape() == Shape({1 << 20, 1 << 10}));
  require_error<IOError>([&] { big.read(DType::float32); }, {bomb, "'/big'", "shape bomb"});
}

TEST_CASE("save_weights / load_weights: file names and unbuilt models as Keras reports them",
          "[weights_h5]") {
  TempDir tmp;
  auto model = sequential_mlp();
  require_error<ValueError>([&] { model->save_weights(tmp / "w.h5"); },
                            {"must end in `.weights.h5`"});
  require_error<ValueError>([&] { model->load_weights(tmp / "m.txt"); },
                            {"File format not supported", ".weights.h5"});
  Sequential unbuilt({layers::Dense(2)});
  require_error<ValueError>([&] { unbuilt.load_weights(keras_file("sequential_mlp")); },
                            {"has not yet been built"});
}

TEST_CASE("save_weights is atomic: a failed save leaves what was there and no temporary file",
          "[weights_h5]") {
  TempDir tmp;
  auto model = sequential_mlp();
  // The destination is a directory: writing succeeds, the final rename fails.
  const std::string dir = tmp / "dir.weights.h5";
  std::filesystem::create_directory(dir);
  std::filesystem::create_directory(tmp / "dir.weights.h5/keep");
  require_error<IOError>([&] { model->save_weights(dir); }, {dir});
  CHECK(std::filesystem::is_directory(tmp / "dir.weights.h5/keep"));
  // The directory does not exist: creating the temporary file fails.
  REQUIRE_THROWS_AS(model->save_weights(tmp / "no/such/dir/w.weights.h5"), IOError);
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(tmp.dir)) {
    ++entries;
    CHECK(entry.path().filename().string().find(".tmp-") == std::string::npos);
  }
  CHECK(entries == 1);
}
