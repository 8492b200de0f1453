#pragma once
// Shared by the .weights.h5 tests (test_weights_h5.cpp, test_weights_h5_keras.cpp): the models of
// tests/keras_oracle/generate_weights.py built in C++ by case id, the oracle's inputs and
// outputs, and a file's HDF5 layout as comparable text.
#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "keras_oracle/oracle.hpp"
#include "src/io/hdf5/hdf5.hpp"
#include "test_util.hpp"

namespace weights_test {

using namespace keras;

inline nlohmann::json weights_manifest() {
  return testing::oracle::manifest("weights.json", "generate_weights.py");
}

// Variations of sequential_mlp for files that do not fit it.
struct MlpVariant {
  std::int64_t fc1_units = 8;
  bool fc2_bias = false;
};

inline std::shared_ptr<Model> sequential_mlp(MlpVariant v = {}) {
  return make_model<Sequential>(
             std::vector<SequentialEntry>{
                 Input({6}, {.name = "features"}),
                 layers::Dense(v.fc1_units, {.activation = "relu", .name = "fc1"}),
                 layers::Dropout(0.5, {.name = "drop"}),
                 layers::Dense(5, {.activation = "tanh", .use_bias = v.fc2_bias, .name = "fc2"}),
                 layers::Activation("sigmoid", {.name = "squash"}),
                 layers::Identity({.name = "same"}),
                 layers::Dense(3, {.name = "logits"}),
             },
             ModelOptions{.name = "mlp"})
      .ptr();
}

inline std::shared_ptr<Model> functional_shared() {
  auto a = Input({4}, {.name = "a"});
  auto b = Input({4}, {.name = "b"});
  auto shared = layers::Dense(5, {.activation = "relu", .name = "shared"});
  auto left = layers::Dense(3, {.name = "left"})(shared(a));
  auto right = layers::Dense(
      2, {.activation = "sigmoid", .name = "right"})(shared(layers::Dense(4, {.name = "lift"})(b)));
  return std::make_shared<Model>(KerasTensors{a, b}, KerasTensors{left, right},
                                 ModelOptions{.name = "two_branch"});
}

inline std::shared_ptr<Model> nested_sequential() {
  auto block = make_model<Sequential>(
      std::vector<SequentialEntry>{Input({6}, {.name = "block_in"}),
                                   layers::Dense(4, {.activation = "relu", .name = "inner1"}),
                                   layers::Dense(4, {.name = "inner2"})},
      ModelOptions{.name = "block"});
  auto grid = Input({2, 3}, {.name = "grid"});
  auto x = layers::Flatten({.name = "flat"})(grid);
  x = block(x);
  x = layers::Reshape({2, 2}, {.name = "square"})(x);
  x = layers::Flatten({.name = "flat_again"})(x);
  auto out = layers::Dense(2, {.name = "head"})(x);
  return std::make_shared<Model>(grid, out, ModelOptions{.name = "outer"});
}

inline std::shared_ptr<Model> attention_block() {
  auto tokens = Input({4, 5}, {.name = "tokens"});
  auto context = Input({6, 3}, {.name = "context"});
  auto x = layers::MultiHeadAttention(
      2, 3, {.output_shape = 6, .name = "cross"})(std::vector<KerasTensor>{tokens, context})[0];
  x = layers::MultiHeadAttention(
      2, 2, {.use_gate = true, .name = "self"})(std::vector<KerasTensor>{x, x})[0];
  auto out = layers::EinsumDense("abc,cd->abd", {kNone, 2}, {.bias_axes = "d", .name = "head"})(x);
  return std::make_shared<Model>(KerasTensors{tokens, context}, out,
                                 ModelOptions{.name = "attention"});
}

inline std::shared_ptr<Model> build(const std::string& id) {
  utils::clear_session();
  if (id == "sequential_mlp") return sequential_mlp();
  if (id == "functional_shared") return functional_shared();
  if (id == "nested_sequential") return nested_sequential();
  if (id == "attention_block") return attention_block();
  FAIL("unknown case " << id);
  return nullptr;
}

inline std::vector<std::string> case_ids() {
  return {"sequential_mlp", "functional_shared", "nested_sequential", "attention_block"};
}

inline std::string oracle_path(const std::string& file) {
  return (testing::oracle_dir() / file).string();
}

inline std::vector<Tensor> arrays(const nlohmann::json& files) {
  std::vector<Tensor> out;
  for (const auto& f : files) out.push_back(testing::oracle::npy(f.get<std::string>()));
  return out;
}

inline std::vector<Tensor> predict(Model& model, const std::vector<Tensor>& inputs) {
  Data x = inputs.size() == 1 ? Data(inputs[0]) : Data(inputs);
  return model.predict(x, {.verbose = 0}).values();
}

// New values for every weight, so a file we write cannot pass by holding Keras's numbers.
inline void perturb(Model& model) {
  for (auto& v : model.weights()) v.assign(ops::add(ops::multiply(v.value(), -0.75), 0.125));
}

// One line per group and dataset below the root, sorted: "<path> group name=fc1" or
// "<path> dataset (6, 8) float32" (with its attributes, if any).
inline std::vector<std::string> layout_of(const std::string& file) {
  std::vector<std::string> lines;
  auto attrs = [](const io::hdf5::Object& o) {
    std::string out;
    for (const auto& name : o.attr_names()) out += " " + name + "=" + o.string_attr(name);
    return out;
  };
  auto walk = [&](auto&& self, const io::hdf5::Group& g) -> void {
    for (const auto& name : g.children()) {
      if (g.kind(name) == io::hdf5::Kind::group) {
        const auto child = g.group(name);
        lines.push_back(child.path() + " group" + attrs(child));
        self(self, child);
      } else {
        const auto d = g.dataset(name);
        lines.push_back(d.path() + " dataset " + d.shape().to_string() + " " +
                        std::string(dtype_name(d.dtype())) + attrs(d));
      }
    }
  };
  const auto f = io::hdf5::File::open_read(file);
  walk(walk, f.root());
  std::sort(lines.begin(), lines.end());
  return lines;
}

inline std::vector<std::string> layout_of(const nlohmann::json& entries) {
  std::vector<std::string> lines;
  for (const auto& e : entries) {
    std::string line = e.at("path").get<std::string>() + " " + e.at("kind").get<std::string>();
    if (e.at("kind") == "dataset") {
      // Appended piecewise: `" " + std::string&&` trips GCC 12's false -Wrestrict.
      line += ' ';
      line += Shape(e.at("shape").get<std::vector<std::int64_t>>()).to_string();
      line += ' ';
      line += e.at("dtype").get<std::string>();
    }
    for (const auto& [k, v] : e.at("attrs").items()) line += " " + k + "=" + v.get<std::string>();
    lines.push_back(line);
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

// Runs f, which must throw E with a message containing every one of `parts`.
template <class E>
void require_error(const std::function<void()>& f, const std::vector<std::string>& parts) {
  try {
    f();
  } catch (const E& e) {
    const std::string what = e.what();
    INFO("message: " << what);
    for (const auto& part : parts) CHECK(what.find(part) != std::string::npos);
    return;
  }
  FAIL("expected an exception");
}

}  // namespace weights_test
