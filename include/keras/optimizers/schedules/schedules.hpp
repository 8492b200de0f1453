#pragma once
// keras::optimizers::schedules — learning-rate schedules, as keras.optimizers.schedules.
#include "keras/optimizers/schedules/cosine_decay.hpp"
#include "keras/optimizers/schedules/cosine_decay_restarts.hpp"
#include "keras/optimizers/schedules/exponential_decay.hpp"
#include "keras/optimizers/schedules/inverse_time_decay.hpp"
#include "keras/optimizers/schedules/learning_rate_schedule.hpp"
#include "keras/optimizers/schedules/piecewise_constant_decay.hpp"
#include "keras/optimizers/schedules/polynomial_decay.hpp"
