#include "io/xlsx_reader.hpp"

#include <fmt/format.h>
#include <libxml/xmlreader.h>
#include <zip.h>

#include <cstdint>
#include <fstream>
#include <limits>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

// A part larger than this uncompressed (2 GiB, libxml2's limit for a buffer) is a ZIP bomb rather
// than a worksheet.
constexpr std::uint64_t kMaxPartBytes = std::numeric_limits<int>::max();
// Excel's own limits: columns A…XFD, rows 1…1 048 576.
constexpr std::size_t kMaxColumns = 16384;
constexpr std::size_t kMaxRows = 1048576;
// The text a sheet becomes pads every row with a value to the sheet's width; a few cells far
// apart must not become gigabytes of tabs. 64 M cells is several times what a 64 MiB upload holds.
constexpr std::size_t kMaxGridCells = std::size_t{64} << 20;

[[noreturn]] void Damaged(const std::string& path, std::string_view part, std::string_view what) {
  throw Error(ErrorCode::kBadValue,
              fmt::format("{} ({}: {})",
                          Tr("Excel-filen är skadad eller av okänt slag",
                             "the Excel file is damaged or of an unknown kind"),
                          part, what),
              {path, 0, 0}, std::string(part));
}

// The workbook's package: a ZIP archive of XML parts.
class Package {
 public:
  explicit Package(const std::string& path) : path_(path) {
    int error = 0;
    archive_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (archive_ == nullptr) {
      throw Error(
          ErrorCode::kNotCsv,
          std::string(Tr("är ingen Excel-arbetsbok (.xlsx)", "is no Excel workbook (.xlsx)")),
          {path, 0, 0});
    }
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;
  ~Package() { zip_discard(archive_); }

  // The part's bytes, or nullopt when the package has no such part.
  std::optional<std::string> Read(const std::string& name) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(archive_, name.c_str(), 0, &stat) != 0) return std::nullopt;
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > kMaxPartBytes) {
      Damaged(path_, name, Tr("för stor", "too large"));
    }
    zip_file_t* file = zip_fopen(archive_, name.c_str(), 0);
    if (file == nullptr) Damaged(path_, name, zip_strerror(archive_));
    std::string bytes(stat.size, '\0');
    const zip_int64_t read = zip_fread(file, bytes.data(), stat.size);
    zip_fclose(file);
    if (read != static_cast<zip_int64_t>(stat.size)) Damaged(path_, name, zip_strerror(archive_));
    return bytes;
  }

  std::optional<std::string> Require(const std::string& name) const {
    auto bytes = Read(name);
    if (!bytes) Damaged(path_, name, Tr("saknas", "is missing"));
    return bytes;
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  zip_t* archive_ = nullptr;
};

