// GET /api/organisations/{org}/analyses/{analysis}/comparison?against=lan|riket|group:NAME|AREA:
// the saved
// analysis' published results, each row against its comparator as Fingertips marks it, with
// funnel limits, rank, quartile and the recent trends (src/compare; the CLI's `jamlik compare`).
// A group is one of the organisation's comparison groups (comparison_group_routes.cpp), named as
// the CLI names one: its id, Kolada's id or its title.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>

#include "app/analyses/analyses.hpp"
#include "app/comparison_groups/comparison_groups.hpp"
#include "compare/compare.hpp"
#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/result_table.hpp"
#include "server/result_cache.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {
namespace {

using nlohmann::json;

json Optional(const std::optional<double>& value) { return value ? json(*value) : json(nullptr); }
json Optional(const std::optional<std::int64_t>& value) {
  return value ? json(*value) : json(nullptr);
}

json ComparisonJson(const compare::Comparison& c) {
  return {{"comparator_area", c.comparator_area},
          {"comparator_name", c.comparator_name},
          {"comparator_value", Optional(c.comparator_value)},
          {"polarity", compare::PolarityId(c.polarity)},
          {"comparison", c.comparison},
          {"comparison_2", c.comparison_2},
          {"difference", Optional(c.difference)},
          {"funnel_lower", Optional(c.funnel_lower)},
          {"funnel_upper", Optional(c.funnel_upper)},
          {"funnel_lower_2", Optional(c.funnel_lower_2)},
          {"funnel_upper_2", Optional(c.funnel_upper_2)},
          {"rank", Optional(c.rank)},
          {"rank_of", Optional(c.rank_of)},
          {"quartile", Optional(c.quartile)},
          {"trend", c.trend},
          {"trend_reason", c.trend_reason},
          {"trend_chi_squared", Optional(c.trend_chi_squared)},
          {"gap_trend", c.gap_trend},
          {"gap_trend_reason", c.gap_trend_reason},
          {"gap_trend_chi_squared", Optional(c.gap_trend_chi_squared)}};
}

// The web app's comparisons (against lan, riket or one of the organisation's groups, with or
// without a polarity) are serialised once per analysis and language and then sent from memory, as
// the results are (result_cache.hpp): a saved analysis' results never change, so neither does their
// comparison. The analysis is looked up and the read audited on every request. One bounded cache
// per comparator and polarity; a group's is emptied when the group has changed since (its
// `version`, a hash of its id, title and members). Other comparators (an area code) are computed
// each time.
ResultCache* CacheFor(const std::string& against, const std::string& polarity,
                      std::int64_t version = 0) {
  if (against != "lan" && against != "riket" && !against.starts_with("group:")) return nullptr;
  static std::mutex mutex;
  struct Versioned {
    std::int64_t version = 0;
    std::unique_ptr<ResultCache> cache;
  };
  static std::map<std::string, Versioned> caches;
  constexpr std::size_t kCapacityBytes = std::size_t{128} << 20;
  std::lock_guard lock(mutex);
  Versioned& entry = caches[against + "|" + polarity];
  if (!entry.cache || entry.version != version) {
    entry.cache = std::make_unique<ResultCache>(kCapacityBytes);
    entry.version = version;
  }
  return entry.cache.get();
}

std::shared_ptr<const CachedResults> SerialiseComparison(Context& context,
                                                         const app::Analysis& analysis,
                                                         const std::string& against,
                                                         const compare::CompareOptions& options) {
  const PublishedResults published =
      app::PublishResults(context.state.store, analysis, context.user().id, "comparison");
  const std::vector<ResultRow>& rows = published.rows();
  const std::vector<compare::Comparison> comparisons = compare::Compare(rows, options);
  auto results = std::make_shared<CachedResults>();
  json out = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    json row = ResultRowJson(rows[i]);
    row.update(ComparisonJson(comparisons[i]));
    out.push_back(std::move(row));
    ++results->rows;
    results->suppressed_rows += rows[i].suppressed;
  }
  // As Context::Json writes it.
  results->body =
      json{{"analysis_id", analysis.id}, {"against", against}, {"rows", std::move(out)}}.dump(
          -1, ' ', false, json::error_handler_t::replace);
  return results;
}

void Comparison(Context& context) {
  std::string against = context.request.get_param_value("against");
  if (against.empty()) against = "lan";
  compare::CompareOptions options{
      .against = compare::ParseComparator(against, "against"), .groups = {}, .polarity = {}};
  std::string cache_name = against;
  std::int64_t cache_version = 0;
  if (options.against.kind == compare::Comparator::Kind::kGroup) {
    const auto group =
        app::FindGroupByName(context.state.store, context.org_id(), options.against.code);
    if (!group) {
      throw Error(ErrorCode::kInvalidArgument,
                  fmt::format(fmt::runtime(Tr("organisationen har ingen jämförelsegrupp {}",
                                              "the organisation has no comparison group {}")),
                              options.against.code),
                  {}, "against");
    }
    options.groups = {app::ToComparisonGroup(*group)};
    options.against.code = options.groups[0].id;
    // One cache per group (by its id, whatever name the request used), emptied when it changes.
    cache_name = fmt::format("group:{}", group->id);
    cache_version = static_cast<std::int64_t>(std::hash<std::string>{}(fmt::format(
        "{}\n{}\n{}", options.groups[0].id, group->title, fmt::join(group->members, ","))));
  }
  const std::string polarity = context.request.get_param_value("polarity");
  if (!polarity.empty()) options.polarity[""] = compare::ParsePolarity(polarity, "polarity");
  const auto analysis = app::FindAnalysis(context.state.store, context.org_id(), context.ids.at(1));
  if (!analysis) return context.Fail(Problem::kNotFound);
  ResultCache* cache = CacheFor(cache_name, polarity, cache_version);
  const ResultCache::Key key{analysis->id, analysis->organisation_id, CurrentLanguage()};
  std::shared_ptr<const CachedResults> results = cache ? cache->Find(key) : nullptr;
  if (results) {
    // The audit record app::PublishResults appends, for an answer from memory.
    app::AuditResultsRead(context.state.store, *analysis, context.user().id, context.user().email,
                          "comparison", results->rows, results->suppressed_rows);
  } else {
    results = SerialiseComparison(context, *analysis, cache_name, options);
    if (cache) cache->Insert(key, results);
  }
  context.response.status = 200;
  context.JsonText(results->body);
}

}  // namespace

void AddCompareRoutes(std::vector<Route>& routes) {
  routes.push_back({"GET", "/api/organisations/{org}/analyses/{analysis}/comparison",
                    Access::kOrgRead, Comparison});
}

}  // namespace jamlik::server
