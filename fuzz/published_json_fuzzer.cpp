// Fuzz the importers of published statistics (src/published) the way `jamlik import` reads a file:
// ParseJson on the bytes (a syntax error is a jamlik::Error with line:column), then the document
// as a Kolada data page turned into result rows (KoladaResults), and as an SCB response through the
// format registry (ParseScb) turned into result rows (ScbTableToResults). Every row must have a
// dimension set and a subgroup whose parts match, and an estimate or the flag missing_in_source.
// Any exception but jamlik::Error (nlohmann::json's type errors included) or a sanitizer report is
// a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "core/dimension_set.hpp"
#include "core/error.hpp"
#include "fuzz_common.hpp"
#include "published/json_input.hpp"
#include "published/kolada.hpp"
#include "published/scb.hpp"

namespace {

void CheckRows(const jamlik::published::ImportedResults& results) {
  using namespace jamlik;
  for (const ResultRow& row : results.rows) {
    const DimensionSet dimensions = DimensionSet::Parse(row.dimension);
    (void)Subgroup::Parse(row.subgroup, dimensions);  // throws when the parts do not match
    if (!row.estimate && row.flag != ResultFlag::kMissingInSource) {
      std::fprintf(stderr, "published_json_fuzzer: a row without estimate or flag\n");
      std::abort();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  jamlik::fuzz::SetUpEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jamlik;
  const std::string file = "fuzz.json";
  nlohmann::json document;
  try {
    document =
        published::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size), file);
  } catch (const Error&) {
    return 0;
  }
  try {
    const published::KoladaPage page = published::ParseKoladaPage(document, file);
    CheckRows(published::KoladaResults({page}, {file}));
  } catch (const Error&) {
  }
  try {
    CheckRows(published::ScbTableToResults(published::ParseScb(document, file)));
  } catch (const Error&) {
  }
  return 0;
}
