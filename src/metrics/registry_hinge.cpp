// The Keras names and from_config of the hinge metrics (hinge_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries hinge_classes() {
  return {
      KERAS_PLAIN_ENTRY(Hinge, "hinge"),
      KERAS_PLAIN_ENTRY(SquaredHinge, "squared_hinge"),
      KERAS_PLAIN_ENTRY(CategoricalHinge, "categorical_hinge"),
  };
}

}  // namespace keras::metrics::detail
