#pragma once
// `CSVLogger`: writes each epoch's logs as a row of a CSV file (keras.callbacks.CSVLogger,
// Keras 3): the header "epoch" and the log keys sorted, plus "val_<key>" columns filled with
// NA when no validation ran; values as Python writes floats; rows end in "\r\n" as Python's
// csv module writes them; the file is flushed after each row. `append` continues an existing
// file (without a second header when it has one).
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "keras/callbacks/callback.hpp"
#include "keras/core/handle.hpp"

namespace keras::callbacks {

struct CSVLoggerOptions {
  std::string separator = ",";
  bool append = false;
};

class CSVLoggerImpl : public Callback {
 public:
  using Positional = std::tuple<std::string>;
  using Options = CSVLoggerOptions;
  explicit CSVLoggerImpl(std::string filename, CSVLoggerOptions options = {});
  ~CSVLoggerImpl() override;

  void on_train_begin(const Logs& logs) override;
  void on_epoch_end(int epoch, Logs& logs) override;
  void on_train_end(const Logs& logs) override;

  std::string filename;
  std::string separator;
  bool append;

 private:
  void write_row(const std::vector<std::string>& fields);
  void close();

  std::FILE* file_ = nullptr;
  std::optional<std::vector<std::string>> keys_;
  bool append_header_ = true;
  bool header_written_ = false;
};
KERAS_HANDLE(CSVLogger);

}  // namespace keras::callbacks
