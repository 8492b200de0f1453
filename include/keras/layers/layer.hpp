#pragma once
// `Layer`: the base of every layer and model, as keras.layers.Layer. A subclass creates its
// weights in `build(input_shape)` with `add_weight`, computes in `call(inputs, training)` with
// `keras::ops`, and describes itself in `get_config`. Layers live on the heap and are shared:
// the handle types (`layers::Dense`, ...) and graph nodes hold them by std::shared_ptr, so a
// layer called twice uses one set of weights, as in Keras.
//
//   class Scale : public keras::Layer {
//    public:
//     void build(const keras::Shape& s) override {
//       w_ = add_weight({.shape = {s[-1]}, .initializer = "ones", .name = "scale"});
//     }
//     keras::Tensor call(const keras::Tensor& x, bool) override {
//       return keras::ops::multiply(x, w_.value());
//     }
//    private:
//     keras::Variable w_;
//   };
//   auto scale = keras::make_layer<Scale>();   // a shared handle; scale(x) calls it
//
// examples/custom_layer.cpp adds get_config / from_config and register_layer, and trains one.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <typeinfo>
#include <vector>

#include "keras/constraints/constraints.hpp"
#include "keras/core/config_value.hpp"
#include "keras/core/handle.hpp"
#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"
#include "keras/initializers/initializers.hpp"
#include "keras/layers/input_spec.hpp"
#include "keras/layers/keras_tensor.hpp"
#include "keras/regularizers/regularizers.hpp"
#include "keras/utils/naming.hpp"

namespace keras {

// Keyword arguments every layer accepts (Keras's base Layer kwargs).
struct LayerOptions {
  std::string name{};  // empty: a unique name from the class name ("dense", "dense_1", ...)
  bool trainable = true;
  std::string dtype{};  // empty: floatx
  // Applied to each output of every call, as Keras's base Layer does: the penalty divided by
  // the output's batch size (its first dimension) is added to the layer's losses().
  regularizers::Spec activity_regularizer{};

  // The base keys of a layer config (name, trainable, dtype as a string or Keras's
  // DTypePolicy dict, activity_regularizer), for a custom layer's from_config; missing keys
  // keep their defaults.
  static LayerOptions from_config(const ConfigValue& config);
};

// Arguments of `add_weight`, with Keras's defaults (initializer: glorot_uniform for floats).
struct WeightOptions {
  Shape shape{};
  initializers::Spec initializer{};
  std::optional<DType> dtype{};
  bool trainable = true;
  regularizers::Spec regularizer{};
  // Set as the variable's constraint: optimizers project the weight with it after each update.
  constraints::Spec constraint{};
  std::string name{};
};

// Keras's keyword arguments of one call beyond its inputs, `training` and `mask`: tensors
// (MultiHeadAttention's attention_mask) and other values (use_causal_mask=True). A layer lists
// the keywords it takes in call_keywords() and reads them in call_list through call_kwargs();
// in a functional model they are recorded on the node and saved in its "kwargs", as Keras does.
//   mha(std::vector<Tensor>{q, v}, CallKwargs{.values = {{"use_causal_mask", true}}})
template <class T>
struct BasicCallKwargs {
  ConfigValue::Dict values{};
  std::map<std::string, T> tensors{};
  bool empty() const { return values.empty() && tensors.empty(); }
};
using CallKwargs = BasicCallKwargs<Tensor>;
using SymbolicCallKwargs = BasicCallKwargs<KerasTensor>;
class Layer : public std::enable_shared_from_this<Layer> {
 public:
  // `default_prefix` names the layer when options.name is empty ("dense" → "dense_1" ...);
  // built-in layers pass theirs so names are taken in construction order, as in Keras. Without
  // it the name comes from class_name() when first needed.
  explicit Layer(const LayerOptions& options = {}, std::string default_prefix = "");
  virtual ~Layer();
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  // --- What subclasses override -------------------------------------------------------------
  // Single-tensor forms keep Keras's names (`build`, `call`, `compute_output_shape`): they are
  // what most layers override. Python passes one tensor or a list through the same method; in
  // C++ the list forms are separate virtuals with their own `_list` names, because overloads of
  // one virtual name would hide each other in a subclass that overrides only one (forcing
  // `using Model::call;` on every subclass). Override the single form, or the list form for
  // several inputs or outputs; each default forwards to the other.
  //
  // Creates the weights once the input shape is known (kNone for unknown dims). Called once,
  // by the first call, unless the layer was built already.
  virtual void build(const Shape& input_shape);
  // Layers with several inputs override this one; the default passes a single shape to build().
  virtual void build_list(const std::vector<Shape>& input_shapes);
  // The computation. Single-input layers override `call`; multi-input or multi-output layers
  // (and models) override `call_list`, whose default calls `call` on a single input.
  virtual Tensor call(const Tensor& inputs, bool training);
  virtual std::vector<Tensor> call_list(const std::vector<Tensor>& inputs, bool training);
  // Output shape for an input shape (kNone dims allowed). The default runs `call_list` on small
  // concrete inputs to find out, as Keras traces `compute_output_spec`.
  virtual Shape compute_output_shape(const Shape& input_shape);
  virtual std::vector<Shape> compute_output_shape_list(const std::vector<Shape>& input_shapes);
  // True when a call on one input returns several tensors (an RNN with return_state): a
  // symbolic call on one input then asks compute_output_shape_list instead of
  // compute_output_shape, which gives a single shape.
  virtual bool returns_several_outputs() const { return false; }
  // Keras's config: base keys (name, trainable, dtype) plus the layer's own arguments.
  virtual ConfigValue get_config() const;
  // Keras's build config, saved next to the config so a loaded layer can create its weights
  // before they are read: {"input_shape": shape} (a list of shapes for several inputs) once a
  // layer whose class overrides build() has been built; null otherwise (InputLayer, Dropout and
  // the other weightless layers, which Keras builds at construction).
  virtual ConfigValue get_build_config() const;
  // Builds from what get_build_config returned (nothing for null).
  virtual void build_from_config(const ConfigValue& build_config);
  // The keyword arguments Keras records on each call node of a functional model's config, from
  // the call signature's defaults: {"training": false} for Dropout, {"mask": null} for models,
  // {} by default. Only written to configs; loading ignores them.
  virtual ConfigValue node_kwargs() const;
  // One call node in a functional model's config (Keras 3's node syntax), given the configs of
  // the node's input tensors: {"args": [...], "kwargs": {...}}. The default passes one tensor,
  // or one list of them (a merge layer's), as the positional argument, with node_kwargs(); a
  // layer whose extra inputs are keyword arguments in Keras (an RNN's initial_state) overrides it.
  virtual ConfigValue node_config(const std::vector<ConfigValue>& input_tensors) const;
  // The Keras class name ("Dense"); the default demangles the C++ type name.
  virtual std::string class_name() const;

