#pragma once
// Every built-in layer (keras.layers).
#include "keras/layers/activations/activation.hpp"
#include "keras/layers/core/dense.hpp"
#include "keras/layers/core/identity.hpp"
#include "keras/layers/core/input_layer.hpp"
#include "keras/layers/layer.hpp"
#include "keras/layers/registry.hpp"
#include "keras/layers/regularization/dropout.hpp"
#include "keras/layers/reshaping/flatten.hpp"
#include "keras/layers/reshaping/reshape.hpp"
