#include "published/scb.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "published/json_input.hpp"
#include "published/jsonstat.hpp"
#include "published/pxweb_v1_json.hpp"

namespace jamlik::published {
namespace {

constexpr ScbFormat kFormats[] = {
    {"jsonstat2", "JSON-stat 2.0 (API v2, API v1 json-stat2)",
     "JSON-stat 2.0 (API v2, API v1 json-stat2)", IsJsonStat2, ParseJsonStat},
    {"jsonstat1", "JSON-stat 1 (API v1 json-stat)", "JSON-stat 1 (API v1 json-stat)", IsJsonStat1,
     ParseJsonStat},
    {"pxweb_v1_json", "PxWeb API v1 json", "PxWeb API v1 json", IsPxWebV1Json, ParsePxWebV1Json},
};

}  // namespace

std::span<const ScbFormat> ScbFormats() { return kFormats; }

ScbTable ParseScb(const nlohmann::json& document, const std::string& file) {
  std::string known;
  for (const ScbFormat& format : kFormats) {
    if (format.recognises(document)) return format.parse(document, file);
    known += fmt::format("{}{}", known.empty() ? "" : ", ", Tr(format.label_sv, format.label_en));
  }
  throw Error(ErrorCode::kBadValue,
              fmt::format("{} ({}); {}",
                          Tr("inget datasvar från SCB:s PxWeb som går att läsa",
                             "no PxWeb data response from SCB that can be read"),
                          known,
                          Tr("tabellistor, kodlistor och metadata utan värden är inga data",
                             "table lists, code lists and metadata without values are no data")),
              {file});
}

ImportedResults ImportScb(const std::string& path) {
  return ScbTableToResults(ParseScb(ReadJsonFile(path), path));
}

}  // namespace jamlik::published
