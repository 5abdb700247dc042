#include "pipeline/pipeline.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdint>
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
