// Architectures and compile arguments of the fit conformance cases; each mirrors the Python in
// tests/keras_oracle/generate_fit.py line for line (same layer and model names: the initial
// weights are loaded by layer name, and optimizer variable paths include them).
#include "conformance/fit_cases.hpp"

// Options structs are filled with designated initializers, as the API intends; GCC's -Wextra
// still warns about every member without a default member initializer that is left out
// (regularizers::Spec, activations::Spec, ...), although those are value-initialized.
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

namespace conformance {

using namespace keras;
namespace L = keras::layers;
namespace O = keras::optimizers;

namespace {

constexpr std::int64_t kFeatures = 6, kHidden = 8, kClasses = 3;

std::shared_ptr<Model> sequential_classifier(const char* activation = "softmax",
                                             std::int64_t units = kClasses) {
  L::DenseOptions out{.name = "out"};
  if (activation) out.activation = activation;
  return std::make_shared<Sequential>(
      std::vector<SequentialEntry>{Input({kFeatures}),
                                   L::Dense(kHidden, {.activation = "relu", .name = "hidden"}),
                                   L::Dense(units, out)},
      ModelOptions{.name = "classifier"});
}

std::shared_ptr<Model> regressor() {
  auto inputs = Input({kFeatures}, {.name = "features"});
  auto h = L::Dense(kHidden, {.activation = "relu", .name = "hidden"})(inputs);
  auto outputs = L::Dense(1, {.name = "out"})(h);
  return std::make_shared<Model>(inputs, outputs, ModelOptions{.name = "regressor"});
}

std::shared_ptr<Model> two_tower(bool as_dict) {
  auto a = Input({kFeatures}, {.name = "a"});
  auto b = Input({kFeatures}, {.name = "b"});
  L::Dense shared(kHidden, {.activation = "relu", .name = "shared"});
  auto reg = L::Dense(1, {.name = "reg"})(shared(a));
  auto cls = L::Dense(kClasses, {.activation = "softmax", .name = "cls"})(shared(b));
  if (as_dict)
    return std::make_shared<Model>(KerasTensors{{"a", a}, {"b", b}},
                                   KerasTensors{{"reg", reg}, {"cls", cls}},
                                   ModelOptions{.name = "two_tower"});
  return std::make_shared<Model>(KerasTensors{a, b}, KerasTensors{reg, cls},
                                 ModelOptions{.name = "two_tower"});
}

FitCase regression_with(O::Spec optimizer) {
  return {regressor(), {.optimizer = std::move(optimizer), .loss = "mse", .metrics = {"mae"}}};
}

O::Adam adam(double lr) { return O::Adam({.learning_rate = lr}); }

std::shared_ptr<Model> regularized() {
  auto inputs = Input({kFeatures}, {.name = "features"});
  auto h = L::Dense(kHidden, {.activation = "relu",
                              .kernel_regularizer = regularizers::L2(0.01),
                              .name = "hidden"})(inputs);
  h = L::Dropout(0.0, {.name = "dropout"})(h);
  auto outputs = L::Dense(
      kClasses,
      {.activation = "softmax", .kernel_regularizer = regularizers::L2(0.02), .name = "out"})(h);
  return std::make_shared<Model>(inputs, outputs, ModelOptions{.name = "regularized"});
}

std::shared_ptr<Model> activity_regularized() {
  auto inputs = Input({kFeatures}, {.name = "features"});
  auto h = L::Dense(kHidden, {.activation = "relu",
                              .activity_regularizer = regularizers::L1L2(0.01, 0.02),
                              .name = "hidden"})(inputs);
  auto outputs = L::Dense(1, {.name = "out"})(h);
  return std::make_shared<Model>(inputs, outputs, ModelOptions{.name = "activity_regularized"});
}

std::shared_ptr<Model> constrained() {
  auto inputs = Input({kFeatures}, {.name = "features"});
  auto h = L::Dense(kHidden, {.activation = "relu",
                              .kernel_constraint = constraints::MaxNorm({.max_value = 0.5}),
                              .bias_constraint = constraints::NonNeg(),
                              .name = "hidden"})(inputs);
  auto outputs = L::Dense(1, {.kernel_constraint = constraints::MinMaxNorm(
                                  {.min_value = 0.2, .max_value = 0.6, .rate = 0.5}),
                              .name = "out"})(h);
  return std::make_shared<Model>(inputs, outputs, ModelOptions{.name = "constrained"});
}

std::shared_ptr<Model> small_cnn() {
  auto inputs = Input({6, 6, 2}, {.name = "image"});
  // No bias before BatchNormalization: its exact gradient is zero, so it would train on rounding
  // noise that Adam scales up to full steps (generate_fit.py).
  auto h = L::Conv2D(4, 3, {.padding = "same", .use_bias = false, .name = "conv"})(inputs);
  h = L::BatchNormalization({.momentum = 0.8, .name = "bn"})(h);
  h = L::Activation("relu", {.name = "relu"})(h);
  h = L::MaxPooling2D({.pool_size = 2, .name = "pool"})(h);
  h = L::Conv2D(3, 2, {.activation = "relu", .name = "conv2"})(h);
  h = L::Flatten({.name = "flatten"})(h);
  auto outputs = L::Dense(kClasses, {.activation = "softmax", .name = "out"})(h);
  return std::make_shared<Model>(inputs, outputs, ModelOptions{.name = "small_cnn"});
}

// Padded token sequences (id 0): the Embedding's mask reaches the recurrent layer, and with
// return_sequences the loss and the metrics too.
std::shared_ptr<Model> masked_lstm() {
  auto tokens = Input({7}, {.dtype = "int32", .name = "tokens"});
  auto h = L::Embedding(10, 4, {.mask_zero = true, .name = "embedding"})(tokens);
  h = L::LSTM(5, {.name = "lstm"})(h);
  auto outputs = L::Dense(kClasses, {.activation = "softmax", .name = "out"})(h);
  return std::make_shared<Model>(tokens, outputs, ModelOptions{.name = "masked_lstm"});
}

std::shared_ptr<Model> masked_tagger() {
  auto tokens = Input({7}, {.dtype = "int32", .name = "tokens"});
  auto h = L::Embedding(10, 3, {.mask_zero = true, .name = "embedding"})(tokens);
  h = L::GRU(4, {.return_sequences = true, .name = "gru"})(h);
  auto outputs = L::Dense(kClasses, {.activation = "softmax", .name = "out"})(h);
  return std::make_shared<Model>(tokens, outputs, ModelOptions{.name = "masked_tagger"});
}

}  // namespace

const std::map<std::string, std::function<FitCase()>>& fit_cases() {
  static const std::map<std::string, std::function<FitCase()>> cases = {
      // 1. Dense stack.
      {"dense_sparse_cce_adam",
       [] {
         return FitCase{sequential_classifier(),
                        {.optimizer = adam(0.01),
                         .loss = "sparse_categorical_crossentropy",
                         .metrics = {"accuracy"}}};
       }},
      // 2. Multi-input / multi-output.
      {"multi_io_list",
       [] {
         return FitCase{two_tower(false),
                        {.optimizer = adam(0.01),
                         .loss = std::vector<losses::Spec>{"mse", "categorical_crossentropy"},
                         .metrics = std::vector<std::vector<metrics::Spec>>{{"mae"}, {"accuracy"}},
                         .loss_weights = {0.5, 2.0}}};
       }},
      {"multi_io_dict",
       [] {
         return FitCase{two_tower(true),
                        {.optimizer = adam(0.01),
                         .loss = {{"reg", "mse"}, {"cls", "categorical_crossentropy"}},
                         .metrics = {{"reg", {"mae"}}, {"cls", "accuracy"}},
                         .weighted_metrics = {{"reg", "mae"}},
                         .loss_weights = {{"reg", 0.5}, {"cls", 2.0}}}};
       }},
      // 3. Optimizers.
      {"opt_sgd_nesterov",
       [] {
         return regression_with(O::SGD({.learning_rate = 0.02, .momentum = 0.9, .nesterov = true}));
       }},
      {"opt_adam_amsgrad",
       [] { return regression_with(O::Adam({.learning_rate = 0.02, .amsgrad = true})); }},
      {"opt_adamw",
       [] { return regression_with(O::AdamW({.learning_rate = 0.02, .weight_decay = 0.1})); }},
      {"opt_rmsprop_centered_momentum",
       [] {
         return regression_with(
             O::RMSprop({.learning_rate = 0.005, .rho = 0.8, .momentum = 0.5, .centered = true}));
       }},
      {"opt_sgd_clipnorm",
       [] { return regression_with(O::SGD({.learning_rate = 0.05, .clipnorm = 0.5})); }},
      {"opt_adam_global_clipnorm",
       [] { return regression_with(O::Adam({.learning_rate = 0.02, .global_clipnorm = 0.3})); }},
      {"opt_rmsprop_clipvalue",
       [] { return regression_with(O::RMSprop({.learning_rate = 0.01, .clipvalue = 0.05})); }},
      {"opt_sgd_exponential_decay",
       [] {
         return regression_with(O::SGD(
             {.learning_rate = O::schedules::ExponentialDecay(0.05, 2, 0.7), .momentum = 0.5}));
       }},
      // 4. Losses.
      {"loss_mse",
       [] {
         return FitCase{regressor(), {.optimizer = adam(0.01), .loss = "mse", .metrics = {"mae"}}};
       }},
      {"loss_mae",
       [] {
         return FitCase{regressor(), {.optimizer = adam(0.01), .loss = "mae", .metrics = {"mse"}}};
       }},
      {"loss_huber",
       [] {
         return FitCase{
             regressor(),
             {.optimizer = adam(0.01), .loss = losses::Huber({.delta = 0.5}), .metrics = {"mae"}}};
       }},
      {"loss_bce",
       [] {
         return FitCase{
             sequential_classifier("sigmoid", 1),
             {.optimizer = adam(0.01), .loss = "binary_crossentropy", .metrics = {"accuracy"}}};
       }},
      {"loss_cce_label_smoothing",
       [] {
         return FitCase{sequential_classifier(),
                        {.optimizer = adam(0.01),
                         .loss = losses::CategoricalCrossentropy({.label_smoothing = 0.1}),
                         .metrics = {"accuracy"}}};
       }},
      {"loss_scce_from_logits",
       [] {
         return FitCase{sequential_classifier(nullptr),
                        {.optimizer = adam(0.01),
                         .loss = losses::SparseCategoricalCrossentropy({.from_logits = true}),
                         .metrics = {"accuracy"}}};
       }},
      // 5. Sample and class weights.
      {"sample_weight",
       [] {
         return FitCase{regressor(),
                        {.optimizer = adam(0.01),
                         .loss = "mse",
                         .metrics = {"mae"},
                         .weighted_metrics = {"mae", "mse"}}};
       }},
      {"class_weight",
       [] {
         return FitCase{sequential_classifier(),
                        {.optimizer = adam(0.01),
                         .loss = "sparse_categorical_crossentropy",
                         .metrics = {"accuracy"},
                         .weighted_metrics = {"accuracy"}}};
       }},
      // 6 + 7. Regularizers and Dropout(0).
      {"l2_regularizer",
       [] {
         return FitCase{regularized(),
                        {.optimizer = O::SGD({.learning_rate = 0.1}),
                         .loss = "sparse_categorical_crossentropy",
                         .metrics = {"accuracy"}}};
       }},
      // 8. loss_scale_factor (train_step scales the loss, the optimizer unscales the gradients).
      {"opt_sgd_loss_scale_factor",
       [] {
         return regression_with(
             O::SGD({.learning_rate = 0.05, .momentum = 0.5, .loss_scale_factor = 128.0}));
       }},
      // 9. activity_regularizer, divided by each batch's size (the last batch has 12 rows).
      {"activity_regularizer",
       [] {
         return FitCase{
             activity_regularized(),
             {.optimizer = O::SGD({.learning_rate = 0.05}), .loss = "mse", .metrics = {"mae"}}};
       }},
      // 10. Weight constraints, applied by the optimizer after each update.
      {"constraints",
       [] {
         return FitCase{constrained(),
                        {.optimizer = O::SGD({.learning_rate = 0.1, .momentum = 0.5}),
                         .loss = "mse",
                         .metrics = {"mae"}}};
       }},
      // 11. A small CNN; fit updates BatchNormalization's moving statistics.
      {"small_cnn",
       [] {
         return FitCase{small_cnn(),
                        {.optimizer = adam(0.01),
                         .loss = "sparse_categorical_crossentropy",
                         .metrics = {"accuracy"}}};
       }},
      // 12. Embedding(mask_zero) + LSTM on padded sequences.
      {"masked_lstm",
       [] {
         return FitCase{masked_lstm(),
                        {.optimizer = adam(0.01),
                         .loss = "sparse_categorical_crossentropy",
                         .metrics = {"accuracy"}}};
       }},
      // 13. A label per step: masked loss and metric averaging.
      {"masked_sequence_labels",
       [] {
         return FitCase{masked_tagger(),
                        {.optimizer = O::RMSprop({.learning_rate = 0.01}),
                         .loss = "sparse_categorical_crossentropy",
                         .metrics = {"accuracy"}}};
       }},
      // 14. ReduceLROnPlateau halves the rate after epochs without a val_loss improvement.
      {"reduce_lr_on_plateau",
       [] {
         return FitCase{
             regressor(),
             {.optimizer = O::Adam({.learning_rate = 0.05}), .loss = "mse", .metrics = {"mae"}},
             {callbacks::ReduceLROnPlateau(
                 {.monitor = "val_loss", .factor = 0.5, .patience = 0, .min_delta = 0.3})}};
       }},
      // 15 + 16. use_ema: the averages end in the model; SwapEMAWeights validates on them.
      {"use_ema",
       [] {
         return FitCase{
             regressor(),
             {.optimizer = O::SGD(
                  {.learning_rate = 0.05, .momentum = 0.5, .use_ema = true, .ema_momentum = 0.7}),
              .loss = "mse",
              .metrics = {"mae"}}};
       }},
      {"swap_ema_weights",
       [] {
         return FitCase{
             regressor(),
             {.optimizer = O::SGD(
                  {.learning_rate = 0.05, .momentum = 0.5, .use_ema = true, .ema_momentum = 0.7}),
              .loss = "mse",
              .metrics = {"mae"}},
             {callbacks::SwapEMAWeights({.swap_on_epoch = true})}};
       }},
      // 17. One metric of each family on a binary classifier.
      {"metric_families",
       [] {
         namespace M = keras::metrics;
         return FitCase{
             sequential_classifier("sigmoid", 1),
             {.optimizer = O::Adam({.learning_rate = 0.01}),
              .loss = "binary_crossentropy",
              .metrics = {"binary_accuracy", M::BinaryCrossentropy({.name = "bce"}),
                          M::RootMeanSquaredError({.name = "rmse"}), M::R2Score({.name = "r2"}),
                          "hinge", M::AUC({.num_thresholds = 50, .name = "auc"}),
                          M::Precision({.name = "precision"}), M::Recall({.name = "recall"}),
                          M::TruePositives({.name = "tp"}), M::BinaryIoU({.name = "iou"}),
                          M::F1Score({.average = "micro", .threshold = 0.5, .name = "f1"})}}};
       }},
      // 18. Metrics whose result is an array, logged as arrays; a one-threshold list logs a
      //     number.
      {"vector_metrics",
       [] {
         namespace M = keras::metrics;
         return FitCase{sequential_classifier(),
                        {.optimizer = O::Adam({.learning_rate = 0.01}),
                         .loss = "categorical_crossentropy",
                         .metrics = {M::Precision({.thresholds = {0.3, 0.5, 0.7}, .name = "p3"}),
                                     M::Recall({.thresholds = {0.3, 0.5, 0.7}, .name = "r3"}),
                                     M::F1Score({.average = std::nullopt, .name = "f1"}),
                                     M::TruePositives({.thresholds = {0.2, 0.6}, .name = "tp2"}),
                                     M::Precision({.thresholds = {0.5}, .name = "p1"})}}};
       }},
      // 19. A per-class F1 of a one-unit output: an array of shape (1,), not a number.
      {"vector_metric_one_class",
       [] {
         namespace M = keras::metrics;
         return FitCase{
             sequential_classifier("sigmoid", 1),
             {.optimizer = O::Adam({.learning_rate = 0.01}),
              .loss = "binary_crossentropy",
              .metrics = {M::F1Score({.average = std::nullopt, .threshold = 0.5, .name = "f1"})}}};
       }},
  };
  return cases;
}

}  // namespace conformance