  // --- Masking (Keras's _keras_mask) ----------------------------------------------------------
  // A call passes the masks attached to its inputs (get_keras_mask) to the layer: `call` and
  // `call_list` read them with call_mask() / call_masks(), as Keras fills a `mask` argument.
  // After the call, a layer that supports masking attaches compute_mask's result to each output
  // that has no mask yet; one that does not lets the mask end there, as Keras does.
  bool supports_masking() const { return supports_masking_; }
  void set_supports_masking(bool supports) { supports_masking_ = supports; }
  // The output mask for `inputs` given the input mask (undefined when none): by default the
  // input mask, passed through.
  virtual Tensor compute_mask(const Tensor& inputs, const Tensor& previous_mask);
  // Several inputs or outputs (merging layers, RNNs with return_state): one mask per output.
  // The default: compute_mask for one input, otherwise the input masks as they are (Keras's
  // default pairs them with the outputs in order).
  virtual std::vector<Tensor> compute_mask_list(const std::vector<Tensor>& inputs,
                                                const std::vector<Tensor>& previous_masks);

  // --- Calling ------------------------------------------------------------------------------
  // Eager call on values: builds on first use, checks the input spec.
  Tensor operator()(const Tensor& inputs, bool training = false);
  std::vector<Tensor> operator()(const std::vector<Tensor>& inputs, bool training = false);
  // Symbolic call: records a node of the functional graph.
  KerasTensor operator()(const KerasTensor& inputs);
  std::vector<KerasTensor> operator()(const std::vector<KerasTensor>& inputs);
  // Calls with keyword arguments (see CallKwargs); a keyword the layer does not take is a
  // TypeError, as in Python.
  std::vector<Tensor> operator()(const std::vector<Tensor>& inputs, const CallKwargs& kwargs,
                                 bool training = false);
  std::vector<KerasTensor> operator()(const std::vector<KerasTensor>& inputs,
                                      const SymbolicCallKwargs& kwargs);
  // The keyword arguments this layer's call takes besides inputs, training and mask: none by
  // default.
  virtual std::vector<std::string> call_keywords() const { return {}; }
  // Inference (training false, no gradient recorded): this layer's call on `inputs` followed by
  // `next`'s call on its result, as one computation where this layer fuses the pair (Conv2D
  // followed by MaxPooling2D); an undefined tensor when it does not. Models run it through
  // call_fused_checked for two calls whose intermediate tensor nothing else reads.
  virtual Tensor call_fused(const Tensor& inputs, Layer& next);
  // call_fused with what an eager call checks and clears (built layers, the input spec, no
  // mask and no activity regularizer, whose penalty needs the intermediate tensor): undefined
  // when the pair cannot run fused, and the caller runs the two calls.
  Tensor call_fused_checked(const Tensor& inputs, Layer& next);

