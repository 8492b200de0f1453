// What a file saved before Keras 3 needs to compute what was saved (src/io/pre_keras3_files):
// Keras 2's hard_sigmoid, GRU's old default reset_after=false, and Keras 1's per-gate recurrent
// weights. The Keras 1 LSTM path also runs on real files in test_keras_corpus.cpp.
#include "src/io/pre_keras3_files.hpp"
#include "test_util.hpp"

using namespace keras;

TEST_CASE("files before Keras 3 keep their hard_sigmoid and GRU formula") {
  CHECK(io::saved_before_keras3("1.2.2"));
  CHECK(io::saved_before_keras3("2.0.6"));
  CHECK(io::saved_before_keras3(""));
  CHECK_FALSE(io::saved_before_keras3("3.15.1"));

  const ConfigValue config = ConfigValue::parse(R"({"class_name": "Sequential", "config": [
      {"class_name": "LSTM", "config": {"inner_activation": "hard_sigmoid", "activation": "tanh"}},
      {"class_name": "GRU", "config": {"recurrent_activation": "hard_sigmoid"}},
      {"class_name": "GRU", "config": {"reset_after": true}},
      {"class_name": "Dense", "config": {"activation": "hard_sigmoid"}}]})");
  const ConfigValue out = io::with_pre_keras3_semantics(config);
  const auto& layers = out.at("config").as_list();
  CHECK(layers[0].at("config").at("inner_activation") == ConfigValue("keras2_hard_sigmoid"));
  CHECK(layers[0].at("config").at("activation") == ConfigValue("tanh"));
  CHECK(layers[1].at("config").at("recurrent_activation") == ConfigValue("keras2_hard_sigmoid"));
  CHECK(layers[1].at("config").at("reset_after") == ConfigValue(false));
  CHECK(layers[2].at("config").at("reset_after") == ConfigValue(true));
  CHECK(layers[3].at("config").at("activation") == ConfigValue("keras2_hard_sigmoid"));

  // Keras 2's slope 0.2, which Keras 3's names do not include.
  const auto act = activations::get("keras2_hard_sigmoid");
  testing::require_close(act(tensor<float>({-3, -1, 0, 1, 3}, {5})),
                         tensor<float>({0, 0.3f, 0.5f, 0.7f, 1}, {5}));
  const auto names = activations::all_names();
  CHECK(std::find(names.begin(), names.end(), "keras2_hard_sigmoid") == names.end());
}

TEST_CASE("Keras 1's per-gate GRU and LSTM weights become one kernel, recurrent kernel, bias") {
  // GRU: W_z, U_z, b_z, W_r, U_r, b_r, W_h, U_h, b_h, each filled with its index.
  auto gru = layers::GRU(2, {.reset_after = false});
  gru(ops::zeros({1, 1, 3}));
  std::vector<Tensor> per_gate;
  for (int k = 0; k < 9; ++k) {
    const Shape shape = k % 3 == 0 ? Shape({3, 2}) : k % 3 == 1 ? Shape({2, 2}) : Shape({2});
    per_gate.push_back(ops::full(shape, static_cast<double>(k)));
  }
  const auto merged = io::merge_keras1_gate_weights(*gru, per_gate);
  REQUIRE(merged.size() == 3);
  testing::require_close(merged[0], ops::concatenate({per_gate[0], per_gate[3], per_gate[6]}, -1));
  testing::require_close(merged[2], ops::concatenate({per_gate[2], per_gate[5], per_gate[8]}, -1));
  gru->set_weights(merged);  // the shapes Keras 3's GRU has

  // LSTM: saved i, c, f, o; merged i, f, c, o.
  auto lstm = layers::LSTM(1);
  std::vector<Tensor> lstm_gates;
  for (int k = 0; k < 12; ++k) lstm_gates.push_back(ops::full({1, 1}, static_cast<double>(k)));
  const auto kernel = io::merge_keras1_gate_weights(*lstm, lstm_gates).at(0);
  testing::require_close(kernel, tensor<float>({0, 6, 3, 9}, {1, 4}));
  // Three arrays (any Keras 2+ file) are left alone.
  CHECK(
      io::merge_keras1_gate_weights(*lstm, {lstm_gates[0], lstm_gates[1], lstm_gates[2]}).size() ==
      3);
}
