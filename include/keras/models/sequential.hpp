#pragma once
// keras.Sequential: a plain stack of layers, each with one input and one output. Built as a
// functional graph as soon as the input shape is known — from a leading `Input`, or from the
// first data it is called on (deferred build).
#include "keras/layers/core/input_layer.hpp"
#include "keras/models/model.hpp"

namespace keras {

// One entry of a Sequential: a layer (any handle or shared_ptr) or a leading `Input(...)`.
class SequentialEntry {
 public:
  SequentialEntry(std::shared_ptr<Layer> layer) : layer_(std::move(layer)) {}
  template <class L>
  SequentialEntry(const LayerHandle<L>& layer) : layer_(layer.ptr()) {}
  SequentialEntry(const KerasTensor& input) : input_(input) {}
  const std::shared_ptr<Layer>& layer() const { return layer_; }
  const KerasTensor& input() const { return input_; }

 private:
  std::shared_ptr<Layer> layer_;
  KerasTensor input_;
};

class Sequential : public Model {
 public:
  explicit Sequential(std::vector<SequentialEntry> layers = {}, const ModelOptions& options = {});
  void add(const SequentialEntry& entry, bool rebuild = true);
  // Removes the last layer; ValueError when there is none.
  void pop(bool rebuild = true);

  void build(const Shape& input_shape) override;
  std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training) override;
  std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes) override;
  // The layers, without the input layer (as Keras lists them).
  std::vector<std::shared_ptr<Layer>> layers() const override;
  // Keras 3's: {"name", "trainable", "dtype", "layers": [InputLayer, ...], "build_input_shape"}.
  ConfigValue get_config() const override;
  ConfigValue get_build_config() const override;  // {"input_shape": the input's batch shape}
  std::string class_name() const override { return "Sequential"; }
  // Keras 3's config, Keras 2.2.3+'s, and the bare layer list of Keras 1 - 2.2.2; a first layer
  // carrying `batch_input_shape` (Keras 1/2) becomes the model's Input, as does
  // `build_input_shape` when there is no InputLayer.
  static std::shared_ptr<Layer> from_config(const ConfigValue& config);

 private:
  std::vector<std::shared_ptr<Layer>> layers_;
  std::shared_ptr<layers::InputLayerImpl> input_layer_;
  void rebuild_graph();
};

}  // namespace keras