// A streaming pass over one XML part (libxml2's text reader: no network, no external entities).
class XmlPart {
 public:
  // The reader parses `bytes` in place, so the part keeps them.
  XmlPart(std::string bytes, const std::string& path, std::string part)
      : bytes_(std::move(bytes)), path_(path), part_(std::move(part)) {
    reader_ =
        xmlReaderForMemory(bytes_.data(), static_cast<int>(bytes_.size()), part_.c_str(), nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (reader_ == nullptr) Damaged(path_, part_, "XML");
  }
  XmlPart(const XmlPart&) = delete;
  XmlPart& operator=(const XmlPart&) = delete;
  ~XmlPart() { xmlFreeTextReader(reader_); }

  // Move to the next node; false at the end. Malformed XML is an error.
  bool Next() {
    const int status = xmlTextReaderRead(reader_);
    if (status < 0) Damaged(path_, part_, Tr("ogiltig XML", "malformed XML"));
    return status == 1;
  }
  bool IsStart() const { return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_ELEMENT; }
  bool IsEnd() const { return xmlTextReaderNodeType(reader_) == XML_READER_TYPE_END_ELEMENT; }
  bool IsEmpty() const { return xmlTextReaderIsEmptyElement(reader_) == 1; }
  std::string_view Name() const {
    const xmlChar* name = xmlTextReaderConstLocalName(reader_);
    return name == nullptr ? std::string_view() : reinterpret_cast<const char*>(name);
  }
  // An attribute by its local name, whatever its namespace (transitional or strict OOXML).
  std::optional<std::string> Attribute(std::string_view local_name) {
    std::optional<std::string> value;
    if (xmlTextReaderMoveToFirstAttribute(reader_) != 1) return value;
    do {
      const xmlChar* name = xmlTextReaderConstLocalName(reader_);
      if (name != nullptr && reinterpret_cast<const char*>(name) == local_name) {
        value = reinterpret_cast<const char*>(xmlTextReaderConstValue(reader_));
        break;
      }
    } while (xmlTextReaderMoveToNextAttribute(reader_) == 1);
    xmlTextReaderMoveToElement(reader_);
    return value;
  }
  // The text content of the current element.
  std::string Text() {
    xmlChar* text = xmlTextReaderReadString(reader_);
    std::string value = text == nullptr ? std::string() : reinterpret_cast<const char*>(text);
    xmlFree(text);
    return value;
  }
  [[noreturn]] void Fail(std::string_view what) const { Damaged(path_, part_, what); }

 private:
  std::string bytes_;
  const std::string& path_;
  std::string part_;
  xmlTextReaderPtr reader_ = nullptr;
};

// The first sheet's name and part ("xl/worksheets/sheet1.xml"), through the workbook's
// relationships.
std::pair<std::string, std::string> FirstSheet(const Package& package) {
  std::string name, relation;
  {
    XmlPart workbook(*package.Require("xl/workbook.xml"), package.path(), "xl/workbook.xml");
    while (workbook.Next()) {
      if (workbook.IsStart() && workbook.Name() == "sheet") {
        name = workbook.Attribute("name").value_or("");
        relation = workbook.Attribute("id").value_or("");
        break;
      }
    }
    if (relation.empty()) workbook.Fail(Tr("inget blad", "no sheet"));
  }
  const std::string rels_name = "xl/_rels/workbook.xml.rels";
  XmlPart rels(*package.Require(rels_name), package.path(), rels_name);
  while (rels.Next()) {
    if (rels.IsStart() && rels.Name() == "Relationship" && rels.Attribute("Id") == relation) {
      const std::string target = rels.Attribute("Target").value_or("");
      if (target.empty()) break;
      return {name, target.front() == '/' ? target.substr(1) : "xl/" + target};
    }
  }
  rels.Fail(fmt::format("{} {}", Tr("inget mål för", "no target for"), relation));
}

// The shared strings: each <si>'s text runs joined, without phonetic guides (<rPh>).
std::vector<std::string> SharedStrings(const Package& package) {
  std::vector<std::string> strings;
  const std::string part = "xl/sharedStrings.xml";
  auto bytes = package.Read(part);
  if (!bytes) return strings;
  XmlPart xml(std::move(*bytes), package.path(), part);
  bool phonetic = false;
  while (xml.Next()) {
    const std::string_view name = xml.Name();
    if (xml.IsStart()) {
      if (name == "si") {
        strings.emplace_back();
      } else if (name == "rPh" && !xml.IsEmpty()) {
        phonetic = true;
      } else if (name == "t" && !phonetic && !strings.empty()) {
        strings.back() += xml.Text();
      }
    } else if (xml.IsEnd() && name == "rPh") {
      phonetic = false;
    }
  }
  return strings;
}

// The 0-based column of a cell reference ("B3" → 1), or nullopt when it has no letters.
std::optional<std::size_t> ColumnOf(std::string_view reference) {
  std::size_t column = 0;
  std::size_t letters = 0;
  for (const char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<std::size_t>(c - 'A' + 1);
    ++letters;
  }
  if (letters == 0 || letters > 3) return std::nullopt;
  return column - 1;
}

// A whole number of at most nine digits ("3", "0"), or nullopt.
std::optional<std::size_t> WholeNumber(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<std::size_t>(c - '0');
  }
  return value;
}

void AppendField(std::string& out, const std::string& value) {
  if (value.find_first_of("\t\"\r\n") == std::string::npos) {
    out += value;
    return;
  }
  out += '"';
  for (const char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

}  // namespace

bool LooksLikeZip(std::string_view first_bytes) {
  return first_bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4);
}

