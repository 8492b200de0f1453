// The keraspp command-line program. Programs outside the project drive it, so its contract is
// exact (README, "The keraspp command"):
//   keraspp summary MODEL
//   keraspp predict MODEL --input in_0.npy [--input ...] --output out_0.npy [--output ...]
//                   [--batch-size N]
//   keraspp fit MODEL --x x_0.npy [--x ...] --y y_0.npy [--y ...] --epochs E --batch-size B
//               [--no-shuffle] [--validation-split F] --save OUT [--history HISTORY.json]
//   keraspp evaluate MODEL --x ... --y ... [--batch-size B]
//   keraspp convert IN OUT
//   keraspp layers
//   keraspp losses
//   keraspp metrics
//   keraspp optimizers
// MODEL is a .keras, .h5 / .hdf5 or .json file (a .json model takes its weights from the
// .weights.h5 file of the same stem). Any error: one line on stderr, exit status 1 (2 for
// usage errors).
#include <cstdio>
#include <functional>
#include <fstream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <keras/keras.hpp>

namespace {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const char* kUsage =
    "usage: keraspp summary MODEL\n"
    "       keraspp predict MODEL --input X.npy [--input ...] --output Y.npy [--output ...] "
    "[--batch-size N]\n"
    "       keraspp fit MODEL --x X.npy [--x ...] --y Y.npy [--y ...] --epochs E --batch-size B\n"
    "                   [--no-shuffle] [--validation-split F] --save OUT [--history H.json]\n"
    "       keraspp evaluate MODEL --x X.npy [--x ...] --y Y.npy [--y ...] [--batch-size B]\n"
    "       keraspp convert IN OUT    (.h5, .keras, or .json + .weights.h5)\n"
    "       keraspp layers\n"
    "       keraspp losses\n"
    "       keraspp metrics\n"
    "       keraspp optimizers\n";

// --name value pairs (repeatable) and bare flags, after the positional arguments.
struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::vector<std::string>> options;
  std::vector<std::string> flags;

  const std::vector<std::string>& all(const std::string& name) const {
    static const std::vector<std::string> none;
    auto it = options.find(name);
    return it == options.end() ? none : it->second;
  }
  std::string one(const std::string& name, const std::string& fallback = "") const {
    const auto& v = all(name);
    if (v.size() > 1) throw UsageError("--" + name + " given more than once");
    return v.empty() ? fallback : v[0];
  }
  std::string required(const std::string& name) const {
    std::string v = one(name);
    if (v.empty()) throw UsageError("missing --" + name);
    return v;
  }
  bool flag(const std::string& name) const {
    for (const auto& f : flags)
      if (f == name) return true;
    return false;
  }
};

Args parse(int argc, char** argv, const std::vector<std::string>& known_options,
           const std::vector<std::string>& known_flags) {
  Args a;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      a.positional.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    bool is_flag = false, is_option = false;
    for (const auto& f : known_flags) is_flag = is_flag || f == name;
    for (const auto& o : known_options) is_option = is_option || o == name;
    if (is_flag) {
      a.flags.push_back(name);
    } else if (is_option) {
      if (i + 1 >= argc) throw UsageError("--" + name + " needs a value");
      a.options[name].push_back(argv[++i]);
    } else {
      throw UsageError("unknown option " + arg);
    }
  }
  return a;
}

std::int64_t positive_int(const std::string& text, const std::string& what) {
  std::size_t used = 0;
  long long v = 0;
  try {
    v = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || v <= 0)
    throw UsageError(what + " must be a positive integer, got '" + text + "'");
  return v;
}

// The .weights.h5 file that goes with a model .json ("m.json" -> "m.weights.h5").
std::string weights_beside(const std::string& json_path) {
  return json_path.substr(0, json_path.size() - 5) + ".weights.h5";
}

keras::ModelHandle<> load(const std::string& path) {
  if (path.ends_with(".json")) {
    std::ifstream in(path);
    if (!in) throw keras::IOError("Cannot read '" + path + "'");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    auto model = keras::models::model_from_json(text);
    model.load_weights(weights_beside(path));
    return model;
  }
  return keras::models::load_model(path);
}

