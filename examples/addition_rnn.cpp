// Keras's example "Sequence to sequence learning for performing number addition", in C++: the
// model reads a question such as "535+61" (as characters, reversed, as the example does, which
// helps it learn) and writes the answer "596" one character per step. An encoder LSTM reads the
// question into one vector, RepeatVector hands it to every answer step, a decoder LSTM and a
// TimeDistributed Dense softmax pick each answer character. Prints Keras's progress bar, a few
// decoded validation questions (☑ right, ☒ wrong), then `val_accuracy=<value>` (per character).
//
// KERASPP_EPOCHS overrides the epoch count (default 30, as the Keras example; the test suite
// runs fewer).
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <keras/keras.hpp>

using namespace keras;

namespace {

constexpr int kTrainingSize = 50000;
constexpr int kDigits = 3;
constexpr int kMaxLen = kDigits + 1 + kDigits;  // "123+456"
const std::string kChars = "0123456789+ ";

// The example's CharacterTable: strings <-> one-hot (rows, len(kChars)).
void encode(const std::string& s, std::vector<float>& out) {
  for (char c : s) {
    std::vector<float> row(kChars.size(), 0.0f);
    row[kChars.find(c)] = 1.0f;
    out.insert(out.end(), row.begin(), row.end());
  }
}

std::string decode(const std::vector<float>& probabilities, std::size_t offset, int rows) {
  std::string s;
  for (int r = 0; r < rows; ++r) {
    std::size_t best = 0;
    for (std::size_t c = 1; c < kChars.size(); ++c)
      if (probabilities[offset + r * kChars.size() + c] >
          probabilities[offset + r * kChars.size() + best])
        best = c;
    s += kChars[best];
  }
  return s;
}

struct Questions {
  std::vector<std::string> queries, answers;
};

// Distinct sums a+b of numbers with 1 to kDigits digits, padded with spaces; the query reversed.
Questions generate(int count, std::mt19937& rng) {
  Questions q;
  std::set<std::pair<int, int>> seen;
  std::uniform_int_distribution<int> length(1, kDigits), digit(0, 9);
  auto number = [&] {
    int n = 0;
    for (int i = length(rng); i > 0; --i) n = n * 10 + digit(rng);
    return n;
  };
  while (static_cast<int>(q.queries.size()) < count) {
    int a = number(), b = number();
    if (!seen.insert({std::min(a, b), std::max(a, b)}).second) continue;
    std::string query = std::to_string(a) + "+" + std::to_string(b);
    query += std::string(kMaxLen - query.size(), ' ');
    std::string answer = std::to_string(a + b);
    answer += std::string(kDigits + 1 - answer.size(), ' ');
    q.queries.emplace_back(query.rbegin(), query.rend());
    q.answers.push_back(answer);
  }
  return q;
}

Tensor one_hot(const std::vector<std::string>& strings, int rows) {
  std::vector<float> values;
  for (const auto& s : strings) encode(s, values);
  return tensor<float>(values, {static_cast<std::int64_t>(strings.size()), rows,
                                static_cast<std::int64_t>(kChars.size())});
}

}  // namespace

int main() {
  utils::set_random_seed(1337);
  std::mt19937 rng(1337);
  Questions all = generate(kTrainingSize, rng);
  // 90% to train, 10% to validate, as the example splits.
  const int split = kTrainingSize - kTrainingSize / 10;
  std::vector<std::string> train_q(all.queries.begin(), all.queries.begin() + split),
      train_a(all.answers.begin(), all.answers.begin() + split),
      val_q(all.queries.begin() + split, all.queries.end()),
      val_a(all.answers.begin() + split, all.answers.end());
  Tensor x_train = one_hot(train_q, kMaxLen), y_train = one_hot(train_a, kDigits + 1);
  Tensor x_val = one_hot(val_q, kMaxLen), y_val = one_hot(val_a, kDigits + 1);

  Sequential model({
      Input({kMaxLen, static_cast<std::int64_t>(kChars.size())}),
      layers::LSTM(128),                              // the encoder
      layers::RepeatVector(kDigits + 1),              // its summary, once per answer character
      layers::LSTM(128, {.return_sequences = true}),  // the decoder
      layers::TimeDistributed(
          layers::Dense(static_cast<std::int64_t>(kChars.size()), {.activation = "softmax"})),
  });
  model.summary();
  model.compile({.optimizer = "adam", .loss = "categorical_crossentropy", .metrics = {"accuracy"}});

  const char* epochs_env = std::getenv("KERASPP_EPOCHS");
  const int epochs = epochs_env ? std::atoi(epochs_env) : 30;
  model.fit(x_train, y_train,
            {.batch_size = 32, .epochs = epochs, .validation_data = {x_val, y_val}});

  // A few validation questions, decoded.
  const int shown = 10;
  std::uniform_int_distribution<int> pick(0, static_cast<int>(val_q.size()) - 1);
  std::vector<std::string> sample_q, sample_a;
  for (int i = 0; i < shown; ++i) {
    const int k = pick(rng);
    sample_q.push_back(val_q[k]);
    sample_a.push_back(val_a[k]);
  }
  const auto probabilities =
      model.predict(one_hot(sample_q, kMaxLen), {.verbose = 0}).values()[0].to_vector<float>();
  for (int i = 0; i < shown; ++i) {
    const std::string guess = decode(
        probabilities, static_cast<std::size_t>(i) * (kDigits + 1) * kChars.size(), kDigits + 1);
    std::printf("Q %s T %s %s %s\n", std::string(sample_q[i].rbegin(), sample_q[i].rend()).c_str(),
                sample_a[i].c_str(), guess == sample_a[i] ? "☑" : "☒", guess.c_str());
  }
  auto scores = model.evaluate(x_val, y_val, {.verbose = 0});
  std::printf("val_accuracy=%.4f\n", scores["accuracy"]);
  return 0;
}
