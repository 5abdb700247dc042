#pragma once
// The CSV tokenizer all passes share. RFC 4180 fields: quotes, doubled quotes, delimiters and
// newlines inside quotes, CRLF or LF, an optional final newline. Read leniently where most readers
// are (Python's csv, pandas, R): a quote inside an unquoted field, or text after a closing quote,
// is an ordinary character. Such "stray" quotes are counted because they upset the quote parity
// the parallel chunking relies on. Blank lines are skipped.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace jamlik::csv_internal {

enum class FieldForm : std::uint8_t {
  kPlain,   // `text` is the value
  kQuoted,  // `text` is the value, found between quotes
  kRaw,     // `text` is the field as written, quotes and all; Unquote gives the value
};

struct FieldView {
  std::string_view text;
  FieldForm form = FieldForm::kPlain;

  // Empty fields are nulls; a raw field is never empty.
  bool empty() const { return text.empty(); }
  // The field's first byte in the buffer: its opening quote if it has one.
  const char* start() const { return form == FieldForm::kQuoted ? text.data() - 1 : text.data(); }
};

// Append the value of a raw field to `out`: enclosing quotes removed, doubled quotes inside them
// made single, every other character kept.
inline void Unquote(std::string_view raw, std::string* out) {
  bool quoted = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c != '"') {
      out->push_back(c);
    } else if (!quoted && i == 0) {
      quoted = true;
    } else if (quoted && i + 1 < raw.size() && raw[i + 1] == '"') {
      out->push_back('"');
      ++i;
    } else if (quoted) {
      quoted = false;
    } else {
      out->push_back(c);
    }
  }
}

// Return the value of `field`, unquoting into `scratch` when it has to.
inline std::string_view FieldValue(const FieldView& field, std::string* scratch) {
  if (field.form != FieldForm::kRaw) return field.text;
  scratch->clear();
  Unquote(field.text, scratch);
  return *scratch;
}

// Return `c` in each of the eight bytes of a word.
constexpr std::uint64_t BroadcastByte(char c) {
  return 0x0101010101010101ULL * static_cast<unsigned char>(c);
}

// Finds the next delimiter, newline or quote eight bytes at a time.
class SpecialFinder {
 public:
  explicit SpecialFinder(char delimiter)
      : delimiter_(delimiter), delimiter_bytes_(BroadcastByte(delimiter)) {}

  // Return the offset of the first special byte at or after `pos`, or `size`.
  std::size_t Next(const char* data, std::size_t pos, std::size_t size) const {
    static_assert(std::endian::native == std::endian::little,
                  "the byte scan assumes little endian");
    for (; pos + 8 <= size; pos += 8) {
      std::uint64_t word;
      std::memcpy(&word, data + pos, sizeof word);
      const std::uint64_t hits = ZeroBytes(word ^ kNewlines) | ZeroBytes(word ^ kQuotes) |
                                 ZeroBytes(word ^ delimiter_bytes_);
      if (hits != 0) return pos + static_cast<std::size_t>(std::countr_zero(hits) / 8);
    }
    while (pos < size && !IsSpecial(data[pos])) ++pos;
    return pos;
  }

  char delimiter() const { return delimiter_; }

