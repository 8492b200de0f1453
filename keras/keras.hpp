#pragma once
// keraspp: the Keras API in C++. One include for the whole public API.
#include "keras/backends/backend.hpp"
#include "keras/core/autodiff.hpp"
#include "keras/core/config.hpp"
#include "keras/core/dtype.hpp"
#include "keras/core/errors.hpp"
#include "keras/core/ops.hpp"
#include "keras/core/random.hpp"
#include "keras/core/shape.hpp"
#include "keras/core/tensor.hpp"
#include "keras/core/variable.hpp"
