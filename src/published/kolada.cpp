#include "published/kolada.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <set>
#include <tuple>

#include "core/error.hpp"
#include "core/i18n.hpp"

namespace jamlik::published {
namespace {

KoladaValue ParseValue(const JsonAt& entry, const JsonAt& item) {
  KoladaValue value;
  value.kpi = entry["kpi"].String();
  value.municipality = entry["municipality"].Code();
  value.period = entry["period"].Code();
  const JsonAt gender = item["gender"];
  value.gender = gender.String();
  if (!TranslateCode("kolada_kon", value.gender)) gender.Fail("T, K eller M", "T, K or M");
  if (const auto count = item.Find("count"))
    value.count = static_cast<std::int64_t>(count->Index());
  if (const auto status = item.Find("status")) value.status = status->String();
  if (const auto number = item.Find("value")) value.value = number->Number();
  value.pointer = item.pointer();
  return value;
}

// A paging link's query and page number: the link without its `page` parameter (the same for
// every page of one response) and the parameter's value.
struct PageLink {
  std::string query;
  std::size_t page = 0;
};

std::optional<PageLink> PageLinkOf(const std::string& url) {
  for (const std::string key : {"?page=", "&page="}) {
    const std::size_t at = url.find(key);
    if (at == std::string::npos) continue;
    std::size_t page = 0;
    const char* begin = url.data() + at + key.size();
    const auto [end, error] = std::from_chars(begin, url.data() + url.size(), page);
    if (error != std::errc() || end == begin) continue;
    const std::size_t after = static_cast<std::size_t>(end - url.data());
    return PageLink{url.substr(0, at + 1) + url.substr(after), page};
  }
  return std::nullopt;
}

// Check that the pages of each paged response are all there: by the links' `page` parameters,
// pages 1…n of one query, each once, the last without next_url. Pages without links are whole
// responses; several responses may be given together.
void CheckPaging(const std::vector<KoladaPage>& pages, const std::vector<std::string>& files) {
  struct Response {
    std::map<std::size_t, std::string> files;  // page number → file
    std::size_t last = 0;                      // the page without next_url, if given
  };
  std::map<std::string, Response> responses;  // by query
  for (std::size_t i = 0; i < pages.size(); ++i) {
    std::optional<PageLink> link;
    if (pages[i].next_url) {
      link = PageLinkOf(*pages[i].next_url);
      if (link && link->page > 1) {
        --link->page;
      } else {
        link.reset();
      }
    } else if (pages[i].previous_url) {
      link = PageLinkOf(*pages[i].previous_url);
      if (link) ++link->page;
    }
    if (!link) continue;  // a whole response, or links without a page number to check them by
    Response& response = responses[link->query];
    if (!pages[i].next_url) response.last = link->page;
    const auto [it, inserted] = response.files.emplace(link->page, files[i]);
    if (!inserted) {
      throw Error(ErrorCode::kBadValue,
                  fmt::format(fmt::runtime(Tr("sidan {} finns två gånger (också i {})",
                                              "page {} is given twice (also in {})")),
                              link->page, it->second),
                  {files[i]});
    }
  }
  for (const auto& [query, response] : responses) {
    const std::size_t highest = std::max(response.files.rbegin()->first, response.last);
    for (std::size_t page = 1; page <= highest; ++page) {
      if (response.files.contains(page)) continue;
      const auto after = response.files.lower_bound(page);
      const std::string& file =
          after == response.files.begin() ? after->second : std::prev(after)->second;
      throw Error(ErrorCode::kBadValue,
                  fmt::format(fmt::runtime(Tr("sidan {} av svaret saknas: ge alla sidor (next_url)",
                                              "page {} of the response is missing: give every "
                                              "page (next_url)")),
                              page),
                  {file});
    }
    if (response.last == 0) {
      const auto& [page, file] = *response.files.rbegin();
      throw Error(ErrorCode::kBadValue,
                  fmt::format(fmt::runtime(Tr("sidan efter sidan {} saknas (next_url)",
                                              "the page after page {} is missing (next_url)")),
                              page),
                  {file});
    }
  }
}

}  // namespace

KoladaPage ParseKoladaPage(const nlohmann::json& document, const std::string& file) {
  const JsonAt root(document, file);
  KoladaPage page;
  const JsonAt entries = root["values"];
  for (std::size_t i = 0; i < entries.ArraySize(); ++i) {
    const JsonAt entry = entries.At(i);
    const JsonAt items = entry["values"];
    for (std::size_t j = 0; j < items.ArraySize(); ++j) {
      page.values.push_back(ParseValue(entry, items.At(j)));
    }
  }
  if (const auto next = root.Find("next_url")) page.next_url = next->String();
  if (const auto previous = root.Find("previous_url")) page.previous_url = previous->String();
  return page;
}

std::map<std::string, KoladaKpi> ParseKoladaKpis(const nlohmann::json& document,
                                                 const std::string& file) {
  const JsonAt entries = JsonAt(document, file)["values"];
  std::map<std::string, KoladaKpi> kpis;
  for (std::size_t i = 0; i < entries.ArraySize(); ++i) {
    const JsonAt entry = entries.At(i);
    KoladaKpi kpi{entry["id"].String(), entry["title"].String()};
    if (const auto divided = entry.Find("is_divided_by_gender")) {
      // v2 sent 0/1, v3 sends true/false.
      const auto& flag = divided->value();
      if (!flag.is_boolean() && !flag.is_number_integer())
        divided->Fail("true eller false", "true or false");
      kpi.divided_by_gender = flag.is_boolean() ? flag.get<bool>() : flag.get<int>() != 0;
    }
    kpis[kpi.id] = std::move(kpi);
  }
  return kpis;
}

std::vector<KoladaGroup> ParseKoladaGroups(const nlohmann::json& document,
                                           const std::string& file) {
  const JsonAt entries = JsonAt(document, file)["values"];
  std::vector<KoladaGroup> groups;
  for (std::size_t i = 0; i < entries.ArraySize(); ++i) {
    const JsonAt entry = entries.At(i);
    KoladaGroup group{entry["id"].String(), entry["title"].String(), {}};
    const JsonAt members = entry["members"];
    for (std::size_t j = 0; j < members.ArraySize(); ++j) {
      const JsonAt id = members.At(j)["id"];
      const auto area = TranslateArea("kolada_omrade", id.String());
      if (!area) {
        id.Fail("en kommun eller region i kodlistan (\"0180\", \"0018\")",
                "a municipality or region of the code lists (\"0180\", \"0018\")");
      }
      group.members.push_back(*area);
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

KoladaImport ImportKolada(const KoladaFiles& files) {
  if (files.pages.empty()) {
    throw Error(ErrorCode::kUsage, std::string(Tr("ange minst en fil med Koladavärden",
                                                  "give at least one file of Kolada values")));
  }
  KoladaImport imported;
  std::map<std::string, KoladaKpi> kpis;
  if (!files.kpis.empty()) kpis = ParseKoladaKpis(ReadJsonFile(files.kpis), files.kpis);
  if (!files.groups.empty()) {
    imported.groups = ParseKoladaGroups(ReadJsonFile(files.groups), files.groups);
  }
  std::vector<KoladaPage> pages;
  for (const std::string& file : files.pages) {
    pages.push_back(ParseKoladaPage(ReadJsonFile(file), file));
  }
  imported.results = KoladaResults(pages, files.pages, kpis, imported.groups);
  return imported;
}

ImportedResults KoladaResults(const std::vector<KoladaPage>& pages,
                              const std::vector<std::string>& files,
                              const std::map<std::string, KoladaKpi>& kpis,
                              const std::vector<KoladaGroup>& groups) {
  if (pages.size() != files.size()) {
    throw Error(ErrorCode::kInternal, "KoladaResults: one file name per page");
  }
  CheckPaging(pages, files);
  ImportedResults results;
  StatusTally statuses;
  std::set<std::tuple<std::string, std::string, std::string, std::string>> seen;
  for (std::size_t p = 0; p < pages.size(); ++p) {
    for (const KoladaValue& value : pages[p].values) {
      if (!seen.emplace(value.kpi, value.municipality, value.period, value.gender).second) {
        throw Error(
            ErrorCode::kBadValue,
            fmt::format(fmt::runtime(Tr("{}: värdet för {} {} {} kön {} finns två gånger "
                                        "(samma sida given två gånger?)",
                                        "{}: the value of {} {} {} gender {} is given "
                                        "twice (the same page given twice?)")),
                        value.pointer, value.kpi, value.municipality, value.period, value.gender),
            {files[p]}, value.pointer);
      }
      PublishedFigure figure;
      figure.indicator = value.kpi;
      const auto kpi = kpis.find(value.kpi);
      figure.indicator_name = kpi != kpis.end() ? kpi->second.title : value.kpi;
      if (const auto area = TranslateArea("kolada_omrade", value.municipality)) {
        figure.area_level = area->level;
        figure.area = area->code;
        figure.area_name = AreaName(area->level, area->code);
      } else if (value.municipality.starts_with("G")) {
        figure.area_level = kKoladaGroupLevel;
        figure.area = value.municipality;
        const auto group = std::find_if(groups.begin(), groups.end(), [&](const KoladaGroup& g) {
          return g.id == value.municipality;
        });
        figure.area_name = group != groups.end() ? group->title : value.municipality;
      } else {
        throw Error(
            ErrorCode::kBadValue,
            fmt::format(fmt::runtime(Tr("{}: kommun-id '{}' finns inte i kodlistorna (väntade "
                                        "\"0000\" riket, \"00\" + länskod för en region, "
                                        "en kommunkod eller en grupp \"G…\")",
                                        "{}: municipality id '{}' is not in the code lists "
                                        "(expected \"0000\" the nation, \"00\" + a county "
                                        "code for a region, a municipality code or a group "
                                        "\"G…\")")),
                        value.pointer, value.municipality),
            {files[p]}, value.pointer, value.municipality);
      }
      figure.period = value.period;
      const std::optional<std::string> kon = TranslateCode("kolada_kon", value.gender);
      if (!kon) {
        throw Error(ErrorCode::kBadValue,
                    fmt::format("{}/gender: {} T, K {} M", value.pointer, Tr("väntade", "expected"),
                                Tr("eller", "or")),
                    {files[p]}, value.pointer + "/gender", value.gender);
      }
      if (*kon != kTotalSubgroup) figure.breakdown.emplace_back(kSexDimension, *kon);
      figure.value = value.value;
      statuses.Add(value.status, !value.value);
      results.rows.push_back(ToResultRow(figure));
    }
  }
  results.notes = statuses.Notes();
  return results;
}

}  // namespace jamlik::published
