#include "keras/losses/circle.hpp"

#include <limits>

#include "keras/core/ops.hpp"

namespace keras::losses {

namespace {

// Keras's numerical_utils.build_pos_neg_masks: same label -> positive, else negative; with
// remove_diagonal, pair (i, i) is not a positive.
std::pair<Tensor, Tensor> pos_neg_masks(const Tensor& query_labels, const Tensor& key_labels,
                                        bool remove_diagonal) {
  Tensor q = query_labels.rank() == 1 ? ops::reshape(query_labels, {-1, 1}) : query_labels;
  Tensor k = key_labels.rank() == 1 ? ops::reshape(key_labels, {-1, 1}) : key_labels;
  Tensor positive = ops::equal(q, ops::transpose(k));
  Tensor negative = ops::logical_not(positive);
  if (remove_diagonal)
    positive = ops::logical_and(
        positive,
        ops::logical_not(ops::eye(query_labels.size(), key_labels.size(), 0, DType::bool_)));
  return {positive, negative};
}

}  // namespace

Tensor circle(const Tensor& y_true, const Tensor& y_pred) {
  return circle(y_true, y_pred, Tensor());
}

Tensor circle(const Tensor& y_true, const Tensor& y_pred, const Tensor& ref_labels,
              const Tensor& ref_embeddings, bool remove_diagonal, double gamma, double margin) {
  if (y_pred.rank() != 2)
    throw ValueError(
        "circle: `y_pred` must be embeddings of shape (batch_size, dim). Received: "
        "y_pred.shape=" +
        y_pred.shape().to_string());
  // Labels are compared as integers, as Keras casts them to int32 (a float 0.9 is class 0).
  Tensor labels = ops::cast(y_true, DType::int32);
  Tensor ref_emb = ref_embeddings.defined() ? ref_embeddings : y_pred;
  Tensor ref_lab = ref_labels.defined() ? ops::cast(ref_labels, DType::int32) : labels;
  const double optim_pos = margin, optim_neg = 1.0 + margin;
  const double delta_pos = margin, delta_neg = 1.0 - margin;

  Tensor distances = ops::subtract(1.0, ops::matmul(y_pred, ops::transpose(ref_emb)));
  distances = ops::maximum(distances, 0.0);
  auto [positive, negative] = pos_neg_masks(labels, ref_lab, remove_diagonal);
  Tensor pos_mask = ops::cast(positive, distances.dtype());
  Tensor neg_mask = ops::cast(negative, distances.dtype());

  // The weights are how far each similarity is from its optimum (zero once past it).
  Tensor pos_weights = ops::maximum(ops::multiply(ops::add(distances, optim_pos), pos_mask), 0.0);
  Tensor neg_weights =
      ops::maximum(ops::multiply(ops::subtract(optim_neg, distances), neg_mask), 0.0);
  Tensor pos_dists = ops::subtract(delta_pos, distances);
  Tensor neg_dists = ops::subtract(delta_neg, distances);
  Tensor pos_wdists = ops::multiply(ops::multiply(pos_weights, -gamma), pos_dists);
  Tensor neg_wdists = ops::multiply(ops::multiply(neg_weights, gamma), neg_dists);

  // Pairs outside a mask are -inf, so they drop out of the logsumexp (a row with none gives
  // -inf, and softplus(-inf) = 0).
  Tensor minus_inf = ops::full_like(distances, -std::numeric_limits<double>::infinity());
  Tensor p_loss = ops::logsumexp(ops::where(positive, pos_wdists, minus_inf), 1);
  Tensor n_loss = ops::logsumexp(ops::where(negative, neg_wdists, minus_inf), 1);
  Tensor loss = ops::softplus(ops::add(p_loss, n_loss));
  set_keras_mask(loss, ops::greater(loss, 0.0));
  return loss;
}

Circle::Circle(CircleOptions o)
    : LossFunctionWrapper(
          [o](const Tensor& y_true, const Tensor& y_pred) {
            return circle(y_true, y_pred, Tensor(), Tensor(), o.remove_diagonal, o.gamma, o.margin);
          },
          {.reduction = o.reduction, .name = o.name}),
      options_(o) {}

ConfigValue Circle::get_config() const {
  ConfigValue config = Loss::get_config();
  config["gamma"] = options_.gamma;
  config["margin"] = options_.margin;
  config["remove_diagonal"] = options_.remove_diagonal;
  return config;
}

}  // namespace keras::losses
