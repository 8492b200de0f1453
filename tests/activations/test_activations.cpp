// keras::activations: values against Keras 3.15.1, gradients, names and Spec.
//
// Expected values were produced with keras 3.15.1 on JAX (float32):
//   x = np.array([-3.0, -1.2, -0.6, -0.25, 0.0, 0.35, 0.8, 1.5, 2.7], dtype="float32")
//   x2 = np.array([[-1.0, 0.5, 2.0, 0.3], [0.1, 0.2, 0.25, -3.0]], dtype="float32")
//   [float(v) for v in np.ravel(keras.activations.<name>(x, ...))]
#include <keras/activations/activations.hpp>

#include "test_util.hpp"

using namespace keras;
namespace ka = keras::activations;
using testing::require_values;

namespace {

const std::vector<double> kX = {-3.0, -1.2, -0.6, -0.25, 0.0, 0.35, 0.8, 1.5, 2.7};
Tensor x() { return ops::cast(tensor(kX, {9}), DType::float32); }
Tensor x2() {
  return tensor<float>({-1.0f, 0.5f, 2.0f, 0.3f, 0.1f, 0.2f, 0.25f, -3.0f}, {2, 4});
}

// keras.activations.<name>(x) with default arguments.
const std::vector<std::pair<std::string, std::vector<double>>> kKeras = {
    {"celu", {-0.9502129554748535, -0.6988058090209961, -0.4511883854866028, -0.22119919955730438, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}},
    {"elu", {-0.9502129554748535, -0.6988058090209961, -0.4511883854866028, -0.22119919955730438, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}},
    {"exponential", {0.049787066876888275, 0.3011941909790039, 0.5488116145133972, 0.7788007855415344, 1.0, 1.419067621231079, 2.22554087638855, 4.481688976287842, 14.879732131958008}},
    {"gelu", {-0.0040496960282325745, -0.13808365166187286, -0.16455188393592834, -0.10032342374324799, 0.0, 0.2228907197713852, 0.6305156946182251, 1.3997892141342163, 2.6906392574310303}},
    {"hard_shrink", {-3.0, -1.2000000476837158, -0.6000000238418579, 0.0, 0.0, 0.0, 0.800000011920929, 1.5, 2.700000047683716}},
    {"hard_sigmoid", {0.0, 0.30000001192092896, 0.40000003576278687, 0.4583333432674408, 0.5, 0.5583333373069763, 0.6333333253860474, 0.75, 0.949999988079071}},
    {"hard_silu", {-0.0, -0.36000001430511475, -0.24000002443790436, -0.1145833358168602, 0.0, 0.195416659116745, 0.5066666603088379, 1.125, 2.565000057220459}},
    {"hard_tanh", {-1.0, -1.0, -0.6000000238418579, -0.25, 0.0, 0.3499999940395355, 0.800000011920929, 1.0, 1.0}},
    {"leaky_relu", {-0.6000000238418579, -0.24000000953674316, -0.12000000476837158, -0.05000000074505806, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}},
    {"linear", {-3.0, -1.2000000476837158, -0.6000000238418579, -0.25, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}},
    {"log_sigmoid", {-3.0485873222351074, -1.4632824659347534, -1.0374879837036133, -0.825939416885376, -0.6931471824645996, -0.5333821773529053, -0.37110063433647156, -0.20141328871250153, -0.06504356116056442}},
    {"mish", {-0.14564745128154755, -0.3088357746601105, -0.24693603813648224, -0.12992696464061737, 0.0, 0.24783837795257568, 0.6596998572349548, 1.4033782482147217, 2.6786701679229736}},
    {"relu", {0.0, 0.0, 0.0, 0.0, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}},
    {"relu6", {0.0, 0.0, 0.0, 0.0, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}},
    {"selu", {-1.670568823814392, -1.2285699844360352, -0.7932339906692505, -0.38889017701148987, 0.0, 0.3677453398704529, 0.8405608534812927, 1.5760514736175537, 2.83689284324646}},
    {"sigmoid", {0.04742587357759476, 0.23147521913051605, 0.3543437123298645, 0.43782350420951843, 0.5, 0.5866175889968872, 0.6899744868278503, 0.8175744414329529, 0.9370266199111938}},
    {"silu", {-0.14227762818336487, -0.2777702808380127, -0.21260623633861542, -0.10945587605237961, 0.0, 0.20531615614891052, 0.5519796013832092, 1.226361632347107, 2.5299718379974365}},
    {"soft_shrink", {-2.5, -0.7000000476837158, -0.10000002384185791, 0.0, 0.0, 0.0, 0.30000001192092896, 1.0, 2.200000047683716}},
    {"softplus", {0.04858735203742981, 0.26328244805336, 0.43748798966407776, 0.575939416885376, 0.6931471824645996, 0.8833822011947632, 1.1711006164550781, 1.7014132738113403, 2.7650434970855713}},
    {"softsign", {-0.75, -0.5454545617103577, -0.375, -0.20000000298023224, 0.0, 0.25925925374031067, 0.444444477558136, 0.6000000238418579, 0.7297297120094299}},
    {"sparse_plus", {0.0, 0.0, 0.03999999538064003, 0.140625, 0.25, 0.4556250274181366, 0.809999942779541, 1.5, 2.700000047683716}},
    {"sparse_sigmoid", {0.0, 0.0, 0.19999998807907104, 0.375, 0.5, 0.675000011920929, 0.8999999761581421, 1.0, 1.0}},
    {"squareplus", {0.30277562141418457, 0.5661903619766235, 0.7440306544303894, 0.8827822208404541, 1.0, 1.1901969909667969, 1.4770328998565674, 2.0, 3.030029773712158}},
    {"tanh", {-0.9950547218322754, -0.8336545825004578, -0.5370495915412903, -0.24491865932941437, 0.0, 0.33637553453445435, 0.6640368700027466, 0.9051482081413269, 0.9910074472427368}},
    {"tanh_shrink", {-2.0049452781677246, -0.36634546518325806, -0.06295043230056763, -0.005081340670585632, 0.0, 0.013624459505081177, 0.13596314191818237, 0.5948517918586731, 1.708992600440979}},
};

}  // namespace

