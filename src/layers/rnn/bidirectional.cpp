#include "keras/layers/rnn/bidirectional.hpp"

#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/layers/registry.hpp"
#include "src/layers/config_helpers.hpp"
#include "src/layers/rnn/rnn_config.hpp"

namespace keras::layers {

namespace {

const char* const kMergeModes = "{\"sum\", \"mul\", \"ave\", \"concat\", None}";

std::string remove_prefix(const std::string& s, const std::string& prefix) {
  return s.starts_with(prefix) ? s.substr(prefix.size()) : s;
}

std::shared_ptr<RNNImpl> as_rnn(const std::shared_ptr<Layer>& layer, const char* what) {
  auto rnn = std::dynamic_pointer_cast<RNNImpl>(layer);
  if (!rnn)
    throw ValueError(std::string("Please initialize `Bidirectional` layer with a recurrent "
                                 "`keras.layers.Layer` instance (an RNN: SimpleRNN, LSTM, GRU or "
                                 "RNN) as its `") +
                     what + "`. Received: " + (layer ? layer->class_name() : "None"));
  return rnn;
}

// A fresh copy of `layer` from its config (Keras's serialize / deserialize round trip), so the
// copy carries none of the original's state. Made under the Bidirectional layer's name scope: a
// copy of a built layer is built at once (as Keras's), its weights named
// "bidirectional/forward_lstm/...".
std::shared_ptr<RNNImpl> copy_layer(const Layer& layer, const std::string& owner,
                                    const std::string& name, std::optional<bool> go_backwards) {
  ConfigValue serialized = serialize(layer);
  serialized["config"]["name"] = name;
  if (go_backwards) serialized["config"]["go_backwards"] = *go_backwards;
  NameScope scope(owner);
  return as_rnn(deserialize(serialized), "layer");
}

}  // namespace

BidirectionalImpl::BidirectionalImpl(std::shared_ptr<Layer> layer, BidirectionalOptions options)
    : Layer({options.name, options.trainable, options.dtype}, "bidirectional"),
      merge_mode_(std::move(options.merge_mode)) {
  auto given = as_rnn(layer, "layer");
  std::shared_ptr<RNNImpl> backward =
      options.backward_layer ? as_rnn(options.backward_layer, "backward_layer") : nullptr;
  if (merge_mode_ && *merge_mode_ != "sum" && *merge_mode_ != "mul" && *merge_mode_ != "ave" &&
      *merge_mode_ != "concat")
    throw ValueError("Invalid merge mode. Received: " + *merge_mode_ +
                     ". Merge mode should be one of " + kMergeModes);
  forward_ = copy_layer(*given, name(), "forward_" + remove_prefix(given->name(), "forward_"),
                        std::nullopt);
  backward_ = backward ? backward
                       : copy_layer(*given, name(),
                                    "backward_" + remove_prefix(given->name(), "backward_"), true);
  const RNNOptions &f = forward_->rnn_options(), &b = backward_->rnn_options();
  if (f.go_backwards == b.go_backwards)
    throw ValueError(
        "Forward layer and backward layer should have different `go_backwards` value. Received: "
        "forward_layer.go_backwards " +
        std::string(f.go_backwards ? "True" : "False") +
        ", backward_layer.go_backwards=" + (b.go_backwards ? "True" : "False"));
  auto same = [](const char* attribute, bool forward, bool backward) {
    if (forward != backward)
      throw ValueError(std::string("Forward layer and backward layer are expected to have the "
                                   "same value for attribute \"") +
                       attribute + "\", got \"" + (forward ? "True" : "False") +
                       "\" for forward layer and \"" + (backward ? "True" : "False") +
                       "\" for backward layer");
  };
  same("stateful", f.stateful, b.stateful);
  same("return_sequences", f.return_sequences, b.return_sequences);
  same("return_state", f.return_state, b.return_state);
  // Keras forces zero_output_for_mask to return_sequences on both: a masked step's output is
  // zeros, so the reversed backward sequence lines up with the forward one.
  forward_->set_zero_output_for_mask(f.return_sequences);
  backward_->set_zero_output_for_mask(b.return_sequences);
  track(forward_);
  track(backward_);
  input_spec = forward_->input_spec;
  set_supports_masking(true);
}

std::size_t BidirectionalImpl::state_count() const { return forward_->cell()->state_size().size(); }

void BidirectionalImpl::build(const Shape& sequences_shape) {
  // Each direction builds (once) under this layer's name: "bidirectional/forward_lstm/...".
  NameScope scope(name());
  const ConfigValue build_config =
      ConfigValue::Dict{{"input_shape", shape_to_config(sequences_shape)}};
  forward_->build_from_config(build_config);
  backward_->build_from_config(build_config);
}

void BidirectionalImpl::build_list(const std::vector<Shape>& input_shapes) {
  build(input_shapes.at(0));
}

std::vector<Tensor> BidirectionalImpl::call_list(const std::vector<Tensor>& inputs, bool training) {
  if (inputs.empty())
    throw ValueError(describe_layer(class_name(), name()) +
                     " expects the sequences (and optionally the initial states); it received no "
                     "input");
  std::vector<Tensor> forward_inputs{inputs[0]}, backward_inputs{inputs[0]};
  if (inputs.size() > 1) {
    const std::size_t given = inputs.size() - 1, expected = 2 * state_count();
    if (given != expected)
      throw ValueError(describe_layer(class_name(), name()) + " expects " +
                       std::to_string(expected) + " initial state tensor(s): the forward layer's " +
                       std::to_string(state_count()) + ", then the backward layer's; received " +
                       std::to_string(given));
    const std::size_t half = given / 2;
    forward_inputs.insert(forward_inputs.end(), inputs.begin() + 1, inputs.begin() + 1 + half);
    backward_inputs.insert(backward_inputs.end(), inputs.begin() + 1 + half, inputs.end());
  }
  // Called as layers (not their call()): each reads the sequences' mask and the initial
  // states as Keras's forward and backward calls do.
  std::vector<Tensor> y = (*forward_)(forward_inputs, training);
  std::vector<Tensor> y_rev = (*backward_)(backward_inputs, training);
  Tensor out = ops::cast(y[0], compute_dtype());
  Tensor out_rev = ops::cast(y_rev[0], compute_dtype());
  if (forward_->rnn_options().return_sequences) out_rev = ops::flip(out_rev, {1});
  std::vector<Tensor> result;
  if (!merge_mode_) result = {out, out_rev};
  else if (*merge_mode_ == "concat") result = {ops::concatenate({out, out_rev}, -1)};
  else if (*merge_mode_ == "sum") result = {ops::add(out, out_rev)};
  else if (*merge_mode_ == "ave") result = {ops::divide(ops::add(out, out_rev), 2.0)};
  else result = {ops::multiply(out, out_rev)};
  if (forward_->rnn_options().return_state) {
    result.insert(result.end(), y.begin() + 1, y.end());
    result.insert(result.end(), y_rev.begin() + 1, y_rev.end());
  }
  return result;
}

std::vector<Shape> BidirectionalImpl::compute_output_shape_list(
    const std::vector<Shape>& input_shapes) {
  std::vector<Shape> shapes = forward_->compute_output_shape_list({input_shapes.at(0)});
  Shape output = shapes[0];
  std::vector<Shape> states(shapes.begin() + 1, shapes.end());
  std::vector<Shape> result;
  if (!merge_mode_) {
    result = {output, output};
  } else {
    if (*merge_mode_ == "concat" && output[output.rank() - 1] >= 0) output[output.rank() - 1] *= 2;
    result = {output};
  }
  for (int direction = 0; direction < 2; ++direction)
    result.insert(result.end(), states.begin(), states.end());
  return result;
}

bool BidirectionalImpl::returns_several_outputs() const {
  return !merge_mode_ || forward_->rnn_options().return_state;
}

std::vector<Tensor> BidirectionalImpl::compute_mask_list(
    const std::vector<Tensor>&, const std::vector<Tensor>& previous_masks) {
  // The sequences' mask goes to each sequence output; final outputs and states have none.
  const Tensor mask = forward_->rnn_options().return_sequences && !previous_masks.empty()
                          ? previous_masks[0]
                          : Tensor();
  std::vector<Tensor> masks(merge_mode_ ? 1 : 2, mask);
  if (forward_->rnn_options().return_state) masks.resize(masks.size() + 2 * state_count());
  return masks;
}

void BidirectionalImpl::reset_states() {
  if (!forward_->rnn_options().stateful)
    throw ValueError(describe_layer(class_name(), name()) + ": Layer must be stateful.");
  forward_->reset_states();
  backward_->reset_states();
}

std::string BidirectionalImpl::sublayer_attribute(const Layer& sublayer) const {
  if (&sublayer == forward_.get()) return "forward_layer";
  if (&sublayer == backward_.get()) return "backward_layer";
  return "";
}

ConfigValue BidirectionalImpl::get_config() const {
  ConfigValue c = Layer::get_config();
  c["merge_mode"] = merge_mode_ ? ConfigValue(*merge_mode_) : ConfigValue();
  c["layer"] = serialize(*forward_);
  c["backward_layer"] = serialize(*backward_);
  return c;
}

ConfigValue BidirectionalImpl::get_build_config() const {
  return detail::sequences_build_config(Layer::get_build_config());
}

void BidirectionalImpl::build_from_config(const ConfigValue& build_config) {
  // Keras writes {"shapes_dict": {"sequences_shape": ..., "initial_state_shape": ...}} for a
  // layer built with initial states.
  if (build_config.is_dict() && build_config.get("shapes_dict").is_dict() &&
      build_config.at("shapes_dict").contains("sequences_shape"))
    return Layer::build_from_config(
        ConfigValue::Dict{{"input_shape", build_config.at("shapes_dict").at("sequences_shape")}});
  Layer::build_from_config(build_config);
}

ConfigValue BidirectionalImpl::node_config(const std::vector<ConfigValue>& input_tensors) const {
  if (input_tensors.size() <= 1) return Layer::node_config(input_tensors);
  return detail::initial_state_node_config(input_tensors);
}

std::shared_ptr<Layer> BidirectionalImpl::from_config(const ConfigValue& config) {
  auto r = layer_config_reader(config, "Bidirectional");
  BidirectionalOptions o;
  read_base_options(r, o);
  if (r.present("merge_mode")) o.merge_mode = r.optional_string("merge_mode");
  const ConfigValue layer = r.raw("layer");
  if (!layer.is_dict())
    throw ValueError(r.owner() + ": `layer` must be a serialized recurrent layer; received " +
                     layer.dump());
  // Keras 2's initial `weights` list; a saved model's weights come from its weight file.
  if (const ConfigValue weights = r.raw("weights"); !weights.is_null())
    throw ValueError(r.owner() +
                     ": the `weights` argument is not supported; load the weights from the "
                     "model's weight file instead");
  const ConfigValue backward = r.raw("backward_layer");
  r.finish();
  std::shared_ptr<Layer> forward;
  {
    // Built (from their build_config) under this layer's name, as when it builds them.
    NameScope scope(o.name);
    forward = deserialize(layer);
    if (backward.is_dict()) o.backward_layer = deserialize(backward);
  }
  return std::make_shared<BidirectionalImpl>(std::move(forward), std::move(o));
}

}  // namespace keras::layers
