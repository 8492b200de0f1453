#pragma once
// The layers whose call is running on this thread: a layer called inside another's call
// becomes its sublayer, so subclassed layers and models find their weights without boilerplate.
#include "keras/layers/layer.hpp"

namespace keras {

struct LayerCallScope {
  explicit LayerCallScope(Layer* layer);
  ~LayerCallScope();
  LayerCallScope(const LayerCallScope&) = delete;
  LayerCallScope& operator=(const LayerCallScope&) = delete;
};

}  // namespace keras
