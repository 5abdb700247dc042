#include "core/group_by.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/group_by_internal.hpp"

namespace jamlik {
namespace {

// --- Building small tables ------------------------------------------------------------------

Column Categorical(std::string name, std::vector<std::string> categories,
                   const std::vector<std::optional<std::string>>& values) {
  return Column::CategoricalFromStrings(std::move(name), values,
                                        Dictionary(std::move(categories), /*ordered=*/true));
}

template <typename T>
std::pair<std::vector<T>, Validity> Unpack(const std::vector<std::optional<T>>& values) {
  std::vector<T> plain(values.size());
  Validity validity;
  for (std::size_t row = 0; row < values.size(); ++row) {
    if (values[row]) {
      plain[row] = *values[row];
    } else {
      if (validity.empty()) validity = Validity::AllValid(values.size());
      validity.Clear(row);
    }
  }
  return {std::move(plain), std::move(validity)};
}

Column Ints(std::string name, const std::vector<std::optional<std::int64_t>>& values) {
  auto [plain, validity] = Unpack(values);
  return Column::Int64(std::move(name), std::move(plain), std::move(validity));
}

Column Doubles(std::string name, const std::vector<std::optional<double>>& values) {
  auto [plain, validity] = Unpack(values);
  return Column::Double(std::move(name), std::move(plain), std::move(validity));
}

// Six persons: two by sex and education each, with an income (int), a BMI (double, one missing)
// and a survey weight.
Table SixPersons() {
  const std::vector<std::string> education = {"förgymnasial", "gymnasial", "eftergymnasial"};
  return Table({
      Categorical("kon", {"K", "M"}, {"K", "K", "K", "M", "M", "M"}),
      Categorical("utbildning", education,
                  {"förgymnasial", "gymnasial", "gymnasial", "gymnasial", "eftergymnasial",
                   "eftergymnasial"}),
      Ints("inkomst", {200, 300, 500, 400, 600, 800}),
      Doubles("bmi", {20.5, 22.0, std::nullopt, 25.0, 24.0, 26.0}),
      Ints("vikt", {1, 2, 1, 3, 1, 2}),
  });
}

// Return the table's cells row by row as text, nulls as "∅", for comparing whole results.
std::vector<std::vector<std::string>> Cells(const Table& table) {
  std::vector<std::vector<std::string>> rows(table.num_rows());
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    for (const Column& column : table.columns()) {
      rows[row].push_back(column.IsNull(row) ? "∅" : column.ValueToString(row));
    }
  }
  return rows;
}

std::vector<std::string> ColumnNames(const Table& table) {
  std::vector<std::string> names;
  for (const Column& column : table.columns()) names.push_back(column.name());
  return names;
}

template <typename Fn>
ErrorCode CodeOf(Fn fn) {
  try {
    fn();
  } catch (const Error& error) {
    return error.code();
  }
  ADD_FAILURE() << "no error thrown";
  return ErrorCode::kInternal;
}

class ScopedThreads {
 public:
  explicit ScopedThreads(int threads) {
    setenv("JAMLIK_THREADS", std::to_string(threads).c_str(), 1);
  }
  ~ScopedThreads() { unsetenv("JAMLIK_THREADS"); }
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;
};

// --- MomentState and statistics ids ---------------------------------------------------------

MomentState StateOf(const std::vector<double>& values) {
  MomentState state;
  for (double value : values) state.Update(value);
  return state;
}

TEST(MomentStateTest, MergeLeavesItsSourceUnchanged) {
  MomentState target = StateOf({1, 2});
  const MomentState source = StateOf({3, 4, 5});
  const MomentState copy = source;
  target.Merge(source);
  EXPECT_EQ(source, copy);
  EXPECT_EQ(target.count, 5);
}

TEST(MomentStateTest, MergingTheStatesOfASplitGivesTheStateOfTheWhole) {
  const std::vector<double> values = {4, -2, 7, 7, 0, 13, -5, 1};
  const MomentState whole = StateOf(values);
  for (std::size_t cut = 0; cut <= values.size(); ++cut) {
    MomentState merged = StateOf({values.data(), values.data() + cut});
    merged.Merge(StateOf({values.data() + cut, values.data() + values.size()}));
    EXPECT_EQ(merged, whole) << "cut at " << cut;  // integers: sums are exact
  }
  MomentState empty;
  empty.Merge(whole);
  EXPECT_EQ(empty, whole);
}

TEST(MomentStateTest, KeepsTheTwoLargestAbsoluteValues) {
  const MomentState state = StateOf({3, -40, 7, 0, 25, -1});
  EXPECT_EQ(state.largest, 40);  // negatives count by their absolute value
  EXPECT_EQ(state.second_largest, 25);
  const MomentState tie = StateOf({5, -5, 2});
  EXPECT_EQ(tie.largest, 5);  // a tie is two contributions, not one
  EXPECT_EQ(tie.second_largest, 5);
  EXPECT_EQ(StateOf({-9}).largest, 9);
  EXPECT_EQ(StateOf({-9}).second_largest, 0);  // fewer than two values: the missing one is 0
  EXPECT_EQ(MomentState{}.largest, 0);
  EXPECT_EQ(StateOf({0, 0, 0}).second_largest, 0);
}

TEST(MomentStateTest, MergeKeepsTheTopTwoOfFourInEveryArrangement) {
  // Every way the largest values can fall into the two parts, including both in one part.
  const std::vector<double> values = {-100, 60, 60, 30, -20, 10, 0};
  for (std::uint32_t mask = 0; mask < (1U << values.size()); ++mask) {
    MomentState left, right;
    for (std::size_t i = 0; i < values.size(); ++i) {
      ((mask >> i & 1) != 0 ? left : right).Update(values[i]);
    }
    MomentState merged = left;
    merged.Merge(right);
    MomentState reversed = right;
    reversed.Merge(left);
    EXPECT_EQ(merged.largest, 100) << mask;
    EXPECT_EQ(merged.second_largest, 60) << mask;
    EXPECT_EQ(reversed.largest, merged.largest) << mask;
    EXPECT_EQ(reversed.second_largest, merged.second_largest) << mask;
  }
}

TEST(MomentStateTest, UnweightedUpdatesTouchOneCacheLine) {
  EXPECT_EQ(alignof(MomentState), 64U);
  EXPECT_LE(offsetof(MomentState, second_largest) + sizeof(double), 64U);
}

TEST(MomentStateTest, UndefinedResultsAreNaN) {
  EXPECT_TRUE(std::isnan(MomentState{}.Mean()));
  EXPECT_TRUE(std::isnan(StateOf({3}).Variance()));
  EXPECT_TRUE(std::isnan(StateOf({3}).WeightedMean()));  // no weights given
  EXPECT_DOUBLE_EQ(StateOf({3}).Mean(), 3);
}

TEST(MomentStateTest, VarianceIsTheSampleVarianceAndNeverNegative) {
  EXPECT_DOUBLE_EQ(StateOf({2, 4, 4, 4, 5, 5, 7, 9}).Variance(), 32.0 / 7);
  // Equal values around a large mean: the one-pass formula's rounding is clamped at 0.
  MomentState equal;
  for (int i = 0; i < 1000; ++i) equal.Update(1e8 + 0.1);
  EXPECT_GE(equal.Variance(), 0);
  EXPECT_LT(equal.Variance(), 1e-3);
}

TEST(MomentStateTest, WeightedMeanTreatsWeightsAsFrequencies) {
  MomentState state;
  state.UpdateWeighted(10, 3);
  state.UpdateWeighted(20, 1);
  EXPECT_DOUBLE_EQ(state.WeightedMean(), 12.5);
  EXPECT_DOUBLE_EQ(state.Mean(), 15);  // the unweighted statistics ignore the weights
}

TEST(StatisticTest, IdsRoundTrip) {
  for (Statistic statistic : {Statistic::kCount, Statistic::kSum, Statistic::kMean,
                              Statistic::kVariance, Statistic::kStdDev, Statistic::kMin,
                              Statistic::kMax, Statistic::kWeightedSum, Statistic::kWeightedMean}) {
    EXPECT_EQ(ParseStatistic(StatisticId(statistic)), statistic);
  }
  EXPECT_STREQ(StatisticId(Statistic::kVariance), "var");
}

TEST(StatisticTest, UnknownIdIsAUsageErrorListingTheValidIds) {
  try {
    ParseStatistic("median");
    FAIL() << "no error thrown";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kUsage);
    EXPECT_NE(error.message().find("median"), std::string::npos);
    EXPECT_NE(error.message().find("count, sum, mean, var, sd, min, max, wsum, wmean"),
              std::string::npos);
  }
}

