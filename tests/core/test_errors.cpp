// Every exception the library throws derives from keras::Error (and still from std::exception),
// so one catch handles them all; each keeps its Python name.
#include <keras/callbacks/terminate_on_nan.hpp>
#include <keras/io/npy.hpp>
#include <limits>
#include <type_traits>

#include "test_util.hpp"

using namespace keras;

static_assert(std::is_base_of_v<std::runtime_error, Error>);
static_assert(std::is_base_of_v<Error, ValueError>);
static_assert(std::is_base_of_v<Error, TypeError>);
static_assert(std::is_base_of_v<Error, IndexError>);
static_assert(std::is_base_of_v<Error, IOError>);
static_assert(std::is_base_of_v<Error, NotImplementedError>);
static_assert(std::is_base_of_v<Error, RuntimeError>);

namespace {

// Runs `f`, which must throw E; checks that `catch (const keras::Error&)` and
// `catch (const std::exception&)` both catch it, with its message.
template <class E, class F>
void require_keras_error(F&& f, const std::string& message_part) {
  REQUIRE_THROWS_AS(f(), E);
  bool caught = false;
  try {
    f();
  } catch (const Error& e) {
    caught = true;
    CHECK(std::string(e.what()).find(message_part) != std::string::npos);
  }
  CHECK(caught);
  REQUIRE_THROWS_AS(f(), std::exception);
}

}  // namespace

TEST_CASE("every keras exception is caught as keras::Error, from the calls that throw it") {
  require_keras_error<ValueError>([] { layers::Dense(0); }, "units");
  require_keras_error<TypeError>([] { random::randint({2}, 0, 3, DType::float32); },
                                 "integer dtype");
  require_keras_error<IndexError>([] { (void)Shape{2, 3}[2]; }, "out of range");
  require_keras_error<IOError>([] { io::load_npy("/nonexistent/keraspp/file.npy"); }, "load_npy");
  require_keras_error<NotImplementedError>(
      [] {
        auto config = layers::BatchNormalization()->get_config();
        config["renorm"] = true;
        layers::find_layer("BatchNormalization").from_config(config);
      },
      "not supported");
  require_keras_error<RuntimeError>(
      [] {
        callbacks::TerminateOnNaN cb({.raise_error = true});
        cb->on_batch_end(0, {{"loss", std::numeric_limits<double>::quiet_NaN()}});
      },
      "NaN or Inf loss");
}
