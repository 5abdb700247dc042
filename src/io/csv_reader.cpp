#include "io/csv_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <deque>
#include <limits>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/parallel.hpp"
#include "io/csv_buffer_internal.hpp"
#include "io/csv_encoding_internal.hpp"
#include "io/csv_number_internal.hpp"
#include "io/csv_string_map_internal.hpp"
#include "io/csv_tokenizer_internal.hpp"

// How the reader works, in passes over a memory-mapped file split into chunks of a few MB:
//  0. Probe (parallel): NUL bytes, UTF-8 validity, and for quote-aware chunking the number of
//     quotes of each chunk and its first newline at even and at odd quote parity. A prefix over
//     the parities picks each chunk's first row start; this holds because escaped quotes come in
//     pairs. Invalid UTF-8 is converted from Windows-1252 into a new buffer and probed again.
//     A file whose first 64 KB are UTF-8 without NUL has its header read first, and each chunk is
//     tallied (pass 1) right after its probe from its row start at even parity, while its bytes
//     are in memory; pass 1 keeps the tallies whose start the parities confirm.
//  1. Tally (parallel): tokenize, check field counts and declared types, classify every value of
//     every inferred column and collect the distinct texts. A chunk's tally counts only if the
//     chunk starts where the previous one ended. Stray quotes (literal quotes inside unquoted
//     fields) break the parity argument for the chunks after them; those are planned again
//     from the last good row and tallied again.
//  2. Decide types and dictionaries from the merged tallies, allocate every column once.
//  3. Fill (parallel): tokenize again and write each chunk's rows at its row offset.
// Pages of the mapping are released as soon as a pass is done with them, so the input does not
// add to the table's memory. The first error in file order wins, whatever the thread count.
namespace jamlik {
namespace {

using csv_internal::ByteBuffer;
using csv_internal::FieldForm;
using csv_internal::FieldView;
using csv_internal::ScanResult;
using csv_internal::ScanRows;
using csv_internal::ScanStop;
using csv_internal::SpecialScanner;
using csv_internal::StringViewMap;

constexpr std::size_t kNone = std::string_view::npos;
constexpr std::size_t kSniffBytes = 64 * 1024;  // read to detect the delimiter and binary data
constexpr std::size_t kSniffRows = 20;
// In tables of up to this many rows, text with up to max_categories values is categorical.
constexpr std::size_t kSmallTableRows = 100;
constexpr std::size_t kMinChunkBytes = 1 << 20;  // chunks big enough that threads rarely wait
constexpr std::size_t kMaxChunkBytes = 8 << 20;
constexpr std::size_t kShownValueBytes = 60;  // longer values are cut in messages
constexpr std::size_t kProbePieceBytes = 64 * 1024;
// Rounds of re-planning chunks after stray quotes; after them, one chunk at a time.
constexpr int kParallelRounds = 8;

std::string Shown(std::string_view value) {
  if (value.size() <= kShownValueBytes) return std::string(value);
  std::size_t cut = kShownValueBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return std::string(value.substr(0, cut)) + "…";
}

// Turns byte offsets into file:line:column, counting only when an error is reported.
class Locator {
 public:
  Locator(std::string file, std::string_view text, bool columns_in_characters)
      : file_(std::move(file)), text_(text), columns_in_characters_(columns_in_characters) {}