TEST_CASE("activations match Keras 3.15.1 values (default arguments, by name)", "[activations]") {
  for (const auto& [name, want] : kKeras) {
    INFO(name);
    Tensor y = ka::get(name)(x());
    CHECK(y.dtype() == DType::float32);
    require_values(y, want, {9});
  }
  // Aliases are the same functions.
  require_values(ka::swish(x()), kKeras[16].second, {9});
  require_values(ka::get("hard_swish")(x()), kKeras[6].second, {9});
}

TEST_CASE("activations with keyword arguments match Keras", "[activations]") {
  require_values(ka::relu(x(), {.negative_slope = 0.1, .max_value = 1.0, .threshold = 0.5}),
                 {-0.3499999940395355, -0.17000000178813934, -0.11000000685453415, -0.07500000298023224, -0.05000000074505806, -0.015000000596046448, 0.800000011920929, 1.0, 1.0}, {9});
  require_values(ka::relu(ops::multiply(x(), 3.0), {.max_value = 6.0}),
                 {0.0, 0.0, 0.0, 0.0, 0.0, 1.0499999523162842, 2.4000000953674316, 4.5, 6.0}, {9});
  require_values(ka::relu(x(), {.max_value = 1.0}),
                 {0.0, 0.0, 0.0, 0.0, 0.0, 0.3499999940395355, 0.800000011920929, 1.0, 1.0}, {9});
  require_values(ka::relu(x(), {.negative_slope = 0.1}),
                 {-0.30000001192092896, -0.12000000476837158, -0.06000000238418579, -0.02500000037252903, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}, {9});
  require_values(ka::relu(x(), {.threshold = 0.5}),
                 {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.800000011920929, 1.5, 2.700000047683716}, {9});
  require_values(ka::relu(x(), {.negative_slope = 0.1, .max_value = 1.0}),
                 {-0.30000001192092896, -0.12000000476837158, -0.06000000238418579, -0.02500000037252903, 0.0, 0.3499999940395355, 0.800000011920929, 1.0, 1.0}, {9});
  require_values(ka::gelu(x(), true),
                 {-0.003637343645095825, -0.1382972002029419, -0.16458478569984436, -0.10032464563846588, 0.0, 0.22288618981838226, 0.6304317116737366, 1.3995715379714966, 2.691112518310547}, {9});
  require_values(ka::elu(x(), 0.5),
                 {-0.47510647773742676, -0.34940290451049805, -0.2255941927433014, -0.11059959977865219, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}, {9});
  require_values(ka::celu(x(), 0.5),
                 {-0.4987606108188629, -0.45464104413986206, -0.34940290451049805, -0.19673466682434082, 0.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}, {9});
  require_values(ka::threshold(x(), 0.3, -2.0),
                 {-2.0, -2.0, -2.0, -2.0, -2.0, 0.3499999940395355, 0.800000011920929, 1.5, 2.700000047683716}, {9});
  require_values(ka::squareplus(x(), 1.0),
                 {0.08113884925842285, 0.181024968624115, 0.28309518098831177, 0.3903881907463074, 0.5, 0.7047405242919922, 1.04031240940094, 1.6513878107070923, 2.7896180152893066}, {9});
}

