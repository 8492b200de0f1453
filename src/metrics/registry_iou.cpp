// The Keras names and from_config of the IoU metrics (iou_metrics.py).
#include "src/metrics/registry_tables.hpp"

namespace keras::metrics::detail {

ClassEntries iou_classes() {
  return {
      {"IoU", "io_u",
       [](const ConfigValue& c) {
         return build<IoUImpl, IoUOptions>(
             "IoU", c, [](IoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               if (!r.has("target_class_ids"))
                 throw TypeError("IoU() missing required argument: 'target_class_ids'");
               o.target_class_ids = int_list(r, "target_class_ids", {});
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_true = r.boolean("sparse_y_true", o.sparse_y_true);
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"BinaryIoU", "binary_io_u",
       [](const ConfigValue& c) {
         return build<BinaryIoUImpl, BinaryIoUOptions>(
             "BinaryIoU", c, [](BinaryIoUOptions& o, keras::detail::ConfigReader& r) {
               o.target_class_ids = int_list(r, "target_class_ids", o.target_class_ids);
               o.threshold = r.number("threshold", o.threshold);
             });
       }},
      {"MeanIoU", "mean_io_u",
       [](const ConfigValue& c) {
         return build<MeanIoUImpl, MeanIoUOptions>(
             "MeanIoU", c, [](MeanIoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_true = r.boolean("sparse_y_true", o.sparse_y_true);
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"OneHotIoU", "one_hot_io_u",
       [](const ConfigValue& c) {
         return build<OneHotIoUImpl, OneHotIoUOptions>(
             "OneHotIoU", c, [](OneHotIoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               if (!r.has("target_class_ids"))
                 throw TypeError("OneHotIoU() missing required argument: 'target_class_ids'");
               o.target_class_ids = int_list(r, "target_class_ids", {});
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
      {"OneHotMeanIoU", "one_hot_mean_io_u",
       [](const ConfigValue& c) {
         return build<OneHotMeanIoUImpl, OneHotMeanIoUOptions>(
             "OneHotMeanIoU", c, [](OneHotMeanIoUOptions& o, keras::detail::ConfigReader& r) {
               o.num_classes = static_cast<int>(r.required_integer("num_classes"));
               o.ignore_class = optional_int(r, "ignore_class");
               o.sparse_y_pred = r.boolean("sparse_y_pred", o.sparse_y_pred);
               o.axis = static_cast<int>(r.integer("axis", o.axis));
             });
       }},
  };
}

}  // namespace keras::metrics::detail