ExcelSheetText ReadXlsxFirstSheet(const std::string& path) {
  const Package package(path);
  auto [name, part] = FirstSheet(package);
  const std::vector<std::string> strings = SharedStrings(package);

  // The rows that hold a value, in sheet order: the row number and its (column, value) cells.
  // Rows between them are empty lines; they take no memory here (a row r="1048576" is valid).
  struct Row {
    std::size_t number;
    std::vector<std::pair<std::size_t, std::string>> cells;
  };
  std::vector<Row> rows;
  std::size_t width = 0;
  {
    XmlPart sheet(*package.Require(part), path, part);
    std::size_t row = 0, column = 0;
    std::string type, value;
    bool in_cell = false;
    while (sheet.Next()) {
      const std::string_view element = sheet.Name();
      if (sheet.IsStart()) {
        if (element == "row") {
          const std::optional<std::string> reference = sheet.Attribute("r");
          const auto number = reference ? WholeNumber(*reference) : std::optional(row + 1);
          // Rows come in order, each once, and within Excel's limit (a fuzzed r="90000000" asked
          // for gigabytes).
          if (!number || *number <= row || *number > kMaxRows) {
            sheet.Fail(fmt::format("row r=\"{}\"", reference.value_or("")));
          }
          row = *number;
          column = 0;
        } else if (element == "c") {
          const auto reference = sheet.Attribute("r");
          const auto at = reference ? ColumnOf(*reference) : std::optional<std::size_t>(column);
          // Cells come in column order, each once (as rows do): a cell left of the one before
          // would make its row wider than the sheet (found by fuzz/xlsx_reader_fuzzer).
          if (!at || *at >= kMaxColumns || row == 0 || *at < column) {
            sheet.Fail(fmt::format("c r=\"{}\"", reference.value_or("")));
          }
          column = *at;
          type = sheet.Attribute("t").value_or("n");
          value.clear();
          in_cell = !sheet.IsEmpty();
          if (!in_cell) ++column;
        } else if (in_cell && element == "v") {
          value = sheet.Text();
        } else if (in_cell && element == "t" && type == "inlineStr") {
          value += sheet.Text();
        }
      } else if (sheet.IsEnd() && element == "c" && in_cell) {
        in_cell = false;
        if (type == "s") {
          const auto index = WholeNumber(value);
          if (!index || *index >= strings.size())
            sheet.Fail(fmt::format("shared string {}", value));
          value = strings[*index];
        } else if (type == "b") {
          value.assign(1, value == "1" ? '1' : '0');
        }
        if (!value.empty()) {
          if (rows.empty() || rows.back().number != row) rows.push_back({row, {}});
          rows.back().cells.emplace_back(column, value);
          width = std::max(width, column + 1);
        }
        ++column;
      }
    }
  }

  if (width > 0 && rows.size() > kMaxGridCells / width) {
    Damaged(
        path, part,
        fmt::format("{} {} × {}", Tr("för stort blad:", "sheet too large:"), rows.size(), width));
  }
  ExcelSheetText out{std::move(name), {}};
  std::size_t line = 0;
  for (const auto& [number, cells] : rows) {
    // The empty rows before this one, so that a line of the text is the sheet's row.
    out.tsv.append(number - 1 - line, '\n');
    line = number;
    std::size_t next = 0;
    for (const auto& [column, value] : cells) {
      for (; next < column; ++next) out.tsv += next == 0 ? "" : "\t";
      if (next > 0) out.tsv += '\t';
      AppendField(out.tsv, value);
      next = column + 1;
    }
    for (; next < width; ++next) out.tsv += '\t';
    out.tsv += '\n';
  }
  return out;
}

Table ReadTableFile(const std::string& path, const CsvOptions& options, CsvFormat* format) {
  char first[4] = {};
  {
    std::ifstream file(path, std::ios::binary);
    file.read(first, sizeof first);
  }
  if (!LooksLikeZip(std::string_view(first, sizeof first))) {
    return ReadCsvFile(path, options, format);
  }
  const ExcelSheetText sheet = ReadXlsxFirstSheet(path);
  CsvOptions tsv = options;
  tsv.delimiter = '\t';
  tsv.encoding = TextEncoding::kUtf8;
  if (tsv.decimal_mark == DecimalMark::kAuto) tsv.decimal_mark = DecimalMark::kPoint;
  Table table;
  try {
    table = ReadCsvText(sheet.tsv, path, tsv, format);
  } catch (const Error& error) {
    // The line is the sheet's row; a byte column of the text the sheet became means nothing in
    // Excel, where the error's field names the column.
    SourceLocation location = error.location();
    location.column = 0;
    throw Error(error.code(), error.message(), location, error.field(), error.value());
  }
  if (format != nullptr) {
    format->excel_sheet = sheet.name;
    format->notes.insert(
        format->notes.begin(),
        fmt::format(fmt::runtime(Tr("läst från Excel-arbetsbokens första blad, '{}'",
                                    "read from the Excel workbook's first sheet, "
                                    "'{}'")),
                    sheet.name));
  }
  return table;
}

}  // namespace jamlik
