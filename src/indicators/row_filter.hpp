#pragma once
// Row conditions an analyst writes in an indicator definition, e.g. "alder >= 65",
// "hemtjanst == 1", "kon == 'K' and alder < 18", "fodelseregion in ['Europa', 'utanför Europa']".
// Comparisons of a column with a literal, joined by `and`. A row whose column is null never
// matches.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace jamlik {

class RowFilter {
 public:
  // Parse `text`; throws kInvalidArgument naming the position and what was expected. `where`
  // names the definition it comes from (e.g. "indicators.toml:12: filter"), `field` the key the
  // error belongs to (e.g. "indicators[0].filter", so that a form marks its control).
  static RowFilter Parse(std::string_view text, const std::string& where = {},
                         const std::string& field = {});

  bool empty() const { return terms_.empty(); }
  const std::string& text() const { return text_; }
  // Return one byte per row, 1 where every term holds. Throws kUnknownColumn or kTypeMismatch.
  std::vector<std::uint8_t> Evaluate(const Table& table) const;
  // The same for rows [begin, end) into `mask` (mask[i] for row begin + i), whose memory is
  // reused: callers split a large table into partitions and evaluate each on its own thread.
  // Thread-safe. An empty range checks the columns and types only.
  void EvaluateRange(const Table& table, std::size_t begin, std::size_t end,
                     std::vector<std::uint8_t>& mask) const;

 private:
  enum class Op { kEq, kNe, kLt, kLe, kGt, kGe, kIn };
  struct Literal {
    bool is_number = false;
    double number = 0;
    std::string text;
  };
  struct Term {
    std::string column;
    Op op;
    std::vector<Literal> values;  // one, or several for kIn
  };
  void AndTerm(const Term& term, const Table& table, std::size_t first_row,
               std::vector<std::uint8_t>& mask) const;

  std::string text_;
  std::vector<Term> terms_;
};

}  // namespace jamlik
