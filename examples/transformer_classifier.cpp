// Keras's example "Text classification with Transformer", in C++, on a task where the order of
// the tokens is everything: each sequence holds the markers 1 and 2 once each among filler
// tokens, and the label says whether 1 comes before 2. Every sequence has the same kind of
// tokens, so a bag of tokens is right half of the time; the model must compare positions.
//
// The model is the example's: token and position embeddings (a layer of our own, as the
// example writes TokenAndPositionEmbedding), a transformer block (MultiHeadAttention, a residual
// and LayerNormalization, a Dense feed-forward, a residual and LayerNormalization),
// GlobalAveragePooling1D, Dropout, Dense. Prints Keras's progress bar, then
// `test_accuracy=<value>`, and exits non-zero under 0.9.
//
// KERASPP_EPOCHS overrides the epoch count (default 10).
#include <cstdio>
#include <cstdlib>
#include <random>
#include <vector>

#include <keras/keras.hpp>

using namespace keras;

namespace {

constexpr std::int64_t kMaxLen = 12;
constexpr std::int64_t kVocab = 10;  // 1 and 2 are the markers, 3..9 the fillers

// The sum of a token's embedding and its position's embedding.
class TokenAndPositionEmbedding : public Layer {
 public:
  TokenAndPositionEmbedding(std::int64_t maxlen, std::int64_t vocab_size, std::int64_t embed_dim)
      : maxlen_(maxlen),
        token_emb_(track(layers::Embedding(vocab_size, embed_dim))),
        pos_emb_(track(layers::Embedding(maxlen, embed_dim))) {}

  Tensor call(const Tensor& x, bool training) override {
    Tensor positions = ops::arange(maxlen_);
    return ops::add((*token_emb_)(x, training), (*pos_emb_)(positions, training));
  }
  std::string class_name() const override { return "TokenAndPositionEmbedding"; }

 private:
  std::int64_t maxlen_;
  std::shared_ptr<Layer> token_emb_, pos_emb_;
};

struct Examples {
  Tensor x, y;
};

Examples generate(std::int64_t count, std::mt19937& rng) {
  std::vector<std::int32_t> ids(static_cast<std::size_t>(count * kMaxLen));
  std::vector<std::int32_t> labels(static_cast<std::size_t>(count));
  std::uniform_int_distribution<std::int32_t> filler(3, kVocab - 1);
  std::uniform_int_distribution<std::int64_t> position(0, kMaxLen - 1);
  for (std::int64_t i = 0; i < count; ++i) {
    std::int32_t* row = ids.data() + i * kMaxLen;
    for (std::int64_t t = 0; t < kMaxLen; ++t) row[t] = filler(rng);
    const std::int64_t a = position(rng);
    std::int64_t b = position(rng);
    while (b == a) b = position(rng);
    row[a] = 1;
    row[b] = 2;
    labels[static_cast<std::size_t>(i)] = a < b ? 1 : 0;
  }
  return {tensor<std::int32_t>(ids, {count, kMaxLen}), tensor<std::int32_t>(labels, {count})};
}

}  // namespace

int main() {
  utils::set_random_seed(2024);
  std::mt19937 rng(2024);
  const Examples train = generate(8000, rng), test = generate(2000, rng);

  const std::int64_t embed_dim = 32, num_heads = 2, ff_dim = 32;
  auto inputs = Input({kMaxLen}, {.dtype = "int32"});
  auto x = make_layer<TokenAndPositionEmbedding>(kMaxLen, kVocab, embed_dim)(inputs);
  // The transformer block.
  auto attention =
      layers::MultiHeadAttention(num_heads, embed_dim)(std::vector<KerasTensor>{x, x})[0];
  attention = layers::Dropout(0.1)(attention);
  auto out1 = layers::LayerNormalization({.epsilon = 1e-6})(
      layers::Add()(std::vector<KerasTensor>{x, attention})[0]);
  auto ffn = layers::Dense(ff_dim, {.activation = "relu"})(out1);
  ffn = layers::Dropout(0.1)(layers::Dense(embed_dim)(ffn));
  x = layers::LayerNormalization({.epsilon = 1e-6})(
      layers::Add()(std::vector<KerasTensor>{out1, ffn})[0]);
  // The classifier on top.
  x = layers::GlobalAveragePooling1D()(x);
  x = layers::Dropout(0.1)(x);
  x = layers::Dense(20, {.activation = "relu"})(x);
  x = layers::Dropout(0.1)(x);
  auto outputs = layers::Dense(2, {.activation = "softmax"})(x);
  Model model(inputs, outputs);
  model.summary();
  model.compile(
      {.optimizer = "adam", .loss = "sparse_categorical_crossentropy", .metrics = {"accuracy"}});

  const char* epochs_env = std::getenv("KERASPP_EPOCHS");
  const int epochs = epochs_env ? std::atoi(epochs_env) : 10;
  model.fit(train.x, train.y, {.batch_size = 32, .epochs = epochs, .validation_split = 0.1});
  auto scores = model.evaluate(test.x, test.y, {.verbose = 0});
  std::printf("test_accuracy=%.4f\n", scores["accuracy"]);
  if (scores["accuracy"] < 0.9) {
    std::printf("FAILED: the transformer did not learn the order (a bag of tokens gets 0.5)\n");
    return 1;
  }
  return 0;
}
