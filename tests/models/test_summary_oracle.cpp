// model.summary() against Keras's own output for the same models. The expected text comes from
// tests/keras_oracle/generate_summary.py (real Keras 3) in KERASPP_ORACLE_DIR/summary.json.
// Compared: the "Model:" line and the Total / Trainable / Non-trainable params lines exactly,
// and the table row by row, cell by cell (name (type), output shape, param #, connected to).
// Only whitespace is normalised, because rich sizes its columns differently from ours and
// may break a cell over several lines.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;
namespace fs = std::filesystem;

namespace {

using testing::oracle_dir;

// The summary as data: header lines, table rows (cells with whitespace collapsed) and the
// lines after the table.
struct ParsedSummary {
  std::string title;                           // Model: "name"
  std::vector<std::vector<std::string>> rows;  // header row first
  std::vector<std::string> footer;             // " Total params: ..." lines, verbatim
};

std::string collapse_whitespace(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      out += c;
      space = false;
    }
  }
  return out;
}

// Splits a table line at the vertical rules ("│" in rows, "┃" in the header).
std::vector<std::string> split_cells(const std::string& line, const std::string& rule) {
  std::vector<std::string> cells;
  std::size_t start = line.find(rule);
  while (start != std::string::npos) {
    std::size_t next = line.find(rule, start + rule.size());
    if (next == std::string::npos) break;
    cells.push_back(line.substr(start + rule.size(), next - start - rule.size()));
    start = next;
  }
  return cells;
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

ParsedSummary parse(const std::string& text) {
  ParsedSummary p;
  std::istringstream in(text);
  std::string line;
  bool after_table = false;
  std::vector<std::string> pending;  // the cells of the row being read (it may span lines)
  auto flush = [&] {
    if (pending.empty()) return;
    std::vector<std::string> row;
    for (const auto& cell : pending) row.push_back(collapse_whitespace(cell));
    p.rows.push_back(row);
    pending.clear();
  };
  while (std::getline(in, line)) {
    if (starts_with(line, "Model:")) {
      p.title = line;
    } else if (starts_with(line, "┃") || starts_with(line, "│")) {
      auto cells = split_cells(line, starts_with(line, "┃") ? "┃" : "│");
      if (pending.empty()) pending.assign(cells.size(), "");
      REQUIRE(cells.size() == pending.size());
      for (std::size_t i = 0; i < cells.size(); ++i) pending[i] += " " + cells[i];
    } else if (starts_with(line, "┡") || starts_with(line, "├") || starts_with(line, "└")) {
      flush();
      if (starts_with(line, "└")) after_table = true;
    } else if (after_table && !line.empty()) {
      p.footer.push_back(line);
    }
  }
  return p;
}

// Keras's optimizer iteration counter has dtype "int": int32 on JAX (the oracle), int64 on
// TensorFlow. Ours is int64, so once an optimizer is built our total is 4 bytes larger than
// Keras-on-JAX's. For that case only, the byte size in parentheses on the Total line is not
// compared (its parameter count still is, as is every other line).
std::string without_bytes(const std::string& line) { return line.substr(0, line.find(" (")); }

void require_same_summary(const std::string& case_id, const Model& model,
                          bool int64_iteration_counter = false) {
  nlohmann::json manifest = testing::oracle::manifest("summary.json", "generate_summary.py");
  REQUIRE(manifest.at("cases").contains(case_id));
  std::string keras_text = manifest.at("cases").at(case_id).get<std::string>();
  std::string ours_text = model.summary_string();
  INFO("case " << case_id << "\n--- Keras:\n" << keras_text << "--- ours:\n" << ours_text);

  ParsedSummary want = parse(keras_text), got = parse(ours_text);
  REQUIRE(!want.rows.empty());
  CHECK(got.title == want.title);
  REQUIRE(got.rows.size() == want.rows.size());
  for (std::size_t i = 0; i < want.rows.size(); ++i) {
    INFO("row " << i);
    CHECK(got.rows[i] == want.rows[i]);
  }
  if (int64_iteration_counter) {
    REQUIRE(got.footer.size() == want.footer.size());
    REQUIRE(starts_with(want.footer[0], " Total params: "));
    CHECK(without_bytes(got.footer[0]) == without_bytes(want.footer[0]));
    got.footer.erase(got.footer.begin());
    want.footer.erase(want.footer.begin());
  }
  CHECK(got.footer == want.footer);
}

}  // namespace

