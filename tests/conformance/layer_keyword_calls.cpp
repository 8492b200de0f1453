#include "conformance/layer_keyword_calls.hpp"

#include <stdexcept>

namespace testing {

namespace {

// MultiHeadAttention and GroupQueryAttention: call(query, value, key=None, value_mask=None,
// key_mask=None, attention_mask=None, return_attention_scores=False, use_causal_mask=False);
// the query's mask is on the query.
keras::layers::AttentionCallOptions attention_options(
    const std::string& class_name, const std::vector<keras::Tensor>& inputs,
    const nlohmann::json& call_kwargs, const std::map<std::string, keras::Tensor>& arrays) {
  keras::layers::AttentionCallOptions options;
  if (inputs.size() == 3) options.key = inputs[2];
  for (const auto& [name, value] : call_kwargs.items()) {
    if (name == "use_causal_mask") options.use_causal_mask = value.get<bool>();
    else if (name == "return_attention_scores") options.return_attention_scores = value.get<bool>();
    else throw std::runtime_error(class_name + ": unknown call keyword " + name);
  }
  for (const auto& [name, value] : arrays) {
    if (name == "attention_mask") options.attention_mask = value;
    // Keras fills value_mask / key_mask from the tensors' masks: attach them there.
    else if (name == "value_mask") keras::set_keras_mask(inputs.at(1), value);
    else if (name == "key_mask") keras::set_keras_mask(inputs.at(2), value);
    else throw std::runtime_error(class_name + ": unknown call keyword array " + name);
  }
  return options;
}

// Attention and AdditiveAttention: call([query, value(, key)], mask=[query_mask, value_mask],
// return_attention_scores=False, use_causal_mask=False); the masks are the inputs' own.
std::vector<keras::Tensor> call_list_attention(keras::layers::AttentionImpl& layer,
                                               const std::vector<keras::Tensor>& inputs,
                                               const nlohmann::json& call_kwargs,
                                               const std::map<std::string, keras::Tensor>& arrays,
                                               bool training) {
  keras::layers::AttentionLayerCallOptions options;
  for (const auto& [name, value] : call_kwargs.items()) {
    if (name == "use_causal_mask") options.use_causal_mask = value.get<bool>();
    else if (name == "return_attention_scores") options.return_attention_scores = value.get<bool>();
    else throw std::runtime_error(layer.class_name() + ": unknown call keyword " + name);
  }
  for (const auto& [name, value] : arrays) {
    if (name == "value_mask") keras::set_keras_mask(inputs.at(1), value);
    else throw std::runtime_error(layer.class_name() + ": unknown call keyword array " + name);
  }
  return layer.call_attention(inputs, options, training);
}

}  // namespace

std::vector<keras::Tensor> call_with_keywords(keras::Layer& layer,
                                              const std::vector<keras::Tensor>& inputs,
                                              const nlohmann::json& call_kwargs,
                                              const std::map<std::string, keras::Tensor>& arrays,
                                              bool training) {
  if (auto* mha = dynamic_cast<keras::layers::MultiHeadAttentionImpl*>(&layer))
    return mha->call_attention(inputs.at(0), inputs.at(1),
                               attention_options(layer.class_name(), inputs, call_kwargs, arrays),
                               training);
  if (auto* gqa = dynamic_cast<keras::layers::GroupQueryAttentionImpl*>(&layer))
    return gqa->call_attention(inputs.at(0), inputs.at(1),
                               attention_options(layer.class_name(), inputs, call_kwargs, arrays),
                               training);
  if (auto* att = dynamic_cast<keras::layers::AttentionImpl*>(&layer))
    return call_list_attention(*att, inputs, call_kwargs, arrays, training);
  throw std::runtime_error("no keyword-argument call for layer class " + layer.class_name() +
                           " (tests/conformance/layer_keyword_calls.cpp)");
}

}  // namespace testing
