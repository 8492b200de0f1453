// An RNN given initial states in a functional model: its call node is written with Keras 3's
// `initial_state` keyword argument (as Keras writes it, so Keras loads our configs), and a
// Keras-written node of that form loads back into the same call.
#include "test_util.hpp"

using namespace keras;

TEST_CASE("an RNN's initial states round-trip through a functional config as Keras writes them") {
  utils::set_random_seed(5);
  auto x = Input({4, 3}, {.name = "x"});
  auto h = Input({2}, {.name = "h"});
  auto c = Input({2}, {.name = "c"});
  auto out = layers::LSTM(2, {.name = "lstm"})(std::vector<KerasTensor>{x, h, c}).at(0);
  auto model = std::make_shared<Model>(std::vector<KerasTensor>{x, h, c}, out);

  ConfigValue config = model->get_config();
  const ConfigValue* lstm = nullptr;
  for (const auto& layer : config.at("layers").as_list())
    if (layer.at("name").as_string() == "lstm") lstm = &layer;
  REQUIRE(lstm != nullptr);
  const ConfigValue& node = lstm->at("inbound_nodes").as_list().at(0);
  REQUIRE(node.at("args").size() == 1);
  const ConfigValue& states = node.at("kwargs").at("initial_state");
  REQUIRE(states.size() == 2);
  CHECK(states.as_list()[0].at("config").at("keras_history").as_list()[0].as_string() == "h");

  auto copy = Model::from_config(config);
  copy->set_weights(model->get_weights());
  std::vector<Tensor> inputs{random::normal({2, 4, 3}), random::normal({2, 2}),
                             random::normal({2, 2})};
  CHECK(testing::tensor_mismatch((*copy)(inputs).at(0), (*model)(inputs).at(0), 1e-6, 1e-6) == "");
  // The states matter: zeros give another answer.
  std::vector<Tensor> zero_states{inputs[0], ops::zeros({2, 2}), ops::zeros({2, 2})};
  CHECK(testing::tensor_mismatch((*model)(zero_states).at(0), (*model)(inputs).at(0), 1e-6, 1e-6) !=
        "");
}

TEST_CASE("initial states of the wrong count or shape are refused in Keras's terms") {
  auto lstm = layers::LSTM(3, {.name = "enc"});
  Tensor x = ops::ones({2, 5, 4});
  CHECK_THROWS_WITH(lstm(std::vector<Tensor>{x, ops::zeros({2, 3})}),
                    Catch::Contains("enc") && Catch::Contains("expects 2 initial state") &&
                        Catch::Contains("received 1"));
  CHECK_THROWS_WITH(
      lstm(std::vector<Tensor>{x, ops::zeros({2, 3}), ops::zeros({3, 3})}),
      Catch::Contains("initial state 1") && Catch::Contains("(2, 3)") && Catch::Contains("(3, 3)"));
}
