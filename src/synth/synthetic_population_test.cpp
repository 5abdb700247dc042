#include "synth/synthetic_population.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/geography.hpp"

namespace jamlik {
namespace {

std::string Generate(const SynthOptions& options) {
  std::ostringstream out;
  WriteSyntheticPopulation(options, out);
  return out.str();
}

SynthOptions Options(std::size_t persons, std::uint64_t seed, std::string county = "") {
  SynthOptions options;
  options.persons = persons;
  options.seed = seed;
  options.county = std::move(county);
  return options;
}

std::vector<std::string_view> Split(std::string_view line, char delimiter) {
  std::vector<std::string_view> fields;
  for (std::size_t start = 0;;) {
    const std::size_t end = line.find(delimiter, start);
    fields.push_back(line.substr(start, end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

// Return the lines without their '\n', the header first.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

int ToInt(std::string_view text) {
  int value = -1;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

std::optional<double> ToDouble(std::string_view text) {
  if (text.empty()) return std::nullopt;
  return std::stod(std::string(text));
}

// The columns a test looks at, parsed from one row.
struct Record {
  std::string lan;
  std::string kommun;
  std::string deso;
  char kon;
  int alder;
  std::string utbildning;
  int kvintil;
  std::string fodelseregion;
  std::string funktionsnedsattning;
  int dod;
  std::string hemtjanst;
  std::string gymnasiebehorig;
  std::optional<double> vardtimmar;
  std::optional<double> inkomst;
};

std::vector<Record> Parse(std::string_view text) {
  std::vector<Record> records;
  const std::vector<std::string_view> lines = Lines(text);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string_view> f = Split(lines[i], ',');
    EXPECT_EQ(f.size(), kSynthColumns.size()) << lines[i];
    records.push_back({std::string(f[1]), std::string(f[2]), std::string(f[3]), f[4].at(0),
                       ToInt(f[5]), std::string(f[6]), ToInt(f[7]), std::string(f[8]),
                       std::string(f[9]), ToInt(f[10]), std::string(f[11]), std::string(f[12]),
                       ToDouble(f[13]), ToDouble(f[14])});
  }
  return records;
}

// A rate with its count, for comparisons between groups.
struct Rate {
  double events = 0;
  double persons = 0;
  void Add(bool event) {
    events += event ? 1 : 0;
    persons += 1;
  }
  double value() const { return events / persons; }
};

// Return e0 from a single-year life table (deaths / persons at each age, the open group 95+).
double LifeExpectancy(const std::vector<Record>& records, char sex, std::string_view education) {
  constexpr int kOpen = 95;
  std::vector<Rate> by_age(kOpen + 1);
  for (const Record& r : records) {
    if (r.kon == sex && (education.empty() || r.utbildning == education)) {
      by_age[std::min(r.alder, kOpen)].Add(r.dod == 1);
    }
  }
  double survivors = 1.0;
  double years = 0.0;
  for (int age = 0; age < kOpen; ++age) {
    const double q = by_age[age].value();
    years += survivors * (1.0 - q / 2.0);
    survivors *= 1.0 - q;
  }
  return years + survivors / by_age[kOpen].value();
}

// A national sample large enough for the gradients, generated once per test program. The tests
// that read it form the suite SyntheticSampleTest, which ctest runs as one program (ONE_PROCESS in
// CMakeLists.txt): one case per program would generate it eight times (~20 s each under ASan).
const std::vector<Record>& Sample() {
  static const std::vector<Record> sample = Parse(Generate(Options(400000, 2025)));
  return sample;
}

TEST(SyntheticPopulationTest, SameSeedGivesTheSameBytes) {
  EXPECT_EQ(Generate(Options(20000, 7)), Generate(Options(20000, 7)));
}

TEST(SyntheticPopulationTest, AnotherSeedGivesOtherData) {
  EXPECT_NE(Generate(Options(20000, 7)), Generate(Options(20000, 8)));
}

TEST(SyntheticPopulationTest, ThreadCountDoesNotChangeTheBytes) {
  const char* before = std::getenv("JAMLIK_THREADS");
  const std::string saved = before != nullptr ? before : "";
  std::vector<std::string> outputs;
  for (const char* threads : {"1", "2", "5"}) {
    setenv("JAMLIK_THREADS", threads, 1);
    outputs.push_back(Generate(Options(300000, 11)));  // several blocks
  }
  if (before != nullptr) {
    setenv("JAMLIK_THREADS", saved.c_str(), 1);
  } else {
    unsetenv("JAMLIK_THREADS");
  }
  EXPECT_EQ(outputs[0], outputs[1]);
  EXPECT_EQ(outputs[0], outputs[2]);
}

TEST(SyntheticPopulationTest, HeaderIsExactlyTheDocumentedColumns) {
  const std::string text = Generate(Options(10, 1));
  EXPECT_EQ(Lines(text).front(),
            "ar,lan,kommun,deso,kon,alder,utbildning,inkomstkvintil,fodelseregion,"
            "funktionsnedsattning,dod,hemtjanst,gymnasiebehorig,vardtimmar,inkomst");
  EXPECT_EQ(Lines(text).size(), 11U);
}

TEST(SyntheticPopulationTest, WholeSwedenCoversEveryMunicipalityInProportion) {
  const std::string text = Generate(Options(200000, 3));
  std::map<std::string, int> per_municipality;
  for (const Record& r : Parse(text)) {
    ++per_municipality[r.kommun];
    ASSERT_EQ(r.lan, r.kommun.substr(0, 2));
    ASSERT_EQ(r.deso.size(), 9U);
    ASSERT_EQ(r.deso.substr(0, 4), r.kommun);
    ASSERT_TRUE(r.deso[4] == 'A' || r.deso[4] == 'B' || r.deso[4] == 'C') << r.deso;
    ASSERT_TRUE(
        std::all_of(r.deso.begin() + 5, r.deso.end(), [](char c) { return c >= '0' && c <= '9'; }));
  }
  EXPECT_EQ(per_municipality.size(), Municipalities().size());
  for (const Municipality& m : Municipalities()) EXPECT_GT(per_municipality[m.code], 0) << m.code;
  const double stockholm = per_municipality["0180"] / 200000.0;
  EXPECT_GT(stockholm, 0.08);
  EXPECT_LT(stockholm, 0.11);
  EXPECT_NE(text.find("\n2025,01,0180,0180C"), std::string::npos);  // leading zeros kept
}

TEST(SyntheticPopulationTest, CountyOptionKeepsToThatCountyWithRealisticAreaSizes) {
  // About Örebro län's real population, so the areas have their intended sizes.
  const std::vector<Record> records = Parse(Generate(Options(300000, 5, "18")));
  std::set<std::string> expected;
  for (const Municipality& m : Municipalities()) {
    if (m.county_code == "18") expected.insert(m.code);
  }
  std::set<std::string> seen;
  std::map<std::string, int> per_area;
  for (const Record& r : records) {
    ASSERT_EQ(r.lan, "18");
    seen.insert(r.kommun);
    ++per_area[r.deso];
  }
  EXPECT_EQ(seen, expected);
  for (const auto& [area, persons] : per_area) {
    EXPECT_GE(persons, 700) << area;
    EXPECT_LE(persons, 2700) << area;
  }
}

TEST(SyntheticSampleTest, FieldsAreEmptyExactlyWhereDocumented) {
  for (const Record& r : Sample()) {
    ASSERT_TRUE(r.kon == 'K' || r.kon == 'M');
    ASSERT_GE(r.alder, 0);
    ASSERT_LE(r.alder, 105);
    ASSERT_GE(r.kvintil, 1);
    ASSERT_LE(r.kvintil, 5);
    ASSERT_TRUE(r.utbildning == "förgymnasial" || r.utbildning == "gymnasial" ||
                r.utbildning == "eftergymnasial");
    ASSERT_TRUE(r.fodelseregion == "Sverige" || r.fodelseregion == "Norden" ||
                r.fodelseregion == "Europa" || r.fodelseregion == "utanför Europa");
    ASSERT_TRUE(r.funktionsnedsattning == "ja" || r.funktionsnedsattning == "nej");
    ASSERT_TRUE(r.dod == 0 || r.dod == 1);
    if (r.alder >= 65) {
      ASSERT_TRUE(r.hemtjanst == "0" || r.hemtjanst == "1");
      ASSERT_TRUE(r.vardtimmar.has_value());
      ASSERT_EQ(*r.vardtimmar > 0.0, r.hemtjanst == "1");
    } else {
      ASSERT_EQ(r.hemtjanst, "");
      ASSERT_FALSE(r.vardtimmar.has_value());
    }
    if (r.alder == 16) {
      ASSERT_TRUE(r.gymnasiebehorig == "0" || r.gymnasiebehorig == "1");
    } else {
      ASSERT_EQ(r.gymnasiebehorig, "");
    }
    ASSERT_EQ(r.inkomst.has_value(), r.alder >= 20);
    if (r.inkomst) {
      ASSERT_GT(*r.inkomst, 0.0);
    }
  }
}

TEST(SyntheticSampleTest, MarginalsAreRoughlySwedish) {
  const std::vector<Record>& records = Sample();
  std::map<std::string, double> regions;
  std::map<int, double> quintiles;
  Rate disabled;
  std::set<int> ages;
  for (const Record& r : records) {
    regions[r.fodelseregion] += 1.0 / static_cast<double>(records.size());
    quintiles[r.kvintil] += 1.0 / static_cast<double>(records.size());
    disabled.Add(r.funktionsnedsattning == "ja");
    ages.insert(r.alder);
  }
  EXPECT_NEAR(regions["Sverige"], 0.80, 0.03);
  EXPECT_NEAR(regions["Norden"], 0.03, 0.01);
  EXPECT_NEAR(regions["Europa"], 0.06, 0.015);
  EXPECT_NEAR(regions["utanför Europa"], 0.11, 0.02);
  for (int q = 1; q <= 5; ++q) EXPECT_NEAR(quintiles[q], 0.2, 0.01) << q;
  EXPECT_NEAR(disabled.value(), 0.10, 0.02);
  for (int age = 0; age <= 100; ++age) EXPECT_TRUE(ages.contains(age)) << age;
}

TEST(SyntheticSampleTest, ShortEducationDiesMoreAt50To79) {
  Rate primary;
  Rate tertiary;
  for (const Record& r : Sample()) {
    if (r.alder < 50 || r.alder > 79) continue;
    if (r.utbildning == "förgymnasial") primary.Add(r.dod == 1);
    if (r.utbildning == "eftergymnasial") tertiary.Add(r.dod == 1);
  }
  EXPECT_GT(primary.value(), 1.3 * tertiary.value());
}

TEST(SyntheticSampleTest, MenDieMoreThanWomenAtTheSameAge) {
  // Within 10-year bands from 40, so that women's longer lives cannot explain the difference.
  std::map<int, Rate> men;
  std::map<int, Rate> women;
  for (const Record& r : Sample()) {
    if (r.alder >= 40 && r.alder < 90) (r.kon == 'M' ? men : women)[r.alder / 10].Add(r.dod == 1);
  }
  for (int band = 4; band < 9; ++band) {
    EXPECT_GT(men[band].value(), women[band].value()) << band * 10;
  }
}

TEST(SyntheticSampleTest, LifeTableGivesSwedishLifeExpectancyWithAnEducationGap) {
  const std::vector<Record>& records = Sample();
  const double women = LifeExpectancy(records, 'K', "");
  const double men = LifeExpectancy(records, 'M', "");
  EXPECT_NEAR(women, 84.0, 1.5);
  EXPECT_NEAR(men, 80.0, 1.5);
  EXPECT_GT(LifeExpectancy(records, 'K', "eftergymnasial"),
            LifeExpectancy(records, 'K', "förgymnasial") + 2.0);
  EXPECT_GT(LifeExpectancy(records, 'M', "eftergymnasial"),
            LifeExpectancy(records, 'M', "förgymnasial") + 2.0);
}

TEST(SyntheticSampleTest, HomeCareRisesWithAge) {
  Rate young_old;
  Rate old;
  Rate oldest;
  for (const Record& r : Sample()) {
    if (r.alder < 65) continue;
    (r.alder < 75 ? young_old : r.alder < 85 ? old : oldest).Add(r.hemtjanst == "1");
  }
  EXPECT_NEAR(young_old.value(), 0.02, 0.015);
  EXPECT_NEAR(old.value(), 0.10, 0.04);
  EXPECT_NEAR(oldest.value(), 0.35, 0.08);
}

TEST(SyntheticSampleTest, EligibilityFollowsParentsEducation) {
  std::map<std::string, Rate> by_education;
  Rate all;
  for (const Record& r : Sample()) {
    if (r.alder != 16) continue;
    by_education[r.utbildning].Add(r.gymnasiebehorig == "1");
    all.Add(r.gymnasiebehorig == "1");
  }
  EXPECT_NEAR(all.value(), 0.85, 0.04);
  EXPECT_GT(by_education["eftergymnasial"].value(), by_education["gymnasial"].value());
  EXPECT_GT(by_education["gymnasial"].value(), by_education["förgymnasial"].value());
  EXPECT_GT(by_education["eftergymnasial"].value(), by_education["förgymnasial"].value() + 0.2);
}

TEST(SyntheticSampleTest, IncomeIsHigherInTheTopQuintile) {
  std::map<int, std::vector<double>> incomes;
  for (const Record& r : Sample()) {
    if (r.inkomst) incomes[r.kvintil].push_back(*r.inkomst);
  }
  const auto median = [](std::vector<double> values) {
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
  };
  for (int q = 1; q < 5; ++q) EXPECT_LT(median(incomes[q]), median(incomes[q + 1])) << q;
  EXPECT_GT(median(incomes[5]), 2.0 * median(incomes[1]));
}

TEST(SyntheticPopulationTest, DecimalCommaAndSemicolons) {
  SynthOptions options = Options(2000, 1);
  options.delimiter = ';';
  options.decimal_comma = true;
  const std::string text = Generate(options);
  EXPECT_EQ(text.find('.'), std::string::npos);
  const std::vector<std::string_view> lines = Lines(text);
  EXPECT_EQ(Split(lines.front(), ';').size(), kSynthColumns.size());
  bool saw_decimal = false;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string_view> fields = Split(lines[i], ';');
    ASSERT_EQ(fields.size(), kSynthColumns.size());
    const std::string_view income = fields.back();
    if (!income.empty()) {
      ASSERT_EQ(income[income.size() - 2], ',') << income;
      saw_decimal = true;
    }
  }
  EXPECT_TRUE(saw_decimal);

  options.delimiter = '\t';
  EXPECT_EQ(Split(Lines(Generate(options)).front(), '\t').size(), kSynthColumns.size());
}

TEST(SyntheticPopulationTest, BadOptionsFailBeforeWritingAnything) {
  const auto expect_invalid = [](const SynthOptions& options) {
    std::ostringstream out;
    try {
      WriteSyntheticPopulation(options, out);
      ADD_FAILURE() << "no error";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
    }
    EXPECT_TRUE(out.str().empty());
  };
  expect_invalid(Options(0, 1));
  expect_invalid(Options(10, 1, "99"));
  expect_invalid(Options(10, 1, "1"));
  SynthOptions comma = Options(10, 1);
  comma.decimal_comma = true;  // with the default delimiter ','
  expect_invalid(comma);
  SynthOptions letter = Options(10, 1);
  letter.delimiter = 'x';
  expect_invalid(letter);
  SynthOptions year = Options(10, 1);
  year.year = 1800;
  expect_invalid(year);
}

TEST(SyntheticPopulationTest, ProgressRisesToOne) {
  SynthOptions options = Options(200000, 1);
  std::vector<double> reported;
  options.progress = [&](double fraction) { reported.push_back(fraction); };
  Generate(options);
  ASSERT_FALSE(reported.empty());
  EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
  EXPECT_GT(reported.front(), 0.0);
  EXPECT_EQ(reported.back(), 1.0);
}

SynthOptions Years(std::size_t persons, std::uint64_t seed, int first, int last) {
  SynthOptions options = Options(persons, seed);
  options.year = first;
  options.last_year = last;
  return options;
}

TEST(SyntheticPopulationTest, SeveralYearsFollowEachOtherWithTheSameAreas) {
  const std::string text = Generate(Years(20000, 3, 2023, 2025));
  const std::string first_year = Generate(Years(20000, 3, 2023, 0));
  const std::vector<std::string_view> all = Lines(text);
  const std::vector<std::string_view> one = Lines(first_year);
  ASSERT_EQ(all.size(), 1 + 3 * 20000u);
  ASSERT_EQ(one.size(), 1 + 20000u);
  // The same areas as a one-year file, row by row.
  for (std::size_t i = 1; i <= 20000; ++i) ASSERT_EQ(Split(all[i], ',')[3], Split(one[i], ',')[3]);
  std::size_t differing = 0;
  for (std::size_t i = 1; i <= 20000; ++i) {
    const auto y1 = Split(all[i], ',');
    const auto y2 = Split(all[i + 20000], ',');
    const auto y3 = Split(all[i + 40000], ',');
    ASSERT_EQ(y1[0], "2023");
    ASSERT_EQ(y2[0], "2024");
    ASSERT_EQ(y3[0], "2025");
    // The same areas in the same order; other persons in them.
    ASSERT_EQ(y1[3], y2[3]);
    ASSERT_EQ(y1[3], y3[3]);
    if (all[i].substr(5) != all[i + 20000].substr(5)) ++differing;
  }
  EXPECT_GT(differing, 19000u);
}

TEST(SyntheticPopulationTest, AOneYearFileOfAnotherYearDiffersOnlyInItsYear) {
  // The trends and municipal levels belong to several-year files: `--year 2026` alone is the
  // model as it stands (the follow-up tests build a second year so).
  const std::string text_2025 = Generate(Years(20000, 4, 2025, 0));
  const std::string text_2026 = Generate(Years(20000, 4, 2026, 0));
  const std::vector<std::string_view> y2025 = Lines(text_2025);
  const std::vector<std::string_view> y2026 = Lines(text_2026);
  ASSERT_EQ(y2025.size(), y2026.size());
  for (std::size_t i = 1; i < y2025.size(); ++i) {
    ASSERT_EQ(Split(y2025[i], ',')[0], "2025");
    ASSERT_EQ(Split(y2026[i], ',')[0], "2026");
    ASSERT_EQ(y2025[i].substr(4), y2026[i].substr(4)) << "row " << i;
  }
}

TEST(SyntheticPopulationTest, TheYearsFollowTheDocumentedTrends) {
  // 2021 against 2025: t = −4, so home care's log-odds are about 0.24 higher, eligibility's about
  // 0.24 lower (0.56 lower where the parents have förgymnasial education), deaths 6 % more.
  const std::vector<Record> records = Parse(Generate(Years(300000, 9, 2021, 2025)));
  ASSERT_EQ(records.size(), 5 * 300000u);
  Rate care_2021, care_2025, eligible_2021, eligible_2025, primary_2021, primary_2025;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const bool first = i < 300000;
    const bool last = i >= 4 * 300000;
    if (!first && !last) continue;
    const Record& r = records[i];
    if (r.alder >= 65) (first ? care_2021 : care_2025).Add(r.hemtjanst == "1");
    if (r.alder == 16) {
      (first ? eligible_2021 : eligible_2025).Add(r.gymnasiebehorig == "1");
      if (r.utbildning == "förgymnasial") {
        (first ? primary_2021 : primary_2025).Add(r.gymnasiebehorig == "1");
      }
    }
  }
  EXPECT_GT(care_2021.value(), care_2025.value() + 0.01);
  EXPECT_LT(eligible_2021.value(), eligible_2025.value() - 0.01);
  // The gap narrows: the förgymnasial group gains more than all pupils.
  EXPECT_GT(primary_2025.value() - primary_2021.value(),
            eligible_2025.value() - eligible_2021.value());
}

TEST(SyntheticPopulationTest, SeveralYearsReportProgressToOneAndCheckTheLastYear) {
  SynthOptions options = Years(100000, 1, 2024, 2025);
  std::vector<double> reported;
  options.progress = [&](double fraction) { reported.push_back(fraction); };
  Generate(options);
  ASSERT_FALSE(reported.empty());
  EXPECT_TRUE(std::is_sorted(reported.begin(), reported.end()));
  EXPECT_EQ(reported.back(), 1.0);
  EXPECT_THROW(ValidateSynthOptions(Years(10, 1, 2024, 2023)), Error);
  EXPECT_THROW(ValidateSynthOptions(Years(10, 1, 2024, 2101)), Error);
  EXPECT_NO_THROW(ValidateSynthOptions(Years(10, 1, 2024, 2024)));
}

class SyntheticFileTest : public testing::Test {
 protected:
  void SetUp() override {
    folder_ =
        std::filesystem::temp_directory_path() /
        ("jamlik_synth_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
         "_" + testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(folder_);
    std::filesystem::create_directories(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  std::size_t FilesInFolder() const {
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(folder_),
                                                  std::filesystem::directory_iterator()));
  }

  std::filesystem::path folder_;
};

TEST_F(SyntheticFileTest, WritesTheSameBytesAsTheStream) {
  const SynthOptions options = Options(5000, 9, "25");
  const std::filesystem::path path = folder_ / "syntet.csv";
  WriteSyntheticPopulationFile(options, path);
  std::ifstream in(path, std::ios::binary);
  const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(written, Generate(options));
  EXPECT_EQ(FilesInFolder(), 1U);  // no temporary file left
}

TEST_F(SyntheticFileTest, AFailureLeavesTheOldFileAndNoTemporary) {
  const std::filesystem::path path = folder_ / "syntet.csv";
  std::ofstream(path) << "old\n";
  SynthOptions options = Options(300000, 1);
  options.progress = [](double fraction) {
    if (fraction > 0.3) throw Error(ErrorCode::kIo, "disk full");
  };
  EXPECT_THROW(WriteSyntheticPopulationFile(options, path), Error);
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "old");
  EXPECT_EQ(FilesInFolder(), 1U);
}

TEST_F(SyntheticFileTest, AMissingFolderIsAnIoError) {
  try {
    WriteSyntheticPopulationFile(Options(10, 1), folder_ / "saknas" / "syntet.csv");
    ADD_FAILURE() << "no error";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kIo);
  }
}

}  // namespace
}  // namespace jamlik
