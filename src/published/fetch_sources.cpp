#include "published/fetch_sources.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "published/json_input.hpp"
#include "published/scb.hpp"

namespace jamlik::published {
namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(),
                                      [](unsigned char c) { return std::isdigit(c) != 0; });
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string joined;
  for (const std::string& part : parts) {
    if (!joined.empty()) joined += separator;
    joined += part;
  }
  return joined;
}

std::vector<std::vector<std::string>> Chunks(const std::vector<std::string>& ids,
                                             std::size_t size) {
  std::vector<std::vector<std::string>> chunks;
  for (std::size_t i = 0; i < ids.size(); i += size) {
    chunks.emplace_back(ids.begin() + static_cast<std::ptrdiff_t>(i),
                        ids.begin() + static_cast<std::ptrdiff_t>(std::min(ids.size(), i + size)));
  }
  return chunks;
}

[[noreturn]] void BadId(std::string_view what_sv, std::string_view what_en, const std::string& id) {
  throw Error(ErrorCode::kUsage, fmt::format("{} '{}'", Tr(what_sv, what_en), id), {}, {}, id);
}

// "scheme://host" of a URL, for a relative next_url.
std::string Origin(const std::string& url) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const std::size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

}  // namespace

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    std::string part = text.substr(start, comma - start);
    part.erase(0, part.find_first_not_of(" \t"));
    part.erase(part.find_last_not_of(" \t") + 1);
    if (!part.empty()) parts.push_back(std::move(part));
    start = comma + 1;
  }
  return parts;
}

std::vector<std::string> ParseYears(const std::string& text) {
  std::vector<std::string> years;
  std::set<int> seen;
  const auto add = [&](int year) {
    if (seen.insert(year).second) years.push_back(std::to_string(year));
  };
  for (const std::string& part : SplitList(text)) {
    const std::size_t dash = part.find('-');
    const std::string first = part.substr(0, dash);
    const std::string last = dash == std::string::npos ? first : part.substr(dash + 1);
    if (first.size() != 4 || last.size() != 4 || !AllDigits(first) || !AllDigits(last) ||
        std::stoi(first) > std::stoi(last)) {
      BadId("--years: väntade ett år eller ett intervall (2020, 2020-2024), fick",
            "--years: expected a year or a range (2020, 2020-2024), got", part);
    }
    for (int year = std::stoi(first); year <= std::stoi(last); ++year) add(year);
  }
  return years;
}