void save(const keras::ModelHandle<>& model, const std::string& path) {
  if (path.ends_with(".json")) {
    // Weights first: a failure leaves no config without its weights.
    model.save_weights(weights_beside(path));
    std::string tmp = path + ".tmp";
    {
      std::ofstream out(tmp);
      out << model->to_json();
      if (!out) throw keras::IOError("Cannot write '" + path + "'");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      throw keras::IOError("Cannot write '" + path + "'");
    return;
  }
  model->save(path);
}

// The model's inputs from .npy files, in model-input order, each cast to the input's dtype
// (integer ids may arrive as float32).
keras::Data read_inputs(const keras::Model& model, const std::vector<std::string>& files,
                        const char* what) {
  if (files.empty()) throw UsageError(std::string("missing --") + what);
  const auto& inputs = model.inputs();
  if (!inputs.empty() && files.size() != inputs.size())
    throw keras::ValueError("The model has " + std::to_string(inputs.size()) + " inputs; got " +
                            std::to_string(files.size()) + " --" + what + " files");
  std::vector<keras::Tensor> xs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    keras::Tensor x = keras::io::load_npy(files[i]);
    if (i < inputs.size() && x.dtype() != inputs[i].dtype())
      x = keras::ops::cast(x, inputs[i].dtype());
    xs.push_back(x);
  }
  return xs.size() == 1 ? keras::Data(xs[0]) : keras::Data(xs);
}

keras::Data read_targets(const std::vector<std::string>& files) {
  if (files.empty()) throw UsageError("missing --y");
  std::vector<keras::Tensor> ys;
  for (const auto& f : files) ys.push_back(keras::io::load_npy(f));
  return ys.size() == 1 ? keras::Data(ys[0]) : keras::Data(ys);
}

int summary(int argc, char** argv) {
  Args a = parse(argc, argv, {}, {});
  if (a.positional.size() != 1) throw UsageError("summary takes one MODEL");
  load(a.positional[0])->summary();
  return 0;
}

int predict(int argc, char** argv) {
  Args a = parse(argc, argv, {"input", "output", "batch-size"}, {});
  if (a.positional.size() != 1) throw UsageError("predict takes one MODEL");
  auto model = load(a.positional[0]);
  keras::Data x = read_inputs(*model, a.all("input"), "input");
  keras::PredictOptions o{.verbose = 0};
  if (!a.one("batch-size").empty())
    o.batch_size = positive_int(a.one("batch-size"), "--batch-size");
  keras::Data y = model.predict(x, o);
  const auto& outputs = a.all("output");
  if (outputs.size() != y.size())
    throw keras::ValueError("The model has " + std::to_string(y.size()) + " outputs; got " +
                            std::to_string(outputs.size()) + " --output files");
  for (std::size_t i = 0; i < outputs.size(); ++i)
    keras::io::save_npy(outputs[i], keras::ops::cast(y.values()[i], keras::DType::float32));
  return 0;
}

// A logged value as JSON, as Keras's numbers and numpy arrays print: a number, or nested lists
// for an array-valued metric (Precision at several thresholds, a per-class F1).
keras::ConfigValue log_json(const keras::LogValue& v) {
  if (v.is_scalar()) return keras::ConfigValue(v.item());
  std::size_t next = 0;
  std::function<keras::ConfigValue(std::size_t)> level = [&](std::size_t axis) {
    keras::ConfigValue out = keras::ConfigValue::list();
    for (std::int64_t i = 0; i < v.shape()[axis]; ++i)
      out.push_back(axis + 1 == v.shape().size() ? keras::ConfigValue(v.values()[next++])
                                                 : level(axis + 1));
    return out;
  };
  return level(0);
}