  SourceLocation At(std::size_t offset) const {
    offset = std::min(offset, text_.size());
    const std::size_t line = 1 + std::count(text_.begin(), text_.begin() + offset, '\n');
    const std::size_t line_start = text_.rfind('\n', offset == 0 ? 0 : offset - 1);
    const std::size_t first = line_start == kNone || (offset == 0) ? 0 : line_start + 1;
    std::size_t column = offset - first;
    if (columns_in_characters_) {
      // Converted Windows-1252: one character per byte of the original file.
      column = std::count_if(text_.begin() + first, text_.begin() + offset,
                             [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    }
    return {file_, line, column + 1};
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
  std::string_view text_;
  bool columns_in_characters_;
};

[[noreturn]] void ThrowNotCsv(std::string_view swedish, std::string_view english,
                              SourceLocation location) {
  throw Error(ErrorCode::kNotCsv, std::string(Tr(swedish, english)), std::move(location));
}

// Calls the user's progress callback with a fraction that only grows, from any thread.
class ProgressReporter {
 public:
  explicit ProgressReporter(const std::function<void(double)>& callback) : callback_(callback) {}
  void Report(double fraction) {
    if (!callback_) return;
    std::lock_guard lock(mutex_);
    if (fraction <= reported_) return;
    reported_ = std::min(fraction, 1.0);
    callback_(reported_);
  }

 private:
  const std::function<void(double)>& callback_;
  std::mutex mutex_;
  double reported_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Pass 0: probing chunks.

struct ChunkProbe {
  std::size_t first_nul = kNone;
  std::size_t first_bad_utf8 = kNone;
  std::size_t quotes = 0;
  // The offset after the first newline reached with an even / odd number of quotes since the
  // chunk's scan began. The scan covers [begin - 1, end - 1), so these row starts lie in
  // [begin, end).
  std::size_t row_start[2] = {kNone, kNone};
};

std::vector<std::size_t> ChunkBounds(std::size_t size, std::size_t chunk_bytes) {
  std::vector<std::size_t> bounds{0};
  while (bounds.back() + chunk_bytes < size) bounds.push_back(bounds.back() + chunk_bytes);
  bounds.push_back(size);
  return bounds;
}

ChunkProbe ProbeChunk(std::string_view text, std::size_t begin, std::size_t end, bool check_utf8) {
  ChunkProbe probe;
  const char* data = text.data();
  // Three scans, each over a piece small enough to stay in the core's cache for the next.
  for (std::size_t piece = begin; piece < end; piece += kProbePieceBytes) {
    const std::size_t piece_end = std::min(end, piece + kProbePieceBytes);
    if (probe.first_nul == kNone) {
      if (const void* nul = std::memchr(data + piece, '\0', piece_end - piece)) {
        probe.first_nul = static_cast<std::size_t>(static_cast<const char*>(nul) - data);
      }
    }
    if (check_utf8 && probe.first_bad_utf8 == kNone) {
      probe.first_bad_utf8 = csv_internal::FindInvalidUtf8(text, piece, piece_end);
    }
    probe.quotes += csv_internal::CountByte(data + piece, piece_end - piece, '"');
  }
  // The parity scan covers [begin - 1, end - 1).
  const std::size_t scan_begin = begin == 0 ? 0 : begin - 1;
  const std::size_t scan_end = end - 1;
  if (probe.quotes == 0 && (begin == 0 || data[begin - 1] != '"')) {
    // No quote anywhere in the scan: every row start has even parity, and the first is all we
    // need (the general scan below would read on to the end looking for a quote).
    if (const void* newline = std::memchr(data + scan_begin, '\n', scan_end - scan_begin)) {
      probe.row_start[0] = static_cast<std::size_t>(static_cast<const char*>(newline) - data) + 1;
    }
    return probe;
  }
  if (begin > 0 && data[begin - 1] == '"') ++probe.quotes;
  if (data[end - 1] == '"') --probe.quotes;
  SpecialScanner newline_or_quote(data, scan_end, '\n');
  int parity = 0;
  for (std::size_t pos = scan_begin; pos < scan_end;) {
    if (probe.row_start[parity] != kNone) {
      // This parity's row start is known: skip to the next quote.
      const void* quote = std::memchr(data + pos, '"', scan_end - pos);
      if (quote == nullptr) break;
      pos = static_cast<std::size_t>(static_cast<const char*>(quote) - data) + 1;
      parity ^= 1;
      continue;
    }
    const std::size_t hit = newline_or_quote.Next(pos);
    if (hit == scan_end) break;
    if (data[hit] == '"') {
      parity ^= 1;
    } else {
      probe.row_start[parity] = hit + 1;
      if (probe.row_start[parity ^ 1] != kNone) break;
    }
    pos = hit + 1;
  }
  return probe;
}

std::vector<ChunkProbe> ProbeChunks(std::string_view text, const std::vector<std::size_t>& bounds,
                                    bool check_utf8, ByteBuffer& buffer,
                                    std::size_t buffer_offset) {
  std::vector<ChunkProbe> probes(bounds.size() - 1);
  ParallelFor(probes.size(), [&](std::size_t i) {
    buffer.Prefault(buffer_offset + bounds[i], buffer_offset + bounds[i + 1]);
    probes[i] = ProbeChunk(text, bounds[i], bounds[i + 1], check_utf8);
    if (buffer.reloadable())
      buffer.Release(buffer_offset + bounds[i], buffer_offset + bounds[i + 1]);
  });
  return probes;
}

// ---------------------------------------------------------------------------------------------
// Delimiter and header.

// Pick the delimiter that splits the first rows into the same number of fields, the most of them;
// on a tie prefer ';' then tab then ',', the order Swedish exports use them.
char DetectDelimiter(std::string_view text, std::size_t first_line) {
  constexpr char kCandidates[] = {';', '\t', ','};
  const std::size_t sample_end = std::min(text.size(), first_line + kSniffBytes);
  std::vector<std::array<std::size_t, 3>> rows;
  std::array<std::size_t, 3> counts{};
  bool quoted = false;
  bool row_has_text = false;
  for (std::size_t pos = first_line; pos < sample_end && rows.size() < kSniffRows; ++pos) {
    const char c = text[pos];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n') {
      if (row_has_text) rows.push_back(counts);
      counts = {};
      row_has_text = false;
      continue;
    }
    if (c != '\r') row_has_text = true;
    for (int k = 0; k < 3; ++k) counts[k] += c == kCandidates[k] ? 1 : 0;
  }
  // A last row without a newline counts only when the sample holds the whole file.
  if (row_has_text && sample_end == text.size() && !quoted) rows.push_back(counts);
  if (rows.empty()) return ',';
  int best = -1;
  bool best_consistent = false;
  for (int k = 0; k < 3; ++k) {
    const std::size_t in_header = rows[0][k];
    if (in_header == 0) continue;
    const bool consistent =
        std::all_of(rows.begin(), rows.end(), [&](const auto& row) { return row[k] == in_header; });
    const bool better = best < 0 || (consistent && !best_consistent) ||
                        (consistent == best_consistent && in_header > rows[0][best]);
    if (better) {
      best = k;
      best_consistent = consistent;
    }
  }
  return best < 0 ? ',' : kCandidates[best];
}

// Whether a field is a plain decimal number written with `mark` ("-12.5", " 3,25 ").
bool IsDecimalWith(std::string_view field, char mark) {
  field = csv_internal::TrimSpaces(field);
  if (!field.empty() && (field.front() == '-' || field.front() == '+')) field.remove_prefix(1);
  const std::size_t at = field.find(mark);
  if (at == 0 || at == std::string_view::npos || at + 1 == field.size()) return false;
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  };
  return digits(field.substr(0, at)) && digits(field.substr(at + 1));
}

// The decimal mark of a ';'- or tab-separated file, from its data: '.' when unquoted fields hold
// numbers with decimal points and none with decimal commas (exports from other systems), else ','
// (Swedish). Reads a small file whole and samples a large one at its start and three more windows
// spread through it, so that a column empty in the first rows still counts.
char DetectDecimalMark(std::string_view text, std::size_t first_line, char delimiter) {
  std::size_t points = 0, commas = 0;
  const auto count = [&](std::size_t begin, std::size_t bytes) {
    const std::size_t end = std::min(text.size(), begin + bytes);
    // Start at a line's beginning; a window starting inside a quoted field may misjudge a few
    // fields, which the counts below absorb.
    while (begin > first_line && begin < end && text[begin - 1] != '\n') ++begin;
    bool quoted = false;
    std::size_t start = begin;
    for (std::size_t pos = begin; pos < end; ++pos) {
      const char c = text[pos];
      if (c == '"') quoted = !quoted;
      if (quoted || (c != delimiter && c != '\n' && c != '\r')) continue;
      const std::string_view field = text.substr(start, pos - start);
      points += IsDecimalWith(field, '.') ? 1 : 0;
      commas += IsDecimalWith(field, ',') ? 1 : 0;
      start = pos + 1;
    }
  };
  if (text.size() <= first_line + 4 * kSniffBytes) {
    count(first_line, text.size());
  } else {
    for (int window = 0; window <= 3; ++window) {
      count(first_line + (text.size() - first_line) / 4 * window, kSniffBytes);
    }
  }
  return points > 0 && commas == 0 ? '.' : ',';
}

struct HeaderSink {
  explicit HeaderSink(const char* text) : base(text) {}

  const char* base;
  std::vector<std::string> names;
  std::vector<std::size_t> offsets;
  std::string scratch;

  bool Field(std::size_t, const FieldView& field) {
    names.emplace_back(csv_internal::TrimSpaces(FieldValue(field, &scratch)));
    offsets.push_back(static_cast<std::size_t>(field.start() - base));
    return true;
  }
  void RowEnd() {}
};

// ---------------------------------------------------------------------------------------------
// Pass 1: tallies.

// What pass 1 does with a column.
enum class Plan : std::uint8_t {
  kInfer,        // find the type from the values
  kInt64,        // declared: every value must be an integer
  kDouble,       // declared: every value must be a number
  kCategorical,  // declared: collect every distinct value
  kText,         // collect distinct values up to max_categories (re-collecting inferred text)
  kString,       // declared string, or not needed: nothing to learn
};

enum class Inferred : std::uint8_t { kInteger, kDecimal, kText };

// Integers below this, written as plain digits, are remembered while a column looks numeric, so
// that a column that turns text later (municipality codes: 1480 before 0180) still knows their
// texts without reading the chunk again.
constexpr std::size_t kRememberedIntegers = 4096;

// A text column whose distinct values are at least this many numbers and at most kMostTypos texts
// holds typos, not text (RejectTypos). Fewer numbers (a code list "1", "2", "1+2") stay text —
// except in the age and the period, numbers by nature even when only a few ages are written.
constexpr std::size_t kMostTypos = 2;
constexpr std::size_t kFewestNumbersAroundTypos = 20;
constexpr std::size_t kFewestAgesAroundTypos = 2;

// Whether a column may be numbers with typos: not a known dimension, which is text by nature (the
// period excepted).
bool MayHoldTypos(std::string_view name) {
  const DimensionInfo* known = FindDimension(CanonicalColumnName(name));
  return known == nullptr || known->kind == DimensionKind::kPeriod;
}

std::size_t FewestNumbersAroundTypos(std::string_view name) {
  const std::string canonical = CanonicalColumnName(name);
  const DimensionInfo* known = FindDimension(canonical);
  const bool numbers_by_nature =
      canonical == "alder" || (known != nullptr && known->kind == DimensionKind::kPeriod);
  return numbers_by_nature ? kFewestAgesAroundTypos : kFewestNumbersAroundTypos;
}

// What one chunk learned about one column.
struct ColumnTally {
  Inferred inferred = Inferred::kInteger;
  std::size_t nulls = 0;
  // Whether every value read as a number is in `small_integers`; if not and the column turns
  // out text, the chunk is read again to collect the numbers' texts.
  bool numbers_remembered = true;
  std::array<std::uint64_t, kRememberedIntegers / 64> small_integers{};
  bool overflowed = false;   // more distinct texts than max_categories: a string column
  bool stopped = false;      // stopped collecting because another chunk overflowed
  std::string code_example;  // the leading-zero code that turned the column text
  StringViewMap values;      // distinct texts; views into the chunk's arena
  // The range of the integers read, so that pass 3 stores them in the narrowest type.
  std::int64_t low = std::numeric_limits<std::int64_t>::max();
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  void AddInteger(std::int64_t value) {
    low = std::min(low, value);
    high = std::max(high, value);
  }
};

// An error found in a chunk, turned into an Error once it is known to be the first in the file.
struct ChunkError {
  ErrorCode code = ErrorCode::kInternal;
  std::size_t offset = 0;
  std::size_t column = 0;
  std::size_t fields = 0;  // for a ragged row
  Plan plan = Plan::kInfer;
  std::string value;
};

// Texts copied out of the input, in blocks that stay put when tallies move. The distinct values
// a chunk collects live here rather than as views into the input: pass 1 releases each chunk's
// pages of a mapped file as it finishes, and views would fault them back in when the columns are
// decided (on the 10.5 M-person file, 380 MB of it at once).
class TextArena {
 public:
  std::string_view Store(std::string_view text) {
    if (text.size() > capacity_ - used_) {
      capacity_ = std::max(kBlockBytes, text.size());
      blocks_.push_back(std::make_unique<char[]>(capacity_));
      used_ = 0;
    }
    char* at = blocks_.back().get() + used_;
    std::memcpy(at, text.data(), text.size());
    used_ += text.size();
    return {at, text.size()};
  }
  // Take over `other`'s blocks; texts stored in either stay where they are.
  void Adopt(TextArena&& other) {
    std::unique_ptr<char[]> current;
    if (!blocks_.empty()) current = std::move(blocks_.back()), blocks_.pop_back();
    for (auto& block : other.blocks_) blocks_.push_back(std::move(block));
    if (current) blocks_.push_back(std::move(current));
    other.blocks_.clear();
    other.used_ = other.capacity_ = 0;
  }

 private:
  static constexpr std::size_t kBlockBytes = std::size_t{64} << 10;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = 0;
  std::size_t capacity_ = 0;
};

struct ChunkTally {
  std::size_t begin = 0;
  ScanResult scan;
  std::vector<ColumnTally> columns;
  TextArena arena;  // the texts `values` point to
  std::optional<ChunkError> error;
};

// Everything the passes share about the file being read.
struct ReadContext {
  std::string_view text;
  char delimiter = ',';
  char decimal_mark = '.';
  std::size_t max_categories = 0;
  std::vector<std::string> names;
};

class TallySink {
 public:
  TallySink(const ReadContext& context, const std::vector<Plan>& plans,
            std::atomic<bool>* overflowed, ChunkTally* tally)
      : context_(context),
        plans_(plans),
        overflowed_(overflowed),
        tally_(tally),
        last_(plans.size()) {}

  bool Field(std::size_t column, const FieldView& field) {
    ColumnTally& tally = tally_->columns[column];
    if (field.empty()) {
      ++tally.nulls;
      return true;
    }
    switch (plans_[column]) {
      case Plan::kString:
        return true;
      case Plan::kInt64: {
        std::int64_t value;
        if (!csv_internal::ParseInt64(FieldValue(field, &scratch_), &value)) {
          return Refuse(column, field);
        }
        tally.AddInteger(value);
        return true;
      }
      case Plan::kDouble: {
        double value;
        return csv_internal::ParseDouble(FieldValue(field, &scratch_), context_.decimal_mark,
                                         &value) ||
               Refuse(column, field);
      }
      case Plan::kCategorical:
      case Plan::kText:
        Collect(column, tally, field);
        return true;
      case Plan::kInfer:
        if (tally.inferred != Inferred::kText) {
          const std::string_view value = FieldValue(field, &scratch_);
          std::uint64_t plain;
          switch (csv_internal::ClassifyValue(value, context_.decimal_mark, &plain)) {
            case csv_internal::ValueClass::kInteger:
              if (plain != csv_internal::kNotPlain) {
                tally.AddInteger(static_cast<std::int64_t>(plain));
              } else {
                std::int64_t signed_value = 0;  // a sign or spaces: the slow path, rarely
                csv_internal::ParseInt64(value, &signed_value);
                tally.AddInteger(signed_value);
              }
              if (plain < kRememberedIntegers) {
                tally.small_integers[plain / 64] |= std::uint64_t{1} << (plain % 64);
              } else {
                tally.numbers_remembered = false;
              }
              return true;
            case csv_internal::ValueClass::kDecimal:
              tally.inferred = Inferred::kDecimal;
              tally.numbers_remembered = false;
              return true;
            case csv_internal::ValueClass::kCode:
              tally.code_example = value;
              break;
            case csv_internal::ValueClass::kText:
              break;
          }
          tally.inferred = Inferred::kText;
        }
        Collect(column, tally, field);
        return true;
    }
    return true;
  }
  void RowEnd() {}

 private:
  bool Refuse(std::size_t column, const FieldView& field) {
    ChunkError& error = tally_->error.emplace();
    error.code = ErrorCode::kBadValue;
    error.offset = static_cast<std::size_t>(field.start() - context_.text.data());
    error.column = column;
    error.plan = plans_[column];
    error.value = FieldValue(field, &scratch_);
    return false;
  }

  void Collect(std::size_t column, ColumnTally& tally, const FieldView& field) {
    if (tally.overflowed || tally.stopped) return;
    const bool limited = plans_[column] != Plan::kCategorical;
    // Another chunk has already seen too many: stop collecting for this column.
    if (limited && overflowed_[column].load(std::memory_order_relaxed)) {
      tally.stopped = true;
      tally.values = {};
      return;
    }
    std::string_view value = FieldValue(field, &scratch_);
    // Sorted files repeat a value for many rows: compare with the previous one before hashing.
    std::string_view& last = last_[column];
    if (csv_internal::SameText(value, last)) return;
    if (tally.values.Find(value) != StringViewMap::kMissing) {
      // A raw field's value is in the scratch string, which the next field overwrites.
      if (field.form != FieldForm::kRaw) last = value;
      return;
    }
    value = tally_->arena.Store(value);
    tally.values.Insert(value, 0);
    last = value;  // the arena's bytes, which stay put
    if (limited && tally.values.size() > context_.max_categories) {
      tally.overflowed = true;
      tally.values = {};
      overflowed_[column].store(true, std::memory_order_relaxed);
    }
  }

  const ReadContext& context_;
  const std::vector<Plan>& plans_;
  std::atomic<bool>* overflowed_;
  ChunkTally* tally_;
  std::string scratch_;
  std::vector<std::string_view> last_;  // per column, the value collected last
};

// Tally the rows that start in [begin, stop_before).
ChunkTally TallyChunk(const ReadContext& context, const std::vector<Plan>& plans,
                      std::atomic<bool>* overflowed, std::size_t begin, std::size_t stop_before) {
  ChunkTally tally;
  tally.begin = begin;
  tally.columns.resize(plans.size());
  TallySink sink(context, plans, overflowed, &tally);
  tally.scan = ScanRows(context.text, begin, stop_before, context.delimiter, plans.size(), sink);
  switch (tally.scan.stop) {
    case ScanStop::kDone:
    case ScanStop::kSinkStopped:  // the sink has recorded the error
      break;
    case ScanStop::kRaggedRow:
    case ScanStop::kUnterminatedQuote:
      tally.error.emplace();
      tally.error->code = tally.scan.stop == ScanStop::kRaggedRow ? ErrorCode::kRaggedRow
                                                                  : ErrorCode::kUnterminatedQuote;
      tally.error->offset = tally.scan.error_offset;
      tally.error->column = tally.scan.error_column;
      tally.error->fields = tally.scan.error_fields;
      break;
  }
  return tally;
}

// ---------------------------------------------------------------------------------------------
// Pass 3: filling the columns.

struct ColumnTarget {
  ColumnType type = ColumnType::kString;
  void* ints = nullptr;
  std::size_t int_width = 0;
  double* doubles = nullptr;
  std::string* strings = nullptr;
  void* codes = nullptr;
  std::size_t code_width = 0;
  Validity* validity = nullptr;
  const StringViewMap* lookup = nullptr;
};

// Store `value` at row `row` of `base`, an array of the first of `Types` that is `width` bytes wide
// (the narrow column pass 1 chose).
template <class... Types>
void StoreNarrow(void* base, std::size_t width, std::size_t row, std::int64_t value) {
  ((width == sizeof(Types) ? (static_cast<Types*>(base)[row] = static_cast<Types>(value), true)
                           : false) ||
   ...);
}

class FillSink {
 public:
  FillSink(const std::vector<ColumnTarget>& targets, char decimal_mark, std::size_t first_row,
           std::size_t rows)
      : targets_(targets),
        decimal_mark_(decimal_mark),
        row_(first_row),
        // The bitmap words wholly inside this chunk's rows; the others are shared with the
        // chunks before and after, which other threads fill.
        own_words_begin_((first_row + 63) / 64),
        own_words_end_((first_row + rows) / 64),
        last_(targets.size()) {}

  // Returns false only if pass 1 was wrong about the value, which is a bug.
  bool Field(std::size_t column, const FieldView& field) {
    const ColumnTarget& target = targets_[column];
    if (field.empty()) {
      if (target.validity == nullptr) return false;
      const std::size_t word = row_ / 64;
      if (word >= own_words_begin_ && word < own_words_end_) {
        target.validity->Clear(row_);
      } else {
        target.validity->ClearThreadSafe(row_);
      }
      return true;
    }
    const std::string_view value = FieldValue(field, &scratch_);
    switch (target.type) {
      case ColumnType::kInt64: {
        // Pass 1 found the column's range and chose the width that holds it.
        std::int64_t parsed;
        if (!csv_internal::ParseInt64(value, &parsed)) return false;
        StoreNarrow<std::int8_t, std::int16_t, std::int32_t, std::int64_t>(
            target.ints, target.int_width, row_, parsed);
        return true;
      }
      case ColumnType::kDouble:
        return csv_internal::ParseDouble(value, decimal_mark_, target.doubles + row_);
      case ColumnType::kString:
        target.strings[row_].assign(value);
        return true;
      case ColumnType::kCategorical: {
        // Sorted files repeat a value for many rows (the municipality, the area): compare with
        // the previous one before hashing. Only views into the input are remembered; a raw
        // field's value lives in the scratch string, which the next one overwrites.
        LastValue& last = last_[column];
        std::uint32_t code;
        if (last.code != StringViewMap::kMissing && csv_internal::SameText(value, last.text)) {
          code = last.code;
        } else {
          code = target.lookup->Find(value);
          if (code == StringViewMap::kMissing) return false;
          if (field.form != FieldForm::kRaw) last = {value, code};
        }
        StoreNarrow<std::uint8_t, std::uint16_t, std::uint32_t>(target.codes, target.code_width,
                                                                row_, code);
        return true;
      }
    }
    return false;
  }
  void RowEnd() { ++row_; }

 private:
  struct LastValue {
    std::string_view text;
    std::uint32_t code = StringViewMap::kMissing;
  };

  const std::vector<ColumnTarget>& targets_;
  char decimal_mark_;
  std::size_t row_;
  std::string scratch_;
  std::size_t own_words_begin_;
  std::size_t own_words_end_;
  std::vector<LastValue> last_;
};

// The decided shape of one column and the storage pass 3 fills.
struct ColumnBuild {
  ColumnType type = ColumnType::kString;
  std::size_t nulls = 0;
  std::vector<std::string> categories;
  bool ordered = false;
  StringViewMap lookup;  // views into `categories`
  std::string code_example;
  bool inferred_text = false;
  bool too_many_values = false;
  // The one or two texts among a column of numbers (a typo like "sjuttio" among ages).
  std::vector<std::string> typos;
  std::size_t numbers = 0;  // the column's distinct numbers, beside its typos
  std::int64_t low = std::numeric_limits<std::int64_t>::max();  // of the integers
  std::int64_t high = std::numeric_limits<std::int64_t>::min();
  IntegerValues ints;
  std::vector<double> doubles;
  std::vector<std::string> strings;
  CategoryCodes codes;
  Validity validity;
};

// Size a column's storage once, on huge pages where it is big enough to matter.
template <class T>
void SizeColumn(std::vector<T>& values, std::size_t rows) {
  values.reserve(rows);
  csv_internal::AdviseHugePages(values.data(), rows * sizeof(T));
  values.resize(rows);
}

// A schema names a column as written in the header or, for a known dimension, in either spelling
// ("kon" for a header "Kön"; core/dimensions.hpp).
bool SameColumn(std::string_view declared, std::string_view header) {
  return declared == header || CanonicalColumnName(declared) == CanonicalColumnName(header);
}

const CsvColumnSpec* FindSpec(const CsvOptions& options, std::string_view name) {
  for (const auto& spec : options.schema) {
    if (SameColumn(spec.name, name)) return &spec;
  }
  return nullptr;
}

Plan PlanFor(const CsvColumnSpec* spec) {
  if (spec == nullptr) return Plan::kInfer;
  if (!spec->type) return spec->categories.empty() ? Plan::kInfer : Plan::kCategorical;
  switch (*spec->type) {
    case ColumnType::kInt64:
      return Plan::kInt64;
    case ColumnType::kDouble:
      return Plan::kDouble;
    case ColumnType::kCategorical:
      return Plan::kCategorical;
    case ColumnType::kString:
      return Plan::kString;
  }
  return Plan::kInfer;
}

// A chunk of rows for pass 1: the rows that start in [begin, stop_before).
struct WorkChunk {
  std::size_t begin;
  std::size_t stop_before;
};

// A chunk of rows as pass 1 found it, for pass 3.
struct RowChunk {
  std::size_t begin;
  std::size_t end;
  std::size_t first_row;
  std::size_t rows;
};

class CsvReader {
 public:
  CsvReader(ByteBuffer buffer, std::string display_name, const CsvOptions& options)
      : buffer_(std::move(buffer)),
        display_name_(std::move(display_name)),
        options_(options),
        progress_(options.progress) {}

  Table Read(CsvFormat* format_out);

 private:
  void CheckStart();
  std::size_t ChunkBytes() const;
  bool ProbeAndTallyAtOnce();
  std::optional<ChunkTally> TakeSpeculative(const WorkChunk& chunk);
  // Pass 1 is the first half of the work: report the rows tallied up to `end`.
  void ReportTallied(std::size_t end) {
    progress_.Report(0.5 * static_cast<double>(end - data_start_) /
                     static_cast<double>(context_.text.size() - data_start_));
  }
  void ProbeAndDecode();
  void ReadHeader();
  std::vector<WorkChunk> PlanChunks(std::size_t from) const;
  void TallyAll();
  void Decide();
  void DecideColumn(std::size_t c);
  void RejectTypos();
  void Fill();
  Table Assemble();
  void AddNotes();
  Error MakeError(const ChunkError& error) const;
  void Release(std::size_t begin, std::size_t end) {
    buffer_.Release(buffer_offset_ + begin, buffer_offset_ + end);
  }

  ByteBuffer buffer_;
  std::size_t buffer_offset_ = 0;  // where context_.text starts in buffer_ (after a BOM)
  std::string display_name_;
  const CsvOptions& options_;
  ProgressReporter progress_;
  CsvFormat format_;
  ReadContext context_;
  std::optional<Locator> locator_;
  std::vector<std::size_t> bounds_;
  std::vector<ChunkProbe> probes_;
  std::size_t data_start_ = 0;
  std::vector<std::size_t> header_offsets_;
  std::vector<Plan> plans_;
  std::vector<const CsvColumnSpec*> specs_;
  std::vector<ChunkTally> tallies_;
  // ProbeAndTallyAtOnce's tally of each chunk, from its first row start at even parity.
  std::vector<std::optional<ChunkTally>> speculative_;
  std::vector<RowChunk> row_chunks_;
  std::size_t rows_ = 0;
  std::size_t stray_quotes_ = 0;
  bool decimal_point_detected_ = false;  // a ; or tab file whose numbers have decimal points
  std::size_t first_stray_quote_ = 0;
  std::vector<ColumnBuild> builds_;
};

Table CsvReader::Read(CsvFormat* format_out) {
  CheckStart();
  if (!ProbeAndTallyAtOnce()) {
    ProbeAndDecode();
    ReadHeader();
  }
  TallyAll();
  Decide();
  Fill();
  AddNotes();  // before Assemble moves the categories away
  Table table = Assemble();
  progress_.Report(1.0);
  if (format_out != nullptr) *format_out = std::move(format_);
  return table;
}

// Reject what is empty or plainly not CSV text before any real work.
void CsvReader::CheckStart() {
  const std::string_view all = buffer_.view();
  format_.bytes = all.size();
  const SourceLocation file_only{display_name_};
  if (all.starts_with("\xFF\xFE") || all.starts_with("\xFE\xFF")) {
    ThrowNotCsv("filen är UTF-16-text; spara den som CSV i UTF-8",
                "the file is UTF-16 text; save it as CSV in UTF-8", file_only);
  }
  if (all.starts_with("PK\x03\x04")) {
    ThrowNotCsv("filen är ett zip-arkiv (kanske en .xlsx-arbetsbok), inte CSV-text",
                "the file is a zip archive (perhaps an .xlsx workbook), not CSV text", file_only);
  }
  format_.had_bom = all.starts_with("\xEF\xBB\xBF");
  buffer_offset_ = format_.had_bom ? 3 : 0;
  context_.text = all.substr(buffer_offset_);
  if (context_.text.find_first_not_of(" \t\r\n") == kNone) {
    throw Error(ErrorCode::kEmptyFile, std::string(Tr("filen är tom", "the file is empty")),
                file_only);
  }
  const std::string_view sample = context_.text.substr(0, kSniffBytes);
  const auto controls = std::count_if(sample.begin(), sample.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F;
  });
  // Text has hardly any control characters; binary formats are full of them.
  if (static_cast<std::size_t>(controls) * 10 > sample.size()) {
    ThrowNotCsv("filen består mest av styrtecken och är inte CSV-text",
                "the file is mostly control characters, not CSV text", file_only);
  }
  if (options_.delimiter) {
    const char d = *options_.delimiter;
    if (d == '"' || d == '\n' || d == '\r' || d == '\0') {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(Tr("ogiltig avgränsare", "invalid delimiter")));
    }
  }
}

std::size_t CsvReader::ChunkBytes() const {
  return options_.chunk_bytes != 0 ? options_.chunk_bytes
                                   : std::clamp(context_.text.size() / (8 * WorkerCount()),
                                                kMinChunkBytes, kMaxChunkBytes);
}

// The usual file — UTF-8, no NUL — read with one pass fewer over its bytes, which on a fresh
// mapping cost page faults each time: the header first, then each chunk probed and at once
// tallied from its first row start at even quote parity. TallyAll takes the tallies whose start
// the parities confirm. False, with nothing decided, if the file needs the careful order (a
// header that fails, invalid UTF-8 or a NUL byte anywhere): probe everything, convert, then read;
// so errors are reported as before, the file's NUL or encoding first.
bool CsvReader::ProbeAndTallyAtOnce() {
  if (options_.encoding == TextEncoding::kWindows1252) return false;
  const std::string_view text = context_.text;
  const std::string_view head = text.substr(0, kSniffBytes);
  if (head.find('\0') != kNone || csv_internal::FindInvalidUtf8(head, 0, head.size()) != kNone) {
    return false;
  }
  locator_.emplace(display_name_, text, false);
  try {
    ReadHeader();
  } catch (const Error&) {
    specs_.clear();
    plans_.clear();
    return false;
  }
  bounds_ = ChunkBounds(text.size(), ChunkBytes());
  probes_.assign(bounds_.size() - 1, {});
  speculative_.clear();
  speculative_.resize(probes_.size());
  auto overflowed = std::make_unique<std::atomic<bool>[]>(plans_.size());
  std::atomic<bool> careful{false};
  ParallelFor(probes_.size(), [&](std::size_t i) {
    buffer_.Prefault(buffer_offset_ + bounds_[i], buffer_offset_ + bounds_[i + 1]);
    ChunkProbe& probe = probes_[i];
    probe = ProbeChunk(text, bounds_[i], bounds_[i + 1], /*check_utf8=*/true);
    if (probe.first_nul != kNone || probe.first_bad_utf8 != kNone) careful = true;
    if (careful || bounds_[i + 1] <= data_start_) return;
    const std::size_t begin = bounds_[i] <= data_start_ ? data_start_ : probe.row_start[0];
    if (begin == kNone) return;
    speculative_[i].emplace(TallyChunk(context_, plans_, overflowed.get(), begin, bounds_[i + 1]));
    if (buffer_.reloadable()) Release(begin, speculative_[i]->scan.end);
    ReportTallied(speculative_[i]->scan.end);
  });
  if (careful) {
    speculative_.clear();
    specs_.clear();
    plans_.clear();
    return false;
  }
  format_.encoding = TextEncoding::kUtf8;
  return true;
}

void CsvReader::ProbeAndDecode() {
  const std::size_t chunk_bytes = ChunkBytes();
  bounds_ = ChunkBounds(context_.text.size(), chunk_bytes);
  const bool check_utf8 = options_.encoding != TextEncoding::kWindows1252;
  probes_ = ProbeChunks(context_.text, bounds_, check_utf8, buffer_, buffer_offset_);
  std::size_t bad_utf8 = kNone;
  for (const auto& probe : probes_) {
    if (probe.first_nul != kNone) {
      Locator locator(display_name_, context_.text, false);
      ThrowNotCsv("filen innehåller NUL-byte och är inte CSV-text",
                  "the file contains NUL bytes, so it is not CSV text",
                  locator.At(probe.first_nul));
    }
    if (bad_utf8 == kNone) bad_utf8 = probe.first_bad_utf8;
  }
  if (options_.encoding == TextEncoding::kUtf8 && bad_utf8 != kNone) {
    const SourceLocation location = Locator(display_name_, context_.text, false).At(bad_utf8);
    throw Error(ErrorCode::kBadValue,
                fmt::format(fmt::runtime(Tr("rad {}: ogiltig UTF-8 (byte 0x{:02X})",
                                            "line {}: invalid UTF-8 (byte 0x{:02X})")),
                            location.line, static_cast<unsigned char>(context_.text[bad_utf8])),
                location);
  }
  const bool convert = options_.encoding == TextEncoding::kWindows1252 || bad_utf8 != kNone;
  format_.encoding = convert ? TextEncoding::kWindows1252 : TextEncoding::kUtf8;
  if (convert) {
    std::vector<std::size_t> sizes(bounds_.size() - 1);
    ParallelFor(sizes.size(), [&](std::size_t i) {
      sizes[i] = csv_internal::Windows1252Utf8Size(
          context_.text.substr(bounds_[i], bounds_[i + 1] - bounds_[i]));
    });
    std::vector<std::size_t> offsets(sizes.size() + 1, 0);
    for (std::size_t i = 0; i < sizes.size(); ++i) offsets[i + 1] = offsets[i] + sizes[i];
    ByteBuffer converted = ByteBuffer::Anonymous(offsets.back());
    ParallelFor(sizes.size(), [&](std::size_t i) {
      csv_internal::Windows1252ToUtf8(context_.text.substr(bounds_[i], bounds_[i + 1] - bounds_[i]),
                                      converted.mutable_data() + offsets[i]);
    });
    buffer_ = std::move(converted);
    buffer_offset_ = 0;
    context_.text = buffer_.view();
    bounds_ = ChunkBounds(context_.text.size(), chunk_bytes);
    probes_ = ProbeChunks(context_.text, bounds_, false, buffer_, 0);
  }
  locator_.emplace(display_name_, context_.text, convert);
}

void CsvReader::ReadHeader() {
  const std::string_view text = context_.text;
  // Blank lines before the header are skipped, as between rows.
  std::size_t first_line = 0;
  while (first_line < text.size() && (text[first_line] == '\n' || text[first_line] == '\r')) {
    ++first_line;
  }
  while (first_line > 0 && text[first_line - 1] != '\n') --first_line;
  const char delimiter =
      options_.delimiter ? *options_.delimiter : DetectDelimiter(text, first_line);
  context_.delimiter = delimiter;
  format_.delimiter = delimiter;
  const bool comma = options_.decimal_mark == DecimalMark::kComma ||
                     (options_.decimal_mark == DecimalMark::kAuto && delimiter != ',' &&
                      DetectDecimalMark(text, first_line, delimiter) == ',');
  decimal_point_detected_ =
      options_.decimal_mark == DecimalMark::kAuto && delimiter != ',' && !comma;
  context_.decimal_mark = comma ? ',' : '.';
  format_.decimal_mark = comma ? DecimalMark::kComma : DecimalMark::kPoint;
  context_.max_categories = options_.max_categories;

  HeaderSink header(text.data());
  const ScanResult scan = ScanRows(text, first_line, first_line + 1, context_.delimiter, 0, header);
  if (scan.stop == ScanStop::kUnterminatedQuote) {
    const SourceLocation location = locator_->At(scan.error_offset);
    throw Error(ErrorCode::kUnterminatedQuote,
                fmt::format(fmt::runtime(Tr("rad {}: citattecknet som öppnas här stängs aldrig",
                                            "line {}: the quote opened here is never closed")),
                            location.line),
                location);
  }
  data_start_ = scan.end;
  // Old Mac files end lines with a lone CR: the whole file would read as one long header.
  const std::string_view header_line = text.substr(first_line, data_start_ - first_line);
  const std::size_t lone_cr = header_line.find('\r');
  if (data_start_ == text.size() && lone_cr != kNone && lone_cr + 1 < header_line.size() &&
      header_line[lone_cr + 1] != '\n') {
    ThrowNotCsv(
        "raderna slutar med enbart CR (gammalt Mac-format); spara filen som CSV med CRLF "
        "eller LF",
        "the lines end with a lone CR (old Mac format); save the file as CSV with CRLF or "
        "LF line ends",
        {display_name_});
  }
  format_.crlf = data_start_ >= 2 && text[data_start_ - 1] == '\n' && text[data_start_ - 2] == '\r';
  context_.names = std::move(header.names);
  header_offsets_ = std::move(header.offsets);
  const auto& names = context_.names;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) {
      const SourceLocation location = locator_->At(header_offsets_[i]);
      throw Error(ErrorCode::kBadValue,
                  fmt::format(fmt::runtime(Tr("rad {}: kolumn {} saknar namn i rubriken",
                                              "line {}: column {} has no name in the header")),
                              location.line, i + 1),
                  location);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (names[j] != names[i]) continue;
      const SourceLocation location = locator_->At(header_offsets_[i]);
      throw Error(ErrorCode::kDuplicateHeader,
                  fmt::format(fmt::runtime(Tr("rad {}: kolumnnamnet '{}' står två gånger i "
                                              "rubriken (kolumn {} och {})",
                                              "line {}: the column name '{}' appears twice in "
                                              "the header (columns {} and {})")),
                              location.line, names[i], j + 1, i + 1),
                  location, names[i]);
    }
  }
  for (const auto& spec : options_.schema) {
    if (std::any_of(names.begin(), names.end(),
                    [&](const std::string& name) { return SameColumn(spec.name, name); })) {
      continue;
    }
    std::string listed;
    for (const auto& name : names) listed += (listed.empty() ? "" : ", ") + name;
    throw Error(ErrorCode::kUnknownColumn,
                fmt::format(fmt::runtime(Tr("schemat nämner kolumnen '{}', som inte finns i "
                                            "filen (kolumner: {})",
                                            "the schema names the column '{}', which the file "
                                            "does not have (columns: {})")),
                            spec.name, listed),
                {display_name_}, spec.name);
  }
  for (const auto& name : names) {
    specs_.push_back(FindSpec(options_, name));
    plans_.push_back(PlanFor(specs_.back()));
  }
}

