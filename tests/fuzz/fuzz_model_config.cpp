// Fuzzes the config loader: JSON text -> ConfigValue::parse -> models::model_from_config, the
// path of models::model_from_json and of the config.json in a .keras archive. A parsed value
// must also print and re-parse to the same text (dump is what Model::save writes).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_guard.hpp"
#include "keras/core/config_value.hpp"
#include "keras/models/models.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  keras::fuzz::expect_only_keras_errors([&] {
    const keras::ConfigValue config = keras::ConfigValue::parse(text);
    const std::string printed = config.dump();
    if (keras::ConfigValue::parse(printed).dump() != printed) {
      std::fprintf(stderr, "FINDING: dump -> parse -> dump changed %s\n", printed.c_str());
      std::abort();
    }
    auto model = keras::models::model_from_config(config);
    (void)model->to_json();
  });
  return 0;
}