void CheckKoladaQuery(const KoladaQuery& query) {
  if (query.kpis.empty() || query.municipalities.empty() || query.years.empty()) {
    throw Error(ErrorCode::kUsage, std::string(Tr("ange --kpi, --municipality och --years",
                                                  "give --kpi, --municipality and --years")));
  }
  for (const std::string& kpi : query.kpis) {
    const bool ok =
        kpi.size() >= 2 && kpi.size() <= 12 && std::isupper(kpi[0]) &&
        std::all_of(kpi.begin(), kpi.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
    if (!ok)
      BadId("--kpi: väntade ett nyckeltals-id (N00945), fick",
            "--kpi: expected a KPI id (N00945), got", kpi);
  }
  for (const std::string& id : query.municipalities) {
    const bool ok = (id.size() == 4 && AllDigits(id)) ||
                    (id.size() >= 2 && id[0] == 'G' && AllDigits(std::string_view(id).substr(1)));
    if (!ok) {
      BadId(
          "--municipality: väntade en kommunkod (1814), en region (0018), riket (0000) eller en "
          "grupp (G124009), fick",
          "--municipality: expected a municipality code (1814), a region (0018), the nation "
          "(0000) or a group (G124009), got",
          id);
    }
  }
}

std::vector<std::string> KoladaDataUrls(const KoladaQuery& query) {
  std::vector<std::string> urls;
  for (const auto& kpis : Chunks(query.kpis, kKoladaIdsPerSegment)) {
    for (const auto& areas : Chunks(query.municipalities, kKoladaIdsPerSegment)) {
      for (const auto& years : Chunks(query.years, kKoladaIdsPerSegment)) {
        urls.push_back(fmt::format("{}/data/kpi/{}/municipality/{}/year/{}?per_page={}",
                                   query.base_url, PercentEncode(Join(kpis, ","), ","),
                                   PercentEncode(Join(areas, ","), ","),
                                   PercentEncode(Join(years, ","), ","), query.per_page));
      }
    }
  }
  return urls;
}

std::vector<std::string> KoladaKpiUrls(const KoladaQuery& query) {
  std::vector<std::string> urls;
  for (const auto& kpis : Chunks(query.kpis, kKoladaIdsPerSegment)) {
    urls.push_back(fmt::format("{}/kpi/{}", query.base_url, PercentEncode(Join(kpis, ","), ",")));
  }
  return urls;
}

KoladaImport FetchKolada(Fetcher& fetcher, const KoladaQuery& query) {
  CheckKoladaQuery(query);
  std::map<std::string, KoladaKpi> kpis;
  for (const std::string& url : KoladaKpiUrls(query)) {
    kpis.merge(ParseKoladaKpis(ParseJson(fetcher.Get(url), url), url));
  }
  std::vector<KoladaPage> pages;
  std::vector<std::string> names;
  for (std::string url : KoladaDataUrls(query)) {
    std::set<std::string> seen;
    while (true) {
      if (seen.size() >= kKoladaMaxPages) {
        throw Error(ErrorCode::kBadValue,
                    fmt::format(fmt::runtime(Tr("{}: fler än {} sidor; dela frågan",
                                                "{}: more than {} pages; split the query")),
                                url, kKoladaMaxPages));
      }
      if (!seen.insert(url).second) {
        throw Error(ErrorCode::kBadValue,
                    fmt::format(fmt::runtime(Tr("next_url pekar på en sida som redan hämtats: {}",
                                                "next_url points to a page fetched already: {}")),
                                url));
      }
      pages.push_back(ParseKoladaPage(ParseJson(fetcher.Get(url), url), url));
      names.push_back(url);
      const std::optional<std::string>& next = pages.back().next_url;
      if (!next || next->empty()) break;
      url = next->starts_with("/") ? Origin(url) + *next : *next;
    }
  }
  KoladaImport imported;
  imported.results = KoladaResults(pages, names, kpis);
  return imported;
}

// ---- SCB ----

namespace {

// Split at commas outside parentheses: "range(2020,2022),2024" → "range(2020,2022)", "2024".
std::vector<std::string> SplitExpressions(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  int depth = 0;
  for (const char c : text) {
    if (c == '(') ++depth;
    if (c == ')') --depth;
    if (c == ',' && depth == 0) {
      parts.push_back(part);
      part.clear();
    } else {
      part += c;
    }
  }
  parts.push_back(part);
  std::vector<std::string> trimmed;
  for (std::string& p : parts) {
    p.erase(0, p.find_first_not_of(" \t"));
    p.erase(p.find_last_not_of(" \t") + 1);
    if (!p.empty()) trimmed.push_back(std::move(p));
  }
  return trimmed;
}

bool GlobMatch(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip) {
      if (GlobMatch(pattern.substr(1), text.substr(skip))) return true;
    }
    return false;
  }
  if (text.empty()) return false;
  if (pattern.front() != '?' && pattern.front() != text.front()) return false;
  return GlobMatch(pattern.substr(1), text.substr(1));
}

[[noreturn]] void QueryError(const std::string& message, const std::string& value = {}) {
  throw Error(ErrorCode::kUsage, "--query: " + message, {}, "query", value);
}

// The codes' list for an error: the first few and how many.
std::string SomeCodes(const std::vector<std::string>& codes) {
  std::vector<std::string> first(
      codes.begin(),
      codes.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(codes.size(), 8)));
  std::string text = Join(first, ", ");
  if (codes.size() > first.size())
    text += fmt::format(" … ({} {})", codes.size(), Tr("koder", "codes"));
  return text;
}

