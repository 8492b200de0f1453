#include "test_util.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <sstream>

namespace testing {
using namespace keras;

bool is_close(double got, double want, double atol, double rtol) {
  return (std::isnan(got) && std::isnan(want)) || got == want ||
         std::fabs(got - want) <= atol + rtol * std::fabs(want);
}

std::string mismatch(const std::vector<double>& got, const std::vector<double>& want, double atol,
                     double rtol, const Shape* shape) {
  if (got.size() != want.size())
    return std::to_string(got.size()) + " values, want " + std::to_string(want.size());
  std::size_t bad = 0, first = 0;
  double worst = 0;
  for (std::size_t i = 0; i < got.size(); ++i) {
    if (is_close(got[i], want[i], atol, rtol)) continue;
    if (bad++ == 0) first = i;
    double diff = std::fabs(got[i] - want[i]);
    worst =
        std::max(worst, std::isfinite(diff) ? diff / (atol + rtol * std::fabs(want[i])) : INFINITY);
  }
  if (!bad) return "";
  std::ostringstream os;
  os << std::setprecision(9) << bad << " of " << got.size() << " values differ; first at ";
  if (shape && shape->size() == static_cast<std::int64_t>(got.size())) {
    std::vector<std::int64_t> idx(static_cast<std::size_t>(shape->rank()));
    auto f = static_cast<std::int64_t>(first);
    for (int d = shape->rank() - 1; d >= 0; --d) {
      idx[static_cast<std::size_t>(d)] = f % (*shape)[d];
      f /= (*shape)[d];
    }
    os << "[";
    for (std::size_t i = 0; i < idx.size(); ++i) os << (i ? ", " : "") << idx[i];
    os << "]";
  } else {
    os << "flat index " << first;
  }
  os << ": got " << got[first] << ", want " << want[first] << " (worst: " << std::setprecision(3)
     << worst << " times the tolerance)";
  return os.str();
}

std::filesystem::path oracle_dir() {
  if (const char* env = std::getenv("KERASPP_ORACLE_DIR"); env && *env) return env;
  return KERASPP_ORACLE_DIR;
}

std::string tensor_mismatch(const Tensor& got, const Tensor& want, double atol, double rtol,
                            bool check_dtype) {
  std::ostringstream os;
  os << std::setprecision(9);
  if (!got.defined()) return "undefined tensor";
  if (check_dtype && got.dtype() != want.dtype())
    os << "dtype: got " << dtype_name(got.dtype()) << ", want " << dtype_name(want.dtype()) << ". ";
  if (got.shape() != want.shape()) {
    os << "shape: got " << got.shape().to_string() << ", want " << want.shape().to_string();
    return os.str();
  }
  os << mismatch(got.to_vector<double>(), want.to_vector<double>(), atol, rtol, &want.shape());
  std::string text = os.str();
  if (text.size() >= 2 && text.compare(text.size() - 2, 2, ". ") == 0) text.resize(text.size() - 1);
  return text;
}

void require_close(const Tensor& got, const Tensor& want, double atol, double rtol) {
  INFO("got shape " << got.shape().to_string() << ", want " << want.shape().to_string());
  REQUIRE(got.shape() == want.shape());
  std::string m =
      mismatch(got.to_vector<double>(), want.to_vector<double>(), atol, rtol, &want.shape());
  if (!m.empty()) FAIL(m);
}

void require_values(const Tensor& got, const std::vector<double>& want, const Shape& shape,
                    double atol, double rtol) {
  require_close(got, tensor(want, shape), atol, rtol);
}

Tensor random_tensor(const Shape& shape, std::uint32_t seed, double lo, double hi, DType dtype) {
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> dist(lo, hi);
  std::vector<double> v(static_cast<std::size_t>(shape.size()));
  for (auto& x : v) x = dist(gen);
  return ops::cast(tensor(v, shape), dtype);
}

BackendScope::BackendScope(const std::string& name) : previous_(backend::name()) {
  backend::set_backend(name);
}
BackendScope::~BackendScope() { backend::set_backend(previous_); }

namespace {
double weighted_sum(const Fn& f, const std::vector<Tensor>& inputs, const Tensor& w) {
  NoGrad no_grad;
  return ops::sum(ops::multiply(ops::cast(f(inputs), DType::float64), w)).item<double>();
}
}  // namespace

void check_gradients(const Fn& f, const std::vector<Tensor>& inputs, double eps, double atol,
                     double rtol) {
  Tensor probe;
  {
    NoGrad no_grad;
    probe = f(inputs);
  }
  Tensor w = random_tensor(probe.shape(), 1234, 0.5, 1.5);
  std::vector<Tensor> analytic;
  {
    GradientTape tape;
    std::vector<Tensor> watched;
    for (const auto& x : inputs) watched.push_back(tape.watch(ops::copy(x)));
    Tensor y = ops::sum(ops::multiply(ops::cast(f(watched), DType::float64), w));
    analytic = tape.gradient(y, watched);
  }
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (!is_floating(inputs[i].dtype())) continue;
    INFO("input " << i << " of shape " << inputs[i].shape().to_string());
    auto base = inputs[i].to_vector<double>();
    std::vector<double> numeric(base.size());
    for (std::size_t j = 0; j < base.size(); ++j) {
      auto perturbed = [&](double delta) {
        auto v = base;
        v[j] += delta;
        auto args = inputs;
        args[i] = ops::cast(tensor(v, inputs[i].shape()), inputs[i].dtype());
        return weighted_sum(f, args, w);
      };
      numeric[j] = (perturbed(eps) - perturbed(-eps)) / (2 * eps);
    }
    Tensor got =
        analytic[i].defined() ? analytic[i] : ops::zeros(inputs[i].shape(), DType::float64);
    require_close(got, tensor(numeric, inputs[i].shape()), atol, rtol);
  }
}

std::vector<Tensor> on_backend(const std::vector<Tensor>& xs, const std::string& name) {
  std::vector<Tensor> out;
  for (const auto& x : xs) out.push_back(backend::to_backend(x, name));
  return out;
}

void check_backends_agree(const Fn& f, const std::vector<Tensor>& inputs, double atol,
                          double rtol) {
  Tensor want;
  {
    BackendScope scope("reference");
    want = f(on_backend(inputs, "reference"));
  }
  for (const auto& name : backend::available()) {
    if (name == "reference") continue;
    INFO("backend " << name << " vs reference");
    BackendScope scope(name);
    require_close(f(on_backend(inputs, name)), want, atol, rtol);
  }
}

std::vector<keras::Tensor> value_and_grads(const Fn& f, const std::vector<keras::Tensor>& inputs) {
  keras::GradientTape tape;
  for (const auto& x : inputs) tape.watch(x);
  const keras::Tensor y = f(inputs);
  const keras::Tensor w = random_tensor(y.shape(), 99, -1, 1, y.dtype());
  std::vector<keras::Tensor> out{y};
  for (const auto& g : tape.gradient(keras::ops::sum(keras::ops::multiply(y, w)), inputs))
    out.push_back(g);
  return out;
}

}  // namespace testing
