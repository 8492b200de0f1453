// The loss classes by their Keras class names, each read from its config as Keras's
// from_config does (every constructor argument by its keyword; dtype is accepted and unused,
// since losses compute in floatx).
#include "keras/losses/losses.hpp"
#include "src/losses/registry_tables.hpp"

namespace keras::losses::detail {

namespace {

using keras::detail::ConfigReader;

// Reads the keys every loss takes.
void read_common(ConfigReader& r, std::string& name, std::string& reduction) {
  name = r.string("name", name);
  if (r.present("reduction")) {
    // None is "none"; Keras 2's "auto" meant sum_over_batch_size outside tf.distribute.
    reduction = r.string("reduction", "none");
    if (reduction == "auto") reduction = "sum_over_batch_size";
  }
  r.ignore({"dtype"});  // losses compute in floatx; a saved dtype is not needed
}

// A class whose options are read by `extra` besides name and reduction.
template <class L, class Options, class Extra>
ClassEntry entry(const char* cls, const char* fn, Extra extra) {
  return {cls, fn, [cls, extra](const ConfigValue& config) -> std::shared_ptr<Loss> {
            ConfigReader r(config, cls);
            Options o;
            read_common(r, o.name, o.reduction);
            extra(o, r);
            r.finish();
            return std::make_shared<L>(std::move(o));
          }};
}

ClassEntry not_by_name(ClassEntry e) {
  e.by_name = false;
  return e;
}

// A class with no arguments but name and reduction.
template <class L, class Options>
ClassEntry entry(const char* cls, const char* fn) {
  return entry<L, Options>(cls, fn, [](Options&, ConfigReader&) {});
}

template <class Options>
void crossentropy_keys(Options& o, ConfigReader& r) {
  o.from_logits = r.boolean("from_logits", o.from_logits);
  o.label_smoothing = r.number("label_smoothing", o.label_smoothing);
  o.axis = static_cast<int>(r.integer("axis", o.axis));
}

template <class Options>
void focal_keys(Options& o, ConfigReader& r) {
  crossentropy_keys(o, r);
  o.alpha = r.number("alpha", o.alpha);
  o.gamma = r.number("gamma", o.gamma);
}

std::shared_ptr<Loss> wrapper_from_config(const ConfigValue& c) {
  LossFunctionWrapperOptions o;
  ConfigReader r(c, "LossFunctionWrapper");
  read_common(r, o.name, o.reduction);
  const ConfigValue fn_value = r.raw("fn");
  const std::string fn = fn_value.is_dict()     ? fn_value.get("config").as_string()
                         : fn_value.is_string() ? fn_value.as_string()
                                                : "";
  // Every other key is an argument of the wrapped function, which reads them.
  ConfigValue kwargs = r.unread();
  if (fn.empty())
    throw ValueError("LossFunctionWrapper config needs the `fn` it wraps; received " + c.dump());
  if (canonical_function(fn).empty())
    throw ValueError("Could not interpret loss function '" + fn +
                     "' in LossFunctionWrapper config; known functions: " +
                     ConfigValue::list_of(all_names()).dump());
  return std::make_shared<LossFunctionWrapper>(fn, std::move(kwargs), std::move(o));
}

}  // namespace

const std::vector<ClassEntry>& classes() {
  using R = ConfigReader;
  static const std::vector<ClassEntry> kClasses = {
      // Probabilistic
      entry<KLDivergence, KLDivergenceOptions>("KLDivergence", "kl_divergence"),
      entry<Poisson, PoissonOptions>("Poisson", "poisson"),
      entry<BinaryCrossentropy, BinaryCrossentropyOptions>(
          "BinaryCrossentropy", "binary_crossentropy",
          crossentropy_keys<BinaryCrossentropyOptions>),
      entry<BinaryFocalCrossentropy, BinaryFocalCrossentropyOptions>(
          "BinaryFocalCrossentropy", "binary_focal_crossentropy",
          [](BinaryFocalCrossentropyOptions& o, R& r) {
            focal_keys(o, r);
            o.apply_class_balancing = r.boolean("apply_class_balancing", o.apply_class_balancing);
          }),
      entry<CategoricalCrossentropy, CategoricalCrossentropyOptions>(
          "CategoricalCrossentropy", "categorical_crossentropy",
          crossentropy_keys<CategoricalCrossentropyOptions>),
      entry<CategoricalFocalCrossentropy, CategoricalFocalCrossentropyOptions>(
          "CategoricalFocalCrossentropy", "categorical_focal_crossentropy",
          focal_keys<CategoricalFocalCrossentropyOptions>),
      entry<SparseCategoricalCrossentropy, SparseCategoricalCrossentropyOptions>(
          "SparseCategoricalCrossentropy", "sparse_categorical_crossentropy",
          [](SparseCategoricalCrossentropyOptions& o, R& r) {
            o.from_logits = r.boolean("from_logits", o.from_logits);
            const auto ignore = r.optional_integer("ignore_class");
            o.ignore_class = ignore ? std::optional<int>(static_cast<int>(*ignore)) : std::nullopt;
            o.axis = static_cast<int>(r.integer("axis", o.axis));
          }),
      // Regression
      entry<MeanSquaredError, MeanSquaredErrorOptions>("MeanSquaredError", "mean_squared_error"),
      entry<MeanAbsoluteError, MeanAbsoluteErrorOptions>("MeanAbsoluteError",
                                                         "mean_absolute_error"),
      entry<MeanAbsolutePercentageError, MeanAbsolutePercentageErrorOptions>(
          "MeanAbsolutePercentageError", "mean_absolute_percentage_error"),
      entry<MeanSquaredLogarithmicError, MeanSquaredLogarithmicErrorOptions>(
          "MeanSquaredLogarithmicError", "mean_squared_logarithmic_error"),
      entry<CosineSimilarity, CosineSimilarityOptions>("CosineSimilarity", "cosine_similarity",
                                                       [](CosineSimilarityOptions& o, R& r) {
                                                         o.axis = static_cast<int>(
                                                             r.integer("axis", -1));
                                                       }),
      entry<LogCosh, LogCoshOptions>("LogCosh", "log_cosh"),
      entry<Huber, HuberOptions>(
          "Huber", "huber", [](HuberOptions& o, R& r) { o.delta = r.number("delta", o.delta); }),
      // Hinge
      entry<Hinge, HingeOptions>("Hinge", "hinge"),
      entry<SquaredHinge, SquaredHingeOptions>("SquaredHinge", "squared_hinge"),
      entry<CategoricalHinge, CategoricalHingeOptions>("CategoricalHinge", "categorical_hinge"),
      // Image segmentation
      entry<Dice, DiceOptions>("Dice", "dice",
                               [](DiceOptions& o, R& r) { o.axis = read_axes(r, "axis"); }),
      entry<Tversky, TverskyOptions>("Tversky", "tversky",
                                     [](TverskyOptions& o, R& r) {
                                       o.alpha = r.number("alpha", o.alpha);
                                       o.beta = r.number("beta", o.beta);
                                       o.axis = read_axes(r, "axis");
                                     }),
      // Similarity
      entry<Circle, CircleOptions>("Circle", "circle",
                                   [](CircleOptions& o, R& r) {
                                     o.gamma = r.number("gamma", o.gamma);
                                     o.margin = r.number("margin", o.margin);
                                     o.remove_diagonal =
                                         r.boolean("remove_diagonal", o.remove_diagonal);
                                   }),
      // Sequence
      entry<CTC, CTCOptions>("CTC", "ctc"),
      // Exported by Keras but not in ALL_OBJECTS (see ClassEntry::by_name).
      not_by_name(
          entry<CategoricalGeneralizedCrossEntropy, CategoricalGeneralizedCrossEntropyOptions>(
              "CategoricalGeneralizedCrossEntropy", "categorical_generalized_cross_entropy",
              [](CategoricalGeneralizedCrossEntropyOptions& o, R& r) {
                o.q = r.number("q", o.q);
              })),
      {"LossFunctionWrapper", "", wrapper_from_config},
  };
  return kClasses;
}

}  // namespace keras::losses::detail
