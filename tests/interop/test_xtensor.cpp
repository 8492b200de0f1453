#include <keras/xtensor.hpp>

#include <xtensor/xmath.hpp>
#include <xtensor/xview.hpp>

#include "test_util.hpp"

using namespace keras;

TEST_CASE("to_xarray copies values and shape, converting the element type", "[xtensor]") {
  testing::BackendScope host("reference");  // compares host pointers below
  Tensor t = tensor<float>({1, 2, 3, 4, 5, 6}, {2, 3});
  xt::xarray<float> a = to_xarray<float>(t);
  REQUIRE(a.shape() == std::vector<std::size_t>{2, 3});
  CHECK(a(0, 0) == 1);
  CHECK(a(1, 2) == 6);
  CHECK(a.data() != t.data<float>());  // a copy, not a view
  xt::xarray<int> ints = to_xarray<int>(tensor<double>({1.9, -1.9}, {2}));
  CHECK(ints(0) == 1);  // truncation toward zero, as Tensor::to_vector and ops::cast
  CHECK(ints(1) == -1);
  xt::xarray<double> s = to_xarray<double>(scalar(7.0));
  CHECK(s.dimension() == 0);
  CHECK(s() == 7.0);
  xt::xarray<bool> flags = to_xarray<bool>(bool_tensor({1, 0}, {2}));
  CHECK(flags(0));
  CHECK_FALSE(flags(1));
}

TEST_CASE("to_xtensor checks the rank", "[xtensor]") {
  Tensor t = tensor<std::int32_t>({1, 2, 3, 4, 5, 6}, {3, 2});
  xt::xtensor<std::int64_t, 2> x = to_xtensor<std::int64_t, 2>(t);
  CHECK(x.shape()[0] == 3);
  CHECK(x.shape()[1] == 2);
  CHECK(x(2, 1) == 6);
  REQUIRE_THROWS_AS((to_xtensor<float, 3>(t)), ValueError);
  REQUIRE_THROWS_WITH((to_xtensor<float, 1>(t)),
                      Catch::Contains("rank 1") && Catch::Contains("(3, 2)"));
}

TEST_CASE("adapt is a zero-copy view of the tensor's memory", "[xtensor]") {
  testing::BackendScope host("reference");  // views need host memory
  Tensor t = tensor<double>({1, 2, 3, 4, 5, 6, 7, 8}, {2, 2, 2});
  auto view = adapt<double>(t);
  CHECK(view.data() == t.data<double>());  // the same memory
  REQUIRE(view.dimension() == 3);
  CHECK(view(1, 0, 1) == 6);
  CHECK(xt::sum(view)() == 36);
  // Row-major strides, like the tensor.
  CHECK(view.strides()[0] == 4);
  CHECK(view.strides()[2] == 1);
  // The view shares ownership of the storage, so it outlives the last Tensor handle.
  const double* before = t.data<double>();
  t = Tensor();
  CHECK(view.data() == before);
  CHECK(view(1, 1, 1) == 8);
  auto bools = adapt<bool>(bool_tensor({0, 1, 1}, {3}));
  CHECK(xt::sum(bools)() == 2);
}

TEST_CASE("on a backend without host memory, adapt refuses and the copies transfer",
          "[xtensor][errors]") {
  testing::BackendScope device("strict");
  Tensor t = tensor<double>({1, 2, 3, 4}, {2, 2});
  REQUIRE_THROWS_WITH(adapt<double>(t), Catch::Contains("not host memory"));
  xt::xarray<float> a = to_xarray<float>(t);
  CHECK(a(1, 0) == 3.0f);
  Tensor back = from_xtensor(a * 2.0f);
  CHECK(back.backend().name() == "strict");
  CHECK(back.to_vector<float>() == std::vector<float>{2, 4, 6, 8});
}

TEST_CASE("adapt requires the tensor's exact dtype", "[xtensor][errors]") {
  Tensor t = tensor<float>({1, 2}, {2});
  REQUIRE_THROWS_AS(adapt<double>(t), TypeError);
  REQUIRE_THROWS_WITH(adapt<std::int32_t>(t),
                      Catch::Contains("int32") && Catch::Contains("float32"));
}

TEST_CASE("from_xtensor copies containers and evaluates expressions", "[xtensor]") {
  xt::xarray<double> a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
  Tensor t = from_xtensor(a);
  CHECK(t.dtype() == DType::float64);
  CHECK(t.shape() == Shape{2, 3});
  CHECK(t.to_vector<double>() == std::vector<double>{1, 2, 3, 4, 5, 6});
  a(0, 0) = 100;  // a copy: later changes do not reach the tensor
  CHECK(t.to_vector<double>()[0] == 1);

  // A lazy expression with broadcasting, evaluated once into the tensor.
  xt::xarray<float> row = {1.f, 2.f, 3.f};
  xt::xarray<float> col = xt::xarray<float>::from_shape({2, 1});
  col(0, 0) = 10.f;
  col(1, 0) = 20.f;
  Tensor sum = from_xtensor(row + col);
  CHECK(sum.dtype() == DType::float32);
  testing::require_values(sum, {11, 12, 13, 21, 22, 23}, {2, 3});

  // A column-major source comes out row-major.
  xt::xarray<std::int32_t, xt::layout_type::column_major> cm = {{1, 2}, {3, 4}};
  CHECK(from_xtensor(cm).to_vector<int>() == std::vector<int>{1, 2, 3, 4});
  // A strided view, a comparison (bool) and the other element types.
  auto view = xt::view(a, xt::all(), xt::range(1, 3));
  CHECK(from_xtensor(view).to_vector<double>() == std::vector<double>{2, 3, 5, 6});
  Tensor mask = from_xtensor(row > 1.5f);
  CHECK(mask.dtype() == DType::bool_);
  CHECK(mask.to_vector<int>() == std::vector<int>{0, 1, 1});
  CHECK(from_xtensor(xt::xtensor<std::int64_t, 1>{5, 6}).dtype() == DType::int64);
  CHECK(from_xtensor(xt::xarray<std::uint8_t>{255}).dtype() == DType::uint8);
  CHECK(from_xtensor(xt::xarray<float>(xt::xarray<float>::shape_type{0, 4})).shape() ==
        Shape{0, 4});
}

TEST_CASE("xtensor round trips keep values and dtype", "[xtensor]") {
  Tensor x = testing::random_tensor({3, 4, 5}, 11, -2, 2, DType::float32);
  Tensor back = from_xtensor(to_xarray<float>(x));
  CHECK(back.dtype() == DType::float32);
  testing::require_close(back, x, 0, 0);
  Tensor y = tensor<std::int64_t>({-9, 0, 9}, {3});
  CHECK(from_xtensor(to_xtensor<std::int64_t, 1>(y)).to_vector<std::int64_t>() ==
        y.to_vector<std::int64_t>());
  // An op result through a zero-copy view (host memory) and back.
  testing::BackendScope host("reference");
  Tensor x_host = backend::to_backend(x, "reference");
  Tensor z = ops::multiply(x_host, 2.0);
  testing::require_close(from_xtensor(adapt<float>(z) / 2.0f), x_host, 0, 0);
}
