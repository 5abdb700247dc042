#pragma once
// The dimensions Swedish municipal data is broken down by (DESIGN.md §5): which column names they
// go by, their categories in declared order, whether they are ordered and which end is
// advantaged, and which are area codes that must stay text with their leading zeros.
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "core/table.hpp"

namespace jamlik {

enum class DimensionKind { kArea, kPeriod, kGroup };
// For ordered dimensions: does the first or the last category have the advantage?
enum class AdvantagedEnd { kNone, kFirst, kLast };

// A category of a known dimension: its code in the data and its label in each language.
struct DimensionCategory {
  std::string_view code{};
  std::string_view label_sv{};
  std::string_view label_en{};
};

struct DimensionInfo {
  std::string_view column{};  // the column name this dimension goes by in Jämlik's files
  std::string_view label_sv{};
  std::string_view label_en{};
  DimensionKind kind = DimensionKind::kGroup;
  std::vector<DimensionCategory> categories{};  // declared order; empty for open code lists
  bool ordered = false;
  AdvantagedEnd advantaged = AdvantagedEnd::kNone;
  // Area codes have a fixed number of digits; Excel drops leading zeros (0180 → 180), so integer
  // codes are padded back to this width. 0 when the codes are not fixed-width digits.
  int code_digits = 0;
  // For unordered dimensions: the category others are compared with (HEAT's reference subgroup).
  std::string_view reference{};
};

// Return the catalogue: lan, kommun, deso, regso, ar, kon, utbildning, inkomstkvintil,
// fodelseregion, funktionsnedsattning.
const std::vector<DimensionInfo>& KnownDimensions();
const DimensionInfo* FindDimension(std::string_view column);
// Return the known dimension a text names as people write it: its column name or either label, in
// any case, with or without å ä ö ("Kön", "Sex", "KON"); nullptr when none does.
const DimensionInfo* FindDimensionByName(std::string_view written);
// Return the declared code of the category `written` names in `dimension` (its code or either
// label, as IsCategory matches), or "" when none does.
std::string_view DeclaredCategoryCode(const DimensionInfo& dimension, std::string_view written);

// Return a known dimension's label in `language` ("kon" → "Kön" / "Sex"); another column's name
// (a dataset's own) as it is.
std::string DimensionLabel(std::string_view column, Language language);

// Return the label in `language` of a category of a known dimension ("kon", "K" → "Kvinnor" /
// "Women"), the category written as its code or either label in any case ("Förgymnasial",
// "kvinnor"); a category no known dimension declares, as it is.
std::string CategoryLabel(std::string_view column, std::string_view category, Language language);

// Return how `present` (a column's categories) writes the declared category `code` of `dimension`
// — the code or either label, in any case, with or without å ä ö ("Sverige" as "sverige") — or
// `code` itself when none does.
std::string WrittenCategory(const DimensionInfo& dimension, std::string_view code,
                            const std::vector<std::string>& present);

// The name a column goes by in Jämlik when `name` is a known dimension's (or the age column's,
// `alder`) written as Swedish offices write it: any case, with or without å ä ö ("Kön", "KOMMUN",
// "Ålder", "År", "Födelseregion", "DeSO"). Any other name is returned as it is.
std::string CanonicalColumnName(std::string_view name);

// Return `table` with every column named like a known dimension renamed to its canonical name
// (CanonicalColumnName, unless a column already has that name) and made categorical in the
// dimension's declared order (categories not declared keep their order after the declared ones),
// with area codes as zero-padded text. Other columns, and those named in `except` (declared by
// the user, in either spelling), keep their values. Columns are moved, not copied.
Table ApplyKnownDimensions(Table table, const std::vector<std::string>& except = {});

}  // namespace jamlik
