#pragma once
// What the analyses domain's files share: storing an analysis with its result rows.
#include <cstdint>
#include <string>
#include <vector>

#include "app/analyses/analyses.hpp"

namespace jamlik::app {

// Insert `analysis` (its id set from the store) and its result rows in one transaction.
void InsertAnalysis(store::Store& store, Analysis& analysis, const std::vector<ResultRow>& results,
                    std::int64_t user);

// How the audit log names a user: by e-mail, or by id once the account is gone.
std::string UserName(store::Store& store, std::int64_t user);

// How the audit log names the source of published results (Analysis::source): "published kolada:
// page_1.json, page_2.json".
std::string PublishedSourceName(const std::string& source);

}  // namespace jamlik::app
