#include "pipeline/pipeline.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace jamlik {
namespace {

constexpr const char* kSpec = R"(
[[indicator]]
id = "dod"
namn = "Andel döda"
name = "Deaths"
typ = "proportion"
taljare = "dod"
multiplikator = 100
gynnsamt = "låg"
omraden = ["kommun"]
dimensioner = ["kon"]
)";

// 40 persons in one municipality, 4 deaths among the women and 12 among the men.
Table Persons() {
  std::vector<std::optional<std::string>> kommun, kon;
  std::vector<std::int64_t> dod;
  for (int i = 0; i < 40; ++i) {
    kommun.emplace_back("1880");
    kon.emplace_back(i % 2 == 0 ? "M" : "K");
    dod.push_back(i % 2 == 0 ? (i < 24 ? 1 : 0) : (i < 8 ? 1 : 0));
  }
  return pipeline::PrepareData(
      Table({Column::CategoricalFromStrings("kommun", kommun),
             Column::CategoricalFromStrings("kon", kon), Column::Int64("dod", dod)}));
}

TEST(PipelineTest, PrepareDataAppliesTheKnownDimensions) {
  const Table persons = Persons();
  EXPECT_EQ(persons.GetColumn("kon").categorical().dictionary.categories(),
            (std::vector<std::string>{"K", "M"}));
}

TEST(PipelineTest, ReleasesDataHeldInMemoryThroughDisclosureControl) {
  const auto definitions = pipeline::ParseDefinitions(kSpec, "<spec>");
  EXPECT_EQ(definitions.source, "<spec>");
  ReleaseRequest request;
  request.dataset_label = "(in memory)";
  const PublishedResults published = pipeline::ComputeAndRelease(Persons(), definitions, request);
  EXPECT_TRUE(published.disclosure_controlled());
  const Table results = pipeline::ResultTable(published);
  ASSERT_EQ(results.num_rows(), 3U);  // total, K, M
  const auto row_of = [](const Table& table, const std::string& name) {
    const Column& subgroup = table.GetColumn("subgroup");
    for (std::size_t row = 0; row < table.num_rows(); ++row) {
      if (subgroup.ValueToString(row) == name) return row;
    }
    ADD_FAILURE() << "no subgroup " << name;
    return std::size_t{0};
  };
  // The women's 4 deaths break the numerator rule (1–4 never shown).
  const std::size_t women = row_of(results, "K");
  EXPECT_EQ(results.GetColumn("suppressed").int64s()[women], 1);
  EXPECT_TRUE(results.GetColumn("estimate").IsNull(women));

  request.unsuppressed = true;
  const PublishedResults raw = pipeline::ComputeAndRelease(Persons(), definitions, request);
  EXPECT_FALSE(raw.disclosure_controlled());
  const Table shown = pipeline::ResultTable(raw);
  EXPECT_DOUBLE_EQ(shown.GetColumn("estimate").doubles()[row_of(shown, "K")], 20.0);
}

// An office's file with Swedish headers, and a spec naming the columns either way.
TEST(PipelineTest, SwedishHeadersAreTheKnownDimensionsInDataAndSpec) {
  std::string csv = "Kommun;År;Kön;Utbildning;Ålder;dod\n";
  for (int i = 0; i < 40; ++i) {
    csv += fmt::format("{};2024;{};{};{};{}\n", i < 20 ? "180" : "1880", i % 2 ? "K" : "M",
                       i % 3 == 0 ? "eftergymnasial" : (i % 3 == 1 ? "gymnasial" : "förgymnasial"),
                       60 + i, i % 4 == 0 ? 1 : 0);
  }
  const Table data = pipeline::PrepareData(ReadCsvText(csv, "kontor.csv"));
  EXPECT_EQ(data.GetColumn("kommun").ValueToString(0), "0180");
  EXPECT_EQ(data.GetColumn("utbildning").categorical().dictionary.categories(),
            (std::vector<std::string>{"förgymnasial", "gymnasial", "eftergymnasial"}));
  const pipeline::Definitions definitions = pipeline::ParseDefinitions(R"(
[[indicator]]
id = "dod"
namn = "Andel döda"
typ = "proportion"
taljare = "dod"
gynnsamt = "låg"
urval = "Ålder >= 70"
period = "År"
omraden = ["Kommun"]
dimensioner = ["Kön", "utbildning"]
)",
                                                                       "spec.toml");
  EXPECT_EQ(definitions.indicators.at(0).areas, (std::vector<std::string>{"kommun"}));
  ReleaseRequest unsuppressed;
  unsuppressed.unsuppressed = true;
  const PublishedResults published = pipeline::ComputeAndRelease(data, definitions, unsuppressed);
  std::size_t women_1880 = 0;
  for (const ResultRow& row : published.rows()) {
    EXPECT_EQ(row.period, "2024");
    if (row.area == "1880" && row.subgroup == "K")
      women_1880 = static_cast<std::size_t>(*row.denominator);
  }
  EXPECT_EQ(women_1880, 10U);  // the women of 1880 are the odd rows 21, 23 … 39, all over 70
}

