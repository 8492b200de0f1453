#pragma once
// `keras::utils::Progbar`: Keras 3's progress bar, byte for byte (keras.utils.Progbar):
//   " 1/422 ━━━━━━━━━━━━━━━━━━━━ 1:23 200ms/step - accuracy: 0.1000 - loss: 2.3000"
// with ANSI bold/green/white as Keras prints them.
//
// One deliberate difference: Keras 3 on POSIX always redraws in place (\b...\r), even into a
// file or pipe. Here in-place redrawing happens only when the output is a terminal; otherwise
// verbose=1 writes just the final line of each bar (one line per epoch), so logs stay readable.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace keras::utils {

// (name, value for the last step) pairs, in the order they should be displayed.
using ProgbarValues = std::vector<std::pair<std::string, double>>;

struct ProgbarOptions {
  int width = 20;
  int verbose = 1;         // 0 silent, 1 bar, 2 one line when finished
  double interval = 0.05;  // minimum seconds between redraws
  // At most one of the two: names displayed as-is (stateful) or averaged (stateless). With
  // neither, every metric is averaged over the steps, as in Keras.
  std::optional<std::set<std::string>> stateful_metrics{};
  std::optional<std::set<std::string>> stateless_metrics{};
  std::string unit_name = "step";
  // C++ additions: where to print; whether to redraw in place (default: output is a tty);
  // the clock in seconds (default: a steady clock), replaceable so tests can fake time.
  std::FILE* output = stdout;
  std::optional<bool> dynamic_display{};
  std::function<double()> clock{};
};

class Progbar {
 public:
  // `target`: total steps, or nullopt when unknown.
  explicit Progbar(std::optional<std::int64_t> target, ProgbarOptions options = {});

  // Shows step `current` with `values`. `finalize` defaults to `current >= target`.
  void update(std::int64_t current, const ProgbarValues& values = {},
              std::optional<bool> finalize = std::nullopt);
  void add(std::int64_t n, const ProgbarValues& values = {});

  const std::optional<std::int64_t>& target() const { return target_; }
  void set_target(std::optional<std::int64_t> target) { target_ = target; }
  bool dynamic_display() const { return dynamic_display_; }

 private:
  double estimate_step_duration(std::int64_t current, double now);
  std::string metrics_text(bool abs_threshold) const;
  void print(const std::string& message);

  std::optional<std::int64_t> target_;
  ProgbarOptions options_;
  bool dynamic_display_ = false;
  std::int64_t seen_so_far_ = 0;
  std::map<std::string, std::pair<double, double>> values_;  // name -> (sum, count)
  std::vector<std::string> values_order_;
  double start_ = 0.0;
  std::optional<double> last_update_;  // none yet: the first update always draws
  std::optional<double> time_after_first_step_;
  std::size_t prev_total_width_ = 0;
};

// Keras's duration text: " 12ms/step", " 3s/step", " 840us/step".
std::string format_time(double time_per_unit, const std::string& unit_name);

}  // namespace keras::utils
