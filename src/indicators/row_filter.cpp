#include "indicators/row_filter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

#include "core/dimensions.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik {
namespace {

// A hand-written scanner: the grammar is tiny (term ("and" term)*), and errors must point at the
// character where the analyst went wrong.
class Scanner {
 public:
  Scanner(std::string_view text, const std::string& where, const std::string& field)
      : text_(text), where_(where), field_(field) {}

  void SkipSpace() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  }
  bool AtEnd() {
    SkipSpace();
    return pos_ == text_.size();
  }
  bool Accept(std::string_view token) {
    SkipSpace();
    if (text_.substr(pos_, token.size()) != token) return false;
    pos_ += token.size();
    return true;
  }
  std::string Identifier() {
    SkipSpace();
    const std::size_t start = pos_;
    // Letters beyond ASCII (å ä ö) are UTF-8 bytes from 0x80 up.
    while (pos_ < text_.size() &&
           (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_' ||
            static_cast<unsigned char>(text_[pos_]) >= 0x80)) {
      ++pos_;
    }
    if (pos_ == start) Fail(Tr("ett kolumnnamn", "a column name"));
    return std::string(text_.substr(start, pos_ - start));
  }
  std::string QuotedText() {
    const char quote = text_[pos_++];
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != quote) ++pos_;
    if (pos_ == text_.size()) Fail(Tr("ett avslutande citattecken", "a closing quote"));
    return std::string(text_.substr(start, pos_++ - start));
  }
  double Number() {
    SkipSpace();
    double value = 0;
    auto [end, error] = std::from_chars(text_.data() + pos_, text_.data() + text_.size(), value);
    if (error != std::errc())
      Fail(Tr("ett tal eller en text inom citattecken", "a number or quoted text"));
    pos_ = static_cast<std::size_t>(end - text_.data());
    return value;
  }
  bool PeekQuote() {
    SkipSpace();
    return pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '"');
  }
  [[noreturn]] void Fail(std::string_view expected) const {
    throw Error(ErrorCode::kInvalidArgument,
                fmt::format(fmt::runtime(Tr("villkoret '{}': väntade {} vid tecken {}",
                                            "condition '{}': expected {} at character {}")),
                            text_, expected, pos_ + 1),
                {where_}, field_, std::string(text_));
  }

 private:
  std::string_view text_;
  const std::string& where_;
  const std::string& field_;
  std::size_t pos_ = 0;
};

bool Compare(double left, double right, int op) {
  switch (op) {
    case 0:
      return left == right;
    case 1:
      return left != right;
    case 2:
      return left < right;
    case 3:
      return left <= right;
    case 4:
      return left > right;
    default:
      return left >= right;
  }
}

// Call fn(compare) with the comparison `op` as a function object, so that loops over rows
// compile to one comparison rather than a switch per row.
template <typename Fn>
void WithComparison(int op, Fn fn) {
  switch (op) {
    case 0:
      return fn(std::equal_to<>{});
    case 1:
      return fn(std::not_equal_to<>{});
    case 2:
      return fn(std::less<>{});
    case 3:
      return fn(std::less_equal<>{});
    case 4:
      return fn(std::greater<>{});
    default:
      return fn(std::greater_equal<>{});
  }
}

bool Compare(const std::string& left, const std::string& right, int op) {
  return Compare(static_cast<double>(left.compare(right)), 0.0, op);
}

}  // namespace

RowFilter RowFilter::Parse(std::string_view text, const std::string& where,
                           const std::string& field) {
  RowFilter filter;
  filter.text_ = std::string(text);
  Scanner scanner(text, where, field);
  if (scanner.AtEnd()) return filter;
  do {
    Term term;
    // "Ålder >= 80" names the same column as "alder >= 80" (core/dimensions.hpp).
    term.column = CanonicalColumnName(scanner.Identifier());
    // Two-character operators first so that "<=" is not read as "<".
    static constexpr std::pair<std::string_view, Op> kOperators[] = {
        {"==", Op::kEq}, {"!=", Op::kNe}, {"<=", Op::kLe}, {">=", Op::kGe},
        {"<", Op::kLt},  {">", Op::kGt},  {"in", Op::kIn}};
    const auto* found =
        std::find_if(std::begin(kOperators), std::end(kOperators),
                     [&](const auto& entry) { return scanner.Accept(entry.first); });
    if (found == std::end(kOperators)) scanner.Fail("==, !=, <, <=, >, >=, in");
    term.op = found->second;
    auto read_literal = [&scanner]() -> Literal {
      if (scanner.PeekQuote()) return {false, 0, scanner.QuotedText()};
      return {true, scanner.Number(), {}};
    };
    if (term.op == Op::kIn) {
      if (!scanner.Accept("[")) scanner.Fail("[");
      do {
        term.values.push_back(read_literal());
      } while (scanner.Accept(","));
      if (!scanner.Accept("]")) scanner.Fail(", ]");
    } else {
      term.values.push_back(read_literal());
    }
    filter.terms_.push_back(std::move(term));
  } while (scanner.Accept("and"));
  if (!scanner.AtEnd()) scanner.Fail(Tr("'and' eller slutet", "'and' or the end"));
  return filter;
}