TEST_CASE("axis activations: softmax, log_softmax, glu match Keras", "[activations]") {
  require_values(ka::softmax(x2()),
                 {0.03420379385352135, 0.1532907783985138, 0.6870015859603882, 0.12550386786460876, 0.3019274175167084, 0.3336814045906067, 0.3507896065711975, 0.013601589016616344}, {2, 4});
  require_values(ka::softmax(x2(), 0),
                 {0.2497399002313614, 0.5744425058364868, 0.8519527316093445, 0.9644288420677185, 0.7502601146697998, 0.4255574643611908, 0.14804719388484955, 0.03557119145989418}, {2, 4});
  // axis=(0, 1): one softmax over the whole tensor.
  const std::vector<double> joint = {0.025519002228975296, 0.11436823755502701, 0.5125628709793091, 0.09363678842782974, 0.07666332274675369, 0.08472607284784317, 0.08907007426023483, 0.003453621407970786};
  require_values(ka::softmax(x2(), {0, 1}), joint, {2, 4});
  require_values(ka::softmax(x2(), ops::Axes()), joint, {2, 4});
  require_values(ka::log_softmax(x2()),
                 {-3.3754186630249023, -1.8754186630249023, -0.37541869282722473, -2.075418710708618, -1.197568655014038, -1.0975686311721802, -1.047568678855896, -4.2975687980651855}, {2, 4});
  require_values(ka::log_softmax(x2(), 0),
                 {-1.3873353004455566, -0.554355263710022, -0.16022419929504395, -0.03621920943260193, -0.2873353362083435, -0.8543552756309509, -1.910224199295044, -3.336219072341919}, {2, 4});
  require_values(ka::glu(x2()),
                 {-0.8807970285415649, 0.2872212529182434, 0.056217651814222336, 0.009485174901783466}, {2, 2});
  require_values(ka::glu(x2(), 0),
                 {-0.5249791741371155, 0.27491697669029236, 1.124353051185608, 0.014227762818336487}, {1, 4});
  CHECK_THROWS_WITH(ka::glu(tensor<float>({1, 2, 3}, {3})),
                    "axis size must be divisible by 2. Received: x.shape=(3,) with axis=-1");
}

TEST_CASE("sparsemax is the projection onto the simplex", "[activations]") {
  // Hand-computed from Martins & Astudillo (2016): tau = (sum of the k largest - 1) / k.
  // Row 1 keeps only 2.0 (k = 1, as Keras 3.15.1 also gives). Row 2 has k = 3,
  // tau = (0.25 + 0.2 + 0.1 - 1) / 3 = -0.15. Keras 3.15.1 returns
  // [0.0167, 0.1167, 0.1667, 0] there (it sums the cumulative sums, keras-team/keras#23425,
  // fixed upstream); we follow the corrected definition, whose rows sum to 1.
  require_values(ka::sparsemax(x2()), {0, 0, 1, 0, 0.25, 0.35, 0.4, 0}, {2, 4});
  // Along axis 0 (pairs): (-1, 0.1) -> (0, 1); (0.5, 0.2) -> (0.65, 0.35); (2, 0.25) -> (1, 0);
  // (0.3, -3) -> (1, 0).
  require_values(ka::sparsemax(x2(), 0), {0, 0.65, 1, 1, 1, 0.35, 0, 0}, {2, 4});
  // Ties at the support boundary are kept together.
  require_values(ka::sparsemax(tensor<float>({0.5f, 0.5f, 0.5f, -1, 1, 1, 0.2f, 0.2f}, {2, 4})),
                 {1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0.5, 0.5, 0, 0}, {2, 4});
}

TEST_CASE("activation gradients match central differences (float64)", "[activations]") {
  // Away from every kink (0, +-0.5, +-1, +-3, 6, and the relu options' 0.25 and 2).
  Tensor in = tensor<double>({-2.3, -1.7, -0.8, -0.35, -0.1, 0.2, 0.45, 0.7, 1.3, 2.2, 2.9, 3.4},
                             {2, 6});
  for (const std::string& name : ka::all_names()) {
    if (name == "threshold") continue;  // needs its arguments; checked below
    INFO(name);
    const ka::Activation act = ka::get(name);
    testing::check_gradients([&](const std::vector<Tensor>& v) { return act(v[0]); }, {in});
  }
  const std::vector<std::pair<const char*, std::function<Tensor(const Tensor&)>>> with_args = {
      {"relu options",
       [](const Tensor& t) {
         return ka::relu(t, {.negative_slope = 0.1, .max_value = 2.0, .threshold = 0.25});
       }},
      {"relu slope+max", [](const Tensor& t) { return ka::relu(t, {.negative_slope = 0.3, .max_value = 6.0}); }},
      {"threshold", [](const Tensor& t) { return ka::threshold(t, 0.3, -2.0); }},
      {"gelu approximate", [](const Tensor& t) { return ka::gelu(t, true); }},
      {"celu 0.5", [](const Tensor& t) { return ka::celu(t, 0.5); }},
      {"softmax axis 0", [](const Tensor& t) { return ka::softmax(t, 0); }},
      {"softmax all axes", [](const Tensor& t) { return ka::softmax(t, {0, 1}); }},
      {"log_softmax all axes", [](const Tensor& t) { return ka::log_softmax(t, ops::Axes()); }},
      {"glu axis 0", [](const Tensor& t) { return ka::glu(t, 0); }},
      {"sparsemax, wide support", [](const Tensor& t) { return ka::sparsemax(ops::multiply(t, 0.2)); }},
  };
  for (const auto& [label, fn] : with_args) {
    INFO(label);
    testing::check_gradients([&](const std::vector<Tensor>& v) { return fn(v[0]); }, {in});
  }
}

