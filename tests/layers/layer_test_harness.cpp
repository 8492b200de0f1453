#include "layers/layer_test_harness.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "test_util.hpp"

using namespace keras;

namespace testing {

namespace {

Tensor input_for(const Shape& shape, std::uint32_t seed) {
  return random_tensor(shape, seed, -1.0, 1.0, DType::float32);
}

// The case's input shapes: one, or one per input of a multi-input layer.
std::vector<Shape> input_shapes_of(const LayerCase& c) {
  return c.input_shapes.empty() ? std::vector<Shape>{c.input_shape} : c.input_shapes;
}

// The case's inputs: floats in [-1, 1), or integer ids when the case says so.
std::vector<Tensor> inputs_for(const LayerCase& c, std::uint32_t seed) {
  std::vector<Tensor> xs;
  for (const auto& s : input_shapes_of(c)) {
    if (!c.integer_inputs) {
      xs.push_back(input_for(s, seed++));
      continue;
    }
    const auto [lo, hi] = *c.integer_inputs;
    xs.push_back(
        ops::cast(ops::floor(random_tensor(s, seed++, lo, hi, DType::float64)), DType::int32));
  }
  return xs;
}

// The layer's output, called as the case says: on one tensor or on the list.
Tensor call(Layer& layer, const LayerCase& c, const std::vector<Tensor>& xs,
            bool training = false) {
  if (c.input_shapes.empty()) return layer(xs.at(0), training);
  return layer(xs, training).at(0);
}

Shape without_batch(const Shape& s) {
  return Shape(std::vector<std::int64_t>(s.dims().begin() + 1, s.dims().end()));
}

// The layer called on Inputs (an unknown batch), named input names[i] when given.
std::pair<std::vector<KerasTensor>, KerasTensor> symbolic_call(Layer& layer, const LayerCase& c,
                                                               const std::string& name = "") {
  std::vector<KerasTensor> ins;
  const auto shapes = input_shapes_of(c);
  for (std::size_t i = 0; i < shapes.size(); ++i)
    ins.push_back(Input(without_batch(shapes[i]),
                        {.dtype = c.integer_inputs ? "int32" : "",
                         .name = name.empty() ? "" : name + "_" + std::to_string(i)}));
  KerasTensor out = c.input_shapes.empty() ? layer(ins[0]) : layer(ins).at(0);
  return {ins, out};
}

std::vector<Shape> shapes_of(const std::vector<Variable>& vars) {
  std::vector<Shape> out;
  for (const auto& v : vars) out.push_back(v.shape());
  return out;
}

// Central differences in float64 for the gradients of sum(layer(x) * r) with respect to the
// input and every trainable weight (up to 12 entries of each, spread over the tensor).
void check_layer_gradients(const LayerCase& c) {
  struct Float64Scope {
    std::string previous = config::floatx();
    Float64Scope() { config::set_floatx("float64"); }
    ~Float64Scope() { config::set_floatx(previous); }
  } float64;
  auto layer = c.make();
  std::vector<Tensor> xs;
  std::uint32_t seed = 5;
  if (c.integer_inputs) xs = inputs_for(c, seed);
  else
    for (const auto& s : input_shapes_of(c)) xs.push_back(random_tensor(s, seed++));
  Tensor probe = random_tensor(call(*layer, c, xs).shape(), 9);
  auto loss_at = [&](const std::vector<Tensor>& inputs) {
    return ops::sum(ops::multiply(call(*layer, c, inputs), probe)).item<double>();
  };
  auto vars = layer->trainable_weights();
  std::vector<Tensor> analytic;
  {
    GradientTape tape;
    std::vector<Tensor> watched;
    for (const auto& x : xs) watched.push_back(c.integer_inputs ? x : tape.watch(x));
    Tensor loss = ops::sum(ops::multiply(call(*layer, c, watched), probe));
    // Integer inputs have no gradient: only the weights' are checked.
    if (!c.integer_inputs) analytic = tape.gradient(loss, watched);
    auto weight_grads = tape.gradient(loss, vars);
    analytic.insert(analytic.end(), weight_grads.begin(), weight_grads.end());
  }
  const double eps = 1e-6;
  auto check_entries = [&](const Tensor& grad, std::int64_t size, const auto& perturbed_loss,
                           const char* what) {
    INFO("gradient of " << what);
    REQUIRE(grad.defined());
    auto g = grad.to_vector<double>();
    std::int64_t step = std::max<std::int64_t>(1, size / 12);
    for (std::int64_t i = 0; i < size; i += step) {
      double numeric = (perturbed_loss(i, eps) - perturbed_loss(i, -eps)) / (2 * eps);
      REQUIRE(std::abs(g[static_cast<std::size_t>(i)] - numeric) <=
              1e-6 + 1e-5 * std::abs(numeric));
    }
  };
  const std::size_t checked_inputs = analytic.size() - vars.size();
  for (std::size_t n = 0; n < checked_inputs; ++n) {
    INFO("input " << n);
    check_entries(
        analytic[n], xs[n].size(),
        [&](std::int64_t i, double d) {
          auto v = xs[n].to_vector<double>();
          v[static_cast<std::size_t>(i)] += d;
          auto perturbed = xs;
          perturbed[n] = tensor<double>(v, xs[n].shape());
          return loss_at(perturbed);
        },
        "the input");
  }
  for (std::size_t k = 0; k < vars.size(); ++k) {
    Tensor original = vars[k].value();
    check_entries(
        analytic[checked_inputs + k], original.size(),
        [&](std::int64_t i, double d) {
          auto v = original.to_vector<double>();
          v[static_cast<std::size_t>(i)] += d;
          vars[k].assign(tensor<double>(v, original.shape()));
          double out = loss_at(xs);
          vars[k].assign(original);
          return out;
        },
        vars[k].path().c_str());
  }
}

// Exactly equal values, weight by weight (names the weight that differs).
void require_same_weights(const std::vector<Variable>& vars, const std::vector<Tensor>& want,
                          const std::string& when) {
  INFO("weight values " << when);
  REQUIRE(vars.size() == want.size());
  for (std::size_t i = 0; i < vars.size(); ++i) {
    INFO("weight " << vars[i].path());
    require_close(vars[i].value(), want[i], 0.0, 0.0);
  }
}

// Initial values: Keras names a weight's initializer after the weight (kernel ->
// kernel_initializer, bias -> bias_initializer, gamma, moving_mean, ...), so each weight with
// such a config entry must hold what that initializer gives. Constant initializers and random
// ones with an int seed return the same values on every call (as in Keras), so those are
// compared value for value; an unseeded one is unpredictable, and must at least not be
// constant.
void check_initial_weights(const Layer& layer) {
  ConfigValue config = layer.get_config();
  for (const Variable& w : layer.weights()) {
    INFO("initial value of " << w.path());
    const std::string key = w.name() + "_initializer";
    if (!config.contains(key) || config.at(key).is_null()) continue;
    // LSTM's unit_forget_bias puts ones in the forget gate's part of the bias
    // (tests/layers/test_rnn.cpp checks those values).
    if (key == "bias_initializer" && config.get("unit_forget_bias", false) == ConfigValue(true))
      continue;
    const ConfigValue& spec = config.at(key);
    const ConfigValue inner = spec.get("config", ConfigValue::dict());
    const bool unseeded = inner.contains("seed") && inner.at("seed").is_null();
    Tensor value = w.value();
    if (!unseeded) {
      Tensor want = (*initializers::deserialize(spec))(w.shape(), w.dtype());
      require_close(value, want, 0.0, 0.0);
    } else if (value.size() > 1) {
      auto v = value.to_vector<double>();
      CHECK(std::any_of(v.begin(), v.end(), [&](double e) { return e != v[0]; }));
    }
  }
}

// Inside a functional model, the layer survives every Keras file format: the whole model as
// `.keras` and legacy `.h5`, and `.weights.h5` into a twin rebuilt from to_json. Each copy
// computes the layer's outputs and carries its config.
void check_file_round_trips(const std::shared_ptr<Layer>& layer, const LayerCase& c,
                            const std::vector<Tensor>& xs, const Tensor& y) {
  auto [ins, out] = symbolic_call(*layer, c, "harness_input");
  auto model = make_model<Model>(KerasTensors(ins), out, ModelOptions{.name = "harness_model"});
  const Data x = xs.size() == 1 ? Data(xs[0]) : Data(xs);
  const std::string want_config = layer->get_config().dump();
  auto check = [&](const ModelHandle<>& copy, const std::string& how) {
    INFO("round trip through " << how);
    REQUIRE(copy->layers().size() == xs.size() + 1);
    CHECK(copy->layers().back()->get_config().dump() == want_config);
    require_close(copy.predict(x, {.verbose = 0}).values()[0], y);
  };
  const auto dir =
      std::filesystem::temp_directory_path() / ("keraspp_harness_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* name : {"m.keras", "m.h5"}) {
    model->save((dir / name).string());
    check(models::load_model((dir / name).string()), name);
  }
  model->save_weights((dir / "m.weights.h5").string());
  auto twin = models::model_from_json(model->to_json());
  twin->load_weights((dir / "m.weights.h5").string());
  check(twin, "to_json + .weights.h5");
  std::filesystem::remove_all(dir);
}

}  // namespace

void run_layer_test(const LayerCase& c) {
  INFO("layer case: " << c.label);
  const std::vector<Tensor> xs = inputs_for(c, 7);

  // Eager call: output shape matches compute_output_shape.
  auto layer = c.make();
  Tensor y = call(*layer, c, xs);
  REQUIRE(layer->built());
  REQUIRE(y.shape() == (c.input_shapes.empty()
                            ? layer->compute_output_shape(c.input_shape)
                            : layer->compute_output_shape_list(c.input_shapes).at(0)));

  // Symbolic call with an unknown batch: the same shape with None first.
  {
    auto fresh = c.make();
    KerasTensor out = symbolic_call(*fresh, c).second;
    Shape want = y.shape();
    want[0] = kNone;
    REQUIRE(out.shape().to_string() == want.to_string());
  }

  // Weights: counts, shapes and order.
  REQUIRE(shapes_of(layer->trainable_weights()) == c.trainable_weight_shapes);
  REQUIRE(shapes_of(layer->non_trainable_weights()) == c.non_trainable_weight_shapes);
  REQUIRE(layer->weights().size() ==
          c.trainable_weight_shapes.size() + c.non_trainable_weight_shapes.size());
  check_initial_weights(*layer);

  // Config round trip through the registry; the rebuilt layer computes the same function.
  ConfigValue config = layer->get_config();
  REQUIRE(config.at("name").as_string() == layer->name());
  auto again = layers::find_layer(layer->class_name()).from_config(config);
  REQUIRE(again->class_name() == layer->class_name());
  REQUIRE(again->get_config().dump() == config.dump());
  // layers::serialize carries the build_config, from which deserialize builds the layer before
  // any call: the weights exist with their shapes (Keras's build_from_config).
  auto prebuilt = layers::deserialize(layers::serialize(*layer));
  REQUIRE(shapes_of(prebuilt->trainable_weights()) == c.trainable_weight_shapes);
  REQUIRE(shapes_of(prebuilt->non_trainable_weights()) == c.non_trainable_weight_shapes);
  call(*again, c, xs);
  check_initial_weights(*again);
  again->set_weights(layer->get_weights());
  require_same_weights(again->weights(), layer->get_weights(), "after set_weights");
  require_close(call(*again, c, xs), y);

  // (An InputLayer is a model's input itself: the model tests save those.)
  if (layer->class_name() != "InputLayer") check_file_round_trips(layer, c, xs, y);

  // Inference is deterministic; training may differ only for layers that say so.
  require_close(call(*layer, c, xs), y);
  if (!c.training_differs) require_close(call(*layer, c, xs, true), y);

  // A gradient step on the trainable weights lowers a squared-error loss.
  if (!c.trainable_weight_shapes.empty()) {
    Tensor target = input_for(y.shape(), 11);
    auto loss_of = [&] {
      return ops::mean(
          ops::square(ops::subtract(call(*layer, c, xs, !c.training_differs), target)));
    };
    double before = loss_of().item<double>();
    auto vars = layer->trainable_weights();
    auto frozen = layer->non_trainable_weights();
    std::vector<Tensor> frozen_before;
    for (const auto& v : frozen) frozen_before.push_back(ops::copy(v.value()));
    GradientTape tape;
    Tensor loss = loss_of();
    auto grads = tape.gradient(loss, vars);
    std::vector<Tensor> stepped;
    for (std::size_t i = 0; i < vars.size(); ++i) {
      REQUIRE(grads[i].defined());
      stepped.push_back(ops::subtract(vars[i].value(), ops::multiply(grads[i], 0.05)));
      vars[i].assign_sub(ops::multiply(grads[i], 0.05));
    }
    // The step moved exactly the trainable weights, by exactly the step.
    require_same_weights(vars, stepped, "after a gradient step");
    require_same_weights(frozen, frozen_before, "of non-trainable weights after a gradient step");
    double after = loss_of().item<double>();
    REQUIRE(after < before);
  }

  // Analytic gradients (input and weights) match central differences in float64.
  check_layer_gradients(c);

  // Every compiled-in backend computes what this one computed: the layer is rebuilt from its
  // config on each backend (its variables live there) and given the same weights, which
  // set_weights copies across as Keras does from NumPy arrays. The original's weights are left
  // as they were.
  std::vector<Tensor> weights;
  for (const auto& v : layer->weights()) weights.push_back(ops::copy(v.value()));
  Tensor want = call(*layer, c, xs);
  for (const auto& name : backend::available()) {
    INFO("backend " << name);
    BackendScope scope(name);
    std::vector<Tensor> xs_here;
    for (const auto& x : xs) xs_here.push_back(backend::to_backend(x, name));
    auto twin = layers::find_layer(layer->class_name()).from_config(layer->get_config());
    call(*twin, c, xs_here);
    twin->set_weights(weights);
    require_same_weights(twin->weights(), weights, "set_weights on backend " + name);
    Tensor got = call(*twin, c, xs_here);
    REQUIRE(got.backend().name() == name);
    require_close(got, want);
  }
  require_same_weights(layer->weights(), weights, "after running on every backend");
}

}  // namespace testing
