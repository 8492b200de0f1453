// Conformance of the built-in layers with real Keras 3 (JAX backend): each case of
// tests/keras_oracle/generate_layers.py (listed in tests/keras_oracle/layer_cases/*.py) is a
// layer as Keras serialized it, its weights, inputs, outputs in inference (and training) mode,
// gradients with respect to the inputs and the trainable weights, and for training mode the
// non-trainable weights after the call (BatchNormalization's moving statistics). The layer is
// rebuilt from Keras's serialized form through our registry, so from_config and build_config
// are checked on the way. Runs on every compiled-in backend.
//
// KERASPP_ORACLE_FILTER=<substring> runs only the cases whose id contains it.
#include <cstdlib>
#include <iostream>
#include <map>
#include <set>
#include <sstream>

#include "conformance/layer_keyword_calls.hpp"
#include "keras_oracle/oracle.hpp"
#include "test_util.hpp"

using namespace keras;
using json = nlohmann::json;
namespace oracle = testing::oracle;

namespace {

std::vector<Tensor> arrays(const json& files) {
  std::vector<Tensor> out;
  for (const auto& f : files) out.push_back(oracle::npy(f.get<std::string>()));
  return out;
}

// The layer's outputs as a list, called as Keras called it (a list for multi-input layers).
// A single input goes in a list too, so a layer with several outputs (an RNN with
// return_state) returns them all. A case whose Keras call had keyword arguments (attention
// masks, flags) goes through the layer's typed entry (layer_keyword_calls.cpp).
std::vector<Tensor> call(Layer& layer, const json& c, const std::vector<Tensor>& xs,
                         bool training) {
  if (!c.value("call_kwargs", json::object()).empty() ||
      !c.value("kwarg_inputs", json::object()).empty()) {
    std::map<std::string, Tensor> arrays;
    for (const auto& [name, file] : c.at("kwarg_inputs").items())
      arrays[name] = oracle::npy(file.get<std::string>());
    return testing::call_with_keywords(layer, xs, c.at("call_kwargs"), arrays, training);
  }
  if (c.at("multi_input").get<bool>()) return layer(xs, training);
  return layer(std::vector<Tensor>{xs.at(0)}, training);
}

void check_all(std::vector<std::string>& problems, const std::string& what,
               const std::vector<Tensor>& got, const json& want_files, double atol, double rtol) {
  const auto want = arrays(want_files);
  if (got.size() != want.size()) {
    problems.push_back(what + ": " + std::to_string(got.size()) + " tensors, want " +
                       std::to_string(want.size()));
    return;
  }
  for (std::size_t i = 0; i < got.size(); ++i) {
    const std::string m = testing::tensor_mismatch(got[i], want[i], atol, rtol);
    if (m.empty()) continue;
    std::ostringstream label;  // (a stream: GCC 12 misreads `" " + to_string(i)` as overflow)
    label << what;
    if (got.size() > 1) label << ' ' << i;
    problems.push_back(label.str() + ": " + m);
  }
}

std::vector<Tensor> values(const std::vector<Variable>& vars) {
  std::vector<Tensor> out;
  for (const auto& v : vars) out.push_back(v.value());
  return out;
}

// The output masks against Keras's compute_mask (null: no mask).
void check_masks(std::vector<std::string>& problems, const std::string& what,
                 const std::vector<Tensor>& outputs, const json& want_files) {
  for (std::size_t i = 0; i < want_files.size(); ++i) {
    const Tensor got = i < outputs.size() ? get_keras_mask(outputs[i]) : Tensor();
    std::ostringstream label;
    label << what << ' ' << i;
    if (want_files[i].is_null()) {
      if (got.defined()) problems.push_back(label.str() + ": has a mask, Keras's has none");
      continue;
    }
    if (!got.defined()) {
      problems.push_back(label.str() + ": has no mask, Keras's has one");
      continue;
    }
    const Tensor want = oracle::npy(want_files[i].get<std::string>());
    const std::string m = testing::tensor_mismatch(ops::cast(got, DType::float32),
                                                   ops::cast(want, DType::float32), 0.0, 0.0);
    if (!m.empty()) problems.push_back(label.str() + ": " + m);
  }
}

void run_mode(std::vector<std::string>& problems, Layer& layer, const json& c, const json& mode,
              const std::vector<Tensor>& xs, const std::vector<Tensor>& weights,
              const Tensor& input_mask) {
  const bool training = mode.at("training").get<bool>();
  const std::string tag = training ? "[training] " : "[inference] ";
  const double atol = c.at("atol"), rtol = c.at("rtol");
  const double grad_atol = c.at("grad_atol"), grad_rtol = c.at("grad_rtol");

  if (!weights.empty()) layer.set_weights(weights);
  {
    NoGrad no_grad;
    // Attached before each call: a layer may take it off (MultiHeadAttention does, as Keras's).
    if (input_mask.defined()) set_keras_mask(xs.at(0), input_mask);
    const auto outputs = call(layer, c, xs, training);
    check_all(problems, tag + "output", outputs, mode.at("outputs"), atol, rtol);
    if (mode.contains("output_masks"))
      check_masks(problems, tag + "output mask", outputs, mode.at("output_masks"));
  }
  if (mode.contains("losses"))  // what the call added (ActivityRegularization's penalty)
    check_all(problems, tag + "losses after the call", layer.losses(), mode.at("losses"), atol,
              rtol);
  if (mode.contains("non_trainable_after"))
    check_all(problems, tag + "non-trainable weight after the call",
              values(layer.non_trainable_weights()), mode.at("non_trainable_after"), atol, rtol);
  if (!mode.contains("input_grads")) return;

  if (!weights.empty()) layer.set_weights(weights);
  const auto ws = arrays(mode.at("output_weights"));
  GradientTape tape;
  std::vector<Tensor> watched = xs;
  for (std::size_t i = 0; i < xs.size(); ++i)
    if (!mode.at("input_grads")[i].is_null()) {
      watched[i] = tape.watch(ops::copy(xs[i]));
    }
  if (input_mask.defined()) set_keras_mask(watched.at(0), input_mask);
  const auto outs = call(layer, c, watched, training);
  Tensor target;
  for (std::size_t i = 0; i < outs.size() && i < ws.size(); ++i) {
    Tensor term = ops::sum(ops::multiply(ops::cast(outs[i], DType::float32), ws[i]));
    target = target.defined() ? ops::add(target, term) : term;
  }
  if (!target.defined()) {
    problems.push_back(tag + "the layer returned no output");
    return;
  }
  // One backward walk for every input (non-float inputs get an unused, undefined gradient).
  const auto input_grads = tape.gradient(target, watched);
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const json& want_file = mode.at("input_grads")[i];
    if (want_file.is_null()) continue;
    Tensor want = oracle::npy(want_file.get<std::string>());
    Tensor got = input_grads[i];
    if (!got.defined()) got = ops::zeros(want.shape(), want.dtype());  // as JAX: zeros
    const std::string m = testing::tensor_mismatch(got, want, grad_atol, grad_rtol);
    if (!m.empty()) problems.push_back(tag + "gradient of input " + std::to_string(i) + ": " + m);
  }
  const auto trainable = layer.trainable_weights();
  auto grads = tape.gradient(target, trainable);
  for (std::size_t k = 0; k < grads.size(); ++k)
    if (!grads[k].defined()) grads[k] = ops::zeros_like(trainable[k].value());
  check_all(problems, tag + "gradient of trainable weight", grads, mode.at("weight_grads"),
            grad_atol, grad_rtol);
}

