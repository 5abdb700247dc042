#include "privacy/disclosure_rules.hpp"

#include <fmt/format.h>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include <algorithm>
#include <cstdlib>
#include <set>
#include <toml.hpp>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "core/utf8.hpp"

namespace jamlik {
namespace {

[[noreturn]] void Invalid(const toml::value& at, const std::string& file, const std::string& key,
                          std::string_view expected_sv, std::string_view expected_en) {
  const auto location = at.location();
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("nyckeln '{}': {}", "key '{}': {}")), key,
                          Tr(expected_sv, expected_en)),
              {file, location.line(), location.column()}, key);
}

double NumberOf(const toml::value& value, const std::string& file, const std::string& key) {
  if (value.is_integer()) return static_cast<double>(value.as_integer());
  if (!value.is_floating()) Invalid(value, file, key, "ska vara ett tal", "must be a number");
  const double number = value.as_floating();
  if (!(number >= 0)) Invalid(value, file, key, "ska vara 0 eller mer", "must be 0 or more");
  return number;
}

// Strictness of each rule, so that a dataset's file can be held to tightening.
int Strictness(DominanceRule rule) { return rule == DominanceRule::kNone ? 0 : 1; }

}  // namespace

const char* DominanceRuleId(DominanceRule rule) {
  switch (rule) {
    case DominanceRule::kNone:
      return "none";
    case DominanceRule::kNk:
      return "nk";
    case DominanceRule::kPPercent:
      return "p_percent";
  }
  return "none";
}

DisclosureRules ReadDisclosureRules(const std::string& path, const DisclosureRules& base,
                                    bool tighten_only) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte läsa {}: {}", "cannot read {}: {}")), path,
                            std::strerror(errno)),
                {path, 0, 0});
  }
  const std::string text((std::istreambuf_iterator<char>(file)), {});
  // toml11 3.7 reads past the end of a text cut inside a UTF-8 sequence (fuzz/README.md).
  RequireUtf8Text(text, path);
  toml::value document;
  try {
    std::istringstream stream(text);
    document = toml::parse(stream, path);
  } catch (const toml::syntax_error& error) {
    throw Error(ErrorCode::kInvalidArgument, error.what(), {path, 0, 0});
  } catch (const std::runtime_error& error) {
    throw Error(ErrorCode::kIo,
                fmt::format(fmt::runtime(Tr("kan inte läsa {}: {}", "cannot read {}: {}")), path,
                            error.what()),
                {path, 0, 0});
  }
  DisclosureRules rules = base;
  // A higher minimum is stricter; so is a lower limit on dominance (k) or a higher p.
  auto minimum = [&](const std::string& key, double& field, bool higher_is_stricter) {
    if (!document.contains(key)) return;
    const toml::value& value = document.at(key);
    const double number = NumberOf(value, path, key);
    if (tighten_only && (higher_is_stricter ? number < field : number > field)) {
      Invalid(value, path, key, "får bara skärpa installationens regler",
              "may only tighten the deployment's rules");
    }
    field = number;
  };
  minimum("min_numerator", rules.min_numerator, true);
  minimum("min_denominator", rules.min_denominator, true);
  minimum("min_population_life_expectancy", rules.min_population_life_expectancy, true);
  minimum("dominance_k", rules.dominance_k, false);
  minimum("dominance_p", rules.dominance_p, true);
  minimum("protection_absolute", rules.protection_absolute, true);
  minimum("protection_relative", rules.protection_relative, true);
  if (document.contains("dominance_n")) {
    double n = rules.dominance_n;
    minimum("dominance_n", n, true);
    if (n < 1 || n != static_cast<int>(n)) {
      Invalid(document.at("dominance_n"), path, "dominance_n", "ska vara ett heltal från 1",
              "must be a whole number from 1");
    }
    rules.dominance_n = static_cast<int>(n);
  }
  if (document.contains("dominance")) {
    const toml::value& value = document.at("dominance");
    const std::string id = value.is_string() ? value.as_string().str : std::string();
    const std::set<std::string> ids{"none", "nk", "p_percent"};
    if (ids.count(id) == 0) {
      Invalid(value, path, "dominance", "ska vara \"none\", \"nk\" eller \"p_percent\"",
              "must be \"none\", \"nk\" or \"p_percent\"");
    }
    const DominanceRule rule = id == "nk"          ? DominanceRule::kNk
                               : id == "p_percent" ? DominanceRule::kPPercent
                                                   : DominanceRule::kNone;
    if (tighten_only && Strictness(rule) < Strictness(rules.dominance)) {
      Invalid(value, path, "dominance", "får bara skärpa installationens regler",
              "may only tighten the deployment's rules");
    }
    rules.dominance = rule;
  }
  if (document.contains("unreliable_relative_width")) {
    double width = rules.unreliable_relative_width.value_or(0);
    minimum("unreliable_relative_width", width, false);
    rules.unreliable_relative_width = width;
  }
  // Solver settings are the deployment's to tune; a dataset changes what is protected, not how.
  for (const char* key : {"exact_limit", "exact_seconds"}) {
    if (tighten_only && document.contains(key)) {
      Invalid(document.at(key), path, key, "sätts bara av installationen",
              "is set by the deployment only");
    }
  }
  minimum("exact_limit", rules.exact_limit, true);
  minimum("exact_seconds", rules.exact_seconds, true);
  const std::set<std::string> known{"min_numerator",
                                    "min_denominator",
                                    "min_population_life_expectancy",
                                    "dominance",
                                    "dominance_n",
                                    "dominance_k",
                                    "dominance_p",
                                    "protection_absolute",
                                    "protection_relative",
                                    "unreliable_relative_width",
                                    "exact_limit",
                                    "exact_seconds"};
  for (const auto& [key, value] : document.as_table()) {
    if (known.count(key) == 0) {
      Invalid(value, path, key, "okänd nyckel (se src/privacy/README.md)",
              "unknown key (see src/privacy/README.md)");
    }
  }
  return rules;
}

DisclosureRules DeploymentDisclosureRules() {
  const char* path = std::getenv("JAMLIK_DISCLOSURE_RULES");
  if (path == nullptr || *path == '\0') return {};
  return ReadDisclosureRules(path, {}, false);
}

}  // namespace jamlik