// The positions one expression selects among a variable's codes.
std::vector<std::size_t> Resolve(const ScbMetaVariable& variable, const std::string& expression) {
  const std::vector<std::string>& codes = variable.codes;
  const auto position = [&](const std::string& code) -> std::size_t {
    const auto it = std::find(codes.begin(), codes.end(), code);
    if (it == codes.end()) {
      QueryError(fmt::format(fmt::runtime(Tr("{} har ingen kod '{}' (koderna: {})",
                                             "{} has no code '{}' (its codes: {})")),
                             variable.id, code, SomeCodes(codes)),
                 code);
    }
    return static_cast<std::size_t>(it - codes.begin());
  };
  const auto between = [](std::size_t from, std::size_t to) {
    std::vector<std::size_t> positions;
    for (std::size_t i = from; i <= to; ++i) positions.push_back(i);
    return positions;
  };
  const std::size_t open = expression.find('(');
  if (open != std::string::npos && expression.back() == ')') {
    std::string function = expression.substr(0, open);
    std::transform(function.begin(), function.end(), function.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const std::vector<std::string> arguments =
        SplitExpressions(expression.substr(open + 1, expression.size() - open - 2));
    const std::size_t count = codes.size();
    if (function == "from" && arguments.size() == 1)
      return between(position(arguments[0]), count - 1);
    if (function == "to" && arguments.size() == 1) return between(0, position(arguments[0]));
    if (function == "range" && arguments.size() == 2) {
      const std::size_t from = position(arguments[0]), to = position(arguments[1]);
      if (from > to)
        QueryError(fmt::format("{}: {}", expression, Tr("tomt intervall", "empty range")));
      return between(from, to);
    }
    if ((function == "last" || function == "first") && arguments.size() == 1) {
      std::size_t n = 0;
      const std::string& text = arguments[0];
      const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (error != std::errc() || end != text.data() + text.size() || n == 0) {
        QueryError(fmt::format(fmt::runtime(Tr("{}: väntade ett antal (last(5)), fick '{}'",
                                               "{}: expected a count (last(5)), got '{}'")),
                               expression, text),
                   text);
      }
      n = std::min(n, count);
      return function == "last" ? between(count - n, count - 1) : between(0, n - 1);
    }
    QueryError(fmt::format(fmt::runtime(Tr("okänt uttryck '{}' (väntade koder, *, from(k), to(k), "
                                           "range(a,b), first(n) eller last(n))",
                                           "unknown expression '{}' (expected codes, *, from(c), "
                                           "to(c), range(a,b), first(n) or last(n))")),
                           expression),
               expression);
  }
  if (expression.find_first_of("*?") != std::string::npos) {
    std::vector<std::size_t> positions;
    for (std::size_t i = 0; i < codes.size(); ++i) {
      if (GlobMatch(expression, codes[i])) positions.push_back(i);
    }
    if (positions.empty()) {
      QueryError(fmt::format(fmt::runtime(Tr("{}: inga koder i {} passar (koderna: {})",
                                             "{}: no code of {} matches (its codes: {})")),
                             expression, variable.id, SomeCodes(codes)),
                 expression);
    }
    return positions;
  }
  return {position(expression)};
}

void Split(std::vector<std::pair<std::string, std::vector<std::string>>> selection,
           std::size_t max_cells, std::vector<ScbCall>& calls) {
  std::size_t cells = 1;
  for (const auto& [id, codes] : selection) cells *= codes.size();
  if (cells <= max_cells) {
    calls.push_back(ScbCall{std::move(selection), cells});
    return;
  }
  // The variable with the most codes is split into as few calls as the limit allows.
  std::size_t widest = 0;
  for (std::size_t v = 1; v < selection.size(); ++v) {
    if (selection[v].second.size() > selection[widest].second.size()) widest = v;
  }
  const std::vector<std::string> codes = selection[widest].second;
  const std::size_t rest = cells / codes.size();
  const std::size_t chunk = rest <= max_cells ? max_cells / rest : 1;
  for (const auto& part : Chunks(codes, chunk)) {
    auto narrower = selection;
    narrower[widest].second = part;
    Split(std::move(narrower), max_cells, calls);
  }
}

}  // namespace

std::vector<ScbSelection> ParseScbQuery(const std::vector<std::string>& values) {
  std::vector<ScbSelection> selections;
  for (const std::string& value : values) {
    std::size_t start = 0;
    while (start <= value.size()) {
      const std::size_t semicolon = std::min(value.find(';', start), value.size());
      std::string part = value.substr(start, semicolon - start);
      start = semicolon + 1;
      part.erase(0, part.find_first_not_of(" \t"));
      part.erase(part.find_last_not_of(" \t") + 1);
      if (part.empty()) continue;
      const std::size_t equals = part.find('=');
      if (equals == std::string::npos || equals == 0) {
        QueryError(fmt::format(fmt::runtime(Tr("väntade VARIABEL=KOD,KOD… (Region=1814,1880), "
                                               "fick '{}'",
                                               "expected VARIABLE=CODE,CODE… (Region=1814,1880), "
                                               "got '{}'")),
                               part),
                   part);
      }
      ScbSelection selection{part.substr(0, equals), SplitExpressions(part.substr(equals + 1))};
      selection.variable.erase(selection.variable.find_last_not_of(" \t") + 1);
      if (selection.expressions.empty()) {
        QueryError(fmt::format(fmt::runtime(Tr("inget valt för {}", "nothing selected for {}")),
                               selection.variable),
                   part);
      }
      for (const ScbSelection& earlier : selections) {
        if (earlier.variable == selection.variable) {
          QueryError(fmt::format(fmt::runtime(Tr("{} valt två gånger", "{} selected twice")),
                                 selection.variable),
                     part);
        }
      }
      selections.push_back(std::move(selection));
    }
  }
  return selections;
}