std::vector<std::string> run_case(const json& c) {
  std::vector<std::string> problems;
  auto layer = layers::deserialize(ConfigValue::parse(c.at("serialized").dump()));
  const auto xs = arrays(c.at("inputs"));
  // The mask Keras's call found on the first input (mask=True cases).
  const Tensor input_mask =
      c.contains("input_mask") ? oracle::npy(c.at("input_mask").get<std::string>()) : Tensor();
  if (input_mask.defined()) set_keras_mask(xs.at(0), input_mask);
  const auto weights = arrays(c.at("weights"));
  if (!weights.empty() && !layer->built()) {
    // Keras built it before serializing; a layer without build_config builds on first call.
    NoGrad no_grad;
    call(*layer, c, xs, false);
  }
  if (layer->weights().size() != weights.size()) {
    problems.push_back("has " + std::to_string(layer->weights().size()) + " weights, Keras " +
                       std::to_string(weights.size()) + " (" + c.at("weight_paths").dump() + ")");
    return problems;
  }
  for (const auto& mode : c.at("modes"))
    run_mode(problems, *layer, c, mode, xs, weights, input_mask);
  return problems;
}

}  // namespace

TEST_CASE("built-in layers match Keras outputs and gradients on every backend", "[keras]") {
  const json manifest = oracle::manifest("layers.json", "generate_layers.py");
  const char* filter = std::getenv("KERASPP_ORACLE_FILTER");
  const json& cases = manifest.at("cases");
  REQUIRE(cases.size() > 0);
  INFO("oracle: Keras " << manifest.value("keras", "?") << ", JAX " << manifest.value("jax", "?"));
  for (const auto& backend_name : backend::available()) {
    testing::BackendScope scope(backend_name);
    int passed = 0, failed = 0;
    for (const auto& c : cases) {
      const std::string id = c.at("id").get<std::string>();
      if (filter && id.find(filter) == std::string::npos) continue;
      std::vector<std::string> problems;
      try {
        problems = run_case(c);
      } catch (const std::exception& e) {
        problems.push_back(std::string("threw: ") + e.what());
      }
      if (problems.empty()) {
        ++passed;
        continue;
      }
      ++failed;
      std::ostringstream msg;
      msg << "[" << backend_name << "] " << id << " (" << c.at("class_name").get<std::string>()
          << ")";
      for (const auto& p : problems) msg << "\n    " << p;
      FAIL_CHECK(msg.str());
    }
    std::cout << "keras layer conformance [" << backend_name << "]: " << passed << " passed, "
              << failed << " failed" << std::endl;
  }
}

TEST_CASE("the Keras layer oracle covers every registered layer", "[keras]") {
  const json manifest = oracle::manifest("layers.json", "generate_layers.py");
  std::set<std::string> covered;
  // (The serialized name is the registered one: Keras exports its GroupedQueryAttention class
  // as GroupQueryAttention.)
  for (const auto& c : manifest.at("cases"))
    covered.insert(c.at("serialized").at("class_name").get<std::string>());
  // InputLayer has no computation; models have their own conformance (test_keras_fit.cpp).
  // ThresholdedReLU is Keras 2's, gone from Keras 3, so the oracle cannot build it:
  // tests/layers/test_activation_layers.cpp checks it against hand values.
  const std::set<std::string> exempt = {"InputLayer", "Functional", "Model", "Sequential",
                                        "ThresholdedReLU"};
  for (const auto& entry : layers::layer_registry()) {
    if (exempt.count(entry.class_name)) continue;
    INFO("layer " << entry.class_name
                  << " has no case in tests/keras_oracle/layer_cases/*.py (generate_layers.py)");
    CHECK(covered.count(entry.class_name) == 1);
  }
}