  // --- Weights ------------------------------------------------------------------------------
  Variable add_weight(const WeightOptions& options);
  // Own weights first (creation order), then those of tracked sublayers, without duplicates.
  std::vector<Variable> weights() const;
  std::vector<Variable> trainable_weights() const;
  std::vector<Variable> non_trainable_weights() const;
  // This layer's own variables, not its sublayers': those created trainable first, then the
  // non-trainable ones, each in creation order (Keras's `_trainable_variables +
  // _non_trainable_variables`, the order weight files store them in).
  std::vector<Variable> own_variables() const;
  std::vector<Tensor> get_weights() const;
  // Same count and shapes as `get_weights()`; otherwise a ValueError naming the layer.
  void set_weights(const std::vector<Tensor>& values);
  std::int64_t count_params() const;
  // Regularization penalties of this layer and its sublayers, recomputed from the current
  // weights (so they are differentiable when read under a tape), plus losses added by
  // `add_loss` during the last call.
  std::vector<Tensor> losses() const;
  void add_loss(const Tensor& loss);

  // --- State --------------------------------------------------------------------------------
  const std::string& name() const;
  bool built() const { return built_; }
  bool trainable() const { return trainable_; }
  // Also flips the trainable flag of the layer's weights and sublayers, as Keras does.
  virtual void set_trainable(bool trainable);
  // Keras's `layer.activity_regularizer` (null when none); also in get_config when set.
  const std::shared_ptr<regularizers::Regularizer>& activity_regularizer() const {
    return activity_regularizer_;
  }
  void set_activity_regularizer(const regularizers::Spec& regularizer) {
    activity_regularizer_ = regularizer.get();
  }
  // Sublayers (tracked automatically when called inside this layer's call, or by `track`).
  const std::vector<std::shared_ptr<Layer>>& sublayers() const { return sublayers_; }
  std::shared_ptr<Layer> track(std::shared_ptr<Layer> layer);
  // The Python attribute Keras's saving reaches `sublayer` through (an RNN's "cell"): its
  // .weights.h5 group is `<this layer's path>/<attribute>`. Empty (the default): keraspp's
  // own key, `layers/<snake_case(class)>`.
  virtual std::string sublayer_attribute(const Layer& /*sublayer*/) const { return ""; }
  // Input spec checked on each call (set by subclasses, usually in build).
  std::vector<InputSpec> input_spec;
  // Number of symbolic calls so far (nodes created).
  int inbound_node_count() const { return inbound_nodes_; }
  // Output shapes of the last symbolic call (what summary() shows for this layer).
  const std::vector<Shape>& last_output_shapes() const { return last_output_shapes_; }
  // Nodes this layer was called in (weak, the graph owns them).
  std::vector<std::shared_ptr<Node>> inbound_nodes() const;
  // Marks the layer built without calling build() (for layers with no weights).
  void set_built(bool built = true) { built_ = built; }

 protected:
  // The dtype the layer computes in (floatx unless set).
  DType compute_dtype() const;
  // Builds if needed, for the given input shapes (kNone allowed).
  void maybe_build(const std::vector<Shape>& shapes);
  // A shared pointer to this layer for graph nodes and parents. Layers must be heap-owned
  // (make_layer / make_model / make_shared); otherwise a ValueError says how to make one.
  virtual std::shared_ptr<Layer> graph_handle();
  // Replaces the tracked sublayers (a Sequential after pop()).
  void reset_tracking(std::vector<std::shared_ptr<Layer>> layers);
  // During a call: the mask of each input (undefined where an input has none), and the first
  // input's. Empty / undefined outside a call.
  const std::vector<Tensor>& call_masks() const { return call_masks_; }
  Tensor call_mask() const { return call_masks_.empty() ? Tensor() : call_masks_[0]; }
  // During a call (and while a symbolic call works out its output shapes): its keyword
  // arguments. A flag not given reads false; a tensor not given, undefined.
  const CallKwargs& call_kwargs() const { return call_kwargs_; }
  bool call_flag(const std::string& keyword) const;
  Tensor call_tensor(const std::string& keyword) const;