int fit(int argc, char** argv) {
  Args a =
      parse(argc, argv, {"x", "y", "epochs", "batch-size", "validation-split", "save", "history"},
            {"no-shuffle"});
  if (a.positional.size() != 1) throw UsageError("fit takes one MODEL");
  auto model = load(a.positional[0]);
  if (!model->compiled())
    throw keras::ValueError("'" + a.positional[0] +
                            "' holds no training configuration (it was saved uncompiled), so "
                            "there is nothing to fit with");
  keras::FitOptions o;
  o.epochs = static_cast<int>(positive_int(a.required("epochs"), "--epochs"));
  o.batch_size = positive_int(a.required("batch-size"), "--batch-size");
  o.shuffle = !a.flag("no-shuffle");
  o.verbose = 2;
  if (!a.one("validation-split").empty()) {
    std::size_t used = 0;
    double f = std::stod(a.one("validation-split"), &used);
    if (used != a.one("validation-split").size() || !(f >= 0.0 && f < 1.0))
      throw UsageError("--validation-split must be a number in [0, 1)");
    o.validation_split = f;
  }
  std::string out = a.required("save");
  keras::History h = model.fit(read_inputs(*model, a.all("x"), "x"), read_targets(a.all("y")), o);
  save(model, out);
  if (!a.one("history").empty()) {
    keras::ConfigValue history = keras::ConfigValue::dict();
    for (const auto& [key, values] : h->history) {
      keras::ConfigValue series = keras::ConfigValue::list();
      for (const auto& v : values) series.push_back(log_json(v));
      history[key] = series;
    }
    std::string path = a.one("history"), tmp = path + ".tmp";
    {
      std::ofstream f(tmp);
      f << history.dump() << "\n";
      if (!f) throw keras::IOError("Cannot write '" + path + "'");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0)
      throw keras::IOError("Cannot write '" + path + "'");
  }
  return 0;
}

int evaluate(int argc, char** argv) {
  Args a = parse(argc, argv, {"x", "y", "batch-size"}, {});
  if (a.positional.size() != 1) throw UsageError("evaluate takes one MODEL");
  auto model = load(a.positional[0]);
  if (!model->compiled())
    throw keras::ValueError("'" + a.positional[0] +
                            "' holds no training configuration, so there is no loss to evaluate");
  keras::EvaluateOptions o{.verbose = 0};
  if (!a.one("batch-size").empty())
    o.batch_size = positive_int(a.one("batch-size"), "--batch-size");
  keras::Evaluation e =
      model.evaluate(read_inputs(*model, a.all("x"), "x"), read_targets(a.all("y")), o);
  keras::ConfigValue out = keras::ConfigValue::dict();
  for (std::size_t i = 0; i < e.size(); ++i) {
    out[e.names()[i]] = log_json(e.values()[i]);
  }
  std::printf("%s\n", out.dump().c_str());
  return 0;
}

int convert(int argc, char** argv) {
  Args a = parse(argc, argv, {}, {});
  if (a.positional.size() != 2) throw UsageError("convert takes IN and OUT");
  save(load(a.positional[0]), a.positional[1]);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::string command = argc > 1 ? argv[1] : "";
  try {
    if (command == "layers") {
      std::fputs(keras::layers::supported_layers_markdown().c_str(), stdout);
      return 0;
    }
    if (command == "losses") {
      std::fputs(keras::losses::supported_losses_markdown().c_str(), stdout);
      return 0;
    }
    if (command == "metrics") {
      std::fputs(keras::metrics::supported_metrics_markdown().c_str(), stdout);
      return 0;
    }
    if (command == "optimizers") {
      std::fputs(keras::optimizers::supported_optimizers_markdown().c_str(), stdout);
      return 0;
    }
    if (command == "summary") return summary(argc, argv);
    if (command == "predict") return predict(argc, argv);
    if (command == "fit") return fit(argc, argv);
    if (command == "evaluate") return evaluate(argc, argv);
    if (command == "convert") return convert(argc, argv);
    if (command == "--help" || command == "-h" || command == "help") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    throw UsageError(command.empty() ? "no command given" : "unknown command '" + command + "'");
  } catch (const UsageError& e) {
    std::fprintf(stderr, "keraspp: %s (see keraspp --help)\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    // One line: the message without its line breaks.
    std::string message = e.what();
    for (auto& c : message)
      if (c == '\n') c = ' ';
    std::fprintf(stderr, "keraspp %s: %s\n", command.c_str(), message.c_str());
    return 1;
  }
}
