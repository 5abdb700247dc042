// Distribution measures of a continuous outcome (income) on a dataset of the organisation, per
// group of the chosen columns and for everyone, released through disclosure control
// (app::DatasetDistribution); nothing is stored, the release is in the audit log.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <vector>

#include "app/analyses/analyses.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "inequality/measure.hpp"
#include "pipeline/distribution.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

// Limits of a request: the bootstrap's work grows with the resamples and the measures.
constexpr int kMaxDraws = 2000;
constexpr std::size_t kMaxMeasures = 20;
constexpr std::size_t kMaxFilterBytes = 2000;

[[noreturn]] void Invalid(const char* field, std::string_view sv, std::string_view en) {
  throw Error(ErrorCode::kInvalidArgument, fmt::format("'{}': {}", field, Tr(sv, en)), {}, field);
}

std::vector<std::string> StringList(const json& body, const char* field, std::size_t most) {
  if (!body.contains(field)) return {};
  const json& list = body.at(field);
  if (!list.is_array() || list.size() > most ||
      !std::all_of(list.begin(), list.end(), [](const json& item) { return item.is_string(); })) {
    throw Error(
        ErrorCode::kInvalidArgument,
        fmt::format("'{}': {} {}", field,
                    Tr("ska vara en lista av texter, högst", "must be a list of strings, at most"),
                    most),
        {}, field);
  }
  return list.get<std::vector<std::string>>();
}

pipeline::DistributionRequest RequestFrom(const json& body) {
  pipeline::DistributionRequest request;
  request.value = StringField(body, "value");
  request.weight = StringField(body, "weight", false);
  request.by = StringList(body, "by", pipeline::kMaxDistributionGroupBy);
  request.filter = StringField(body, "filter", false);
  request.filter_name = "filter";
  if (request.filter.size() > kMaxFilterBytes) {
    Invalid("filter", "är för lång", "is too long");
  }
  const std::vector<std::string> measures = StringList(body, "measures", kMaxMeasures);
  std::string list;
  for (const std::string& measure : measures) {
    if (measure.find(',') != std::string::npos) {
      Invalid("measures", "ett mått per element", "one measure per item");
    }
    list += (list.empty() ? "" : ",") + measure;
  }
  request.measures = pipeline::ParseDistributionMeasures(
      list.empty() ? pipeline::kDefaultDistributionMeasures : list);
  if (body.contains("percentile_method")) {
    const auto method = inequality::ParsePercentileMethod(StringField(body, "percentile_method"));
    if (!method) {
      Invalid("percentile_method", "ska vara eurostat eller split", "must be eurostat or split");
    }
    request.options.percentile_method = *method;
  }
  if (body.contains("bootstrap_draws")) {
    const json& draws = body.at("bootstrap_draws");
    if (!draws.is_number_integer() || draws.get<std::int64_t>() < 2 ||
        draws.get<std::int64_t>() > kMaxDraws) {
      Invalid("bootstrap_draws", "ska vara ett heltal 2–2000", "must be an integer from 2 to 2000");
    }
    request.options.bootstrap_draws = draws.get<int>();
  }
  if (body.contains("seed")) {
    const json& seed = body.at("seed");
    if (!seed.is_number_unsigned()) {
      Invalid("seed", "ska vara ett icke-negativt heltal", "must be a non-negative integer");
    }
    request.options.seed = seed.get<std::uint64_t>();
  }
  if (body.contains("confidence")) {
    const json& confidence = body.at("confidence");
    if (!confidence.is_number() || confidence.get<double>() < 0.5 ||
        confidence.get<double>() > 0.9999) {
      Invalid("confidence", "ska vara ett tal 0,5–0,9999", "must be a number from 0.5 to 0.9999");
    }
    request.options.confidence = confidence.get<double>();
  }
  return request;
}

json Number(const Column& column, std::size_t row) {
  return column.IsNull(row) ? json(nullptr) : json(column.NumericAt(row));
}

json Text(const Column& column, std::size_t row) {
  return column.IsNull(row) ? json(nullptr) : json(column.ValueToString(row));
}

void Distribution(Context& context) {
  const auto body = context.JsonBody();
  if (!body) return;
  const pipeline::DistributionRequest request = RequestFrom(*body);
  const auto released =
      app::DatasetDistribution(context.state.store, context.state.config.store.data_dir,
                               context.org_id(), context.user().id, context.ids.at(1), request);
  if (!released) return context.Fail(Problem::kNotFound);
  const Table& table = released->table();
  json rows = json::array();
  for (std::size_t r = 0; r < table.num_rows(); ++r) {
    json groups = json::object();
    for (std::size_t c = 0; c < request.by.size(); ++c) {
      groups[request.by[c]] = table.column(c).ValueToString(r);
    }
    const Column* suppressed = table.FindColumn("suppressed");
    const Column* reason = table.FindColumn("suppression_reason");
    rows.push_back({{"groups", std::move(groups)},
                    {"measure", table.GetColumn("measure").ValueToString(r)},
                    {"estimate", Number(table.GetColumn("estimate"), r)},
                    {"se", Number(table.GetColumn("se"), r)},
                    {"lower", Number(table.GetColumn("lower"), r)},
                    {"upper", Number(table.GetColumn("upper"), r)},
                    {"n", Number(table.GetColumn("n"), r)},
                    {"reason", Text(table.GetColumn("reason"), r)},
                    {"suppressed", suppressed && suppressed->ValueToString(r) == "1"},
                    {"suppression_reason", reason ? Text(*reason, r) : json(nullptr)}});
  }
  context.Json(200, {{"value", request.value},
                     {"by", request.by},
                     {"confidence", request.options.confidence},
                     {"disclosure_controlled", released->disclosure_controlled()},
                     {"rows", std::move(rows)}});
}

}  // namespace

void AddDistributionRoutes(std::vector<Route>& routes) {
  routes.push_back({"POST", "/api/organisations/{org}/datasets/{dataset}/distribution",
                    Access::kOrgWrite, Distribution});
}

}  // namespace jamlik::server