// Pick each chunk's first row start after `from` (a row start) from the quote parities of the
// chunks before it. Chunks in which no row starts are left out; the chunk before reads on
// through them.
std::vector<WorkChunk> CsvReader::PlanChunks(std::size_t from) const {
  std::vector<WorkChunk> chunks;
  if (from >= context_.text.size()) return chunks;
  const std::size_t first =
      static_cast<std::size_t>(std::upper_bound(bounds_.begin(), bounds_.end(), from) -
                               bounds_.begin()) -
      1;
  const char* data = context_.text.data();
  const std::size_t first_end = bounds_[first + 1];
  chunks.push_back({from, first_end});
  // Quotes between `from` and the end of the first chunk's parity scan.
  int parity = static_cast<int>(
      csv_internal::CountByte(data + from, std::max(from, first_end - 1) - from, '"') & 1);
  for (std::size_t i = first + 1; i + 1 < bounds_.size(); ++i) {
    const std::size_t start = probes_[i].row_start[parity];
    if (start != kNone) chunks.push_back({start, bounds_[i + 1]});
    parity ^= static_cast<int>(probes_[i].quotes & 1);
  }
  return chunks;
}

// The speculative tally of `chunk` if one was made from the same start to the same end.
std::optional<ChunkTally> CsvReader::TakeSpeculative(const WorkChunk& chunk) {
  if (speculative_.empty()) return std::nullopt;
  const auto i = static_cast<std::size_t>(
      std::upper_bound(bounds_.begin(), bounds_.end(), chunk.begin) - bounds_.begin() - 1);
  if (i >= speculative_.size()) return std::nullopt;
  std::optional<ChunkTally>& tally = speculative_[i];
  if (!tally || tally->begin != chunk.begin || bounds_[i + 1] != chunk.stop_before) {
    return std::nullopt;
  }
  return std::exchange(tally, std::nullopt);
}