// --- Hand-checked results -------------------------------------------------------------------

TEST(GroupByTest, SixPersonsBySexAndEducation) {
  const GroupByRequest request{{"kon", "utbildning"}, {"inkomst", "bmi"}, "vikt", false};
  const Table result = GroupByResultToTable(
      GroupBy(SixPersons(), request), {Statistic::kSum, Statistic::kMean, Statistic::kVariance,
                                       Statistic::kMin, Statistic::kMax, Statistic::kWeightedMean});
  EXPECT_EQ(
      ColumnNames(result),
      (std::vector<std::string>{"kon", "utbildning", "n", "inkomst", "inkomst_mean", "inkomst_var",
                                "inkomst_min", "inkomst_max", "inkomst_wmean", "bmi", "bmi_mean",
                                "bmi_var", "bmi_min", "bmi_max", "bmi_wmean"}));
  // Men with förgymnasial education have no rows, so no group. Income variance in (K,
  // gymnasial): (300, 500) around 400 → (100² + 100²) / 1. Weighted mean: (2·300 + 500) / 3.
  // BMI is missing for the third person, so (K, gymnasial) has one BMI and no variance.
  const std::vector<std::vector<std::string>> expected = {
      {"K", "förgymnasial", "1", "200", "200", "∅", "200", "200", "200", "20.5", "20.5", "∅",
       "20.5", "20.5", "20.5"},
      {"K", "gymnasial", "2", "800", "400", "20000", "300", "500", "366.6666666666667", "22", "22",
       "∅", "22", "22", "22"},
      {"M", "gymnasial", "1", "400", "400", "∅", "400", "400", "400", "25", "25", "∅", "25", "25",
       "25"},
      {"M", "eftergymnasial", "2", "1400", "700", "20000", "600", "800", "733.3333333333334", "50",
       "25", "2", "24", "26", "25.333333333333332"},
  };
  EXPECT_EQ(Cells(result), expected);
}

