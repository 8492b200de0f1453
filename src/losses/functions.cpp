// The loss functions by their Keras names (keras.losses.get("hinge") etc.), each with the
// keyword arguments Keras's function takes, so that a LossFunctionWrapper config such as
// {"fn": "binary_focal_crossentropy", "gamma": 3.0} builds the same function.
#include <optional>

#include "keras/losses/losses.hpp"
#include "src/losses/registry_tables.hpp"

namespace keras::losses::detail {

namespace {

using keras::detail::ConfigReader;

std::optional<int> read_ignore_class(ConfigReader& r) {
  const auto v = r.optional_integer("ignore_class");
  return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
}

int read_axis(ConfigReader& r) { return static_cast<int>(r.integer("axis", -1)); }

// A function without keyword arguments.
FunctionEntry plain(const char* name, Tensor (*fn)(const Tensor&, const Tensor&)) {
  return {name,
          [name, fn](const ConfigValue& kw) {
            ConfigReader(kw, name).finish();
            return LossFn(fn);
          },
          fn};
}

}  // namespace

ops::Axes read_axes(ConfigReader& r, const std::string& key) {
  const ConfigValue v = r.raw(key);
  if (v.is_null()) return ops::Axes();
  if (v.is_list()) {
    std::vector<int> axes;
    for (const ConfigValue& a : v.as_list()) {
      if (!a.is_int())
        throw ValueError(r.owner() + ": argument `" + key +
                         "` must be None, an int or a list of ints. Received: " + v.dump());
      axes.push_back(static_cast<int>(a.as_int()));
    }
    return ops::Axes(std::move(axes));
  }
  return ops::Axes(static_cast<int>(r.integer(key, 0)));
}

const std::vector<FunctionEntry>& functions() {
  using T = const Tensor&;
  static const std::vector<FunctionEntry> kFunctions = {
      plain("mean_squared_error", mean_squared_error),
      plain("mean_absolute_error", mean_absolute_error),
      plain("mean_absolute_percentage_error", mean_absolute_percentage_error),
      plain("mean_squared_logarithmic_error", mean_squared_logarithmic_error),
      {"cosine_similarity",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "cosine_similarity");
         const int axis = read_axis(r);
         r.finish();
         return LossFn([axis](T t, T p) { return cosine_similarity(t, p, axis); });
       },
       cosine_similarity},
      {"huber",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "huber");
         const double delta = r.number("delta", 1.0);
         r.finish();
         return LossFn([delta](T t, T p) { return huber(t, p, delta); });
       },
       huber},
      plain("log_cosh", log_cosh),
      plain("hinge", hinge),
      plain("squared_hinge", squared_hinge),
      plain("categorical_hinge", categorical_hinge),
      plain("kl_divergence", kl_divergence),
      plain("poisson", poisson),
      {"binary_crossentropy",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "binary_crossentropy");
         const bool from_logits = r.boolean("from_logits", false);
         const double smoothing = r.number("label_smoothing", 0.0);
         const int axis = read_axis(r);
         r.finish();
         return LossFn(
             [=](T t, T p) { return binary_crossentropy(t, p, from_logits, smoothing, axis); });
       },
       binary_crossentropy},
      {"binary_focal_crossentropy",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "binary_focal_crossentropy");
         const bool balancing = r.boolean("apply_class_balancing", false);
         const double alpha = r.number("alpha", 0.25), gamma = r.number("gamma", 2.0);
         const bool from_logits = r.boolean("from_logits", false);
         const double smoothing = r.number("label_smoothing", 0.0);
         const int axis = read_axis(r);
         r.finish();
         return LossFn([=](T t, T p) {
           return binary_focal_crossentropy(t, p, balancing, alpha, gamma, from_logits, smoothing,
                                            axis);
         });
       },
       binary_focal_crossentropy},
      {"categorical_crossentropy",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "categorical_crossentropy");
         const bool from_logits = r.boolean("from_logits", false);
         const double smoothing = r.number("label_smoothing", 0.0);
         const int axis = read_axis(r);
         r.finish();
         return LossFn([=](T t, T p) {
           return categorical_crossentropy(t, p, from_logits, smoothing, axis);
         });
       },
       categorical_crossentropy},
      {"categorical_focal_crossentropy",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "categorical_focal_crossentropy");
         const double alpha = r.number("alpha", 0.25), gamma = r.number("gamma", 2.0);
         const bool from_logits = r.boolean("from_logits", false);
         const double smoothing = r.number("label_smoothing", 0.0);
         const int axis = read_axis(r);
         r.finish();
         return LossFn([=](T t, T p) {
           return categorical_focal_crossentropy(t, p, alpha, gamma, from_logits, smoothing, axis);
         });
       },
       categorical_focal_crossentropy},
      {"sparse_categorical_crossentropy",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "sparse_categorical_crossentropy");
         const bool from_logits = r.boolean("from_logits", false);
         const std::optional<int> ignore_class = read_ignore_class(r);
         const int axis = read_axis(r);
         r.finish();
         return LossFn([=](T t, T p) {
           return sparse_categorical_crossentropy(t, p, from_logits, ignore_class, axis);
         });
       },
       sparse_categorical_crossentropy},
      {"dice",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "dice");
         const ops::Axes axis = read_axes(r, "axis");
         r.finish();
         return LossFn([=](T t, T p) { return dice(t, p, axis); });
       },
       dice},
      {"tversky",
       [](const ConfigValue& kw) {
         ConfigReader r(kw, "tversky");
         const double alpha = r.number("alpha", 0.5), beta = r.number("beta", 0.5);
         const ops::Axes axis = read_axes(r, "axis");
         r.finish();
         return LossFn([=](T t, T p) { return tversky(t, p, alpha, beta, axis); });
       },
       tversky},
      {"circle",
       [](const ConfigValue& kw) {
         // ref_labels / ref_embeddings are tensors, which a config cannot hold.
         ConfigReader r(kw, "circle");
         const bool remove_diagonal = r.boolean("remove_diagonal", true);
         const double gamma = r.number("gamma", 80.0), margin = r.number("margin", 0.4);
         r.finish();
         return LossFn([=](T t, T p) {
           return circle(t, p, Tensor(), Tensor(), remove_diagonal, gamma, margin);
         });
       },
       circle},
      plain("ctc", ctc),
  };
  return kFunctions;
}

const std::vector<std::pair<const char*, const char*>>& aliases() {
  static const std::vector<std::pair<const char*, const char*>> kAliases = {
      {"bce", "binary_crossentropy"},
      {"BCE", "binary_crossentropy"},
      {"kld", "kl_divergence"},
      {"KLD", "kl_divergence"},
      {"mae", "mean_absolute_error"},
      {"MAE", "mean_absolute_error"},
      {"mse", "mean_squared_error"},
      {"MSE", "mean_squared_error"},
      {"mape", "mean_absolute_percentage_error"},
      {"MAPE", "mean_absolute_percentage_error"},
      {"msle", "mean_squared_logarithmic_error"},
      {"MSLE", "mean_squared_logarithmic_error"}};
  return kAliases;
}

std::string canonical_function(const std::string& id) {
  for (const auto& f : functions())
    if (id == f.name) return id;
  for (const auto& [alias, target] : aliases())
    if (id == alias) return target;
  return "";
}

}  // namespace keras::losses::detail
