// Harness cases of the recurrent layers and cells. A cell is called on [inputs, states...]
// (the harness checks its first output, h); return_state and stateful layers return or keep
// more than the harness compares, so tests/layers/test_rnn.cpp and the Keras oracle cover them.
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> rnn_layer_cases() {
  auto cell = [](std::string label, std::function<std::shared_ptr<Layer>()> make,
                 std::vector<Shape> shapes, std::vector<Shape> weights) {
    LayerCase c{std::move(label), std::move(make), {}, std::move(weights), {}};
    c.input_shapes = std::move(shapes);
    return c;
  };
  LayerCase lstm_dropout{
      "LSTM dropout, recurrent_dropout",
      [] { return layers::LSTM(3, {.dropout = 0.5, .recurrent_dropout = 0.3, .seed = 4}).ptr(); },
      {2, 4, 3},
      {{3, 12}, {3, 12}, {12}},
      {}};
  lstm_dropout.training_differs = true;
  return {
      {"SimpleRNN",
       [] { return layers::SimpleRNN(4).ptr(); },
       {2, 3, 5},
       {{5, 4}, {4, 4}, {4}},
       {}},
      {"SimpleRNN relu, sequences, backwards, no bias",
       [] {
         return layers::SimpleRNN(3, {.activation = "relu",
                                      .use_bias = false,
                                      .return_sequences = true,
                                      .go_backwards = true})
             .ptr();
       },
       {2, 4, 2},
       {{2, 3}, {3, 3}},
       {}},
      {"LSTM", [] { return layers::LSTM(3).ptr(); }, {2, 4, 5}, {{5, 12}, {3, 12}, {12}}, {}},
      {"LSTM sequences, backwards, no bias",
       [] {
         return layers::LSTM(2, {.use_bias = false, .return_sequences = true, .go_backwards = true})
             .ptr();
       },
       {3, 3, 2},
       {{2, 8}, {2, 8}},
       {}},
      lstm_dropout,
      {"GRU", [] { return layers::GRU(3).ptr(); }, {2, 4, 5}, {{5, 9}, {3, 9}, {2, 9}}, {}},
      {"GRU reset_after false, sequences",
       [] { return layers::GRU(2, {.reset_after = false, .return_sequences = true}).ptr(); },
       {2, 3, 4},
       {{4, 6}, {2, 6}, {6}},
       {}},
      cell("SimpleRNNCell", [] { return layers::SimpleRNNCell(3).ptr(); }, {{2, 4}, {2, 3}},
           {{4, 3}, {3, 3}, {3}}),
      cell("LSTMCell", [] { return layers::LSTMCell(2).ptr(); }, {{2, 3}, {2, 2}, {2, 2}},
           {{3, 8}, {2, 8}, {8}}),
      cell("GRUCell", [] { return layers::GRUCell(2).ptr(); }, {{3, 4}, {3, 2}},
           {{4, 6}, {2, 6}, {2, 6}}),
      cell("GRUCell reset_after false, no bias",
           [] { return layers::GRUCell(3, {.use_bias = false, .reset_after = false}).ptr(); },
           {{2, 2}, {2, 3}}, {{2, 9}, {3, 9}}),
      {"Bidirectional LSTM",
       [] { return layers::Bidirectional(layers::LSTM(3)).ptr(); },
       {2, 4, 5},
       {{5, 12}, {3, 12}, {12}, {5, 12}, {3, 12}, {12}},
       {}},
      {"Bidirectional GRU sum, sequences",
       [] {
         return layers::Bidirectional(layers::GRU(2, {.return_sequences = true}),
                                      {.merge_mode = "sum"})
             .ptr();
       },
       {2, 3, 4},
       {{4, 6}, {2, 6}, {2, 6}, {4, 6}, {2, 6}, {2, 6}},
       {}},
      {"RNN over an LSTMCell",
       [] { return layers::RNN(layers::LSTMCell(3), {.return_sequences = true}).ptr(); },
       {2, 4, 5},
       {{5, 12}, {3, 12}, {12}},
       {}},
      {"RNN over StackedRNNCells (SimpleRNNCell, GRUCell)",
       [] {
         return layers::RNN(layers::StackedRNNCells(std::vector<std::shared_ptr<Layer>>{
                                layers::SimpleRNNCell(3), layers::GRUCell(2)}))
             .ptr();
       },
       {2, 4, 5},
       {{5, 3}, {3, 3}, {3}, {3, 6}, {2, 6}, {2, 6}},
       {}},
      cell("StackedRNNCells (LSTMCell, SimpleRNNCell)",
           [] {
             return layers::StackedRNNCells(std::vector<std::shared_ptr<Layer>>{
                                                layers::LSTMCell(2), layers::SimpleRNNCell(3)})
                 .ptr();
           },
           {{2, 4}, {2, 2}, {2, 2}, {2, 3}}, {{4, 8}, {2, 8}, {8}, {2, 3}, {3, 3}, {3}}),
      {"ConvLSTM1D",
       [] { return layers::ConvLSTM1D(2, 3).ptr(); },
       {2, 3, 6, 2},
       {{3, 2, 8}, {3, 2, 8}, {8}},
       {}},
      {"ConvLSTM2D same, sequences",
       [] {
         return layers::ConvLSTM2D(2, {3, 3}, {.padding = "same", .return_sequences = true}).ptr();
       },
       {2, 3, 4, 4, 1},
       {{3, 3, 1, 8}, {3, 3, 2, 8}, {8}},
       {}},
      {"ConvLSTM3D",
       [] { return layers::ConvLSTM3D(1, 2).ptr(); },
       {1, 2, 3, 3, 3, 1},
       {{2, 2, 2, 1, 4}, {2, 2, 2, 1, 4}, {4}},
       {}},
      {"TimeDistributed Dense",
       [] { return layers::TimeDistributed(layers::Dense(3, {.activation = "tanh"})).ptr(); },
       {2, 4, 5},
       {{5, 3}, {3}},
       {}},
      {"TimeDistributed Conv2D",
       [] { return layers::TimeDistributed(layers::Conv2D(2, 3)).ptr(); },
       {2, 3, 5, 5, 1},
       {{3, 3, 1, 2}, {2}},
       {}},
  };
}

}  // namespace testing
