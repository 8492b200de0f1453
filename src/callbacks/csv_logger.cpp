#include "keras/callbacks/csv_logger.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "keras/core/errors.hpp"
#include "src/callbacks/model_access.hpp"

namespace keras::callbacks {

CSVLoggerImpl::CSVLoggerImpl(std::string filename_, CSVLoggerOptions options)
    : filename(std::move(filename_)),
      separator(std::move(options.separator)),
      append(options.append) {
  // Python's csv module takes a one-character delimiter.
  if (separator.size() != 1)
    throw TypeError("\"delimiter\" must be a 1-character string; received separator=\"" +
                    separator + "\"");
}

CSVLoggerImpl::~CSVLoggerImpl() { close(); }

void CSVLoggerImpl::close() {
  if (file_) std::fclose(file_);
  file_ = nullptr;
}

void CSVLoggerImpl::on_train_begin(const Logs&) {
  append_header_ = true;
  if (append) {
    std::ifstream existing(filename);
    std::string first_line;
    if (existing && std::getline(existing, first_line)) append_header_ = first_line.empty();
  }
  close();
  file_ = std::fopen(filename.c_str(), append ? "ab" : "wb");
  if (!file_)
    throw IOError("CSVLogger: cannot open '" + filename + "' for writing: " + std::strerror(errno));
  keys_.reset();
  header_written_ = false;
}

// A field as Python's csv module (excel dialect, minimal quoting) writes it.
void CSVLoggerImpl::write_row(const std::vector<std::string>& fields) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += separator;
    const std::string& f = fields[i];
    if (f.find_first_of(separator + "\"\r\n") == std::string::npos) {
      line += f;
      continue;
    }
    line += '"';
    for (char c : f) line += c == '"' ? std::string("\"\"") : std::string(1, c);
    line += '"';
  }
  line += "\r\n";
  if (std::fwrite(line.data(), 1, line.size(), file_) != line.size() || std::fflush(file_) != 0)
    throw IOError("CSVLogger: cannot write to '" + filename + "': " + std::strerror(errno));
}

namespace {

// Keras's handle_value: a number as Python's repr; an array as the text "[a, b]" of its
// elements' numpy str, wrapped in literal double quotes (which the csv module then quotes
// again, so the file holds """[a, b]""").
std::string csv_field(const LogValue& value) {
  if (value.is_scalar()) return detail::python_float(value.item());
  std::string out = "\"[";
  for (std::size_t i = 0; i < value.size(); ++i)
    out += (i ? ", " : "") + detail::numpy_float32_str(value.values()[i]);
  return out + "]\"";
}

}  // namespace

void CSVLoggerImpl::on_epoch_end(int epoch, Logs& logs) {
  if (!file_) throw ValueError("CSVLogger: on_epoch_end before on_train_begin");
  if (!keys_) {
    keys_.emplace();
    bool has_validation = false;
    for (const auto& [key, value] : logs) {  // sorted, as Keras sorts them
      keys_->push_back(key);
      has_validation = has_validation || key.rfind("val_", 0) == 0;
    }
    if (!has_validation) {
      const std::size_t n = keys_->size();
      for (std::size_t i = 0; i < n; ++i) keys_->push_back("val_" + (*keys_)[i]);
    }
  }
  if (!header_written_) {
    header_written_ = true;
    if (append_header_) {
      std::vector<std::string> header{"epoch"};
      header.insert(header.end(), keys_->begin(), keys_->end());
      write_row(header);
    }
  }
  std::vector<std::string> row{std::to_string(epoch)};
  for (const auto& key : *keys_) {
    auto it = logs.find(key);
    row.push_back(it == logs.end() ? "NA" : csv_field(it->second));
  }
  write_row(row);
}

void CSVLoggerImpl::on_train_end(const Logs&) { close(); }

}  // namespace keras::callbacks
