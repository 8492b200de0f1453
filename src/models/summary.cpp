// Model::summary: Keras 3's table — layer (type), output shape, param # (and "connected to"
// for graphs that are not a plain chain), then total / trainable / non-trainable params.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "keras/layers/core/input_layer.hpp"
#include "src/models/functional_graph.hpp"
#include "keras/models/model.hpp"
#include "keras/optimizers/optimizer.hpp"

namespace keras {

namespace {

// Appends digit by digit: GCC 12 flags the shorter in-place `insert` version with a false
// -Wrestrict (GCC bug 105329), which -Werror turns into a failed build.
std::string with_commas(std::int64_t n) {
  const std::string digits = std::to_string(n);
  const std::size_t first = digits[0] == '-' ? 1 : 0;
  std::string s = digits.substr(0, first);
  for (std::size_t i = first; i < digits.size(); ++i) {
    if (i > first && (digits.size() - i) % 3 == 0) s += ',';
    s += digits[i];
  }
  return s;
}

std::string readable_size(double bytes) {
  const char* units[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  for (const char* unit : units) {
    if (bytes / 1024.0 < 1.0) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.2f %s", bytes, unit);
      return buf;
    }
    bytes /= 1024.0;
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.2f PB", bytes);
  return buf;
}

std::int64_t bytes_of(const std::vector<Variable>& vars) {
  std::int64_t b = 0;
  for (const auto& v : vars)
    b += v.shape().size() * static_cast<std::int64_t>(dtype_size(v.dtype()));
  return b;
}

std::int64_t count(const std::vector<Variable>& vars) {
  std::int64_t n = 0;
  for (const auto& v : vars) n += v.shape().size();
  return n;
}

// Box-drawing table with cells that may span several lines.
struct Table {
  std::vector<std::size_t> widths;  // content widths
  std::vector<bool> right;
  std::string out;

  static std::size_t display_width(const std::string& s) {
    std::size_t n = 0;
    for (unsigned char c : s)
      if ((c & 0xC0) != 0x80) ++n;
    return n;
  }
  void border(const char* l, const char* fill, const char* mid, const char* r) {
    out += l;
    for (std::size_t i = 0; i < widths.size(); ++i) {
      for (std::size_t k = 0; k < widths[i] + 2; ++k) out += fill;
      out += i + 1 < widths.size() ? mid : r;
    }
    out += "\n";
  }
  void row(const std::vector<std::vector<std::string>>& cells, const char* sep) {
    std::size_t lines = 1;
    for (const auto& c : cells) lines = std::max(lines, c.size());
    for (std::size_t line = 0; line < lines; ++line) {
      out += sep;
      for (std::size_t i = 0; i < widths.size(); ++i) {
        std::string text = line < cells[i].size() ? cells[i][line] : "";
        std::size_t pad = widths[i] - std::min(widths[i], display_width(text));
        out += " ";
        if (right[i]) out += std::string(pad, ' ') + text;
        else out += text + std::string(pad, ' ');
        out += " ";
        out += sep;
      }
      out += "\n";
    }
  }
};

bool is_chain(const FunctionalGraph& g) {
  if (g.inputs.size() != 1 || g.outputs.size() != 1) return false;
  const Node* previous = g.inputs[0].node().get();
  for (const auto& n : g.nodes) {
    if (n->inputs.size() != 1 || n->inputs[0].node().get() != previous) return false;
    previous = n.get();
  }
  return true;
}

}  // namespace

std::string Model::summary_string() const {
  bool chain = !graph_ || class_name() == "Sequential" || is_chain(*graph_);
  std::vector<std::vector<std::vector<std::string>>> rows;
  std::vector<std::shared_ptr<Layer>> shown = layers();
  for (const auto& layer : shown) {
    std::vector<std::vector<std::string>> r;
    r.push_back({layer->name() + " (" + layer->class_name() + ")"});
    std::string shape = "?";
    const auto& shapes = layer->last_output_shapes();
    if (auto input = std::dynamic_pointer_cast<layers::InputLayerImpl>(layer)) {
      shape = input->batch_shape().to_string();
    } else if (shapes.size() == 1) {
      shape = shapes[0].to_string();
    } else if (!shapes.empty()) {
      shape = "[";
      for (std::size_t i = 0; i < shapes.size(); ++i)
        shape += std::string(i ? ", " : "") + shapes[i].to_string();
      shape += "]";
    }
    r.push_back({shape});
    r.push_back({layer->built() ? with_commas(layer->count_params()) : "0 (unbuilt)"});
    if (!chain) {
      std::vector<std::string> connected;
      for (const auto& node : layer->inbound_nodes()) {
        bool in_graph = false;
        for (const auto& n : graph_->nodes)
          if (n == node) in_graph = true;
        if (!in_graph) continue;
        for (const auto& in : node->inputs)
          connected.push_back(in.node()->layer->name() + "[" + std::to_string(in.node()->index) +
                              "][" + std::to_string(in.output_index()) + "]");
      }
      if (connected.empty()) connected.push_back("-");
      // One "connected to" entry per line, with commas as Keras prints them.
      for (std::size_t i = 0; i + 1 < connected.size(); ++i) connected[i] += ",";
      r.push_back(connected);
    }
    rows.push_back(r);
  }

  Table t;
  std::vector<std::string> header{"Layer (type)", "Output Shape", "Param #"};
  t.widths = {31, 22, 13};
  t.right = {false, false, true};
  if (!chain) {
    header.push_back("Connected to");
    t.widths.push_back(17);
    t.right.push_back(false);
  }
  for (const auto& r : rows)
    for (std::size_t i = 0; i < r.size(); ++i)
      for (const auto& line : r[i]) t.widths[i] = std::max(t.widths[i], Table::display_width(line));
  for (std::size_t i = 0; i < header.size(); ++i)
    t.widths[i] = std::max(t.widths[i], header[i].size());

  t.out = "Model: \"" + name() + "\"\n";
  t.border("┏", "━", "┳", "┓");
  std::vector<std::vector<std::string>> head;
  for (const auto& h : header) head.push_back({h});
  t.row(head, "┃");
  t.border("┡", "━", "╇", "┩");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    t.row(rows[i], "│");
    if (i + 1 < rows.size()) t.border("├", "─", "┼", "┤");
  }
  t.border("└", "─", "┴", "┘");