TEST(GroupByTest, TheDetailFollowsTheStatistics) {
  EXPECT_EQ(DetailFor({Statistic::kCount, Statistic::kSum, Statistic::kMean}, false),
            StateDetail::kSums);
  EXPECT_EQ(DetailFor({Statistic::kSum}, true), StateDetail::kSumsAndTop);
  EXPECT_EQ(DetailFor({}, false), StateDetail::kSums);
  for (Statistic statistic : {Statistic::kVariance, Statistic::kStdDev, Statistic::kMin,
                              Statistic::kMax, Statistic::kWeightedSum, Statistic::kWeightedMean}) {
    EXPECT_EQ(DetailFor({Statistic::kSum, statistic}, false), StateDetail::kMoments)
        << StatisticId(statistic);
  }
}

TEST(GroupByTest, CountsAndSumsOnlyGiveTheSameTableAndRefuseTheOtherStatistics) {
  GroupByRequest request{{"kon", "utbildning"}, {"inkomst", "bmi"}, "", true};
  const std::vector<Statistic> sums = {Statistic::kSum, Statistic::kCount, Statistic::kMean};
  const Table full = GroupByResultToTable(GroupBy(SixPersons(), request), sums);
  for (StateDetail detail : {StateDetail::kSums, StateDetail::kSumsAndTop}) {
    request.detail = detail;
    const GroupByResult result = GroupBy(SixPersons(), request);
    EXPECT_EQ(result.detail, detail);
    EXPECT_EQ(Cells(GroupByResultToTable(result, sums)), Cells(full));
    try {
      GroupByResultToTable(result, {Statistic::kSum, Statistic::kMax});
      ADD_FAILURE() << "the maximum was not computed";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInternal);
    }
  }
  // A weight column asks for the weighted moments, whatever the detail.
  request.weight = "vikt";
  EXPECT_EQ(GroupBy(SixPersons(), request).detail, StateDetail::kMoments);
}

TEST(GroupByTest, MarginsAddTotalRowsSortedAfterTheCategories) {
  const GroupByRequest request{{"kon", "utbildning"}, {"inkomst", "bmi"}, "", true};
  const Table result =
      GroupByResultToTable(GroupBy(SixPersons(), request), {Statistic::kSum, Statistic::kCount});
  const std::vector<std::vector<std::string>> expected = {
      {"K", "förgymnasial", "1", "200", "1", "20.5", "1"},
      {"K", "gymnasial", "2", "800", "2", "22", "1"},
      {"K", "T", "3", "1000", "3", "42.5", "2"},
      {"M", "gymnasial", "1", "400", "1", "25", "1"},
      {"M", "eftergymnasial", "2", "1400", "2", "50", "2"},
      {"M", "T", "3", "1800", "3", "75", "3"},
      {"T", "förgymnasial", "1", "200", "1", "20.5", "1"},
      {"T", "gymnasial", "3", "1200", "3", "47", "2"},
      {"T", "eftergymnasial", "2", "1400", "2", "50", "2"},
      {"T", "T", "6", "2800", "6", "117.5", "5"},
  };
  EXPECT_EQ(Cells(result), expected);
  // "T" is appended to each key's categories, after the declared ones.
  EXPECT_EQ(result.GetColumn("utbildning").categorical().dictionary.categories(),
            (std::vector<std::string>{"förgymnasial", "gymnasial", "eftergymnasial", "T"}));
}

TEST(GroupByTest, ResultColumnTypes) {
  const GroupByRequest request{{"kon"}, {"inkomst", "bmi"}, "", false};
  const Table result = GroupByResultToTable(
      GroupBy(SixPersons(), request), {Statistic::kSum, Statistic::kCount, Statistic::kStdDev});
  EXPECT_EQ(result.GetColumn("kon").type(), ColumnType::kCategorical);
  EXPECT_EQ(result.GetColumn("n").type(), ColumnType::kInt64);
  EXPECT_EQ(result.GetColumn("inkomst").type(), ColumnType::kInt64);  // int64 sums stay exact
  EXPECT_EQ(result.GetColumn("inkomst_count").type(), ColumnType::kInt64);
  EXPECT_EQ(result.GetColumn("inkomst_sd").type(), ColumnType::kDouble);
  EXPECT_EQ(result.GetColumn("bmi").type(), ColumnType::kDouble);
  // No totals asked, so no "T" category.
  EXPECT_EQ(result.GetColumn("kon").categorical().dictionary.categories(),
            (std::vector<std::string>{"K", "M"}));
}