void CsvReader::TallyAll() {
  const std::size_t num_columns = plans_.size();
  auto overflowed = std::make_unique<std::atomic<bool>[]>(num_columns);
  // Each round tallies, in parallel, chunks whose starts were picked by quote parity from the
  // end of the rows known so far. A chunk counts when it starts where the one before it ended;
  // the first that does not (stray quotes upset the parities after them) begins the next round.
  // After a few such rounds the rest goes one chunk at a time.
  std::size_t from = data_start_;
  for (int round = 0; from < context_.text.size(); ++round) {
    std::vector<WorkChunk> chunks = PlanChunks(from);
    if (round >= kParallelRounds) chunks.resize(1);
    // Only what chunks known to be right have seen may stop other chunks' collecting.
    for (std::size_t c = 0; c < num_columns; ++c) {
      overflowed[c] = std::any_of(tallies_.begin(), tallies_.end(),
                                  [c](const ChunkTally& t) { return t.columns[c].overflowed; });
    }
    std::vector<ChunkTally> round_tallies(chunks.size());
    ParallelFor(chunks.size(), [&](std::size_t i) {
      if (std::optional<ChunkTally> done = TakeSpeculative(chunks[i])) {
        round_tallies[i] = std::move(*done);
        return;
      }
      buffer_.Prefault(buffer_offset_ + chunks[i].begin, buffer_offset_ + chunks[i].stop_before);
      round_tallies[i] =
          TallyChunk(context_, plans_, overflowed.get(), chunks[i].begin, chunks[i].stop_before);
      if (buffer_.reloadable()) Release(chunks[i].begin, round_tallies[i].scan.end);
      ReportTallied(round_tallies[i].scan.end);
    });
    for (std::size_t i = 0; i < chunks.size(); ++i) {
      ChunkTally& tally = round_tallies[i];
      // This chunk starts at a row start; its first error is the first in the file.
      if (tally.error) throw MakeError(*tally.error);
      if (tally.scan.stray_quotes > 0 && stray_quotes_ == 0) {
        first_stray_quote_ = tally.scan.first_stray_quote;
      }
      stray_quotes_ += tally.scan.stray_quotes;
      from = tally.scan.end;
      tallies_.push_back(std::move(tally));
      if (i + 1 < chunks.size() && chunks[i + 1].begin != from) break;
    }
  }
  speculative_.clear();  // those the parities did not confirm
  for (const auto& tally : tallies_) {
    row_chunks_.push_back({tally.begin, tally.scan.end, rows_, tally.scan.rows});
    rows_ += tally.scan.rows;
  }
}