std::vector<ScbMetaVariable> ParseScbMetadata(const nlohmann::json& document,
                                              const std::string& file) {
  const ScbTable table = ParseScb(document, file);
  const JsonAt dimensions = JsonAt(document, file)["dimension"];
  std::vector<ScbMetaVariable> variables;
  for (const ScbVariable& variable : table.variables) {
    ScbMetaVariable meta{variable.id, variable.codes, false};
    if (const auto dimension = dimensions.Find(variable.id)) {
      if (const auto extension = dimension->Find("extension")) {
        if (const auto elimination = extension->Find("elimination")) {
          meta.eliminable = elimination->value().is_boolean() && elimination->value().get<bool>();
        }
      }
    }
    variables.push_back(std::move(meta));
  }
  return variables;
}

std::vector<ScbCall> PlanScbCalls(const std::vector<ScbMetaVariable>& variables,
                                  const std::vector<ScbSelection>& selections,
                                  std::size_t max_cells) {
  if (max_cells == 0) throw Error(ErrorCode::kInternal, "PlanScbCalls: max_cells 0");
  std::vector<std::string> ids;
  for (const ScbMetaVariable& variable : variables) ids.push_back(variable.id);
  for (const ScbSelection& selection : selections) {
    if (std::find(ids.begin(), ids.end(), selection.variable) == ids.end()) {
      QueryError(fmt::format(fmt::runtime(Tr("tabellen har ingen variabel '{}' (variablerna: {})",
                                             "the table has no variable '{}' (its variables: {})")),
                             selection.variable, Join(ids, ", ")),
                 selection.variable);
    }
  }
  std::vector<std::pair<std::string, std::vector<std::string>>> resolved;
  for (const ScbMetaVariable& variable : variables) {
    const auto selection =
        std::find_if(selections.begin(), selections.end(),
                     [&](const ScbSelection& s) { return s.variable == variable.id; });
    if (selection == selections.end()) {
      if (!variable.eliminable) resolved.emplace_back(variable.id, variable.codes);
      continue;
    }
    std::set<std::size_t> positions;
    for (const std::string& expression : selection->expressions) {
      for (const std::size_t p : Resolve(variable, expression)) positions.insert(p);
    }
    std::vector<std::string> codes;
    for (const std::size_t p : positions) codes.push_back(variable.codes[p]);
    resolved.emplace_back(variable.id, std::move(codes));
  }
  std::vector<ScbCall> calls;
  Split(std::move(resolved), max_cells, calls);
  return calls;
}

std::string ScbMetadataUrl(const ScbQuery& query) {
  return fmt::format("{}/tables/{}/metadata?lang={}", query.base_url, PercentEncode(query.table),
                     PercentEncode(query.language));
}

std::string ScbDataUrl(const ScbQuery& query, const ScbCall& call) {
  std::string url = fmt::format("{}/tables/{}/data?lang={}&outputFormat=json-stat2", query.base_url,
                                PercentEncode(query.table), PercentEncode(query.language));
  for (const auto& [variable, codes] : call.selection) {
    url += fmt::format("&valueCodes%5B{}%5D={}", PercentEncode(variable),
                       PercentEncode(Join(codes, ","), ","));
  }
  return url;
}

ImportedResults FetchScb(Fetcher& fetcher, const ScbQuery& query) {
  const bool table_ok = !query.table.empty() &&
                        std::all_of(query.table.begin(), query.table.end(), [](unsigned char c) {
                          return std::isalnum(c) != 0 || c == '_' || c == '-';
                        });
  if (!table_ok) {
    BadId("väntade ett tabell-id från SCB (TAB638), fick", "expected an SCB table id (TAB638), got",
          query.table);
  }
  if (query.language != "sv" && query.language != "en") {
    BadId("--lang: väntade sv eller en, fick", "--lang: expected sv or en, got", query.language);
  }
  const std::string metadata_url = ScbMetadataUrl(query);
  const std::vector<ScbMetaVariable> variables =
      ParseScbMetadata(ParseJson(fetcher.Get(metadata_url), metadata_url), metadata_url);
  ImportedResults imported;
  std::set<std::string> notes;
  for (const ScbCall& call : PlanScbCalls(variables, query.selections, query.max_cells)) {
    const std::string url = ScbDataUrl(query, call);
    ImportedResults part = ScbTableToResults(ParseScb(ParseJson(fetcher.Get(url), url), url));
    std::move(part.rows.begin(), part.rows.end(), std::back_inserter(imported.rows));
    for (std::string& note : part.notes) {
      if (notes.insert(note).second) imported.notes.push_back(std::move(note));
    }
  }
  return imported;
}

}  // namespace jamlik::published