TEST(GroupByTest, AKeyThatAlreadyHasTheCategoryTSharesItWithTheTotals) {
  // Kolada's sex dimension has K, M and T; grouped rows coded T and the margin look alike in the
  // table, and the key codes in GroupByResult still tell them apart.
  const Table table({Categorical("kon", {"K", "M", "T"}, {"K", "T"}), Ints("x", {1, 2})});
  const GroupByResult result = GroupBy(table, {{"kon"}, {"x"}, "", true});
  EXPECT_EQ(result.key_codes, (std::vector<std::uint32_t>{0, 2, kTotalCode}));
  const Table laid_out = GroupByResultToTable(result, {Statistic::kSum});
  EXPECT_EQ(Cells(laid_out), (std::vector<std::vector<std::string>>{
                                 {"K", "1", "1"}, {"T", "1", "2"}, {"T", "2", "3"}}));
  EXPECT_EQ(laid_out.GetColumn("kon").categorical().dictionary.size(), 3U);
}

TEST(GroupByTest, Int64KeysAreEncodedInAscendingNumericOrder) {
  const Table table(
      {Ints("ar", {2021, 2019, 2021, -3, std::nullopt, 100}), Ints("x", {1, 2, 3, 4, 5, 6})});
  const GroupByResult result = GroupBy(table, {{"ar"}, {"x"}, "", false});
  EXPECT_EQ(result.dictionaries[0].categories(),
            (std::vector<std::string>{"-3", "100", "2019", "2021"}));
  EXPECT_EQ(Cells(GroupByResultToTable(result, {Statistic::kSum})),
            (std::vector<std::vector<std::string>>{{"-3", "1", "4"},
                                                   {"100", "1", "6"},
                                                   {"2019", "1", "2"},
                                                   {"2021", "2", "4"},
                                                   {"∅", "1", "5"}}));
}

TEST(GroupByTest, NullKeysFormTheirOwnGroupBetweenTheCategoriesAndTheTotal) {
  const Table table({Categorical("kon", {"K", "M"}, {"M", std::nullopt, "K", std::nullopt}),
                     Ints("x", {1, 2, 3, 4})});
  const GroupByResult result = GroupBy(table, {{"kon"}, {"x"}, "", true});
  EXPECT_EQ(result.key_codes, (std::vector<std::uint32_t>{0, 1, kNullCode, kTotalCode}));
  EXPECT_EQ(Cells(GroupByResultToTable(result, {Statistic::kSum})),
            (std::vector<std::vector<std::string>>{
                {"K", "1", "3"}, {"M", "1", "1"}, {"∅", "2", "6"}, {"T", "4", "10"}}));
}

TEST(GroupByTest, NullValuesAreSkippedButTheRowStillCounts) {
  const Table table({Categorical("kon", {"K"}, {"K", "K", "K"}),
                     Doubles("bmi", {std::nullopt, 20, std::nullopt}),
                     Ints("dagar", {std::nullopt, std::nullopt, std::nullopt})});
  const Table result =
      GroupByResultToTable(GroupBy(table, {{"kon"}, {"bmi", "dagar"}, "", false}),
                           {Statistic::kCount, Statistic::kSum, Statistic::kMean, Statistic::kMin});
  // Sums of no values are 0; means and minima of no values are undefined: null.
  EXPECT_EQ(Cells(result), (std::vector<std::vector<std::string>>{
                               {"K", "3", "1", "20", "20", "20", "0", "0", "∅", "∅"}}));
}

TEST(GroupByTest, NullWeightsCountAsZero) {
  const Table table({Doubles("x", {10, 20, 30}), Doubles("w", {1, std::nullopt, 3})});
  const Table result =
      GroupByResultToTable(GroupBy(table, {{}, {"x"}, "w", false}),
                           {Statistic::kMean, Statistic::kWeightedSum, Statistic::kWeightedMean});
  EXPECT_EQ(Cells(result), (std::vector<std::vector<std::string>>{{"3", "20", "100", "25"}}));
}

TEST(GroupByTest, WithoutKeysTheResultIsTheGrandTotalEvenForAnEmptyTable) {
  const GroupByResult all = GroupBy(SixPersons(), {{}, {"inkomst"}, "", false});
  ASSERT_EQ(all.num_groups(), 1U);
  EXPECT_EQ(all.row_counts[0], 6);
  EXPECT_EQ(all.states[0].sum, 2800);

  const Table empty({Categorical("kon", {"K", "M"}, {}), Ints("x", {})});
  const GroupByResult none = GroupBy(empty, {{}, {"x"}, "", false});
  ASSERT_EQ(none.num_groups(), 1U);
  EXPECT_EQ(none.row_counts[0], 0);
  EXPECT_EQ(GroupBy(empty, {{"kon"}, {"x"}, "", false}).num_groups(), 0U);
  // With margins the all-total row is the grand total, there as well.
  EXPECT_EQ(Cells(GroupByResultToTable(GroupBy(empty, {{"kon"}, {"x"}, "", true}),
                                       {Statistic::kSum, Statistic::kMean})),
            (std::vector<std::vector<std::string>>{{"T", "0", "0", "∅"}}));
}

