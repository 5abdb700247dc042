// Fuzz the JSON form of indicator definitions (src/app/analyses/indicator_json.hpp) the way `POST
// /api/organisations/{id}/analyses` reads its body: parse the bytes, require an object, apply the
// top-level "areas", "period" and "dimensions" to every indicator that lacks them and read the
// definitions (IndicatorDefinitionsFromRequest, the very function the server calls). A body that is
// not JSON is answered 400 before any of this. Bodies that give definitions are also:
//  - written back with IndicatorDefinitionsToJson and read again, which must give the same JSON;
//  - computed on a small table (what the analysis then does, without the store and disclosure
//    control), which must give results or a jamlik::Error.
// Any other exception (nlohmann::json's type errors included) or a sanitizer report is a finding.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "app/analyses/indicator_json.hpp"
#include "core/error.hpp"
#include "fuzz_common.hpp"
#include "indicators/compute_indicators.hpp"

namespace {

using nlohmann::json;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  jamlik::fuzz::SetUpEnvironment();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace jamlik;
  const json body = json::parse(data, data + size, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return 0;
  std::vector<IndicatorDefinition> definitions;
  try {
    definitions = app::IndicatorDefinitionsFromRequest(body);
  } catch (const Error&) {
    return 0;
  }
  const json written = app::IndicatorDefinitionsToJson(definitions);
  const json again = app::IndicatorDefinitionsToJson(app::IndicatorDefinitionsFromJson(written));
  if (again != written) {
    std::fprintf(stderr, "indicator_json_fuzzer: round trip changed\n%s\n%s\n",
                 written.dump().c_str(), again.dump().c_str());
    std::abort();
  }
  try {
    (void)ComputeIndicators(fuzz::SmallTable(), definitions);
  } catch (const Error&) {
  }
  return 0;
}
