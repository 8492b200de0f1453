#pragma once
// Calls a layer the way a Keras oracle case with keyword arguments called it
// (tests/keras_oracle/layer_cases/attention.py: `call_kwargs` flags and `kwarg_inputs` arrays):
// each layer class whose Keras call takes keywords maps them onto its typed C++ entry here.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <keras/keras.hpp>

namespace testing {

// The layer's outputs as a list. A class or keyword this does not know is a std::runtime_error
// naming it, so a new oracle case cannot be skipped silently.
std::vector<keras::Tensor> call_with_keywords(keras::Layer& layer,
                                              const std::vector<keras::Tensor>& inputs,
                                              const nlohmann::json& call_kwargs,
                                              const std::map<std::string, keras::Tensor>& arrays,
                                              bool training);

}  // namespace testing