TEST(GroupByTest, ErrorsNameTheColumn) {
  const Table table({Categorical("kon", {"K"}, {"K"}), Ints("x", {1}), Doubles("y", {1.5}),
                     Column::String("namn", {"Anna"})});
  EXPECT_EQ(CodeOf([&] {
              GroupBy(table, {{"alder"}, {"x"}, "", false});
            }),
            ErrorCode::kUnknownColumn);
  EXPECT_EQ(CodeOf([&] {
              GroupBy(table, {{"kon"}, {"inkomst"}, "", false});
            }),
            ErrorCode::kUnknownColumn);
  EXPECT_EQ(CodeOf([&] { GroupBy(table, {{"y"}, {"x"}, "", false}); }), ErrorCode::kTypeMismatch);
  EXPECT_EQ(CodeOf([&] {
              GroupBy(table, {{"namn"}, {"x"}, "", false});
            }),
            ErrorCode::kTypeMismatch);
  EXPECT_EQ(CodeOf([&] { GroupBy(table, {{}, {"kon"}, "", false}); }), ErrorCode::kTypeMismatch);
  EXPECT_EQ(CodeOf([&] { GroupBy(table, {{}, {"x"}, "namn", false}); }), ErrorCode::kTypeMismatch);
  try {
    GroupBy(table, {{}, {"namn"}, "", false});
    FAIL() << "no error thrown";
  } catch (const Error& error) {
    EXPECT_EQ(error.field(), "namn");
    EXPECT_NE(error.message().find("namn"), std::string::npos);
  }
  const GroupByResult unweighted = GroupBy(table, {{}, {"x"}, "", false});
  EXPECT_EQ(CodeOf([&] { GroupByResultToTable(unweighted, {Statistic::kWeightedMean}); }),
            ErrorCode::kUsage);
}

TEST(GroupByTest, Int64KeysWithTooManyDistinctValuesAreRefused) {
  std::vector<std::int64_t> ids((std::size_t{1} << 20) + 1);
  for (std::size_t i = 0; i < ids.size(); ++i) ids[i] = static_cast<std::int64_t>(i) * 7;
  const Table table({Column::Int64("person_id", std::move(ids))});
  try {
    GroupBy(table, {{"person_id"}, {}, "", false});
    FAIL() << "no error thrown";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    EXPECT_EQ(error.field(), "person_id");
  }
}

TEST(GroupByTest, MarginsOverTooManyKeysAreRefused) {
  std::vector<Column> columns;
  GroupByRequest request{{}, {}, "", true};
  for (int k = 0; k < 17; ++k) {
    columns.push_back(Categorical(fmt::format("k{}", k), {"a"}, {"a"}));
    request.keys.push_back(fmt::format("k{}", k));
  }
  EXPECT_EQ(CodeOf([&] { GroupBy(Table(std::move(columns)), request); }),
            ErrorCode::kInvalidArgument);
}

// --- Property test against a naive reference ------------------------------------------------

// The reference keeps every value of a group in a std::map keyed by the codes and computes the
// statistics from them directly: integer sums exactly, the variance in two passes.
struct ReferenceValue {
  std::int64_t count = 0;
  std::int64_t int_sum = 0;
  long double sum = 0;
  long double sum_abs = 0;  // the scale for comparing floating-point sums
  std::vector<double> values;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  long double sum_weights = 0;
  long double weighted_sum = 0;
  long double weighted_sum_abs = 0;
};

struct ReferenceGroup {
  std::int64_t rows = 0;
  std::vector<ReferenceValue> values;
};

using Reference = std::map<std::vector<std::uint32_t>, ReferenceGroup>;

std::set<std::int64_t> DistinctValues(const Column& int64_key) {
  std::set<std::int64_t> distinct;
  for (std::size_t row = 0; row < int64_key.size(); ++row) {
    if (!int64_key.IsNull(row)) distinct.insert(int64_key.int64s()[row]);
  }
  return distinct;
}

// Return the codes a key's rows should get: dictionary codes, or for int64 keys the rank of the
// value among the distinct values; nulls as kNullCode.
std::vector<std::uint32_t> ExpectedCodes(const Column& key) {
  std::vector<std::uint32_t> codes(key.size(), kNullCode);
  if (key.type() == ColumnType::kCategorical) {
    for (std::size_t row = 0; row < key.size(); ++row) {
      if (!key.IsNull(row)) codes[row] = key.categorical().CodeAt(row);
    }
    return codes;
  }
  const std::set<std::int64_t> distinct = DistinctValues(key);
  for (std::size_t row = 0; row < key.size(); ++row) {
    if (key.IsNull(row)) continue;
    codes[row] = static_cast<std::uint32_t>(
        std::distance(distinct.begin(), distinct.find(key.int64s()[row])));
  }
  return codes;
}

