#include "keras/utils/progbar.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdarg>

#include "keras/core/errors.hpp"

namespace keras::utils {
namespace {

constexpr const char* kBold = "\x1b[1m";
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kWhite = "\x1b[37m";
constexpr const char* kBarChar = "\u2501";  // '━', one column, three UTF-8 bytes

std::string format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string format(const char* fmt, ...) {
  va_list args, again;
  va_start(args, fmt);
  va_copy(again, args);
  // "%.4f" of a huge loss can be hundreds of characters; size the buffer first.
  const int n = std::vsnprintf(nullptr, 0, fmt, args);
  va_end(args);
  std::string out(static_cast<std::size_t>(std::max(n, 0)) + 1, '\0');
  std::vsnprintf(out.data(), out.size(), fmt, again);
  va_end(again);
  out.pop_back();
  return out;
}

// Python's `f"{v:.4f}"` / `f"{v:.4e}"`: like printf, except NaN never carries a sign.
std::string format_value(double v, bool fixed) {
  if (std::isnan(v)) return "nan";
  return fixed ? format("%.4f", v) : format("%.4e", v);
}

// Python's `len`: code points, so each '━' counts once.
std::size_t display_length(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string repeat(const char* piece, std::int64_t n) {
  std::string out;
  for (std::int64_t i = 0; i < n; ++i) out += piece;
  return out;
}

// `int(math.log10(target)) + 1`: the width of the step counter.
int num_digits(std::int64_t target) {
  int digits = 1;
  for (; target >= 10; target /= 10) ++digits;
  return digits;
}

// Python's `"%d" % float` truncates toward zero.
long long trunc_ll(double v) { return static_cast<long long>(std::trunc(v)); }

double steady_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string format_time(double time_per_unit, const std::string& unit_name) {
  if (time_per_unit >= 1 || time_per_unit == 0) return format(" %.0fs/", time_per_unit) + unit_name;
  if (time_per_unit >= 1e-3) return format(" %.0fms/", time_per_unit * 1000.0) + unit_name;
  return format(" %.0fus/", time_per_unit * 1000000.0) + unit_name;
}

Progbar::Progbar(std::optional<std::int64_t> target, ProgbarOptions options)
    : target_(target), options_(std::move(options)) {
  if (options_.stateful_metrics && options_.stateless_metrics)
    throw ValueError(
        "Only one of `stateful_metrics` or `stateless_metrics` can be provided. "
        "`stateful_metrics` is used to make metrics stateless by default (with an exclusion "
        "list), while `stateless_metrics` is used to make metrics stateful by default (with an "
        "exclusion list).");
  if (!options_.stateful_metrics && !options_.stateless_metrics)
    options_.stateful_metrics.emplace();
  if (!options_.output) options_.output = stdout;
  if (!options_.clock) options_.clock = steady_seconds;
  dynamic_display_ = options_.dynamic_display.value_or(isatty(fileno(options_.output)) != 0);
  start_ = options_.clock();
}

double Progbar::estimate_step_duration(std::int64_t current, double now) {
  if (current == 0) return 0.0;
  // The first step (tracing, allocation) is not representative, so later estimates start
  // from the end of it.
  const double time_per_unit =
      time_after_first_step_ && current > 1
          ? (now - *time_after_first_step_) / static_cast<double>(current - 1)
          : (now - start_) / static_cast<double>(current);
  if (current == 1) time_after_first_step_ = now;
  return time_per_unit;
}

std::string Progbar::metrics_text(bool abs_threshold) const {
  std::string info;
  for (const auto& k : values_order_) {
    const auto& [sum, count] = values_.at(k);
    const double avg = sum / std::max(1.0, count);
    // verbose=1 tests |avg| but verbose=2 tests avg itself, as Keras does.
    info += " - " + k + ": " + format_value(avg, (abs_threshold ? std::fabs(avg) : avg) > 1e-3);
  }
  return info;
}

void Progbar::print(const std::string& message) {
  std::fwrite(message.data(), 1, message.size(), options_.output);
  std::fflush(options_.output);
}

void Progbar::update(std::int64_t current, const ProgbarValues& values,
                     std::optional<bool> finalize_arg) {
  const bool finalize = finalize_arg.value_or(target_ && current >= *target_);

  for (const auto& [k, v] : values) {
    if (std::find(values_order_.begin(), values_order_.end(), k) == values_order_.end())
      values_order_.push_back(k);
    const bool stateless = options_.stateful_metrics ? !options_.stateful_metrics->count(k)
                                                     : options_.stateless_metrics->count(k) > 0;
    if (stateless && !finalize) {
      // Weighted by the steps since the last update, so skipped redraws still average right.
      const double base = static_cast<double>(std::max<std::int64_t>(current - seen_so_far_, 1));
      auto it = values_.find(k);
      if (it == values_.end()) {
        values_[k] = {v * base, base};
      } else {
        it->second.first += v * base;
        it->second.second += base;
      }
    } else {
      values_[k] = {v, 1.0};
    }
  }
  seen_so_far_ = current;

  const double now = options_.clock();
  const double time_per_unit = estimate_step_duration(current, now);
  const bool known_target = target_ && *target_ > 0;

  if (options_.verbose == 1) {
    if (last_update_ && now - *last_update_ < options_.interval && !finalize) return;
    if (!dynamic_display_ && !finalize) {
      last_update_ = now;
      return;
    }
    std::string bar;
    std::size_t special_char_len = 0;  // escape-sequence bytes that take no column
    if (known_target) {
      bar = std::string(kBold) +
            format("%*lld/%lld", num_digits(*target_), static_cast<long long>(current),
                   static_cast<long long>(*target_)) +
            kReset + " ";
      special_char_len += 8;
      const double prog = static_cast<double>(current) / static_cast<double>(*target_);
      const std::int64_t prog_width = trunc_ll(options_.width * prog);
      if (prog_width > 0) {
        bar += std::string(kGreen) + repeat(kBarChar, prog_width) + kReset;
        special_char_len += 9;
      }
      bar += std::string(kWhite) + repeat(kBarChar, options_.width - prog_width) + kReset;
      special_char_len += 9;
    } else {
      bar = format("%7lld/Unknown", static_cast<long long>(current));
    }

    std::string info;
    if (known_target && !finalize) {
      const double eta = time_per_unit * static_cast<double>(*target_ - current);
      std::string eta_format;
      if (eta > 3600)
        eta_format =
            format("%lld:%02lld:%02lld", trunc_ll(std::floor(eta / 3600)),
                   trunc_ll(std::floor(std::fmod(eta, 3600) / 60)), trunc_ll(std::fmod(eta, 60)));
      else if (eta > 60)
        eta_format =
            format("%lld:%02lld", trunc_ll(std::floor(eta / 60)), trunc_ll(std::fmod(eta, 60)));
      else eta_format = format("%llds", trunc_ll(eta));
      info = std::string(" ") + kBold + eta_format + kReset;
    } else {
      info = std::string(" ") + kBold + format("%.0fs", now - start_) + kReset;
    }
    special_char_len += 8;
    info += format_time(time_per_unit, options_.unit_name);
    info += metrics_text(/*abs_threshold=*/true);

    const std::size_t total_width = display_length(bar) + display_length(info) - special_char_len;
    std::string message;
    if (dynamic_display_) message = std::string(prev_total_width_, '\b') + "\r";
    message += bar + info;
    // Blank out what is left of a longer previous line.
    if (dynamic_display_ && prev_total_width_ > total_width)
      message += std::string(prev_total_width_ - total_width, ' ');
    if (finalize) message += "\n";
    print(message);
    if (dynamic_display_) prev_total_width_ = total_width;
  } else if (options_.verbose == 2) {
    if (finalize && known_target) {
      std::string info = format("%*lld/%lld", num_digits(*target_), static_cast<long long>(current),
                                static_cast<long long>(*target_));
      info += format(" - %.0fs", now - start_);
      info += " -" + format_time(time_per_unit, options_.unit_name);
      info += metrics_text(/*abs_threshold=*/false);
      print(info + "\n");
    }
  }
  last_update_ = now;
}

void Progbar::add(std::int64_t n, const ProgbarValues& values) { update(seen_so_far_ + n, values); }

}  // namespace keras::utils
