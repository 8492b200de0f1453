#include "keras/optimizers/schedules/piecewise_constant_decay.hpp"

#include <cmath>

#include "keras/core/errors.hpp"
#include "src/core/config_reader.hpp"

namespace keras::optimizers::schedules {

namespace {
std::string list_text(const ConfigValue& v) { return v.dump(); }
}  // namespace

PiecewiseConstantDecay::PiecewiseConstantDecay(std::vector<std::int64_t> boundaries_,
                                               std::vector<double> values_,
                                               PiecewiseConstantDecayOptions options)
    : boundaries(std::move(boundaries_)),
      values(std::move(values_)),
      name(std::move(options.name)) {
  if (boundaries.size() + 1 != values.size())
    throw ValueError(
        "The length of boundaries should be 1 less than the length of values. Received: "
        "boundaries=" +
        list_text(ConfigValue::list_of(boundaries)) + " of length " +
        std::to_string(boundaries.size()) +
        ", and values=" + list_text(ConfigValue::list_of(values)) + " of length " +
        std::to_string(values.size()) + ".");
  if (boundaries.empty())
    throw ValueError("PiecewiseConstantDecay needs at least one boundary; received boundaries=[]");
}

double PiecewiseConstantDecay::operator()(std::int64_t step) const {
  // A sum of indicator terms, as Keras computes it (so unsorted boundaries behave the same).
  double result = 0.0;
  if (step <= boundaries.front()) result += values.front();
  if (step > boundaries.back()) result += values.back();
  for (std::size_t i = 0; i + 1 < boundaries.size(); ++i)
    if (step > boundaries[i] && step <= boundaries[i + 1]) result += values[i + 1];
  return result;
}

ConfigValue PiecewiseConstantDecay::get_config() const {
  ConfigValue c = ConfigValue::dict();
  c["boundaries"] = ConfigValue::list_of(boundaries);
  c["values"] = ConfigValue::list_of(values);
  c["name"] = name;
  return c;
}

PiecewiseConstantDecay PiecewiseConstantDecay::from_config(const ConfigValue& config) {
  keras::detail::ConfigReader r(config, "PiecewiseConstantDecay");
  std::vector<std::int64_t> boundaries;
  // Keras casts boundaries to the step's integer dtype before comparing.
  const ConfigValue raw_boundaries = r.raw("boundaries"), raw_values = r.raw("values");
  for (const auto& b : raw_boundaries.as_list())
    boundaries.push_back(b.is_int() ? b.as_int()
                                    : static_cast<std::int64_t>(std::trunc(b.as_double())));
  std::vector<double> values;
  for (const auto& v : raw_values.as_list()) values.push_back(v.as_double());
  PiecewiseConstantDecayOptions o;
  o.name = r.string("name", o.name);
  r.finish();
  return PiecewiseConstantDecay(std::move(boundaries), std::move(values), std::move(o));
}

}  // namespace keras::optimizers::schedules