Reference ComputeReference(const Table& table, const GroupByRequest& request) {
  const std::size_t num_keys = request.keys.size();
  std::vector<std::vector<std::uint32_t>> key_codes;
  for (const auto& key : request.keys) key_codes.push_back(ExpectedCodes(table.GetColumn(key)));
  const Column* weight = request.weight.empty() ? nullptr : &table.GetColumn(request.weight);
  const std::size_t sets = request.margins ? std::size_t{1} << num_keys : 1;
  Reference reference;
  auto group_of = [&](const std::vector<std::uint32_t>& codes) -> ReferenceGroup& {
    ReferenceGroup& group = reference[codes];
    group.values.resize(request.values.size());
    return group;
  };
  if (table.num_rows() == 0 && (num_keys == 0 || request.margins)) {
    group_of(std::vector<std::uint32_t>(num_keys, kTotalCode));
  }
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    for (std::size_t set = 0; set < sets; ++set) {
      std::vector<std::uint32_t> codes(num_keys);
      for (std::size_t k = 0; k < num_keys; ++k) {
        codes[k] = (set >> k & 1) != 0 ? kTotalCode : key_codes[k][row];
      }
      ReferenceGroup& group = group_of(codes);
      ++group.rows;
      for (std::size_t v = 0; v < request.values.size(); ++v) {
        const Column& column = table.GetColumn(request.values[v]);
        if (column.IsNull(row)) continue;
        const double x = column.NumericAt(row);
        ReferenceValue& value = group.values[v];
        ++value.count;
        if (column.type() == ColumnType::kInt64) value.int_sum += column.int64s()[row];
        value.sum += x;
        value.sum_abs += std::fabs(x);
        value.values.push_back(x);
        value.min = std::min(value.min, x);
        value.max = std::max(value.max, x);
        if (weight != nullptr && !weight->IsNull(row)) {
          const double w = weight->NumericAt(row);
          value.sum_weights += w;
          value.weighted_sum += w * x;
          value.weighted_sum_abs += std::fabs(w * x);
        }
      }
    }
  }
  return reference;
}

void ExpectMatchesReference(const Table& table, const GroupByRequest& request,
                            const GroupByResult& result) {
  const Reference reference = ComputeReference(table, request);
  const std::size_t num_keys = request.keys.size();
  const std::size_t num_values = request.values.size();
  ASSERT_EQ(result.num_groups(), reference.size());
  ASSERT_EQ(result.key_codes.size(), reference.size() * num_keys);
  ASSERT_EQ(result.states.size(), reference.size() * num_values);
  for (std::size_t k = 0; k < num_keys; ++k) {
    const Column& key = table.GetColumn(request.keys[k]);
    if (key.type() == ColumnType::kCategorical) {
      EXPECT_EQ(result.dictionaries[k].categories(), key.categorical().dictionary.categories());
    } else {
      std::vector<std::string> categories;
      for (std::int64_t value : DistinctValues(key)) categories.push_back(std::to_string(value));
      EXPECT_EQ(result.dictionaries[k].categories(), categories);
    }
  }
  // A column is 0/1 when it is an integer column and every non-null value is 0 or 1.
  ASSERT_EQ(result.zero_one.size(), num_values);
  for (std::size_t v = 0; v < num_values; ++v) {
    const Column& column = table.GetColumn(request.values[v]);
    bool zero_one = column.type() == ColumnType::kInt64 && !reference.empty();
    for (std::size_t row = 0; row < column.size() && zero_one; ++row) {
      zero_one = column.IsNull(row) || column.Int64At(row) == 0 || column.Int64At(row) == 1;
    }
    EXPECT_EQ(result.zero_one[v], zero_one) << request.values[v];
  }
  // std::map orders the codes lexicographically, which is the order the result promises.
  std::size_t group = 0;
  for (const auto& [codes, expected] : reference) {
    const std::vector<std::uint32_t> actual_codes(result.key_codes.data() + group * num_keys,
                                                  result.key_codes.data() + (group + 1) * num_keys);
    ASSERT_EQ(actual_codes, codes) << "group " << group;
    EXPECT_EQ(result.row_counts[group], expected.rows);
    for (std::size_t v = 0; v < num_values; ++v) {
      const MomentState& state = result.states[group * num_values + v];
      const ReferenceValue& value = expected.values[v];
      SCOPED_TRACE(fmt::format("group {}, value {}", group, request.values[v]));
      EXPECT_EQ(state.count, value.count);
      if (table.GetColumn(request.values[v]).type() == ColumnType::kInt64) {
        EXPECT_EQ(state.sum, static_cast<double>(value.int_sum));
      } else {
        EXPECT_NEAR(state.sum, static_cast<double>(value.sum),
                    1e-9 * static_cast<double>(value.sum_abs));
      }
      std::vector<double> magnitudes;
      for (double x : value.values) magnitudes.push_back(std::fabs(x));
      std::sort(magnitudes.begin(), magnitudes.end(), std::greater<>());
      const bool top = result.detail == StateDetail::kMoments ||
                       (result.detail == StateDetail::kSumsAndTop && !result.zero_one[v]);
      EXPECT_EQ(state.largest, !top || magnitudes.empty() ? 0 : magnitudes[0]);
      EXPECT_EQ(state.second_largest, !top || magnitudes.size() < 2 ? 0 : magnitudes[1]);
      if (result.detail != StateDetail::kMoments) {
        // Only the count, the sum and the top two: the rest as in a state of no values.
        const MomentState none;
        EXPECT_EQ(state.min, none.min);
        EXPECT_EQ(state.max, none.max);
        EXPECT_EQ(state.sum_squares, none.sum_squares);
        EXPECT_EQ(state.sum_weights, none.sum_weights);
        EXPECT_EQ(state.weighted_sum, none.weighted_sum);
        continue;
      }
      EXPECT_EQ(state.min, value.min);
      EXPECT_EQ(state.max, value.max);
      if (value.count >= 2) {
        const double mean = static_cast<double>(value.sum) / static_cast<double>(value.count);
        double centred = 0;
        double mean_square = 0;
        for (double x : value.values) {
          centred += (x - mean) * (x - mean);
          mean_square += x * x / static_cast<double>(value.count);
        }
        // The one-pass formula's error scales with the mean square, not the variance.
        EXPECT_NEAR(state.Variance(), centred / static_cast<double>(value.count - 1),
                    1e-9 * mean_square);
      } else {
        EXPECT_TRUE(std::isnan(state.Variance()));
      }
      EXPECT_NEAR(state.sum_weights, static_cast<double>(value.sum_weights),
                  1e-9 * static_cast<double>(value.sum_weights));
      EXPECT_NEAR(state.weighted_sum, static_cast<double>(value.weighted_sum),
                  1e-9 * static_cast<double>(value.weighted_sum_abs));
    }
    ++group;
  }
}