void CsvReader::Decide() {
  const std::size_t num_columns = plans_.size();
  builds_.resize(num_columns);
  // An inferred text column lacks texts from chunks that read numbers they could not remember,
  // or that stopped collecting because a chunk that was read wrongly overflowed: collect them
  // again from those chunks.
  auto incomplete = [](const ColumnTally& column) {
    return !column.numbers_remembered || column.stopped;
  };
  std::vector<Plan> recollect(num_columns, Plan::kString);
  for (std::size_t c = 0; c < num_columns; ++c) {
    if (plans_[c] != Plan::kInfer) continue;
    bool text = false;
    bool overflowed = false;
    bool complete = true;
    for (const auto& tally : tallies_) {
      const ColumnTally& column = tally.columns[c];
      text = text || column.inferred == Inferred::kText;
      overflowed = overflowed || column.overflowed;
      complete = complete && !incomplete(column);
    }
    if (text && !overflowed && !complete) recollect[c] = Plan::kText;
  }
  std::vector<std::size_t> again_chunks;
  for (std::size_t i = 0; i < tallies_.size(); ++i) {
    for (std::size_t c = 0; c < num_columns; ++c) {
      if (recollect[c] == Plan::kText && incomplete(tallies_[i].columns[c])) {
        again_chunks.push_back(i);
        break;
      }
    }
  }
  auto overflowed = std::make_unique<std::atomic<bool>[]>(num_columns);
  ParallelFor(again_chunks.size(), [&](std::size_t k) {
    ChunkTally& tally = tallies_[again_chunks[k]];
    ChunkTally again =
        TallyChunk(context_, recollect, overflowed.get(), tally.begin, tally.scan.end);
    for (std::size_t c = 0; c < num_columns; ++c) {
      if (recollect[c] != Plan::kText) continue;
      ColumnTally& column = tally.columns[c];
      column.values = std::move(again.columns[c].values);
      column.overflowed = again.columns[c].overflowed;
      column.stopped = again.columns[c].stopped;
      column.numbers_remembered = true;
      column.small_integers.fill(0);
    }
    tally.arena.Adopt(std::move(again.arena));  // the texts stay put
  });

  // Columns are independent from here on.
  ParallelFor(num_columns, [this](std::size_t c) { DecideColumn(c); });
  RejectTypos();
  tallies_.clear();  // frees the arenas; the lookups point into `categories`
  if (buffer_.reloadable()) Release(0, context_.text.size());
}

