#include "app/schema.hpp"

namespace jamlik::app {

store::Schema Schema() {
  return {AccountsSchema(), DatasetsSchema(), AnalysesSchema(),  OutboxSchema(),
          MeetingsSchema(), MembersSchema(),  ProposalsSchema(), PlansSchema(),
          NewsSchema(),     ExamplesSchema(), ImpactSchema(),    ComparisonGroupsSchema()};
}

store::StoreConfig WithSchema(store::StoreConfig config) {
  config.modules = Schema();
  return config;
}

}  // namespace jamlik::app
