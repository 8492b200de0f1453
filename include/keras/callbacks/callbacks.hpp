#pragma once
// keras::callbacks: every callback, one include.
#include "keras/callbacks/backup_and_restore.hpp"
#include "keras/callbacks/callback.hpp"
#include "keras/callbacks/callback_list.hpp"
#include "keras/callbacks/early_stopping.hpp"
#include "keras/callbacks/history.hpp"
#include "keras/callbacks/lambda_callback.hpp"
#include "keras/callbacks/model_checkpoint.hpp"
#include "keras/callbacks/monitor_callback.hpp"
#include "keras/callbacks/progbar_logger.hpp"
#include "keras/callbacks/save_freq.hpp"
#include "keras/callbacks/spec.hpp"
#include "keras/callbacks/terminate_on_nan.hpp"
