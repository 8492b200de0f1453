#pragma once
// Internal: checks of numeric constructor arguments shared by the object families
// (regularizers, constraints), with Keras's wording.

namespace keras::detail {

// `value` when finite and >= 0; else ValueError "Invalid value for argument <name>: expected a
// non-negative float. Received: <name>=<value>" (Keras's regularizers' validate_float_arg).
double non_negative_float_arg(double value, const char* name);

}  // namespace keras::detail
