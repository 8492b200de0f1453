// The keraspp command-line program.
//   keraspp layers    prints the supported-layers table (Markdown) from the layer registry
#include <cstdio>
#include <string>

#include <keras/keras.hpp>

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  if (command == "layers") {
    std::fputs(keras::layers::supported_layers_markdown().c_str(), stdout);
    return 0;
  }
  std::fprintf(stderr, "usage: keraspp layers\n");
  return 2;
}