// Finds the first field of one column holding one of its typos.
struct TypoSink {
  std::size_t column;
  const std::vector<std::string>& typos;
  const char* base;
  std::string scratch;
  std::size_t offset = kNone;
  std::string value;

  bool Field(std::size_t c, const FieldView& field) {
    if (c != column || field.empty()) return true;
    const std::string_view text = FieldValue(field, &scratch);
    if (std::find(typos.begin(), typos.end(), text) == typos.end()) return true;
    offset = static_cast<std::size_t>(field.start() - base);
    value = text;
    return false;
  }
  void RowEnd() {}
};

// A column of numbers with one or two texts among them is an error at the first of them, not a
// text column: an age column turned text by "sjuttio" would otherwise be offered as the age and
// compared as text. Known dimensions other than the period are text by nature and exempt; a
// column declared in the schema (--type) is read as declared.
void CsvReader::RejectTypos() {
  std::size_t first = kNone;
  std::size_t column = 0;
  std::string value;
  for (std::size_t c = 0; c < builds_.size(); ++c) {
    if (builds_[c].typos.empty()) continue;
    TypoSink sink{c, builds_[c].typos, context_.text.data(), {}, kNone, {}};
    const std::size_t begin = tallies_.empty() ? 0 : tallies_.front().begin;
    ScanRows(context_.text, begin, context_.text.size(), context_.delimiter, 0, sink);
    if (sink.offset < first) {
      first = sink.offset;
      column = c;
      value = sink.value;
    }
  }
  if (first == kNone) return;
  const SourceLocation location = locator_->At(first);
  const std::string& name = context_.names[column];
  const std::string remedy =
      options_.read_as_text != nullptr
          ? fmt::format(fmt::runtime(Tr("rätta värdet, eller läs kolumnen som text med {}",
                                        "correct the value, or read the column as text with {}")),
                        options_.read_as_text(name))
          : std::string(Tr("rätta värdet i filen", "correct the value in the file"));
  throw Error(
      ErrorCode::kBadValue,
      fmt::format(fmt::runtime(Tr("rad {}: kolumnen '{}' har tal, men '{}' är inget tal ({})",
                                  "line {}: column '{}' holds numbers, but '{}' is not a "
                                  "number ({})")),
                  location.line, name, Shown(value), remedy),
      location, name, value);
}

