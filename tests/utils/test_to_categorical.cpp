// utils::to_categorical: values reasoned out by hand, errors, and the cases Keras itself computed
// (tests/keras_oracle/generate_utils.py -> utils.json in KERASPP_ORACLE_DIR).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include <keras/keras.hpp>

#include "keras_oracle/oracle.hpp"

using namespace keras;
using Catch::Contains;

namespace {

void require_exact(const Tensor& got, const std::vector<double>& want, const Shape& shape) {
  REQUIRE(got.shape() == shape);
  CHECK(got.to_vector<double>() == want);
}

}  // namespace

TEST_CASE("to_categorical turns class ids into one-hot rows", "[utils]") {
  Tensor y = utils::to_categorical(tensor<std::int32_t>({2, 0, 1}, {3}));
  CHECK(y.dtype() == DType::float32);
  require_exact(y, {0, 0, 1, 1, 0, 0, 0, 1, 0}, {3, 3});

  // num_classes wider than the ids used.
  require_exact(utils::to_categorical(tensor<std::int64_t>({1, 0}, {2}), 4),
                {0, 1, 0, 0, 1, 0, 0, 0}, {2, 4});
  // A column of labels (n, 1) gives (n, num_classes), not (n, 1, num_classes).
  require_exact(utils::to_categorical(tensor<std::int32_t>({1, 0}, {2, 1}), 2), {0, 1, 1, 0},
                {2, 2});
  // Rank 1 of size 1 is not a column: (1,) -> (1, 3).
  require_exact(utils::to_categorical(tensor<std::int32_t>({2}, {1}), 3), {0, 0, 1}, {1, 3});
  // Other ranks keep their axes and gain the class axis.
  require_exact(utils::to_categorical(tensor<std::int32_t>({0, 1, 1, 0}, {2, 2}), 2),
                {1, 0, 0, 1, 0, 1, 1, 0}, {2, 2, 2});
  // A 0-d id gives one row without a batch axis.
  require_exact(utils::to_categorical(tensor<std::int32_t>({1}, {}), 3), {0, 1, 0}, {3});
  // Floats truncate toward zero (NumPy's int64 conversion): 1.9 is class 1.
  require_exact(utils::to_categorical(tensor<float>({1.9f, 0.2f}, {2})), {0, 1, 1, 0}, {2, 2});
  // 0 means "not given", as `if not num_classes` in Keras.
  require_exact(utils::to_categorical(tensor<std::int32_t>({1}, {1}), 0), {0, 1}, {1, 2});
}

TEST_CASE("to_categorical follows floatx", "[utils]") {
  config::set_floatx("float64");
  Tensor y = utils::to_categorical(tensor<std::int32_t>({1}, {1}), 2);
  config::set_floatx("float32");
  CHECK(y.dtype() == DType::float64);
}

TEST_CASE("to_categorical rejects ids outside [0, num_classes)", "[utils]") {
  CHECK_THROWS_WITH(utils::to_categorical(tensor<std::int32_t>({0, 3}, {2}), 3),
                    Contains("class ids must be in [0, 3), received 3"));
  CHECK_THROWS_WITH(utils::to_categorical(tensor<std::int32_t>({-1, 1}, {2})),
                    Contains("received -1"));
  CHECK_THROWS_WITH(utils::to_categorical(tensor<std::int32_t>({1}, {1}), -2),
                    Contains("num_classes must be non-negative"));
  CHECK_THROWS_WITH(utils::to_categorical(tensor<std::int32_t>(std::vector<std::int32_t>{}, {0})),
                    Contains("cannot infer num_classes"));
  // With num_classes an empty input is an empty one-hot.
  CHECK(utils::to_categorical(tensor<std::int32_t>(std::vector<std::int32_t>{}, {0}), 4).shape() ==
        Shape({0, 4}));
}

TEST_CASE("to_categorical matches keras.utils.to_categorical", "[utils][oracle]") {
  const auto manifest = testing::oracle::manifest("utils.json", "generate_utils.py");
  const auto& cases = manifest.at("to_categorical");
  REQUIRE(cases.size() >= 10);
  for (const auto& c : cases) {
    INFO("case " << c.dump());
    const Shape shape(c.at("shape").get<std::vector<std::int64_t>>());
    const auto values = c.at("x").get<std::vector<double>>();
    Tensor x = ops::cast(tensor<double>(values, shape), c.at("dtype").get<std::string>());
    std::optional<std::int64_t> num_classes;
    if (!c.at("num_classes").is_null()) num_classes = c.at("num_classes").get<std::int64_t>();
    require_exact(utils::to_categorical(x, num_classes), c.at("output").get<std::vector<double>>(),
                  Shape(c.at("output_shape").get<std::vector<std::int64_t>>()));
  }
}
