#pragma once
// What every C++ side of the race shares: the clock, the median, the peak RSS and
// the one JSON line the driver (run_race.py) reads. Header-only and free of keraspp and torch,
// so each program measures only its own library.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

namespace race_bench {

// The run, as run_race.py describes it: batch 128, batch-1 latency as the median of 1000 calls.
inline constexpr int kBatch = 128;
inline constexpr int kLatencyCalls = 1000;

// Samples of the warm-up epoch before the timed one (race_common.py's WARMUP_SAMPLES).
inline std::int64_t warmup_samples(const std::string& model) {
  return model == "mlp" ? 60000 : 5216;
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Median of the times of `calls` runs of f, in seconds.
template <class F>
double median_seconds(int calls, F&& f) {
  std::vector<double> t;
  t.reserve(static_cast<std::size_t>(calls));
  for (int i = 0; i < calls; ++i) {
    const auto start = std::chrono::steady_clock::now();
    f();
    t.push_back(seconds_since(start));
  }
  std::nth_element(t.begin(), t.begin() + calls / 2, t.end());
  return t[static_cast<std::size_t>(calls / 2)];
}

// Peak resident set of this process so far, in MiB (getrusage's ru_maxrss is in KiB on Linux).
inline double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

// Index of the largest of each row's `classes` values, compared with the labels.
inline double accuracy(const float* probs, const std::vector<long>& labels, int classes) {
  long correct = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    const float* row = probs + i * static_cast<std::size_t>(classes);
    correct += (std::max_element(row, row + classes) - row) == labels[i];
  }
  return static_cast<double>(correct) / static_cast<double>(labels.size());
}

// Prints {"key": value, ...} on one line: numbers as numbers, strings quoted (no escaping
// needed: the values are names and versions).
inline void print_json(const std::vector<std::pair<std::string, std::string>>& strings,
                       const std::vector<std::pair<std::string, double>>& numbers) {
  std::string line = "{";
  for (const auto& [k, v] : strings) line += "\"" + k + "\": \"" + v + "\", ";
  for (const auto& [k, v] : numbers) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    line += "\"" + k + "\": " + buf + ", ";
  }
  line.resize(line.size() - 2);
  std::printf("%s}\n", line.c_str());
  std::fflush(stdout);
}

}  // namespace race_bench
