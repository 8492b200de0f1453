// One harness case per built-in layer (and option variants worth covering).
#include "layers/layer_test_harness.hpp"

using namespace keras;

namespace testing {

std::vector<LayerCase> builtin_layer_cases() {
  std::vector<LayerCase> cases = {
      {"InputLayer",
       [] {
         return std::make_shared<layers::InputLayerImpl>(Shape{kNone, 5});
       },
       {4, 5},
       {},
       {}},
      {"Dense", [] { return layers::Dense(3).ptr(); }, {4, 5}, {{5, 3}, {3}}, {}},
      // Seeded: with an unseeded kernel, about one draw in a thousand leaves every unit dead on
      // the harness's four inputs (no bias), and the gradient step cannot lower the loss.
      {"Dense relu no bias",
       [] {
         return layers::Dense(3, {.activation = "relu",
                                  .use_bias = false,
                                  .kernel_initializer = initializers::GlorotUniform({.seed = 7})})
             .ptr();
       },
       {4, 5},
       {{5, 3}},
       {}},
      {"Dense on rank 3 with L2",
       [] {
         return layers::Dense(2, {.activation = "tanh",
                                  .kernel_initializer = "he_normal",
                                  .kernel_regularizer = "l2"})
             .ptr();
       },
       {2, 3, 4},
       {{4, 2}, {2}},
       {}},
      {"Dense seeded he_normal kernel, constant bias",
       [] {
         return layers::Dense(4, {.kernel_initializer = initializers::HeNormal({.seed = 17}),
                                  .bias_initializer = initializers::Constant(0.25)})
             .ptr();
       },
       {3, 6},
       {{6, 4}, {4}},
       {}},
      {"Dense with kernel and bias constraints",
       [] {
         return layers::Dense(3, {.kernel_constraint = constraints::MaxNorm({.max_value = 1.5}),
                                  .bias_constraint = "non_neg"})
             .ptr();
       },
       {2, 4},
       {{4, 3}, {3}},
       {}},
      {"Dense frozen",
       [] { return layers::Dense(2, {.bias_initializer = "ones", .trainable = false}).ptr(); },
       {3, 4},
       {},
       {{4, 2}, {2}}},
      {"Embedding",
       [] { return layers::Embedding(7, 3).ptr(); },
       {4, 5},
       {{7, 3}},
       {},
       false,
       {},
       std::pair{0, 7}},
      {"Embedding with L2 and a max-norm constraint",
       [] {
         return layers::Embedding(
                    6, 4,
                    {.embeddings_regularizer = "l2",
                     .embeddings_constraint = constraints::MaxNorm({.max_value = 2.0})})
             .ptr();
       },
       {2, 3, 2},
       {{6, 4}},
       {},
       false,
       {},
       std::pair{0, 6}},
      {"Activation", [] { return layers::Activation("softmax").ptr(); }, {4, 6}, {}, {}},
      {"Dropout", [] { return layers::Dropout(0.5, {.seed = 3}).ptr(); }, {8, 6}, {}, {}, true},
      {"Flatten", [] { return layers::Flatten().ptr(); }, {2, 3, 4, 5}, {}, {}},
      {"Reshape",
       [] {
         return layers::Reshape({6, -1}).ptr();
       },
       {2, 3, 4},
       {},
       {}},
      {"Identity", [] { return layers::Identity().ptr(); }, {3, 2}, {}, {}},
      {"Masking", [] { return layers::Masking({.mask_value = 0.25}).ptr(); }, {2, 3, 4}, {}, {}},
  };
  for (auto family :
       {convolutional_layer_cases, normalization_layer_cases, regularization_layer_cases,
        merging_layer_cases, activations_layer_cases, preprocessing_layer_cases,
        pooling_layer_cases, reshaping_layer_cases, rnn_layer_cases, attention_layer_cases}) {
    auto more = family();
    cases.insert(cases.end(), more.begin(), more.end());
  }
  return cases;
}

}  // namespace testing