// Merge the chunks' tallies of column `c` into its type and categories.
void CsvReader::DecideColumn(std::size_t c) {
  ColumnBuild& build = builds_[c];
  Inferred inferred = Inferred::kInteger;
  bool overflowed = false;
  StringViewMap distinct;
  std::vector<std::string_view> values;
  std::deque<std::string> number_texts;  // the remembered integers as text; stays put
  for (const auto& tally : tallies_) {
    const ColumnTally& column = tally.columns[c];
    build.nulls += column.nulls;
    build.low = std::min(build.low, column.low);
    build.high = std::max(build.high, column.high);
    inferred = std::max(inferred, column.inferred);
    overflowed = overflowed || column.overflowed || column.stopped;
    if (build.code_example.empty()) build.code_example = column.code_example;
    column.values.ForEach([&](std::string_view value, std::uint32_t) {
      if (distinct.Insert(value, 0)) values.push_back(value);
    });
  }
  const bool text = std::any_of(tallies_.begin(), tallies_.end(), [c](const ChunkTally& t) {
    return t.columns[c].inferred == Inferred::kText;
  });
  if (plans_[c] == Plan::kInfer && text && !overflowed) {
    for (const auto& tally : tallies_) {
      const auto& integers = tally.columns[c].small_integers;
      for (std::size_t i = 0; i < kRememberedIntegers; ++i) {
        if ((integers[i / 64] >> (i % 64) & 1) == 0) continue;
        const std::string digits = std::to_string(i);
        if (distinct.Find(digits) != StringViewMap::kMissing) continue;
        distinct.Insert(number_texts.emplace_back(digits), 0);
        values.push_back(number_texts.back());
      }
    }
  }
  const std::size_t non_null = rows_ - build.nulls;
  switch (plans_[c]) {
    case Plan::kInt64:
      build.type = ColumnType::kInt64;
      break;
    case Plan::kDouble:
      build.type = ColumnType::kDouble;
      break;
    case Plan::kString:
      build.type = ColumnType::kString;
      break;
    case Plan::kCategorical:
    case Plan::kText:
      build.type = ColumnType::kCategorical;
      break;
    case Plan::kInfer:
      if (non_null > 0 && inferred == Inferred::kInteger) {
        build.type = ColumnType::kInt64;
      } else if (non_null > 0 && inferred == Inferred::kDecimal) {
        build.type = ColumnType::kDouble;
      } else {
        // Text, or no values at all (a categorical column without categories).
        build.inferred_text = non_null > 0;
        build.too_many_values = overflowed || values.size() > options_.max_categories;
        const bool few =
            !build.too_many_values && (2 * values.size() <= non_null || rows_ <= kSmallTableRows);
        build.type = few ? ColumnType::kCategorical : ColumnType::kString;
        if (!build.too_many_values && MayHoldTypos(context_.names[c])) {
          for (const auto value : values) {
            std::uint64_t plain;
            if (csv_internal::ClassifyValue(value, context_.decimal_mark, &plain) ==
                csv_internal::ValueClass::kText) {
              build.typos.emplace_back(value);
            } else {
              ++build.numbers;
            }
          }
          if (build.typos.size() > kMostTypos ||
              build.numbers < FewestNumbersAroundTypos(context_.names[c])) {
            build.typos.clear();
          }
        }
      }
      break;
  }
  if (build.type != ColumnType::kCategorical) return;
  // Declared categories first in their order, the rest sorted by bytes.
  std::sort(values.begin(), values.end());
  if (const CsvColumnSpec* spec = specs_[c]) {
    build.ordered = spec->ordered;
    for (const auto& category : spec->categories) {
      if (build.lookup.Find(category) != StringViewMap::kMissing) continue;
      build.lookup.Insert(category, 0);
      build.categories.push_back(category);
    }
  }
  for (const auto value : values) {
    if (build.lookup.Find(value) == StringViewMap::kMissing) build.categories.emplace_back(value);
  }
  // Index the final strings, which stay put from here on.
  build.lookup = {};
  for (std::uint32_t code = 0; code < build.categories.size(); ++code) {
    build.lookup.Insert(build.categories[code], code);
  }
}

