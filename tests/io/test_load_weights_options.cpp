// Model::load_weights's keyword arguments as Keras 3 has them: `by_name` (legacy .h5 only) and
// `skip_mismatch` (every format), with Keras's errors; and legacy .h5 saves are atomic.
#include <filesystem>

#include "io/npy_test_helpers.hpp"
#include "test_util.hpp"

using namespace keras;
using npy_test::TempDir;

namespace {

// Input(3) -> Dense "a" (units_a) -> Dense "b" (2), weights from `seed`.
ModelHandle<Sequential> two_dense(std::int64_t units_a, std::uint32_t seed,
                                  const std::string& first = "a", const std::string& second = "b") {
  utils::set_random_seed(seed);
  return make_model<Sequential>(std::vector<SequentialEntry>{
      Input({3}), layers::Dense(units_a, {.name = first}), layers::Dense(2, {.name = second})});
}

Tensor weight(const ModelHandle<Sequential>& m, const std::string& layer, std::size_t i) {
  for (const auto& l : m->layers())
    if (l->name() == layer) return ops::copy(l->get_weights().at(i));
  FAIL("no layer " << layer);
  return {};
}

}  // namespace

TEST_CASE("load_weights by_name matches legacy .h5 layers by name, not order") {
  TempDir tmp;
  auto saved = two_dense(4, 1);
  saved->save(tmp / "m.h5");
  // By order, the first layer with weights takes "a"'s, whatever its name.
  auto by_order = two_dense(4, 2, "x", "b");
  by_order->load_weights(tmp / "m.h5");
  testing::require_close(weight(by_order, "x", 0), weight(saved, "a", 0), 0, 0);
  // By name, "x" finds nothing in the file and keeps its weights.
  auto by_name = two_dense(4, 3, "x", "b");
  Tensor x_before = weight(by_name, "x", 0);
  by_name->load_weights(tmp / "m.h5", {.by_name = true});
  testing::require_close(weight(by_name, "b", 0), weight(saved, "b", 0), 0, 0);
  testing::require_close(weight(by_name, "x", 0), x_before, 0, 0);  // no "x" in the file
  // Only legacy files take by_name, as in Keras.
  saved->save_weights(tmp / "m.weights.h5");
  CHECK_THROWS_WITH(by_name->load_weights(tmp / "m.weights.h5", {.by_name = true}),
                    Catch::Contains("`by_name` only supports loading legacy '.h5' or '.hdf5'"));
}

TEST_CASE("load_weights skip_mismatch keeps the weights that do not fit, in every format") {
  TempDir tmp;
  auto saved = two_dense(4, 1);
  saved->save(tmp / "m.h5");
  saved->save(tmp / "m.keras");
  saved->save_weights(tmp / "m.weights.h5");
  for (const char* file : {"m.h5", "m.keras", "m.weights.h5"}) {
    INFO(file);
    // "a" has 5 units here: its kernel and bias cannot take the saved (3, 4) and (4,).
    auto other = two_dense(5, 2);
    Tensor a_before = weight(other, "a", 0);
    Tensor b_before = weight(other, "b", 1);
    CHECK_THROWS_AS(other->load_weights(tmp / file), ValueError);
    testing::require_close(weight(other, "b", 1), b_before, 0, 0);  // a failed load changes nothing
    CHECK_NOTHROW(other->load_weights(tmp / file, {.skip_mismatch = true}));
    testing::require_close(weight(other, "a", 0), a_before, 0, 0);
    if (std::string(file) == "m.h5") {
      // Legacy loading skips weight by weight: "b"'s kernel (5, 2) does not fit, its bias does.
      testing::require_close(weight(other, "b", 1), weight(saved, "b", 1), 0, 0);
    } else {
      // Keras 3 formats skip layer by layer; "b" (kernel (5, 2)) does not fit either.
      testing::require_close(weight(other, "b", 1), b_before, 0, 0);
    }
  }
  // A different count of layers with weights is an error even with skip_mismatch (Keras).
  auto three = make_model<Sequential>(std::vector<SequentialEntry>{
      Input({3}), layers::Dense(4, {.name = "a"}), layers::Dense(2, {.name = "b"}),
      layers::Dense(1, {.name = "c"})});
  CHECK_THROWS_WITH(three->load_weights(tmp / "m.h5", {.skip_mismatch = true}),
                    Catch::Contains("Layer count mismatch") && Catch::Contains("m.h5"));
}

TEST_CASE("a failed legacy .h5 save leaves the previous file intact") {
  TempDir tmp;
  auto model = two_dense(4, 1);
  const std::string path = tmp / "m.h5";
  model->save(path);
  const std::string before = npy_test::read_bytes(path);
  // An unbuilt model has nothing to write: the save fails before touching the file.
  auto unbuilt = make_model<Sequential>(std::vector<SequentialEntry>{layers::Dense(2)});
  CHECK_THROWS_AS(unbuilt->save(path), ValueError);
  CHECK(npy_test::read_bytes(path) == before);
  // A target the rename cannot replace (a directory): IOError, no temporary file left behind.
  std::filesystem::create_directory(tmp / "dir.h5");
  CHECK_THROWS_AS(model->save(tmp / "dir.h5"), IOError);
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(tmp.dir)) ++entries;
  CHECK(entries == 2);  // m.h5 and dir.h5
}
