#pragma once
// The CSV tokenizer all passes share. RFC 4180 fields: quotes, doubled quotes, delimiters and
// newlines inside quotes, CRLF or LF, an optional final newline. Read leniently where most readers
// are (Python's csv, pandas, R): a quote inside an unquoted field, or text after a closing quote,
// is an ordinary character. Such "stray" quotes are counted because they upset the quote parity
// the parallel chunking relies on. Blank lines are skipped.
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define JAMLIK_CSV_AVX2 1
#endif

namespace jamlik::csv_internal {

#if defined(JAMLIK_CSV_AVX2)
// Whether to use AVX2: whether this processor has it, asked once at run time. The build stays
// baseline x86-64 (CI machines differ) and only SpecialMaskAvx2 is compiled for AVX2. Tests turn
// it off to run the SSE2 path.
inline bool use_avx2 = [] {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") != 0;
}();

// The positions of `delimiter`, '\n' and '"' among the 64 bytes at `data`, as bits.
__attribute__((target("avx2"))) inline std::uint64_t SpecialMaskAvx2(const char* data,
                                                                     char delimiter) {
  const __m256i delimiters = _mm256_set1_epi8(delimiter);
  const __m256i newlines = _mm256_set1_epi8('\n');
  const __m256i quotes = _mm256_set1_epi8('"');
  const __m256i low = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data));
  const __m256i high = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(data + 32));
  const __m256i low_hits = _mm256_or_si256(
      _mm256_or_si256(_mm256_cmpeq_epi8(low, delimiters), _mm256_cmpeq_epi8(low, newlines)),
      _mm256_cmpeq_epi8(low, quotes));
  const __m256i high_hits = _mm256_or_si256(
      _mm256_or_si256(_mm256_cmpeq_epi8(high, delimiters), _mm256_cmpeq_epi8(high, newlines)),
      _mm256_cmpeq_epi8(high, quotes));
  return static_cast<std::uint32_t>(_mm256_movemask_epi8(low_hits)) |
         static_cast<std::uint64_t>(static_cast<std::uint32_t>(_mm256_movemask_epi8(high_hits)))
             << 32;
}
#endif

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

// Finds the delimiters, newlines and quotes of a text 64 bytes at a time: one bit mask per block
// (AVX2 where the processor has it, else SSE2 on x86-64, else bytewise), then one bit scan per
// field, so short fields cost a few instructions each. Positions asked for must mostly increase;
// going back reloads the block.
class SpecialScanner {
 public:
  SpecialScanner(const char* data, std::size_t size, char delimiter)
      : data_(data), size_(size), delimiter_(delimiter), block_(size + kBlock) {}

  // Return the offset of the first special byte at or after `pos`, or the size.
  std::size_t Next(std::size_t pos) {
    if (pos - block_ < kBlock) {
      const std::uint64_t rest = mask_ >> (pos - block_);
      if (rest != 0) return pos + static_cast<std::size_t>(std::countr_zero(rest));
      pos = block_ + kBlock;
    }
    for (; pos < size_; pos += kBlock) {
      Load(pos);
      if (mask_ != 0) return pos + static_cast<std::size_t>(std::countr_zero(mask_));
    }
    return size_;
  }

 private:
  static constexpr std::size_t kBlock = 64;

  void Load(std::size_t pos) {
    block_ = pos;
    mask_ = 0;
    if (pos + kBlock <= size_) {
#if defined(JAMLIK_CSV_AVX2)
      if (use_avx2) {
        mask_ = SpecialMaskAvx2(data_ + pos, delimiter_);
        return;
      }
#endif
#if defined(__SSE2__)
      const __m128i delimiters = _mm_set1_epi8(delimiter_);
      const __m128i newlines = _mm_set1_epi8('\n');
      const __m128i quotes = _mm_set1_epi8('"');
      for (int part = 0; part < 4; ++part) {
        const __m128i bytes =
            _mm_loadu_si128(reinterpret_cast<const __m128i*>(data_ + pos + 16 * part));
        const __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(bytes, delimiters), _mm_cmpeq_epi8(bytes, newlines)),
            _mm_cmpeq_epi8(bytes, quotes));
        mask_ |= static_cast<std::uint64_t>(static_cast<std::uint16_t>(_mm_movemask_epi8(hits)))
                 << (16 * part);
      }
      return;
#endif
    }
    const std::size_t end = std::min(pos + kBlock, size_);
    for (std::size_t i = pos; i < end; ++i) {
      const char c = data_[i];
      if (c == delimiter_ || c == '\n' || c == '"') mask_ |= std::uint64_t{1} << (i - pos);
    }
  }

  const char* data_;
  std::size_t size_;
  char delimiter_;
  std::size_t block_;  // start of the block in `mask_`; initially past every position
  std::uint64_t mask_ = 0;
};

// Return how many bytes of [data, data + size) equal `c`, sixteen at a time.
inline std::size_t CountByte(const char* data, std::size_t size, char c) {
  std::size_t count = 0;
  std::size_t i = 0;
#if defined(__SSE2__)
  // Byte lanes count the matches (a match is -1, subtracted) and are summed before they wrap.
  const __m128i wanted = _mm_set1_epi8(c);
  const __m128i zero = _mm_setzero_si128();
  while (i + 16 <= size) {
    __m128i lanes = zero;
    for (int round = 0; round < 255 && i + 16 <= size; ++round, i += 16) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(bytes, wanted));
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    count += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_srli_si128(sums, 8)));
  }
#endif
  for (; i < size; ++i) count += data[i] == c ? 1 : 0;
  return count;
}

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
                    char delimiter, std::size_t num_fields, Sink& sink) {
  const char* const data = text.data();
  const std::size_t size = text.size();
  const std::size_t accepted = num_fields == 0 ? ~std::size_t{0} : num_fields;
  SpecialScanner scanner(data, size, delimiter);
  ScanResult result;
  // Return the delimiter or newline that ends an unquoted stretch, or the size, counting the
  // quotes on the way as stray.
  auto field_end = [&](std::size_t from) {
    std::size_t end = scanner.Next(from);
    while (end < size && data[end] == '"') [[unlikely]] {
        if (result.stray_quotes++ == 0) result.first_stray_quote = end;
        end = scanner.Next(end + 1);
      }
    return end;
  };
  // At a line end, a value ends before the '\r' of a CRLF.
  auto before_cr = [&](std::size_t from, std::size_t end) {
    return end > from && data[end - 1] == '\r' ? end - 1 : end;
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
      bool at_delimiter;
      if (pos < size && data[pos] == '"') [[unlikely]] {
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
        at_delimiter = stop < size && data[stop] == delimiter;
        const std::size_t value_end = at_delimiter ? stop : before_cr(close + 1, stop);
        if (value_end == close + 1 && !doubled) {
          field = {std::string_view(data + pos + 1, close - pos - 1), FieldForm::kQuoted};
        } else {
          field = {std::string_view(data + pos, value_end - pos), FieldForm::kRaw};
        }
      } else {
        stop = field_end(pos);
        at_delimiter = stop < size && data[stop] == delimiter;
        const std::size_t value_end = at_delimiter ? stop : before_cr(pos, stop);
        field = {std::string_view(data + pos, value_end - pos), FieldForm::kPlain};
      }
      if (column < accepted) [[likely]] {
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
      if (at_delimiter) {
        pos = stop + 1;
        continue;
      }
      pos = stop < size ? stop + 1 : size;
      if (num_fields != 0 && column != num_fields) {
        result.stop = ScanStop::kRaggedRow;
        result.error_offset = column > num_fields ? surplus_field : before_cr(field_start, stop);
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