void RowFilter::AndTerm(const Term& term, const Table& table, std::size_t first_row,
                        std::vector<std::uint8_t>& mask) const {
  const Column& column = table.GetColumn(term.column);
  const int op = term.op == Op::kIn ? 0 : static_cast<int>(term.op);
  auto apply = [&](auto&& holds) {
    for (std::size_t i = 0; i < mask.size(); ++i) {
      const std::size_t row = first_row + i;
      if (mask[i] != 0) mask[i] = !column.IsNull(row) && holds(row);
    }
  };
  if (column.IsNumeric()) {
    for (const auto& literal : term.values) {
      if (literal.is_number) continue;
      throw Error(
          ErrorCode::kTypeMismatch,
          fmt::format(
              fmt::runtime(Tr("villkoret '{}': kolumnen '{}' är numerisk, jämför med ett tal",
                              "condition '{}': column '{}' is numeric, compare it with a number")),
              text_, term.column),
          {}, term.column);
    }
    if (term.values.size() == 1) {
      // One literal (the usual "alder >= 65"): a branch-free loop over the typed values.
      const double literal = term.values[0].number;
      auto compare_all = [&](const auto& values) {
        WithComparison(op, [&](auto compare) {
          const Validity& validity = column.validity();
          for (std::size_t i = 0; i < mask.size(); ++i) {
            const std::size_t row = first_row + i;
            const bool holds = compare(static_cast<double>(values[row]), literal);
            mask[i] = static_cast<std::uint8_t>(mask[i] & holds & validity.IsValid(row));
          }
        });
      };
      if (column.type() == ColumnType::kInt64) {
        std::visit(compare_all, column.integers());
      } else {
        compare_all(column.doubles());
      }
      return;
    }
    apply([&](std::size_t row) {
      const double value = column.NumericAt(row);
      return std::any_of(term.values.begin(), term.values.end(), [&](const Literal& literal) {
        return Compare(value, literal.number, op);
      });
    });
    return;
  }
  // Text and categories compare as text. A number literal may name a code by equality
  // ("inkomstkvintil == 1"), but ordering text by a number would count the wrong persons ("9" >
  // "10"): an age column read as text because of one typo must fail here, not filter silently.
  const bool orders =
      term.op == Op::kLt || term.op == Op::kLe || term.op == Op::kGt || term.op == Op::kGe;
  if (orders && term.values.at(0).is_number) {
    throw Error(ErrorCode::kTypeMismatch,
                fmt::format(fmt::runtime(Tr("villkoret '{}': kolumnen '{}' är text, inte tal, och "
                                            "kan inte jämföras med {} (står ett värde som inte är "
                                            "ett tal i kolumnen?)",
                                            "condition '{}': column '{}' is text, not numbers, and "
                                            "cannot be compared with {} (does the column hold a "
                                            "value that is not a number?)")),
                            text_, term.column, fmt::format("{:g}", term.values[0].number)),
                {}, term.column);
  }
  std::vector<std::string> texts;
  for (const auto& literal : term.values) {
    texts.push_back(literal.is_number ? fmt::format("{:g}", literal.number) : literal.text);
  }
  auto text_holds = [&](const std::string& value) {
    return std::any_of(texts.begin(), texts.end(),
                       [&](const std::string& text) { return Compare(value, text, op); });
  };
  if (column.type() == ColumnType::kCategorical) {
    // Decide once per category, then look the answer up per row.
    const CategoricalData& data = column.categorical();
    std::vector<std::uint8_t> category_holds(data.dictionary.size());
    for (std::uint32_t code = 0; code < data.dictionary.size(); ++code) {
      category_holds[code] = text_holds(data.dictionary.category(code));
    }
    apply([&](std::size_t row) { return category_holds[data.CodeAt(row)] != 0; });
    return;
  }
  apply([&](std::size_t row) { return text_holds(column.strings()[row]); });
}

std::vector<std::uint8_t> RowFilter::Evaluate(const Table& table) const {
  std::vector<std::uint8_t> mask;
  EvaluateRange(table, 0, table.num_rows(), mask);
  return mask;
}

void RowFilter::EvaluateRange(const Table& table, std::size_t begin, std::size_t end,
                              std::vector<std::uint8_t>& mask) const {
  mask.assign(end - begin, 1);
  for (const auto& term : terms_) AndTerm(term, table, begin, mask);
}

}  // namespace jamlik