 private:
  // The high bit of each zero byte of `word` is set; bits above the lowest zero byte may be set
  // spuriously, which is harmless since only the lowest counts.
  static std::uint64_t ZeroBytes(std::uint64_t word) {
    return (word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL;
  }
  bool IsSpecial(char c) const { return c == '\n' || c == '"' || c == delimiter_; }

  static constexpr std::uint64_t kNewlines = BroadcastByte('\n');
  static constexpr std::uint64_t kQuotes = BroadcastByte('"');
  char delimiter_;
  std::uint64_t delimiter_bytes_;
};

enum class ScanStop : std::uint8_t {
  kDone,
  kRaggedRow,          // error_offset: first surplus field, or the end of a short row
  kUnterminatedQuote,  // error_offset: the opening quote
  kSinkStopped,        // the sink refused a field (it records why); error_offset: the field
};

struct ScanResult {
  std::size_t end = 0;  // where the next row starts, or the size of the text
  std::size_t rows = 0;
  std::size_t stray_quotes = 0;
  std::size_t first_stray_quote = 0;  // offset; meaningful when stray_quotes > 0
  ScanStop stop = ScanStop::kDone;
  std::size_t error_offset = 0;
  std::size_t error_column = 0;  // field index of the error within its row
  std::size_t error_fields = 0;  // fields in the ragged row
};

// Tokenize the rows of `text` that start at or after `begin` and before `stop_before` (a row that
// starts there is read to its end, wherever that is). `begin` must be the start of a line.
// Calls sink.Field(column, field) for each field (false stops the scan) and sink.RowEnd() after
// each row. With `num_fields` 0 any number of fields is accepted; otherwise a row with another
// number of fields stops the scan as ragged.
template <class Sink>
ScanResult ScanRows(std::string_view text, std::size_t begin, std::size_t stop_before,
                    const SpecialFinder& finder, std::size_t num_fields, Sink& sink) {
  const char* const data = text.data();
  const std::size_t size = text.size();
  const char delimiter = finder.delimiter();
  ScanResult result;
  // Find the end of an unquoted stretch from `from`, stepping over stray quotes.
  auto field_end = [&](std::size_t from) {
    std::size_t end = finder.Next(data, from, size);
    while (end < size && data[end] == '"') {
      if (result.stray_quotes++ == 0) result.first_stray_quote = end;
      end = finder.Next(data, end + 1, size);
    }
    return end;
  };
  // The value ends before a '\r' that precedes the line end.
  auto trim_cr = [&](std::size_t from, std::size_t end) {
    return end > from && data[end - 1] == '\r' && (end == size || data[end] == '\n') ? end - 1
                                                                                     : end;
  };
  std::size_t pos = begin;
  while (pos < stop_before && pos < size) {
    if (data[pos] == '\n') {
      ++pos;
      continue;
    }
    if (data[pos] == '\r' && (pos + 1 == size || data[pos + 1] == '\n')) {
      pos += pos + 1 == size ? 1 : 2;
      continue;
    }
    std::size_t column = 0;
    std::size_t surplus_field = 0;
    for (;;) {
      const std::size_t field_start = pos;
      FieldView field;
      std::size_t stop;  // the delimiter, newline or end of text after the field
      if (pos < size && data[pos] == '"') {
        std::size_t close = pos + 1;
        bool doubled = false;
        for (;;) {
          const void* quote = std::memchr(data + close, '"', size - close);
          if (quote == nullptr) {
            result.stop = ScanStop::kUnterminatedQuote;
            result.error_offset = field_start;
            result.error_column = column;
            result.end = size;
            return result;
          }
          close = static_cast<std::size_t>(static_cast<const char*>(quote) - data);
          if (close + 1 < size && data[close + 1] == '"') {
            doubled = true;
            close += 2;
            continue;
          }
          break;
        }
        stop = field_end(close + 1);
        const std::size_t value_end = trim_cr(close + 1, stop);
        if (value_end == close + 1 && !doubled) {
          field = {std::string_view(data + pos + 1, close - pos - 1), FieldForm::kQuoted};
        } else {
          field = {std::string_view(data + pos, value_end - pos), FieldForm::kRaw};
        }
      } else {
        stop = field_end(pos);
        field = {std::string_view(data + pos, trim_cr(pos, stop) - pos), FieldForm::kPlain};
      }
      if (num_fields == 0 || column < num_fields) {
        if (!sink.Field(column, field)) {
          result.stop = ScanStop::kSinkStopped;
          result.error_offset = field_start;
          result.error_column = column;
          result.end = pos;
          return result;
        }
      } else if (column == num_fields) {
        surplus_field = field_start;
      }
      ++column;
      if (stop < size && data[stop] == delimiter) {
        pos = stop + 1;
        continue;
      }
      pos = stop < size ? stop + 1 : size;
      if (num_fields != 0 && column != num_fields) {
        result.stop = ScanStop::kRaggedRow;
        result.error_offset = column > num_fields ? surplus_field : trim_cr(field_start, stop);
        result.error_column = column;
        result.error_fields = column;
        result.end = pos;
        return result;
      }
      sink.RowEnd();
      ++result.rows;
      break;
    }
  }
  result.end = pos;
  return result;
}

}  // namespace jamlik::csv_internal
