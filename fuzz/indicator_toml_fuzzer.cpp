// Fuzz the indicator definition reader (src/indicators/indicator_definition.hpp): any text gives
// definitions or a jamlik::Error, nothing else. The filters of the definitions read are then
// evaluated on a small table, which must give a row mask or an Error (unknown column, type
// mismatch). The definitions are not computed: a TOML file may name a standard population file.
// Any other exception or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "fuzz_common.hpp"
#include "indicators/indicator_definition.hpp"

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  jamlik::fuzz::SetUpEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jamlik;
  const std::string text(reinterpret_cast<const char*>(data), size);
  std::vector<IndicatorDefinition> definitions;
  try {
    definitions = ParseIndicatorDefinitions(text, "fuzz.toml");
  } catch (const Error&) {
    return 0;
  }
  for (const auto& definition : definitions) {
    for (const RowFilter* filter : {&definition.filter, &definition.numerator_where}) {
      try {
        (void)filter->Evaluate(fuzz::SmallTable());
      } catch (const Error&) {
      }
    }
  }
  return 0;
}