 private:
  mutable std::string name_;
  bool trainable_ = true;
  bool built_ = false;
  // The input shapes the layer was built with, and whether its class overrides build() (the
  // base build() clears this): what get_build_config reports.
  std::vector<Shape> build_shapes_;
  bool custom_build_ = true;
  std::string dtype_;
  std::shared_ptr<regularizers::Regularizer> activity_regularizer_;
  std::vector<Variable> own_weights_;
  std::vector<bool> created_trainable_;
  std::vector<std::pair<Variable, std::shared_ptr<regularizers::Regularizer>>> regularized_;
  std::vector<Tensor> added_losses_;
  std::vector<std::shared_ptr<Layer>> sublayers_;
  std::vector<std::weak_ptr<Node>> nodes_;
  std::vector<Shape> last_output_shapes_;
  int inbound_nodes_ = 0;
  bool supports_masking_ = false;
  std::vector<Tensor> call_masks_;
  CallKwargs call_kwargs_;

  std::vector<Tensor> call_checked(const std::vector<Tensor>& inputs, const CallKwargs& kwargs,
                                   bool training);
  template <class T>
  void check_call_keywords(const BasicCallKwargs<T>& kwargs) const;
  void attach_output_masks(const std::vector<Tensor>& inputs, const std::vector<Tensor>& masks,
                           const std::vector<Tensor>& outputs);
  void check_input_specs(const std::vector<Shape>& shapes) const;
  friend struct LayerCallScope;
};

// keras.name_scope: weights created inside get paths prefixed by the scope ("sequential/dense/
// kernel"), as a Sequential model names the weights it builds.
class NameScope {
 public:
  explicit NameScope(const std::string& name);
  ~NameScope();
  NameScope(const NameScope&) = delete;
  NameScope& operator=(const NameScope&) = delete;
  // The current scope path ("outer/inner"), empty outside any scope.
  static std::string current();
};

namespace utils {
// keras.utils.set_random_seed: makes initializers, dropout and shuffling reproducible.
void set_random_seed(std::uint64_t seed);
}  // namespace utils
// CamelCase → snake_case as Keras names layers ("InputLayer" → "input_layer").
std::string to_snake_case(const std::string& name);

// A shared handle to a layer of type L (see keras/core/handle.hpp): `handle(x)` calls it,
// `handle->kernel()` reaches it, and it converts to std::shared_ptr<Layer> wherever a layer is
// expected. Copies share the layer (and so its weights). Using an empty handle throws ValueError
// naming the layer class.
template <class L>
class LayerHandle : public Handle<L> {
 public:
  using Handle<L>::Handle;
  using Handle<L>::get;

  Tensor operator()(const Tensor& inputs, bool training = false) const {
    return get()(inputs, training);
  }
  std::vector<Tensor> operator()(const std::vector<Tensor>& inputs, bool training = false) const {
    return get()(inputs, training);
  }
  KerasTensor operator()(const KerasTensor& inputs) const { return get()(inputs); }
  std::vector<KerasTensor> operator()(const std::vector<KerasTensor>& inputs) const {
    return get()(inputs);
  }
  std::vector<Tensor> operator()(const std::vector<Tensor>& inputs, const CallKwargs& kwargs,
                                 bool training = false) const {
    return get()(inputs, kwargs, training);
  }
  std::vector<KerasTensor> operator()(const std::vector<KerasTensor>& inputs,
                                      const SymbolicCallKwargs& kwargs) const {
    return get()(inputs, kwargs);
  }
};

template <class L, class... Args>
LayerHandle<L> make_layer(Args&&... args) {
  return LayerHandle<L>(std::make_shared<L>(std::forward<Args>(args)...));
}

// The constructors of a built-in layer's handle (HandleOf): `using Positional = std::tuple<...>`
// for Keras's positional arguments (Dense's units) and `using Options = DenseOptions` in the Impl.
template <class L>
using LayerHandleOf = HandleOf<L, LayerHandle<L>>;

}  // namespace keras

// Declares the handle `Name` of the layer class `Name##Impl` (see LayerHandleOf): adding a
// layer is one Impl class and this one line, in the Impl's namespace.
#define KERAS_LAYER(Name)                                                               \
  class Name : public ::keras::HandleOf<Name##Impl, ::keras::LayerHandle<Name##Impl>> { \
   public:                                                                              \
    using ::keras::HandleOf<Name##Impl, ::keras::LayerHandle<Name##Impl>>::HandleOf;    \
  }