void ExpectIdentical(const GroupByResult& a, const GroupByResult& b) {
  EXPECT_EQ(a.key_codes, b.key_codes);
  EXPECT_EQ(a.row_counts, b.row_counts);
  EXPECT_TRUE(a.states == b.states);  // bit for bit, not merely close
  EXPECT_EQ(a.zero_one, b.zero_one);
}

// The counts, sums and (where computed) top two of a result with less detail are the same bits
// as those of the full moments: the same additions in the same order.
void ExpectSameSums(const GroupByResult& sums, const GroupByResult& moments) {
  ASSERT_EQ(sums.key_codes, moments.key_codes);
  EXPECT_EQ(sums.row_counts, moments.row_counts);
  EXPECT_EQ(sums.zero_one, moments.zero_one);
  const std::size_t num_values = sums.values.size();
  for (std::size_t i = 0; i < sums.states.size(); ++i) {
    EXPECT_EQ(sums.states[i].count, moments.states[i].count);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(sums.states[i].sum),
              std::bit_cast<std::uint64_t>(moments.states[i].sum));
    if (sums.detail == StateDetail::kSumsAndTop && !sums.zero_one[i % num_values]) {
      EXPECT_EQ(sums.states[i].largest, moments.states[i].largest);
      EXPECT_EQ(sums.states[i].second_largest, moments.states[i].second_largest);
    }
  }
}

Validity RandomNulls(std::mt19937_64& rng, std::size_t rows, double probability) {
  if (probability == 0) return {};
  Validity validity = Validity::AllValid(rows);
  std::bernoulli_distribution is_null(probability);
  for (std::size_t row = 0; row < rows; ++row) {
    if (is_null(rng)) validity.Clear(row);
  }
  return validity;
}

Column RandomCategoricalKey(std::mt19937_64& rng, std::string name, std::size_t rows,
                            std::uint32_t categories, double null_probability) {
  std::vector<std::string> names;
  for (std::uint32_t c = 0; c < categories; ++c) names.push_back(fmt::format("c{}", c));
  CategoryCodes codes = MakeCategoryCodes(categories, rows);
  std::uniform_int_distribution<std::uint32_t> code(0, categories - 1);
  std::visit(
      [&](auto& narrow) {
        for (auto& value : narrow) value = static_cast<std::decay_t<decltype(value)>>(code(rng));
      },
      codes);
  return Column::Categorical(std::move(name), Dictionary(std::move(names)), std::move(codes),
                             RandomNulls(rng, rows, null_probability));
}

Column RandomInt64Key(std::mt19937_64& rng, std::string name, std::size_t rows,
                      double null_probability) {
  // A small pool of values, some large and negative, so that groups repeat.
  std::uniform_int_distribution<std::int64_t> any(-5'000'000'000'000, 5'000'000'000'000);
  std::vector<std::int64_t> pool(std::uniform_int_distribution<std::size_t>(1, 40)(rng));
  for (auto& value : pool) value = any(rng);
  std::uniform_int_distribution<std::size_t> pick(0, pool.size() - 1);
  std::vector<std::int64_t> values(rows);
  for (auto& value : values) value = pool[pick(rng)];
  return Column::Int64(std::move(name), std::move(values),
                       RandomNulls(rng, rows, null_probability));
}

Column RandomNumbers(std::mt19937_64& rng, std::string name, std::size_t rows, bool integers,
                     std::int64_t low, std::int64_t high, double null_probability) {
  if (integers) {
    std::uniform_int_distribution<std::int64_t> draw(low, high);
    std::vector<std::int64_t> values(rows);
    for (auto& value : values) value = draw(rng);
    return Column::Int64(std::move(name), std::move(values),
                         RandomNulls(rng, rows, null_probability));
  }
  std::uniform_real_distribution<double> draw(static_cast<double>(low), static_cast<double>(high));
  std::vector<double> values(rows);
  for (auto& value : values) value = draw(rng);
  return Column::Double(std::move(name), std::move(values),
                        RandomNulls(rng, rows, null_probability));
}

struct RandomCase {
  Table table;
  GroupByRequest request;
};

