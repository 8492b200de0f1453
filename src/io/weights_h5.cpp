// Keras 3's `.weights.h5` (keras-formats.md §4.1), following keras/src/saving/saving_lib.py:
// `_save_state` / `_load_state` visit the model, then each entry of its `layers` list under
// `layers/<snake_case(class name)>` (de-duplicated per list: dense, dense_1, ...), depth first,
// each object once. An object's own variables are datasets "0", "1", ... of its `vars` group,
// which carries the object's name as an attribute.
#include "src/io/weights_h5.hpp"

#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <unordered_set>

#include "keras/backends/backend.hpp"
#include "keras/core/ops.hpp"
#include "keras/models/model.hpp"
#include "keras/optimizers/loss_scale_optimizer.hpp"
#include "keras/optimizers/multi_optimizer.hpp"
#include "keras/optimizers/optimizer.hpp"
#include "src/utils/messages.hpp"
#include "src/io/hdf5/hdf5.hpp"
#include "src/io/loaded_weights.hpp"
#include "src/io/temp_file.hpp"

namespace keras::io {

namespace {

using Visit = std::function<void(const Layer& layer, const std::string& path)>;

std::string vars_path(const std::string& path) { return path.empty() ? "vars" : path + "/vars"; }

// Keras's traversal. A shared layer is visited once, at its first position; its key is still
// used up in later lists, as Keras's `_get_unique_name` counts it before `_save_state` skips it.
// The Python class whose snake_case name keys a layer, where Keras exports the class under
// another name (keras.layers.GroupQueryAttention is the class GroupedQueryAttention).
std::string python_class(const std::string& class_name) {
  return class_name == "GroupQueryAttention" ? "GroupedQueryAttention" : class_name;
}

void walk(const Layer& layer, const std::string& path, std::unordered_set<const Layer*>& visited,
          const Visit& visit) {
  if (!visited.insert(&layer).second) return;
  visit(layer, path);
  const auto* model = dynamic_cast<const Model*>(&layer);
  // Keras reaches a plain layer's sublayers through its Python attributes, whose names C++
  // does not have; keraspp keys them as a model's list, so its own files round-trip.
  const auto children = model ? model->layers() : layer.sublayers();
  std::map<std::string, int> used;
  for (const auto& child : children) {
    if (const std::string attribute = model ? "" : layer.sublayer_attribute(*child);
        !attribute.empty()) {
      walk(*child, (path.empty() ? "" : path + "/") + attribute, visited, visit);
      continue;
    }
    std::string key = to_snake_case(python_class(child->class_name()));
    auto [it, fresh] = used.emplace(key, 0);
    if (!fresh) {
      key += '_';  // appended piecewise: `"_" + std::string&&` trips GCC 12's false -Wrestrict
      key += std::to_string(++it->second);
    }
    walk(*child, (path.empty() ? "" : path + "/") + "layers/" + key, visited, visit);
  }
}

std::string variable_names(const std::vector<Variable>& vars) {
  std::string out;
  for (const auto& v : vars) out += (out.empty() ? "'" : ", '") + v.name() + "'";
  return "[" + out + "]";
}

// The group at `path`, creating it and its parents.
hdf5::Group make_groups(const hdf5::Group& root, const std::string& path) {
  hdf5::Group g = root;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    const std::string part = path.substr(start, end - start);
    g = g.kind(part) == hdf5::Kind::missing ? g.create_group(part) : g.group(part);
    start = end + 1;
  }
  return g;
}

// The `vars` group Keras's H5IOStore.get(path) finds, if any: `<path>/vars`, or for files from
// tf.keras 2.12-2.15 the same path with "layers" replaced by "_layer_checkpoint_dependencies"
// (Python's str.replace, every occurrence, as Keras does).
std::optional<hdf5::Group> find_vars(const hdf5::Group& root, const std::string& path,
                                     bool tf_keras_layout) {
  auto lookup = [&](const std::string& p) -> std::optional<hdf5::Group> {
    if (!p.empty() && root.kind(p) != hdf5::Kind::group) return std::nullopt;
    if (root.kind(vars_path(p)) == hdf5::Kind::missing) return std::nullopt;
    return root.group(vars_path(p));  // IOError if `vars` is not a group
  };
  if (auto g = lookup(path)) return g;
  if (!tf_keras_layout || path.empty()) return std::nullopt;
  std::string old = path;
  const std::string from = "layers", to = "_layer_checkpoint_dependencies";
  for (std::size_t pos = 0; (pos = old.find(from, pos)) != std::string::npos; pos += to.size())
    old.replace(pos, from.size(), to);
  return lookup(old);
}

// One optimizer's own variables as Keras's saver writes them: <path>/0..n, named.
void write_optimizer_vars(const optimizers::Optimizer& optimizer, const hdf5::Group& root,
                          const std::string& path) {
  const hdf5::Group vars = make_groups(root, path);
  vars.set_string_attr("name", optimizer.name());
  const auto variables = optimizer.variables();
  for (std::size_t i = 0; i < variables.size(); ++i)
    vars.write(std::to_string(i), variables[i].value());
}

// Keras saves a compiled model's `optimizer` attribute after its layers: optimizer/vars/0..n.
// Its saver also walks the optimizers a wrapper holds, writing their variables again: a
// LossScaleOptimizer's under optimizer/inner_optimizer, a MultiOptimizer's `optimizers` list
// under the snake_case class name made unique ("sgd", "sgd_1"). Keras's loader reads those
// groups too (and warns when they are missing); ours reads optimizer/vars, which holds them all.
void save_optimizer(const optimizers::Optimizer& optimizer, const hdf5::Group& root) {
  write_optimizer_vars(optimizer, root, "optimizer/vars");
  if (const auto* scaled = dynamic_cast<const optimizers::LossScaleOptimizerImpl*>(&optimizer))
    write_optimizer_vars(*scaled->inner_optimizer(), root, "optimizer/inner_optimizer/vars");
  if (const auto* multi = dynamic_cast<const optimizers::MultiOptimizerImpl*>(&optimizer)) {
    std::map<std::string, int> used;
    for (const auto& inner : multi->optimizers()) {
      // Appended piecewise: GCC 12 misreads `"..." + std::string` here (-Wrestrict).
      std::string path = "optimizer/optimizers/";
      const std::string name = to_snake_case(inner->class_name());
      path += name;
      if (auto [it, fresh] = used.emplace(name, 0); !fresh) {
        path += '_';
        path += std::to_string(++it->second);
      }
      path += "/vars";
      write_optimizer_vars(*inner, root, path);
    }
  }
}

// Keras's Optimizer.load_own_variables: positional, all or nothing. Returns the assignments to
// make, checked, so that they happen only once the whole file has been read.
std::vector<LoadedWeight> read_optimizer(const optimizers::Optimizer& optimizer,
                                         const hdf5::Group& root, const std::string& where) {
  if (root.kind("optimizer/vars") != hdf5::Kind::group) return {};
  const hdf5::Group vars = root.group("optimizer/vars");
  const auto variables = optimizer.variables();
  const std::size_t stored = vars.children().size();
  if (stored != variables.size()) {
    std::string msg = "Skipping variable loading for optimizer '" + optimizer.name() +
                      "', because it has " + std::to_string(variables.size()) +
                      " variables whereas the saved optimizer has " + std::to_string(stored) +
                      " variables. ";
    if (!optimizer.built())
      msg += "This is likely because the optimizer has not been called/built yet.";
    utils::detail::warn(where + msg);
    return {};
  }
  std::vector<LoadedWeight> out;
  for (std::size_t i = 0; i < variables.size(); ++i) {
    const Variable& v = variables[i];
    const std::string key = std::to_string(i);
    if (vars.kind(key) != hdf5::Kind::dataset)
      throw ValueError(where + "the optimizer group '/optimizer/vars' has no dataset '" + key +
                       "'; its members are named 0 to " + std::to_string(stored - 1));
    const hdf5::Dataset data = vars.dataset(key);
    if (data.shape() != v.shape())
      throw ValueError(where + "optimizer variable " + key + " ('" + v.path() +
                       "'): expected shape " + v.shape().to_string() + ", received shape " +
                       data.shape().to_string() + " from dataset '" + data.path() + "'");
    // Keras on JAX stores the iteration counter as int32; ours is int64.
    Tensor t = data.read();
    if (t.dtype() != v.dtype()) t = ops::cast(t, v.dtype());
    out.push_back({v, t, "dataset '" + data.path() + "'"});
  }
  return out;
}

}  // namespace

