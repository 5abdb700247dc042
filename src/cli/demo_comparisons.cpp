#include "cli/demo_comparisons.hpp"

#include <spdlog/spdlog.h>

#include <ctime>
#include <filesystem>
#include <vector>

#include "app/accounts/credentials.hpp"
#include "app/analyses/analyses.hpp"
#include "app/comparison_groups/comparison_groups.hpp"
#include "app/datasets/datasets.hpp"
#include "indicators/indicator_definition.hpp"

namespace jamlik::cli {
namespace {

namespace fs = std::filesystem;

// Three indicators with counts, so that the marks, the funnel limits and the χ² trend apply:
// home care among the old (low is good), upper-secondary eligibility (high is good) and
// age-standardised mortality (low is good), by sex and education, per municipality, county and
// the nation, every year.
constexpr const char* kDefinitions = R"(
[defaults]
period = "ar"
omraden = ["kommun", "lan", "riket"]
konfidens = [0.95, 0.998]
dimensioner = ["kon", "utbildning"]

[[indicator]]
id = "hemtjanst_65"
namn = "Andel med hemtjänst, 65 år och äldre"
name = "Share receiving home care, aged 65 and over"
typ = "proportion"
taljare = "hemtjanst"
urval = "alder >= 65"
multiplikator = 100
enhet = "procent"
unit = "per cent"
gynnsamt = "låg"

[[indicator]]
id = "gymnasiebehorighet"
namn = "Behöriga till gymnasiet, 16 år"
name = "Eligible for upper-secondary school, aged 16"
typ = "proportion"
taljare = "gymnasiebehorig"
urval = "alder == 16"
multiplikator = 100
enhet = "procent"
unit = "per cent"
gynnsamt = "hög"

[[indicator]]
id = "dodlighet"
namn = "Dödlighet, åldersstandardiserad"
name = "Mortality, age-standardised"
typ = "dsr"
taljare = "dod"
alder = "alder"
multiplikator = 100000
enhet = "per 100 000 invånare"
unit = "per 100 000 population"
gynnsamt = "låg"
)";

// Demo kommun's group of similar municipalities, as Kolada's "liknande kommuner" and SKR's
// municipality group "större städer" place Örebro (about 160 000 inhabitants, a county seat with a
// university and a regional hospital): the other county seats of its kind with 100 000–250 000
// inhabitants — Uppsala, Linköping, Norrköping, Jönköping, Västerås, Gävle and Umeå. Örebro is no
// member of its own group, so that it is compared with the others (as Fingertips' "nearest
// neighbours" leave the area out). The demo's data are synthetic; the choice is by size and role.
constexpr const char* kDemoGroupTitle = "Liknande kommuner: större städer";
const std::vector<std::string> kDemoGroupMembers = {"0380", "0580", "0581", "0680",
                                                    "1980", "2180", "2480"};

void SetUpDemoGroup(store::Store& store, std::int64_t organisation, std::int64_t user) {
  for (const app::StoredGroup& group : app::ListGroups(store, organisation)) {
    if (group.title == kDemoGroupTitle) return;
  }
  const app::StoredGroup group = app::CreateGroup(
      store, organisation, user, {kDemoGroupTitle, kDemoGroupMembers}, std::time(nullptr));
  spdlog::info("event=demo_group id={} members={}", group.id, group.members.size());
}

}  // namespace

void SetUpDemoComparisons(server::Server& server, std::int64_t organisation, std::int64_t user,
                          const std::string& csv) {
  store::Store& store = server.store();
  SetUpDemoGroup(store, organisation, user);
  for (const app::Analysis& analysis : app::ListAnalyses(store, organisation)) {
    if (analysis.name == kDemoComparisonName) return;
  }
  const std::string& data_dir = server.config().store.data_dir;
  const fs::path uploads = fs::path(data_dir) / "uploads";
  fs::create_directories(uploads);
  const fs::path copy = uploads / (app::RandomHex(16) + ".part");
  fs::copy_file(csv, copy);
  const auto dataset =
      app::ImportDataset(store, data_dir, organisation, user,
                         "Syntetiska Sverige 2021–2025 / Synthetic Sweden 2021–2025",
                         fs::path(csv).filename().string(), copy.string());
  const auto analysis =
      app::RunAnalysis(store, data_dir, organisation, user, kDemoComparisonName, dataset.id,
                       ParseIndicatorDefinitions(kDefinitions, "demo_comparisons"));
  spdlog::info("event=demo_comparisons rows={} results={}", dataset.row_count,
               analysis ? analysis->result_count : 0);
}

}  // namespace jamlik::cli
