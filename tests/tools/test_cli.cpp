// The keraspp command-line program, run as programs outside the project run it: its exact
// contract (summary / predict / fit / evaluate / convert), one-line errors and exit statuses.
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "test_util.hpp"

using namespace keras;
namespace fs = std::filesystem;

namespace {

struct Run {
  int status;
  std::string out, err;
};

// Runs `keraspp <args>` through the shell, capturing stdout and stderr.
Run cli(const std::string& args, const fs::path& dir) {
  std::string cli = KERASPP_CLI;
  REQUIRE_FALSE(cli.empty());
  fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  std::string cmd = "'" + cli + "' " + args + " > '" + out.string() + "' 2> '" + err.string() + "'";
  int status = std::system(cmd.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

fs::path fresh_dir() {
  fs::path d = fs::temp_directory_path() / ("keraspp_cli_" + std::to_string(::getpid()));
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

TEST_CASE("keraspp predict / fit / evaluate / convert / summary follow the contract") {
  fs::path d = fresh_dir();
  utils::set_random_seed(4);
  auto a = Input({3}, {.name = "a"});
  auto b = Input({2}, {.name = "b"});
  auto h = layers::Dense(4, {.activation = "relu", .name = "h"})(a);
  auto model = make_model<Model>(
      KerasTensors{a, b},
      KerasTensors{layers::Dense(1, {.name = "y1"})(h), layers::Dense(2, {.name = "y2"})(b)},
      ModelOptions{.name = "two_in_two_out"});
  model.compile(
      {.optimizer = "sgd", .loss = {"mse", "mae"}, .metrics = {{"y1", {"mae"}}, {"y2", {"mse"}}}});
  const auto path = [&](const char* f) { return (d / f).string(); };
  model->save(path("m.keras"));
  Tensor xa = testing::random_tensor({5, 3}, 1, -1, 1, DType::float32);
  Tensor xb = testing::random_tensor({5, 2}, 2, -1, 1, DType::float32);
  Tensor y1 = testing::random_tensor({5, 1}, 3, -1, 1, DType::float32);
  Tensor y2 = testing::random_tensor({5, 2}, 4, -1, 1, DType::float32);
  io::save_npy(path("xa.npy"), xa);
  io::save_npy(path("xb.npy"), xb);
  io::save_npy(path("y1.npy"), y1);
  io::save_npy(path("y2.npy"), y2);

  // predict: inputs and outputs in model order, float32 .npy.
  Run r = cli("predict " + path("m.keras") + " --input " + path("xa.npy") + " --input " +
                  path("xb.npy") + " --output " + path("p1.npy") + " --output " + path("p2.npy") +
                  " --batch-size 2",
              d);
  INFO(r.err);
  REQUIRE(r.status == 0);
  Data want = model.predict(std::vector<Tensor>{xa, xb}, {.verbose = 0});
  testing::require_close(io::load_npy(path("p1.npy")), want.values()[0], 0, 0);
  testing::require_close(io::load_npy(path("p2.npy")), want.values()[1], 0, 0);

  // evaluate: loss and metrics as one JSON object.
  r = cli("evaluate " + path("m.keras") + " --x " + path("xa.npy") + " --x " + path("xb.npy") +
              " --y " + path("y1.npy") + " --y " + path("y2.npy"),
          d);
  REQUIRE(r.status == 0);
  ConfigValue scores = ConfigValue::parse(r.out);
  Evaluation e =
      model.evaluate(std::vector<Tensor>{xa, xb}, std::vector<Tensor>{y1, y2}, {.verbose = 0});
  REQUIRE(scores.size() == e.size());
  for (std::size_t i = 0; i < e.size(); ++i)
    CHECK(scores.at(e.names()[i]).as_double() == Approx(e.values()[i]).epsilon(1e-6));

  // fit: compiles from the file, saves by extension, writes History.history as JSON.
  r = cli("fit " + path("m.keras") + " --x " + path("xa.npy") + " --x " + path("xb.npy") + " --y " +
              path("y1.npy") + " --y " + path("y2.npy") +
              " --epochs 3 --batch-size 2 --no-shuffle --save " + path("trained.keras") +
              " --history " + path("history.json"),
          d);
  INFO(r.err);
  REQUIRE(r.status == 0);
  ConfigValue history = ConfigValue::parse([&] {
    std::ifstream in(path("history.json"));
    return std::string(std::istreambuf_iterator<char>(in), {});
  }());
  History mine = model.fit(std::vector<Tensor>{xa, xb}, std::vector<Tensor>{y1, y2},
                           {.batch_size = 2, .epochs = 3, .verbose = 0, .shuffle = false});
  for (const auto& [key, values] : mine->history) {
    INFO(key);
    REQUIRE(history.at(key).size() == 3);
    for (std::size_t i = 0; i < 3; ++i)
      CHECK(history.at(key).as_list()[i].as_double() == Approx(values[i]).epsilon(1e-6));
  }
  auto trained = models::load_model(path("trained.keras"));
  testing::require_close(trained.predict(std::vector<Tensor>{xa, xb}, {.verbose = 0}).values()[0],
                         model.predict(std::vector<Tensor>{xa, xb}, {.verbose = 0}).values()[0],
                         1e-6, 1e-5);

  // convert: .keras -> .json + .weights.h5 -> .keras, same predictions.
  REQUIRE(cli("convert " + path("trained.keras") + " " + path("m.json"), d).status == 0);
  CHECK(fs::exists(path("m.weights.h5")));
  REQUIRE(cli("convert " + path("m.json") + " " + path("again.keras"), d).status == 0);
  testing::require_close(models::load_model(path("again.keras"))
                             .predict(std::vector<Tensor>{xa, xb}, {.verbose = 0})
                             .values()[1],
                         trained.predict(std::vector<Tensor>{xa, xb}, {.verbose = 0}).values()[1],
                         0, 0);

  // summary prints Keras's table.
  r = cli("summary " + path("m.keras"), d);
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Model: \"two_in_two_out\"") != std::string::npos);
  fs::remove_all(d);
}

TEST_CASE("keraspp errors are one line on stderr with a non-zero status") {
  fs::path d = fresh_dir();
  auto one_line = [](const std::string& s) { return !s.empty() && s.find('\n') == s.size() - 1; };
  for (const std::string& args :
       {std::string("predict ") + (d / "missing.keras").string() + " --input x.npy --output y.npy",
        std::string("fit"), std::string("frobnicate"), std::string("predict m.keras --bogus 1"),
        std::string("fit m.keras --epochs zero")}) {
    INFO(args);
    Run r = cli(args, d);
    CHECK(r.status != 0);
    CHECK(one_line(r.err));
  }
  fs::remove_all(d);
}