void save_weights_h5(const Model& model, const std::string& filepath, bool include_optimizer) {
  TempFile tmp = TempFile::beside(filepath);
  hdf5::File file = hdf5::File::create(tmp.path());
  {
    const hdf5::Group root = file.root();
    std::unordered_set<const Layer*> visited;
    walk(model, "", visited, [&](const Layer& layer, const std::string& path) {
      const hdf5::Group vars = make_groups(root, vars_path(path));
      vars.set_string_attr("name", layer.name());
      const auto own = layer.own_variables();
      for (std::size_t i = 0; i < own.size(); ++i) vars.write(std::to_string(i), own[i].value());
    });
    const auto optimizer = model.optimizer();
    if (include_optimizer && optimizer && optimizer->built()) save_optimizer(*optimizer, root);
  }
  file.close();
  tmp.commit_to(filepath);
}

void load_weights_h5(Model& model, const std::string& filepath, bool skip_mismatch) {
  const std::string where = "load_weights('" + filepath + "'): ";
  if (!model.built())
    throw ValueError(where +
                     "You are loading weights into a model that has not yet been built. Try "
                     "building the model first by calling it on some data or by giving it an "
                     "`Input`.");
  const hdf5::File file = hdf5::File::open_read(filepath);
  const hdf5::Group root = file.root();
  const bool tf_keras_layout = root.kind("_layer_checkpoint_dependencies") != hdf5::Kind::missing;

  // Everything is read and checked before any variable changes: a file that does not fit the
  // model leaves the model as it was.
  std::vector<LoadedWeight> values;
  std::unordered_set<const Layer*> visited;
  // One layer's stored variables, checked against its own; ValueError when they do not fit.
  auto read_layer = [&](const Layer& layer, const std::string& path) {
    std::vector<LoadedWeight> out;
    const auto own = layer.own_variables();
    const auto vars = find_vars(root, path, tf_keras_layout);
    const auto keys = vars ? vars->children() : std::vector<std::string>{};
    const std::string group = "'/" + vars_path(path) + "'";
    if (keys.size() != own.size()) {
      if (own.empty() && !layer.built())
        throw ValueError(where + "Layer '" + layer.name() +
                         "' was never built and thus it doesn't have any variables. However "
                         "the weights file lists " +
                         std::to_string(keys.size()) + " variables for this layer (group " + group +
                         ").");
      throw ValueError(where + "Layer '" + layer.name() + "' expected " +
                       std::to_string(own.size()) + " variables, but received " +
                       std::to_string(keys.size()) + " variables during loading (group " + group +
                       "). Expected: " + variable_names(own));
    }
    for (std::size_t i = 0; i < own.size(); ++i) {
      const Variable& v = own[i];
      const std::string key = std::to_string(i);
      if (vars->kind(key) != hdf5::Kind::dataset)
        throw ValueError(where + "Layer '" + layer.name() + "': group " + group +
                         " has no dataset '" + key + "' for variable " + key + " ('" + v.name() +
                         "'); its members are named 0 to " + std::to_string(own.size() - 1));
      const hdf5::Dataset data = vars->dataset(key);
      const Shape shape = data.shape();
      if (shape != v.shape())
        throw ValueError(where + "Layer '" + layer.name() + "', variable " + key + " ('" +
                         v.name() + "'): expected shape " + v.shape().to_string() +
                         ", received shape " + shape.to_string() + " from dataset '" + data.path() +
                         "'");
      // Stored values take the variable's dtype, as Keras's `variable.assign` casts them.
      const DType as = is_storage_only(v.dtype()) ? DType::float32 : v.dtype();
      Tensor t = data.read(as);
      if (as != v.dtype()) t = ops::cast(t, v.dtype());
      out.push_back({v, t, "dataset '" + data.path() + "'"});
    }
    return out;
  };
  walk(model, "", visited, [&](const Layer& layer, const std::string& path) {
    try {
      for (auto& entry : read_layer(layer, path)) values.push_back(std::move(entry));
    } catch (const ValueError& e) {
      if (!skip_mismatch) throw;
      utils::detail::warn("Skipping variable loading for layer '" + layer.name() +
                          "' (skip_mismatch=True): " + e.what());
    }
  });
  if (const auto optimizer = model.optimizer()) {
    try {
      auto optimizer_values = read_optimizer(*optimizer, root, where);
      values.insert(values.end(), optimizer_values.begin(), optimizer_values.end());
    } catch (const ValueError& e) {
      if (!skip_mismatch) throw;
      utils::detail::warn("Skipping variable loading for optimizer '" + optimizer->name() +
                          "' (skip_mismatch=True): " + e.what());
    }
  }
  assign_loaded_weights(values, filepath);
}

}  // namespace keras::io
