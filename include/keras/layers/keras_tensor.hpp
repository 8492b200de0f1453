#pragma once
// `KerasTensor`: a symbolic tensor — shape (with unknown dimensions), dtype and the layer call
// that produced it. Calling a layer on KerasTensors records a `Node`; `Model(inputs, outputs)`
// walks those nodes to make the functional graph. Copies share identity, as Python objects do.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "keras/core/config_value.hpp"
#include "keras/core/dtype.hpp"
#include "keras/core/shape.hpp"

namespace keras {

class Layer;
struct Node;

// A dimension whose size is unknown until data arrives (Python's None), e.g. the batch size.
inline constexpr std::int64_t kNone = -1;

class KerasTensor {
 public:
  KerasTensor() = default;
  KerasTensor(Shape shape, DType dtype, std::string name = "");

  bool defined() const { return impl_ != nullptr; }
  const Shape& shape() const;
  DType dtype() const;
  int rank() const { return shape().rank(); }
  const std::string& name() const;
  // The node that produced this tensor and which of its outputs it is.
  const std::shared_ptr<Node>& node() const;
  int output_index() const;
  void set_history(std::shared_ptr<Node> node, int output_index);

  bool operator==(const KerasTensor& other) const { return impl_ == other.impl_; }
  const void* id() const { return impl_.get(); }

 private:
  struct Impl {
    Shape shape{};
    DType dtype = DType::float32;
    std::string name{};
    std::shared_ptr<Node> node{};
    int output_index = 0;
  };
  std::shared_ptr<Impl> impl_;
};

// One call of a layer on symbolic inputs. Holds the layer and its inputs (so a graph keeps its
// layers alive); outputs point at their node, never the other way, so there are no cycles.
struct Node {
  std::shared_ptr<Layer> layer{};
  // The positional inputs, then the tensors passed by keyword (see `input_keywords`).
  std::vector<KerasTensor> inputs{};
  // Keras's keyword arguments of the call (MultiHeadAttention's attention_mask=..., use_causal_
  // mask=True): the keywords of the last input_keywords.size() inputs, and the other values.
  std::vector<std::string> input_keywords{};
  ConfigValue kwargs = ConfigValue::dict();
  std::vector<Shape> output_shapes{};
  int index = 0;  // which call of `layer` this is (Keras's node index in "dense[0][0]")

  std::size_t positional_count() const { return inputs.size() - input_keywords.size(); }
};

}  // namespace keras
