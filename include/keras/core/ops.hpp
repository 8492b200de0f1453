#pragma once
// keras::ops — the op library layers are written in, with Keras's op names and semantics.
#include "keras/core/ops/axes.hpp"
#include "keras/core/ops/creation.hpp"
#include "keras/core/ops/linalg.hpp"
#include "keras/core/ops/math.hpp"
#include "keras/core/ops/nn.hpp"
#include "keras/core/ops/reduction.hpp"
#include "keras/core/ops/shape_ops.hpp"
