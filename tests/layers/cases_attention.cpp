// Harness cases of EinsumDense (equations with and without "...", biases on several axes),
// MultiHeadAttention (key given or not, value_dim, output_shape, rank-4 inputs with
// attention_axes, the gate and sliding window, dropout), Attention (dot and concat, scale,
// key, dropout), AdditiveAttention and GroupQueryAttention (1, 2 and as many key/value heads as
// query heads, the gate and sliding window, no bias, dropout).
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> attention_layer_cases() {
  auto several = [](std::string label, std::function<std::shared_ptr<Layer>()> make,
                    std::vector<Shape> shapes, std::vector<Shape> weights) {
    LayerCase c{std::move(label), std::move(make), {}, std::move(weights), {}};
    c.input_shapes = std::move(shapes);
    return c;
  };
  using layers::EinsumDense;
  using layers::MultiHeadAttention;
  std::vector<LayerCase> cases = {
      {"EinsumDense ab,bc->ac (Dense)",
       [] { return EinsumDense("ab,bc->ac", 3, {.bias_axes = "c"}).ptr(); },
       {4, 5},
       {{5, 3}, {3}},
       {}},
      {"EinsumDense abc,cde->abde bias de tanh",
       [] {
         return EinsumDense("abc,cde->abde", {3, 2, 4}, {.activation = "tanh", .bias_axes = "de"})
             .ptr();
       },
       {2, 3, 5},
       {{5, 2, 4}, {2, 4}},
       {}},
      {"EinsumDense ...b,bc->...c no bias",
       [] { return EinsumDense("...b,bc->...c", 4).ptr(); },
       {2, 3, 5},
       {{5, 4}},
       {}},
      {"EinsumDense ab...,bc->ac... bias c, L2",
       [] {
         return EinsumDense("ab...,bc->ac...", 4, {.bias_axes = "c", .kernel_regularizer = "l2"})
             .ptr();
       },
       {2, 5, 3},
       {{5, 4}, {4, 1}},
       {}},
  };
  auto more = std::vector<LayerCase>{
      several("MultiHeadAttention", [] { return MultiHeadAttention(2, 3).ptr(); },
              {{2, 4, 5}, {2, 6, 7}},
              {{5, 2, 3}, {2, 3}, {7, 2, 3}, {2, 3}, {7, 2, 3}, {2, 3}, {2, 3, 5}, {5}}),
      several("MultiHeadAttention key, value_dim, output_shape, no bias",
              [] {
                return MultiHeadAttention(3, 2,
                                          {.value_dim = 4, .use_bias = false, .output_shape = 6})
                    .ptr();
              },
              {{2, 3, 5}, {2, 4, 6}, {2, 4, 3}}, {{5, 3, 2}, {3, 3, 2}, {6, 3, 4}, {3, 4, 6}}),
      several(
          "MultiHeadAttention rank 4, attention_axes (2,)",
          [] { return MultiHeadAttention(2, 2, {.attention_axes = std::vector<int>{2}}).ptr(); },
          {{2, 3, 4, 5}, {2, 3, 4, 5}},
          {{5, 2, 2}, {2, 2}, {5, 2, 2}, {2, 2}, {5, 2, 2}, {2, 2}, {2, 2, 5}, {5}}),
      several(
          "MultiHeadAttention gate, sliding window",
          [] { return MultiHeadAttention(2, 2, {.sliding_window = 2, .use_gate = true}).ptr(); },
          {{2, 4, 3}, {2, 4, 3}},
          {{3, 2, 2},
           {2, 2},
           {3, 2, 2},
           {2, 2},
           {3, 2, 2},
           {2, 2},
           {3, 2, 2},
           {2, 2},
           {2, 2, 3},
           {3}}),
  };
  LayerCase dropout =
      several("MultiHeadAttention dropout",
              [] { return MultiHeadAttention(2, 2, {.dropout = 0.5, .seed = 3}).ptr(); },
              {{2, 3, 4}, {2, 3, 4}},
              {{4, 2, 2}, {2, 2}, {4, 2, 2}, {2, 2}, {4, 2, 2}, {2, 2}, {2, 2, 4}, {4}});
  dropout.training_differs = true;
  more.push_back(dropout);
  using layers::AdditiveAttention;
  using layers::Attention;
  using layers::GroupQueryAttention;
  const std::vector<Shape> qv{{2, 3, 4}, {2, 5, 4}};
  more.push_back(several("Attention", [] { return Attention().ptr(); }, qv, {}));
  more.push_back(several("Attention scale, key",
                         [] { return Attention({.use_scale = true}).ptr(); },
                         {{2, 3, 4}, {2, 5, 6}, {2, 5, 4}}, {Shape{}}));
  more.push_back(
      several("Attention concat, scale",
              [] { return Attention({.use_scale = true, .score_mode = "concat"}).ptr(); }, qv,
              {Shape{}, Shape{}}));
  LayerCase attention_dropout = several(
      "Attention dropout", [] { return Attention({.dropout = 0.5, .seed = 2}).ptr(); }, qv, {});
  attention_dropout.training_differs = true;
  more.push_back(attention_dropout);
  more.push_back(several("AdditiveAttention", [] { return AdditiveAttention().ptr(); }, qv, {{4}}));
  more.push_back(several("AdditiveAttention no scale, key",
                         [] { return AdditiveAttention({.use_scale = false}).ptr(); },
                         {{2, 3, 4}, {2, 5, 2}, {2, 5, 4}}, {}));
  more.push_back(
      several("GroupQueryAttention 4 query heads, 2 key/value heads",
              [] { return GroupQueryAttention(2, 4, 2).ptr(); }, {{2, 3, 5}, {2, 4, 5}},
              {{5, 4, 2}, {4, 2}, {5, 2, 2}, {2, 2}, {5, 2, 2}, {2, 2}, {4, 2, 5}, {5}}));
  more.push_back(
      several("GroupQueryAttention one key/value head, key",
              [] { return GroupQueryAttention(3, 2, 1).ptr(); }, {{2, 3, 4}, {2, 5, 4}, {2, 5, 3}},
              {{4, 2, 3}, {2, 3}, {3, 1, 3}, {1, 3}, {4, 1, 3}, {1, 3}, {2, 3, 4}, {4}}));
  more.push_back(
      several("GroupQueryAttention equal heads, no bias, gate, sliding window",
              [] {
                return GroupQueryAttention(
                           2, 2, 2, {.use_bias = false, .sliding_window = 2, .use_gate = true})
                    .ptr();
              },
              {{2, 4, 3}, {2, 4, 3}}, {{3, 2, 2}, {3, 2, 2}, {3, 2, 2}, {3, 2, 2}, {2, 2, 3}}));
  LayerCase gqa_dropout =
      several("GroupQueryAttention dropout",
              [] { return GroupQueryAttention(2, 2, 1, {.dropout = 0.5, .seed = 3}).ptr(); },
              {{2, 3, 4}, {2, 3, 4}},
              {{4, 2, 2}, {2, 2}, {4, 1, 2}, {1, 2}, {4, 1, 2}, {1, 2}, {2, 2, 4}, {4}});
  gqa_dropout.training_differs = true;
  more.push_back(gqa_dropout);
  cases.insert(cases.end(), more.begin(), more.end());
  return cases;
}

}  // namespace testing