  auto trainable = trainable_weights();
  auto frozen = non_trainable_weights();
  // As Keras: the optimizer's variables count once it is built (after the first training
  // step), not at compile time.
  std::vector<Variable> opt_vars;
  if (auto opt = optimizer(); opt && opt->built()) opt_vars = opt->variables();
  std::int64_t total = count(trainable) + count(frozen) + count(opt_vars);
  std::int64_t total_bytes = bytes_of(trainable) + bytes_of(frozen) + bytes_of(opt_vars);
  t.out += " Total params: " + with_commas(total) + " (" +
           readable_size(static_cast<double>(total_bytes)) + ")\n";
  t.out += " Trainable params: " + with_commas(count(trainable)) + " (" +
           readable_size(static_cast<double>(bytes_of(trainable))) + ")\n";
  t.out += " Non-trainable params: " + with_commas(count(frozen)) + " (" +
           readable_size(static_cast<double>(bytes_of(frozen))) + ")\n";
  if (!opt_vars.empty())
    t.out += " Optimizer params: " + with_commas(count(opt_vars)) + " (" +
             readable_size(static_cast<double>(bytes_of(opt_vars))) + ")\n";
  return t.out;
}

void Model::summary(const std::function<void(const std::string&)>& print_fn) const {
  std::string text = summary_string();
  if (print_fn) print_fn(text);
  else std::cout << text << std::flush;
}

}  // namespace keras
