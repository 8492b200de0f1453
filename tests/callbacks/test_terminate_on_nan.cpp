// TerminateOnNaN (keras/src/callbacks/terminate_on_nan.py, 3.15.1): message and stop flag.
#include <keras/callbacks/callback_list.hpp>
#include <keras/callbacks/terminate_on_nan.hpp>
#include <keras/layers/core/dense.hpp>
#include <keras/models/sequential.hpp>
#include <limits>

#include "callbacks/capture.hpp"
#include "test_util.hpp"

using namespace keras;
using callbacks::Logs;
using callbacks::TerminateOnNaN;

TEST_CASE("TerminateOnNaN stops on a NaN or infinite loss") {
  const double bad =
      GENERATE(std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
               -std::numeric_limits<double>::infinity());
  Sequential model({Input({1}), layers::Dense(1)});
  // Through a CallbackList, as fit calls it: on_train_batch_end reaches on_batch_end.
  callbacks::CallbackList list({std::make_shared<callbacks::TerminateOnNaNImpl>()}, false, false,
                               &model);
  capture::Redirect out(stdout);
  list.on_train_batch_end(0, {{"loss", 0.5}});
  list.on_train_batch_end(1, {{"accuracy", bad}});  // only "loss" is watched
  CHECK_FALSE(model.stop_training);
  list.on_train_batch_end(7, {{"loss", bad}});
  CHECK(model.stop_training);
  CHECK(out.text() == "Batch 7: Invalid loss, terminating training\n");
}

TEST_CASE("TerminateOnNaN with raise_error throws at once") {
  Sequential model({Input({1}), layers::Dense(1)});
  TerminateOnNaN cb({.raise_error = true});
  cb->set_model(&model);
  CHECK_THROWS_WITH(cb->on_train_batch_end(3, {{"loss", std::numeric_limits<double>::quiet_NaN()}}),
                    "NaN or Inf loss encountered at batch 3. Loss value: nan. Terminating "
                    "training immediately.");
  CHECK_THROWS_WITH(cb->on_train_batch_end(4, {{"loss", -std::numeric_limits<double>::infinity()}}),
                    "NaN or Inf loss encountered at batch 4. Loss value: -inf. Terminating "
                    "training immediately.");
  CHECK_FALSE(model.stop_training);
}