std::unique_ptr<Sequential> frozen_mlp() {
  utils::clear_session();
  auto model = std::make_unique<Sequential>(
      std::vector<SequentialEntry>{
          Input({20}, {.name = "features"}),
          layers::Dense(64, {.activation = "relu", .name = "hidden1"}),
          layers::Dropout(0.5, {.name = "drop"}),
          layers::Dense(32, {.activation = "relu", .use_bias = false, .name = "hidden2"}),
          layers::Dense(10, {.activation = "softmax", .name = "probs"}),
      },
      ModelOptions{.name = "mlp"});
  model->get_layer("hidden1")->set_trainable(false);
  return model;
}

TEST_CASE("summary matches Keras: Sequential MLP with a frozen layer and a bias-free layer") {
  require_same_summary("mlp", *frozen_mlp());
}

TEST_CASE("summary matches Keras: optimizer params appear once the optimizer is built") {
  auto model = frozen_mlp();
  model->compile({.optimizer = "adam", .loss = "mse"});
  require_same_summary("mlp_compiled", *model);
  model->train_on_batch(ops::zeros({2, 20}), ops::zeros({2, 10}));
  require_same_summary("mlp_trained", *model, /*int64_iteration_counter=*/true);
}

TEST_CASE("summary matches Keras: functional model, two inputs, two outputs, a shared layer") {
  utils::clear_session();
  auto image = Input({12}, {.name = "image"});
  auto meta = Input({4}, {.name = "meta"});
  auto shared = layers::Dense(8, {.activation = "relu", .name = "shared"});
  auto h = layers::Dense(6, {.name = "trunk"})(shared(image));
  auto m = shared(layers::Dense(12, {.name = "lift"})(meta));
  auto label = layers::Dense(3, {.activation = "softmax", .name = "label"})(h);
  auto score =
      layers::Dense(1, {.name = "score"})(layers::Activation("tanh", {.name = "squash"})(m));
  Model model({image, meta}, {label, score}, {.name = "multi_io"});
  require_same_summary("multi_io", model);
}

TEST_CASE("summary matches Keras: a frozen functional model nested in another") {
  utils::clear_session();
  auto inner_in = Input({6}, {.name = "inner_in"});
  auto inner_out = layers::Dense(5, {.activation = "relu", .name = "inner_dense"})(inner_in);
  auto encoder = make_model<Model>(inner_in, inner_out, ModelOptions{.name = "encoder"});
  encoder->set_trainable(false);
  auto grid = Input({2, 3}, {.name = "grid"});
  auto x = layers::Flatten({.name = "flat"})(grid);
  x = encoder(x);
  x = layers::Reshape({5, 1}, {.name = "column"})(x);
  x = layers::Flatten({.name = "flat_again"})(x);
  auto out = layers::Dense(2, {.name = "head"})(x);
  Model model(grid, out, {.name = "outer"});
  require_same_summary("nested", model);
}

TEST_CASE("summary matches Keras: a Sequential inside a Sequential") {
  utils::clear_session();
  auto block = make_model<Sequential>(
      std::vector<SequentialEntry>{Input({7}, {.name = "block_in"}),
                                   layers::Dense(4, {.name = "block_dense"}),
                                   layers::Identity({.name = "block_identity"})},
      ModelOptions{.name = "block"});
  Sequential model({Input({7}, {.name = "top_in"}), block,
                    layers::Dense(3, {.use_bias = false, .name = "top_dense"})},
                   {.name = "stack"});
  require_same_summary("sequential_nested", model);
}