RandomCase MakeRandomCase(std::mt19937_64& rng) {
  auto chance = [&rng](double p) { return std::bernoulli_distribution(p)(rng); };
  auto pick = [&rng](auto low, auto high) {
    return std::uniform_int_distribution<decltype(low)>(low, high)(rng);
  };
  const std::size_t rows = chance(0.1)   ? 0
                           : chance(0.1) ? 1
                                         : pick(std::size_t{2}, std::size_t{3000});
  RandomCase random;
  const std::size_t num_keys = pick(std::size_t{1}, std::size_t{3});
  for (std::size_t k = 0; k < num_keys; ++k) {
    const std::string name = fmt::format("key{}", k);
    const double nulls = chance(0.3) ? 0.1 : 0.0;
    if (chance(0.3)) {
      random.table.AddColumn(RandomInt64Key(rng, name, rows, nulls));
    } else {
      // 300 categories need 16-bit codes.
      const std::array<std::uint32_t, 6> categories = {1, 2, 3, 7, 290, 300};
      random.table.AddColumn(RandomCategoricalKey(rng, name, rows, categories[pick(0, 5)], nulls));
    }
    random.request.keys.push_back(name);
  }
  const std::size_t num_values = pick(std::size_t{1}, std::size_t{3});
  for (std::size_t v = 0; v < num_values; ++v) {
    const std::string name = fmt::format("value{}", v);
    const double nulls = chance(0.5) ? 0.2 : 0.0;
    if (chance(0.3)) {
      // A 0/1 outcome; sometimes with a stray 2, or with other values stored under its nulls.
      Column outcome = RandomNumbers(rng, name, rows, true, 0, chance(0.2) ? 2 : 1, nulls);
      if (nulls > 0 && chance(0.5)) {
        std::vector<std::int64_t> values = outcome.int64s();
        for (std::size_t row = 0; row < rows; ++row) {
          if (outcome.IsNull(row)) values[row] = 7;
        }
        outcome = Column::Int64(name, std::move(values), outcome.validity());
      }
      random.table.AddColumn(std::move(outcome));
    } else {
      random.table.AddColumn(RandomNumbers(rng, name, rows, chance(0.5), -1000, 1000, nulls));
    }
    random.request.values.push_back(name);
  }
  if (chance(0.5)) {
    random.table.AddColumn(RandomNumbers(rng, "weight", rows, chance(0.5), 0, 5, 0.1));
    random.request.weight = "weight";
  }
  random.request.margins = chance(0.5);
  const std::array<StateDetail, 3> details = {StateDetail::kSums, StateDetail::kSumsAndTop,
                                              StateDetail::kMoments};
  random.request.detail = details[pick(0, 2)];
  return random;
}

TEST(GroupByPropertyTest, RandomTablesMatchTheReferenceWithAnyThreadCountAndLayout) {
  std::mt19937_64 rng(20240611);
  for (int iteration = 0; iteration < 60; ++iteration) {
    const RandomCase random = MakeRandomCase(rng);
    SCOPED_TRACE(fmt::format("iteration {}, {} rows", iteration, random.table.num_rows()));
    // Small partitions exercise merging; a dense limit of 0 forces the hash table.
    internal::GroupByTuning dense;
    dense.partition_rows = std::uniform_int_distribution<std::size_t>(1, 700)(rng);
    internal::GroupByTuning hashed = dense;
    hashed.max_dense_groups = 0;

    std::optional<GroupByResult> first;
    for (int threads : {1, 2, 3, 8}) {
      const ScopedThreads scoped(threads);
      for (const auto& tuning : {dense, hashed}) {
        GroupByResult result = internal::GroupBy(random.table, random.request, tuning);
        if (!first) {
          ExpectMatchesReference(random.table, random.request, result);
          first = std::move(result);
        } else {
          ExpectIdentical(result, *first);
        }
      }
    }
    ExpectMatchesReference(random.table, random.request, GroupBy(random.table, random.request));
    if (first->detail != StateDetail::kMoments) {
      GroupByRequest moments = random.request;
      moments.detail = StateDetail::kMoments;
      ExpectSameSums(*first, internal::GroupBy(random.table, moments, dense));
    }
  }
}

TEST(GroupByPropertyTest, KeysTooWideForOneWordArePackedIntoSeveral) {
  // Four keys of 70 000 categories (32-bit codes): 70 001⁴ combinations exceed 2⁶⁴.
  std::mt19937_64 rng(7);
  RandomCase random;
  const std::size_t rows = 2000;
  for (int k = 0; k < 4; ++k) {
    const std::string name = fmt::format("key{}", k);
    random.table.AddColumn(RandomCategoricalKey(rng, name, rows, 70'000, k == 0 ? 0.1 : 0.0));
    random.request.keys.push_back(name);
  }
  random.table.AddColumn(RandomNumbers(rng, "x", rows, false, -10, 10, 0.1));
  random.request.values = {"x"};
  random.request.margins = true;
  internal::GroupByTuning tuning;
  tuning.partition_rows = 300;
  const GroupByResult result = internal::GroupBy(random.table, random.request, tuning);
  ExpectMatchesReference(random.table, random.request, result);
  const ScopedThreads scoped(2);
  ExpectIdentical(internal::GroupBy(random.table, random.request, tuning), result);
}

}  // namespace
}  // namespace jamlik
