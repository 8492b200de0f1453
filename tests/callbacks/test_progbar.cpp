// keras::utils::Progbar against the bytes real Keras 3.15.1 writes. The expected strings were
// produced by driving keras.utils.Progbar in the venv with time.time replaced by a fake clock
// (the same times as here) and `_dynamic_display = True`, capturing sys.stdout
// (tests/callbacks/keras_reference.py prints them).
#include <keras/utils/progbar.hpp>

#include <algorithm>

#include "callbacks/capture.hpp"
#include "test_util.hpp"

using keras::utils::Progbar;
using keras::utils::ProgbarOptions;

namespace {

// Keras: Progbar(1000, width=10, stateful_metrics=['lr'], unit_name='sample'), updates at
// 100.0005 (1), 100.2 (4), 100.21 (5, inside the 0.05 s interval), 100.5 (add 5), 102.0 (1000).
const std::string kAveraged =
    std::string(
        "\r\x1b[1m   1/1000\x1b[0m \x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m0s\x1b[0m 500us/sample - loss: "
        "1.0000 - lr: 0.1000") +
    std::string(64, '\b') +
    std::string(
        "\r\x1b[1m   4/1000\x1b[0m \x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m1:06\x1b[0m 67ms/sample - "
        "loss: 0.6250 - lr: 0.0500") +
    std::string(65, '\b') +
    std::string(
        "\r\x1b[1m  10/1000\x1b[0m \x1b[37m━━━━━━━━━━\x1b[0m \x1b[1m54s\x1b[0m 55ms/sample - loss: "
        "10.3750 - lr: 0.0500 - mae: -1.0000e-04") +
    std::string(84, '\b') +
    std::string(
        "\r\x1b[1m1000/1000\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m "
        "2ms/sample - loss: 0.1250 - lr: 0.0100 - mae: -1.0000e-04   \n");

// Keras: Progbar(7, verbose=2), start 10.0, updates at 10.5 (1) and 13.0 (7). verbose=2 tests
// `avg > 1e-3` without abs, so a negative value is printed in e-notation.
const std::string kVerbose2 =
    "7/7 - 3s - 417ms/step - loss: 1.0000 - neg: -2.0000e+00 - tiny: 5.0000e-04\n";

void averaged_run(Progbar& bar, double& now) {
  now = 100.0005;
  bar.update(1, {{"loss", 1.0}, {"lr", 0.1}});
  now = 100.2;
  bar.update(4, {{"loss", 0.5}, {"lr", 0.05}});  // loss weighted by the 3 steps since the last
  now = 100.21;
  bar.update(5, {{"loss", 100.0}});
  now = 100.5;
  bar.add(5, {{"loss", 0.25}, {"mae", -0.0001}});
  now = 102.0;
  bar.update(1000, {{"loss", 0.125}, {"lr", 0.01}});  // finalize: the value as given
}

}  // namespace

TEST_CASE("Progbar verbose=1 on a terminal matches Keras byte for byte") {
  capture::TempOutput out;
  double now = 100.0;
  Progbar bar(1000, {.width = 10,
                     .stateful_metrics = std::set<std::string>{"lr"},
                     .unit_name = "sample",
                     .output = out.file,
                     .dynamic_display = true,
                     .clock = [&] { return now; }});
  averaged_run(bar, now);
  CHECK(out.text() == kAveraged);
}

TEST_CASE("Progbar verbose=1 off a terminal writes only the final line") {
  capture::TempOutput out;
  double now = 100.0;
  Progbar bar(1000, {.width = 10,
                     .stateful_metrics = std::set<std::string>{"lr"},
                     .unit_name = "sample",
                     .output = out.file,
                     .dynamic_display = false,
                     .clock = [&] { return now; }});
  averaged_run(bar, now);
  // Keras's last line without the \b...\r redraw prefix and the blanking spaces.
  CHECK(out.text() ==
        "\x1b[1m1000/1000\x1b[0m \x1b[32m━━━━━━━━━━\x1b[0m\x1b[37m\x1b[0m \x1b[1m2s\x1b[0m "
        "2ms/sample - loss: 0.1250 - lr: 0.0100 - mae: -1.0000e-04\n");
}

TEST_CASE("Progbar verbose=2 prints one line when finished") {
  capture::TempOutput out;
  double now = 10.0;
  Progbar bar(7, {.verbose = 2, .output = out.file, .clock = [&] { return now; }});
  now = 10.5;
  bar.update(1, {{"loss", 3.0}, {"neg", -2.0}});
  CHECK(out.text().empty());
  now = 13.0;
  bar.update(7, {{"loss", 1.0}, {"neg", -2.0}, {"tiny", 0.0005}});
  CHECK(out.text() == kVerbose2);
}

TEST_CASE("Progbar verbose=0 prints nothing; both metric lists is a ValueError") {
  capture::TempOutput out;
  Progbar bar(3, {.verbose = 0, .output = out.file});
  bar.update(1, {{"loss", 1.0}});
  bar.update(3, {{"loss", 1.0}});
  CHECK(out.text().empty());
  CHECK_THROWS_AS(Progbar(3, {.stateful_metrics = std::set<std::string>{"a"},
                              .stateless_metrics = std::set<std::string>{"b"}}),
                  keras::ValueError);
}

TEST_CASE("Progbar defaults: a pipe is not a terminal, the real clock runs") {
  capture::TempOutput out;
  Progbar bar(2, {.output = out.file});
  CHECK_FALSE(bar.dynamic_display());
  bar.update(1, {{"loss", 0.5}});
  bar.update(2, {{"loss", 0.25}});
  const std::string text = out.text();
  // Averaged (no stateful list): (0.5 + 0.25) / 2 is not shown; the final value is.
  CHECK(text.find("\x1b[1m2/2\x1b[0m") == 0);
  CHECK(text.find(" - loss: 0.2500\n") != std::string::npos);
  CHECK(std::count(text.begin(), text.end(), '\n') == 1);
}

TEST_CASE("Progbar prints huge values in full, as Python's %.4f does") {
  capture::TempOutput out;
  double now = 10.0;
  Progbar bar(1, {.verbose = 2, .output = out.file, .clock = [&] { return now; }});
  bar.update(1, {{"loss", 1e200}});
  // Python: f"{1e200:.4f}"
  CHECK(out.text() ==
        "1/1 - 0s - 0s/step - loss: "
        "999999999999999969733122212510361659474503275455023626482417509503468484355540755341963384"
        "047062518680275124159738824081821357343682784846393850410472398778710235910667899818111818"
        "13306167128854888448.0000\n");
}

TEST_CASE("format_time picks s, ms or us as Keras") {
  using keras::utils::format_time;
  CHECK(format_time(0.0, "step") == " 0s/step");
  CHECK(format_time(2.5, "step") == " 2s/step");  // %.0f rounds half to even
  CHECK(format_time(0.0125, "step") == " 12ms/step");
  CHECK(format_time(0.00099999, "sample") == " 1000us/sample");
}
