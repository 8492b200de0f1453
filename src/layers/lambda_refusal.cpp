#include "src/layers/lambda_refusal.hpp"

#include "keras/core/errors.hpp"

namespace keras::layers::detail {

namespace {

// The three ways Keras has saved a Lambda's `function`.
std::string function_form(const ConfigValue& function) {
  // Keras 3: {"class_name": "__lambda__", "config": {"code": <base64 marshal>, ...}}.
  if (function.is_dict() && function.get("class_name") == ConfigValue("__lambda__"))
    return "a Python lambda as marshalled bytecode";
  // Keras 3: a named (registered) Python function, {"class_name": "function", ...}.
  if (function.is_dict() && function.get("config").is_string())
    return "the Python function '" + function.at("config").as_string() + "'";
  // Keras 1 / 2: [bytecode, defaults, closure] with function_type "lambda".
  if (function.is_list()) return "Python bytecode";
  // Keras 1 / 2 with function_type "function": a function name.
  if (function.is_string()) return "the Python function '" + function.as_string() + "'";
  return "a Python function";
}

}  // namespace

void refuse_lambda(const ConfigValue& config, const std::string& layer_name) {
  // Never decoded, never run: the bytes are a program, and running a file's program is how a
  // model file attacks its reader (Keras's own safe_mode refuses it too).
  throw ValueError("Lambda layer '" + layer_name + "' carries " +
                   function_form(config.get("function")) +
                   ". Lambda layers carry Python code, which keraspp never executes. Replace "
                   "the Lambda with a custom layer class (get_config / from_config) in Keras and "
                   "its C++ twin here, registered with keras::layers::register_layer or given "
                   "in load_model's custom_objects (a C++ factory registered as 'Lambda' is used "
                   "instead of this refusal).");
}

}  // namespace keras::layers::detail