TEST_CASE("activations::get: names, aliases, errors", "[activations]") {
  // dir(keras.activations) in 3.15.1, less get/serialize/deserialize.
  const std::vector<std::string> keras_names = {
      "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid", "hard_silu",
      "hard_swish", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax", "mish",
      "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax", "softplus",
      "softsign", "sparse_plus", "sparse_sigmoid", "sparsemax", "squareplus", "swish", "tanh",
      "tanh_shrink", "threshold"};
  CHECK(ka::all_names() == keras_names);

  CHECK(ka::get("swish").name == "silu");  // Keras serializes the alias by the function name
  CHECK(ka::get("hard_swish").name == "hard_silu");
  CHECK(ka::serialize(ka::get("relu")) == "relu");
  CHECK_THROWS_WITH(ka::get("rleu"),
                    Catch::StartsWith("Could not interpret activation function identifier: rleu.") &&
                        Catch::Contains("relu, relu6"));
  CHECK_THROWS_AS(ka::get("Relu"), ValueError);
  // Keras returns threshold itself; calling it with x alone is a TypeError there too.
  CHECK_THROWS_WITH(ka::get("threshold")(x()),
                    "threshold() missing 2 required positional arguments: 'threshold' and "
                    "'default_value'");
  CHECK_THROWS_AS(ka::get("threshold")(x()), TypeError);

  CHECK(ka::deserialize(ConfigValue("tanh")).name == "tanh");
  CHECK(ka::deserialize(ConfigValue::parse(
                            R"({"module": "keras.activations", "class_name": "function", "config": "softplus", "registered_name": "softplus"})"))
            .name == "softplus");
  CHECK_THROWS_AS(ka::deserialize(ConfigValue(1)), ValueError);
}

TEST_CASE("activations::Spec: none is linear; names, functions and Activations", "[activations]") {
  ka::Spec none;
  CHECK(none.name() == "linear");
  CHECK(none.is_linear());
  require_values(none(x()), kX, {9}, 1e-6, 1e-6);

  ka::Spec by_name = "sigmoid";
  CHECK(by_name.name() == "sigmoid");
  require_values(by_name(x()), kKeras[15].second, {9});
  CHECK(ka::Spec(std::string("mish")).name() == "mish");
  CHECK_THROWS_AS(ka::Spec("sigmoidd"), ValueError);

  // A built-in passed as a function keeps its Keras name, including those with keyword
  // arguments (their one-argument overload).
  CHECK(ka::Spec(ka::tanh).name() == "tanh");
  CHECK(ka::Spec(&ka::swish).name() == "silu");
  struct DenseLikeOptions {
    ka::Spec activation;
  };
  DenseLikeOptions o{.activation = ka::softmax};
  CHECK(o.activation.name() == "softmax");
  require_values(o.activation(x2()), {0.03420379385352135, 0.1532907783985138, 0.6870015859603882, 0.12550386786460876, 0.3019274175167084, 0.3336814045906067, 0.3507896065711975, 0.013601589016616344}, {2, 4});
  o = {.activation = ka::relu};
  CHECK(o.activation.name() == "relu");
  CHECK(ka::Spec(ka::gelu).name() == "gelu");

  // An anonymous function works but cannot be serialized.
  ka::Spec lambda = [](const Tensor& t) { return ops::multiply(t, 2.0); };
  CHECK(lambda.name().empty());
  require_values(lambda(tensor<float>({1, -2}, {2})), {2, -4}, {2});
  CHECK_THROWS_AS(ka::serialize(lambda.activation()), ValueError);
  const double k = 3.0;  // a capturing lambda too
  ka::Spec capturing = [k](const Tensor& t) { return ops::multiply(t, k); };
  require_values(capturing(tensor<float>({1}, {1})), {3}, {1});

  ka::Spec named = ka::Activation{"relu_cap_1", [](const Tensor& t) {
                                    return ka::relu(t, {.max_value = 1.0});
                                  }};
  CHECK(named.name() == "relu_cap_1");
  CHECK(ka::serialize(named.activation()) == "relu_cap_1");
}
