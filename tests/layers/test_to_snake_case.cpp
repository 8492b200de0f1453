// to_snake_case against the names Keras's own regex version (keras/src/utils/naming.py) gives;
// the expected strings were printed by that Python function. Tricky ones are the acronyms
// (HTTPServerError), the digits before a capital (Conv2DTranspose) and re.sub's
// non-overlapping matches (ABcDef: the second split comes only from the third rule).
#include <catch2/catch.hpp>

#include <keras/keras.hpp>

TEST_CASE("to_snake_case names layers as Keras does", "[naming]") {
  const std::pair<const char*, const char*> cases[] = {
      {"InputLayer", "input_layer"},
      {"Conv2DTranspose", "conv2d_transpose"},
      {"Dense", "dense"},
      {"LSTM", "lstm"},
      {"GRUCell", "gru_cell"},
      {"ABcDef", "a_bc_def"},
      {"xAbCd", "x_ab_cd"},
      {"HTTPServerError", "http_server_error"},
      {"my-Layer!Name", "my_layer_name"},
      {"Conv1D", "conv1d"},
      {"Already_snake", "already_snake"},
      {"UpSampling2D", "up_sampling2d"},
      {"ReLU", "re_lu"},
      {"PReLU", "p_re_lu"},
      {"aBC", "a_bc"},
      {"A", "a"},
      {"", ""},
      {"__Foo__Bar", "___foo___bar"},
      {"MultiHeadAttention", "multi_head_attention"},
      {"Layer2Norm", "layer2_norm"},
      {"getHTTPResponseCode", "get_http_response_code"},
  };
  for (const auto& [name, want] : cases) {
    INFO("name: " << name);
    CHECK(keras::to_snake_case(name) == want);
  }
}