// 300 persons: care use by group (A 148, B 148, C 4: A, seen first, is the reference) and income;
// one person in 30 is under 65.
Table CarePersons(bool small_first = false) {
  std::vector<std::optional<std::string>> grupp;
  std::vector<double> use, income, age;
  for (int i = 0; i < 300; ++i) {
    const char* g = (small_first ? i < 4 : i >= 296) ? "C" : (i % 2 == 0 ? "A" : "B");
    grupp.emplace_back(g);
    income.push_back(100.0 + (i * 37) % 250);
    age.push_back(i % 30 == 0 ? 50 : 70 + i % 20);
    use.push_back(5.0 + (g[0] == 'B' ? 1.0 : 0.0) + (g[0] == 'C' ? 3.0 : 0.0) -
                  0.01 * income.back() + static_cast<double>((i * 7919) % 13) / 13.0);
  }
  return Table({Column::CategoricalFromStrings("grupp", grupp), Column::Double("use", use),
                Column::Double("inkomst", income), Column::Double("alder", age)});
}

std::size_t RowOf(const Table& table, const std::string& item) {
  const Column& items = table.GetColumn("item");
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    if (items.ValueToString(row) == item) return row;
  }
  ADD_FAILURE() << "no item " << item;
  return 0;
}

std::string TempPath(const std::string& name) {
  const auto path =
      std::filesystem::temp_directory_path() /
      (name + "_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()));
  std::filesystem::remove(path);
  return path.string();
}

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

TEST(PipelineTest, InequityIsReleasedWithTheSmallCategoryWithheldAndAudited) {
  const pipeline::InequityRequest inequity{
      .spec = {.use = "use", .need = {"grupp"}, .nonneed = {"inkomst"}, .rank = "inkomst"},
      .filter = "alder >= 65"};
  ReleaseRequest request;
  request.dataset_label = "(in memory)";
  request.audit_path = TempPath("pipeline_inequity_audit.jsonl");
  const ReleasedSummary released = pipeline::InequityAndRelease(CarePersons(), inequity, request);
  EXPECT_TRUE(released.disclosure_controlled());
  const Table& table = released.table();
  const Column& estimate = table.GetColumn("estimate");
  const Column& reason = table.GetColumn("suppression_reason");
  // The 4 persons of C are fewer than 10: its coefficient, share and contribution are withheld,
  // and B's with them, since the need contributions add up to C(need-expected).
  const std::size_t c = RowOf(table, "grupp=C"), b = RowOf(table, "grupp=B");
  EXPECT_TRUE(estimate.IsNull(c));
  EXPECT_TRUE(table.GetColumn("coefficient").IsNull(c));
  EXPECT_TRUE(table.GetColumn("mean").IsNull(c));
  EXPECT_EQ(reason.ValueToString(c), "denominator_below_minimum");
  EXPECT_EQ(reason.ValueToString(b), "complementary");
  // The measures over everyone stay: 290 persons of 65 and over.
  const std::size_t hi = RowOf(table, "hi");
  EXPECT_FALSE(estimate.IsNull(hi));
  EXPECT_DOUBLE_EQ(table.GetColumn("persons").doubles()[hi], 290.0);
  EXPECT_FALSE(estimate.IsNull(RowOf(table, "inkomst")));
  EXPECT_EQ(released.primary_rows(), 1U);
  EXPECT_EQ(released.complementary_rows(), 1U);

  request.unsuppressed = true;
  const ReleasedSummary raw = pipeline::InequityAndRelease(CarePersons(), inequity, request);
  EXPECT_FALSE(raw.disclosure_controlled());
  EXPECT_FALSE(raw.table().GetColumn("estimate").IsNull(RowOf(raw.table(), "grupp=C")));

  const std::vector<std::string> lines = Lines(request.audit_path);
  ASSERT_EQ(lines.size(), 2U);
  EXPECT_NE(lines[0].find("\"publish\""), std::string::npos) << lines[0];
  EXPECT_NE(lines[0].find("inequity use by inkomst where alder >= 65"), std::string::npos)
      << lines[0];
  EXPECT_NE(lines[1].find("\"publish_unsuppressed\""), std::string::npos) << lines[1];
  std::filesystem::remove(request.audit_path);
}

TEST(PipelineTest, InequityFiguresCarryThePersonsAndTheDecompositionsIdentities) {
  const inequality::InequityResult result = inequality::HorizontalInequity(
      CarePersons(), {.use = "use", .need = {"grupp"}, .nonneed = {"inkomst"}, .rank = "inkomst"});
  const SummaryFigures figures = pipeline::InequityFigures(result);
  const Table& table = figures.table;
  ASSERT_EQ(figures.persons.size(), table.num_rows());
  EXPECT_EQ(figures.persons[RowOf(table, "grupp=C")], 4U);
  EXPECT_EQ(figures.persons[RowOf(table, "grupp=B")], 148U);
  EXPECT_EQ(figures.persons[RowOf(table, "(intercept)")], 148U);  // A, the reference
  EXPECT_EQ(figures.persons[RowOf(table, "c_use")], 300U);
  // Every identity holds on the estimates, the total being the sum of its parts — but for the
  // intercept's, which holds in elasticities (α/μ + Σ elasticities = 1).
  const Column& estimate = table.GetColumn("estimate");
  ASSERT_GE(figures.sums.size(), 6U);
  for (const auto& sum : figures.sums) {
    const std::string total = table.GetColumn("item").ValueToString(sum[0]);
    double parts = 0;
    for (std::size_t i = 1; i < sum.size(); ++i) {
      parts += total == "(intercept)" ? table.GetColumn("elasticity").doubles()[sum[i]]
                                      : estimate.doubles()[sum[i]];
    }
    if (total == "(intercept)") {
      EXPECT_NEAR(result.intercept / result.mean_use + parts, 1.0, 1e-9);
    } else {
      EXPECT_NEAR(estimate.doubles()[sum[0]], parts, 1e-9) << total;
    }
  }
}

// A small reference category: every coefficient of its variable is a contrast with those 4
// persons, and the intercept their predicted use.
TEST(PipelineTest, ASmallReferenceCategoryWithholdsItsVariablesCoefficients) {
  const SummaryFigures figures = pipeline::InequityFigures(inequality::HorizontalInequity(
      CarePersons(true),
      {.use = "use", .need = {"grupp"}, .nonneed = {"inkomst"}, .rank = "inkomst"}));
  const ReleasedSummary released = PublishSummary(figures, DisclosureRules{}, {});
  const Table& table = released.table();
  for (const char* item : {"grupp=A", "grupp=B", "(intercept)"}) {
    EXPECT_EQ(table.GetColumn("suppression_reason").ValueToString(RowOf(table, item)),
              "denominator_below_minimum")
        << item;
  }
  EXPECT_FALSE(table.GetColumn("estimate").IsNull(RowOf(table, "hi")));
  EXPECT_FALSE(table.GetColumn("coefficient").IsNull(RowOf(table, "inkomst")));
}

TEST(PipelineTest, AggregateIsReleasedThroughDisclosureControlAndAudited) {
  pipeline::AggregateRequest aggregate{.group_by = {{"grupp"}, {"use"}, {}, false}};
  aggregate.statistics = {Statistic::kSum, Statistic::kMean};
  ReleaseRequest request;
  request.dataset_label = "(in memory)";
  request.audit_path = TempPath("pipeline_aggregate_audit.jsonl");
  pipeline::AggregateTimings timings;
  const ReleasedTable released =
      pipeline::AggregateAndRelease(CarePersons(), aggregate, request, &timings);
  EXPECT_TRUE(released.disclosure_controlled());
  EXPECT_EQ(timings.groups, 3U);
  const Table& table = released.table();
  const Column& grupp = table.GetColumn("grupp");
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    const bool small = grupp.ValueToString(row) == "C";  // 4 persons
    EXPECT_EQ(table.GetColumn("n").IsNull(row), small) << row;
    EXPECT_EQ(table.GetColumn("use_mean").IsNull(row), small) << row;
  }
  const std::vector<std::string> lines = Lines(request.audit_path);
  ASSERT_EQ(lines.size(), 1U);
  EXPECT_NE(lines[0].find("aggregate by grupp"), std::string::npos) << lines[0];
  std::filesystem::remove(request.audit_path);
}

TEST(PipelineTest, DefinitionErrorsNameTheText) {
  try {
    pipeline::ParseDefinitions("[[indicator]]\nid = 3\n", "<spec>");
    FAIL() << "expected an error";
  } catch (const Error& error) {
    EXPECT_EQ(error.location().file, "<spec>");
    EXPECT_EQ(error.location().line, 2U);
  }
}

TEST(PipelineTest, MeasureRegistryTableListsEveryMeasure) {
  const Table table = pipeline::MeasureRegistryTable();
  EXPECT_EQ(table.num_rows(), inequality::MeasureRegistry().All().size());
  EXPECT_EQ(table.column(0).name(), "id");
  EXPECT_EQ(table.num_columns(), 10U);
}

}  // namespace
}  // namespace jamlik
