#pragma once
// keras.layers.Bidirectional: runs a recurrent layer over the sequences forwards and a copy of it
// backwards, and merges the two outputs ("concat" on the last axis, "sum", "mul", "ave", or none:
// both, as a list). As Keras, the forward layer is a fresh copy of the given one (from its config,
// named "forward_<name>"), and the backward one a copy with go_backwards flipped on (named
// "backward_<name>") unless `backward_layer` is given. Weights: the forward layer's, then the
// backward layer's.
//
//   auto bi = layers::Bidirectional(layers::LSTM(32, {.return_sequences = true}));
//   Tensor y = bi(x);                     // (batch, time, 64)
//   auto all = bi({x, h_f, c_f, h_b, c_b});  // initial states: the forward's, then the backward's
#include <optional>

#include "keras/layers/rnn/rnn.hpp"

namespace keras::layers {

struct BidirectionalOptions {
  // "concat", "sum", "mul", "ave"; none returns {forward output, backward output}.
  std::optional<std::string> merge_mode = "concat";
  // Used as given (not copied); it must go the other way from the forward layer and agree with
  // it on stateful, return_sequences and return_state.
  std::shared_ptr<Layer> backward_layer{};
  std::string name{};
  bool trainable = true;
  std::string dtype{};
};

class BidirectionalImpl : public Layer {
 public:
  using Positional = std::tuple<std::shared_ptr<Layer>>;  // the recurrent layer
  using Options = BidirectionalOptions;
  explicit BidirectionalImpl(std::shared_ptr<Layer> layer, BidirectionalOptions options = {});

  void build(const Shape& sequences_shape) override;
  void build_list(const std::vector<Shape>& input_shapes) override;
  // {sequences[, forward initial states..., backward initial states...]}.
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  bool returns_several_outputs() const override;
  std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& inputs,
                                        const std::vector<Tensor>& previous_masks) override;
  ConfigValue get_config() const override;
  // {"input_shape": the sequences' shape}; reads Keras's {"shapes_dict": {"sequences_shape"...}}.
  ConfigValue get_build_config() const override;
  void build_from_config(const ConfigValue& build_config) override;
  ConfigValue node_config(const std::vector<ConfigValue>& input_tensors) const override;
  // Keras saves them under `<layer>/forward_layer` and `<layer>/backward_layer`.
  std::string sublayer_attribute(const Layer& sublayer) const override;
  std::string class_name() const override { return "Bidirectional"; }
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

  // stateful=True: both directions' states back to zeros; a ValueError otherwise (Keras raises
  // AttributeError, "Layer must be stateful.").
  void reset_states();
  void reset_state() { reset_states(); }
  const std::shared_ptr<RNNImpl>& forward_layer() const { return forward_; }
  const std::shared_ptr<RNNImpl>& backward_layer() const { return backward_; }
  const std::optional<std::string>& merge_mode() const { return merge_mode_; }

 private:
  std::shared_ptr<RNNImpl> forward_, backward_;
  std::optional<std::string> merge_mode_;
  std::size_t state_count() const;
};

KERAS_LAYER(Bidirectional);

}  // namespace keras::layers
