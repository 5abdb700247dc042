#pragma once
// The application's schema: one module per domain (src/app/<domain>/schema.cpp), each with its own
// migrations, which the store's runner applies in dependency order at start-up. A new domain adds
// its module here.
#include "store/database.hpp"

namespace jamlik::app {

store::SchemaModule AccountsSchema();
store::SchemaModule DatasetsSchema();
store::SchemaModule AnalysesSchema();
store::SchemaModule MeetingsSchema();
store::SchemaModule MembersSchema();
store::SchemaModule ProposalsSchema();
store::SchemaModule OutboxSchema();
store::SchemaModule PlansSchema();
store::SchemaModule NewsSchema();
store::SchemaModule ExamplesSchema();
store::SchemaModule ImpactSchema();
store::SchemaModule ComparisonGroupsSchema();

// Every domain's module: what the server, `jamlik check-store` and the tests open the store with.
store::Schema Schema();

// `config` with the application's schema.
store::StoreConfig WithSchema(store::StoreConfig config);

}  // namespace jamlik::app