void CsvReader::Fill() {
  std::vector<ColumnTarget> targets(builds_.size());
  ParallelFor(builds_.size(), [&](std::size_t c) {
    ColumnBuild& build = builds_[c];
    ColumnTarget& target = targets[c];
    target.type = build.type;
    if (build.nulls > 0) {
      build.validity = Validity::AllValid(rows_);
      target.validity = &build.validity;
    }
    switch (build.type) {
      case ColumnType::kInt64:
        build.ints = MakeIntegerValues(
            build.low <= build.high ? IntegerWidth(build.low, build.high) : 1, rows_);
        std::visit(
            [&](auto& ints) {
              target.ints = ints.data();
              target.int_width = sizeof(ints[0]);
            },
            build.ints);
        break;
      case ColumnType::kDouble:
        SizeColumn(build.doubles, rows_);
        target.doubles = build.doubles.data();
        break;
      case ColumnType::kString:
        SizeColumn(build.strings, rows_);
        target.strings = build.strings.data();
        break;
      case ColumnType::kCategorical:
        build.codes = MakeCategoryCodes(build.categories.size(), rows_);
        std::visit(
            [&](auto& codes) {
              target.codes = codes.data();
              target.code_width = sizeof(codes[0]);
            },
            build.codes);
        target.lookup = &build.lookup;
        break;
    }
  });
  const std::size_t num_columns = builds_.size();
  ParallelFor(row_chunks_.size(), [&](std::size_t i) {
    const RowChunk& chunk = row_chunks_[i];
    buffer_.Prefault(buffer_offset_ + chunk.begin, buffer_offset_ + chunk.end);
    FillSink sink(targets, context_.decimal_mark, chunk.first_row, chunk.rows);
    const ScanResult scan =
        ScanRows(context_.text, chunk.begin, chunk.end, context_.delimiter, num_columns, sink);
    if (scan.stop != ScanStop::kDone || scan.rows != chunk.rows || scan.end != chunk.end) {
      throw Error(
          ErrorCode::kInternal,
          fmt::format("CSV pass 3 disagrees with pass 1 in the rows from byte {}", chunk.begin),
          {display_name_});
    }
    // The last read of these bytes.
    Release(chunk.begin, chunk.end);
    progress_.Report(0.5 +
                     0.5 * static_cast<double>(i + 1) / static_cast<double>(row_chunks_.size()));
  });
}

Table CsvReader::Assemble() {
  std::vector<Column> columns;
  columns.reserve(builds_.size());
  for (std::size_t c = 0; c < builds_.size(); ++c) {
    ColumnBuild& build = builds_[c];
    std::string name = context_.names[c];
    switch (build.type) {
      case ColumnType::kInt64:
        columns.push_back(
            Column::Integers(std::move(name), std::move(build.ints), std::move(build.validity)));
        break;
      case ColumnType::kDouble:
        columns.push_back(
            Column::Double(std::move(name), std::move(build.doubles), std::move(build.validity)));
        break;
      case ColumnType::kString:
        columns.push_back(
            Column::String(std::move(name), std::move(build.strings), std::move(build.validity)));
        break;
      case ColumnType::kCategorical:
        build.lookup = {};
        columns.push_back(Column::Categorical(
            std::move(name), Dictionary(std::move(build.categories), build.ordered),
            std::move(build.codes), std::move(build.validity)));
        break;
    }
  }
  return Table(std::move(columns));
}

void CsvReader::AddNotes() {
  auto& notes = format_.notes;
  if (format_.encoding == TextEncoding::kWindows1252 &&
      options_.encoding != TextEncoding::kWindows1252) {
    notes.emplace_back(Tr("filen var inte giltig UTF-8 och lästes som Windows-1252",
                          "the file was not valid UTF-8 and was read as Windows-1252"));
  }
  if (decimal_point_detected_) {
    notes.push_back(fmt::format(
        fmt::runtime(Tr("talen har decimalpunkt, fast filen är separerad med '{}'",
                        "the numbers have decimal points although the file is separated by '{}'")),
        format_.delimiter == '\t' ? std::string("tab") : std::string(1, format_.delimiter)));
  }
  if (stray_quotes_ > 0) {
    notes.push_back(fmt::format(
        fmt::runtime(Tr("citattecken inuti fält utan citattecken lästes som vanliga tecken: {} "
                        "(det första på rad {})",
                        "quotes inside unquoted fields were read as ordinary characters: {} "
                        "(the first on line {})")),
        stray_quotes_, locator_->At(first_stray_quote_).line));
  }
  for (std::size_t c = 0; c < builds_.size(); ++c) {
    const ColumnBuild& build = builds_[c];
    const std::string& name = context_.names[c];
    if (!build.code_example.empty()) {
      notes.push_back(fmt::format(
          fmt::runtime(Tr("kolumn '{}': koder med inledande nollor (som '{}') behålls som text",
                          "column '{}': codes with leading zeros (such as '{}') are kept as text")),
          name, Shown(build.code_example)));
    }
    if (build.inferred_text && build.type == ColumnType::kCategorical) {
      notes.push_back(fmt::format(
          fmt::runtime(Tr("kolumn '{}': text med {} olika värden, lagras som kategorier",
                          "column '{}': text with {} distinct values, stored as categories")),
          name, build.categories.size()));
    } else if (build.inferred_text) {
      notes.push_back(fmt::format(
          fmt::runtime(Tr("kolumn '{}': text med många olika värden, lagras som strängar",
                          "column '{}': text with many distinct values, stored as strings")),
          name));
    }
    if (build.nulls > 0) {
      notes.push_back(fmt::format(fmt::runtime(Tr("kolumn '{}': tomma värden (saknas): {}",
                                                  "column '{}': empty values (missing): {}")),
                                  name, build.nulls));
    }
  }
}

Error CsvReader::MakeError(const ChunkError& error) const {
  const SourceLocation location = locator_->At(error.offset);
  const bool named = error.column < context_.names.size();
  const std::string name = named ? context_.names[error.column] : std::string();
  switch (error.code) {
    case ErrorCode::kRaggedRow:
      return Error(error.code,
                   fmt::format(fmt::runtime(Tr("rad {} har {} fält, rubriken har {}",
                                               "line {} has {} fields, the header has {}")),
                               location.line, error.fields, context_.names.size()),
                   location);
    case ErrorCode::kUnterminatedQuote:
      if (!named) {
        return Error(
            error.code,
            fmt::format(fmt::runtime(Tr("rad {}: citattecknet som öppnas här stängs aldrig",
                                        "line {}: the quote opened here is never closed")),
                        location.line),
            location);
      }
      return Error(
          error.code,
          fmt::format(fmt::runtime(Tr("rad {}, kolumn '{}': citattecknet som öppnas här stängs "
                                      "aldrig",
                                      "line {}, column '{}': the quote opened here is never "
                                      "closed")),
                      location.line, name),
          location, name);
    default: {
      const bool integer = error.plan == Plan::kInt64;
      return Error(
          ErrorCode::kBadValue,
          fmt::format(fmt::runtime(integer ? Tr("rad {}, kolumn '{}': '{}' är inte ett heltal",
                                                "line {}, column '{}': '{}' is not an integer")
                                           : Tr("rad {}, kolumn '{}': '{}' är inte ett tal",
                                                "line {}, column '{}': '{}' is not a number")),
                      location.line, name, Shown(error.value)),
          location, name, error.value);
    }
  }
}

}  // namespace

Table ReadCsvFile(const std::string& path, const CsvOptions& options, CsvFormat* format) {
  return CsvReader(ByteBuffer::OpenFile(path, path), path, options).Read(format);
}

Table ReadCsvText(std::string_view text, const std::string& display_name, const CsvOptions& options,
                  CsvFormat* format) {
  return CsvReader(ByteBuffer::Borrow(text), display_name, options).Read(format);
}

const char* TextEncodingName(TextEncoding encoding) {
  switch (encoding) {
    case TextEncoding::kAuto:
      return "auto";
    case TextEncoding::kUtf8:
      return "UTF-8";
    case TextEncoding::kWindows1252:
      return "Windows-1252";
  }
  return "UTF-8";
}

ColumnType ParseColumnTypeName(std::string_view name) {
  if (name == "int" || name == "int64") return ColumnType::kInt64;
  if (name == "double" || name == "number") return ColumnType::kDouble;
  if (name == "category" || name == "categorical") return ColumnType::kCategorical;
  if (name == "text" || name == "string") return ColumnType::kString;
  throw Error(ErrorCode::kUsage,
              fmt::format(fmt::runtime(Tr("okänd typ '{}' (int, double, category, text)",
                                          "unknown type '{}' (int, double, category, text)")),
                          name));
}

}  // namespace jamlik
