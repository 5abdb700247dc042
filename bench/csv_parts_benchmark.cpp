// The CSV reader's parts on their own (issue 14): the tokenizer (ScanRows over text in memory),
// the number parser (ParseInt64, ParseDouble, ClassifyValue) and the dictionary builder
// (StringViewMap). The text is a person register like `jamlik synth` writes, made here so the
// figures do not depend on a file. Single-threaded: per-core throughput.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/splitmix64.hpp"
#include "io/csv_number_internal.hpp"
#include "io/csv_string_map_internal.hpp"
#include "io/csv_tokenizer_internal.hpp"

namespace jamlik {
namespace {

using csv_internal::FieldView;

// The same text on every run (core/splitmix64.hpp).
class Random {
 public:
  std::uint64_t Below(std::uint64_t n) { return SplitMix64(state_) % n; }

 private:
  std::uint64_t state_ = 20261204;
};

constexpr std::array<const char*, 3> kEducation = {"förgymnasial", "gymnasial", "eftergymnasial"};

// About `bytes` of CSV shaped like synth's 15 columns, sorted by municipality and area.
const std::string& PersonText() {
  static const std::string text = [] {
    constexpr std::size_t kBytes = 32 << 20;
    std::string out =
        "ar,lan,kommun,deso,kon,alder,utbildning,inkomstkvintil,fodelseregion,"
        "funktionsnedsattning,dod,hemtjanst,gymnasiebehorig,vardtimmar,inkomst\n";
    Random random;
    for (std::size_t row = 0; out.size() < kBytes; ++row) {
      const std::size_t kommun = 114 + row / 40000;
      const std::size_t deso = 1010 + (row / 700) % 60;
      const std::uint64_t age = random.Below(100);
      fmt::format_to(std::back_inserter(out), "2025,{:02},{:04},{:04}A{},{},{},{},{},{},{},{},",
                     kommun / 100, kommun, kommun, deso, random.Below(2) == 0 ? 'K' : 'M', age,
                     kEducation[random.Below(3)], 1 + random.Below(5),
                     random.Below(6) == 0 ? "Europa" : "Sverige",
                     random.Below(9) == 0 ? "ja" : "nej", random.Below(100) == 0 ? 1 : 0);
      if (age >= 65) out += random.Below(8) == 0 ? '1' : '0';
      out += ',';
      if (age == 16) out += random.Below(5) == 0 ? '0' : '1';
      out += ',';
      if (age >= 65) fmt::format_to(std::back_inserter(out), "{}.{}", random.Below(40), 5);
      fmt::format_to(std::back_inserter(out), ",{}.{}\n", random.Below(900), random.Below(10));
    }
    return out;
  }();
  return text;
}

struct CountingSink {
  std::size_t fields = 0;
  std::size_t bytes = 0;
  bool Field(std::size_t, const FieldView& field) {
    ++fields;
    bytes += field.text.size();
    return true;
  }
  void RowEnd() {}
};

// The tokenizer alone: every field of every row found, nothing done with it. Arg 0: SSE2 block
// masks, 1: AVX2 where the processor has it (what the reader uses).
void BM_Tokenize(benchmark::State& state) {
  const std::string& text = PersonText();
  const std::size_t header = text.find('\n') + 1;
#if defined(JAMLIK_CSV_AVX2)
  const bool saved = csv_internal::use_avx2;
  csv_internal::use_avx2 = saved && state.range(0) == 1;
#endif
  for (auto _ : state) {
    CountingSink sink;
    const auto result = csv_internal::ScanRows(text, header, text.size(), ',', 15, sink);
    benchmark::DoNotOptimize(sink.bytes);
    benchmark::DoNotOptimize(result.rows);
  }
#if defined(JAMLIK_CSV_AVX2)
  csv_internal::use_avx2 = saved;
#endif
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_Tokenize)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// The fields of one column of the text, as views into it.
std::vector<std::string_view> ColumnFields(std::size_t column) {
  struct Sink {
    std::size_t column;
    std::vector<std::string_view> values;
    bool Field(std::size_t c, const FieldView& field) {
      if (c == column && !field.empty()) values.push_back(field.text);
      return true;
    }
    void RowEnd() {}
  } sink{column, {}};
  const std::string& text = PersonText();
  csv_internal::ScanRows(text, text.find('\n') + 1, text.size(), ',', 15, sink);
  return sink.values;
}

void BM_ParseInt64(benchmark::State& state) {
  static const std::vector<std::string_view> ages = ColumnFields(5);
  std::vector<std::int64_t> out(ages.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < ages.size(); ++i) csv_internal::ParseInt64(ages[i], &out[i]);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * ages.size()));
}
BENCHMARK(BM_ParseInt64)->Unit(benchmark::kMillisecond);

void BM_ParseDouble(benchmark::State& state) {
  static const std::vector<std::string_view> incomes = ColumnFields(14);
  std::vector<double> out(incomes.size());
  for (auto _ : state) {
    for (std::size_t i = 0; i < incomes.size(); ++i) {
      csv_internal::ParseDouble(incomes[i], '.', &out[i]);
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * incomes.size()));
}
BENCHMARK(BM_ParseDouble)->Unit(benchmark::kMillisecond);

// Type inference's look at each value: integer, decimal, code with a leading zero, or text.
void BM_ClassifyValue(benchmark::State& state) {
  static const std::vector<std::string_view> values = [] {
    std::vector<std::string_view> all = ColumnFields(5);  // ages
    const auto incomes = ColumnFields(14);                // decimals
    const auto municipalities = ColumnFields(2);          // codes
    all.insert(all.end(), incomes.begin(), incomes.end());
    all.insert(all.end(), municipalities.begin(), municipalities.end());
    return all;
  }();
  std::size_t integers = 0;
  for (auto _ : state) {
    for (const auto value : values) {
      std::uint64_t plain;
      integers +=
          csv_internal::ClassifyValue(value, '.', &plain) == csv_internal::ValueClass::kInteger;
    }
    benchmark::DoNotOptimize(integers);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * values.size()));
}
BENCHMARK(BM_ClassifyValue)->Unit(benchmark::kMillisecond);

// The dictionary builder: the distinct values of a column collected into a StringViewMap, as the
// reader's first pass does per chunk. Arg: the column (3 = area codes, ~thousands of values in
// sorted runs; 6 = education, 3 values in random order).
void BM_DictionaryBuild(benchmark::State& state) {
  const std::vector<std::string_view> values =
      ColumnFields(static_cast<std::size_t>(state.range(0)));
  std::size_t distinct = 0;
  for (auto _ : state) {
    csv_internal::StringViewMap map;
    for (const auto value : values) map.Insert(value, 0);
    distinct = map.size();
    benchmark::DoNotOptimize(distinct);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * values.size()));
  state.counters["distinct"] = static_cast<double>(distinct);
}
BENCHMARK(BM_DictionaryBuild)->Arg(3)->Arg(6)->Unit(benchmark::kMillisecond);

// Looking the values up in a finished dictionary, as the reader's fill pass does.
void BM_DictionaryFind(benchmark::State& state) {
  const std::vector<std::string_view> values =
      ColumnFields(static_cast<std::size_t>(state.range(0)));
  csv_internal::StringViewMap map;
  std::uint32_t next = 0;
  for (const auto value : values) next += map.Insert(value, next) ? 1 : 0;
  std::uint64_t sum = 0;
  for (auto _ : state) {
    for (const auto value : values) sum += map.Find(value);
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * values.size()));
}
BENCHMARK(BM_DictionaryFind)->Arg(3)->Arg(6)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace jamlik
