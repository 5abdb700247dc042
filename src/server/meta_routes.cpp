// Health, the OpenAPI document and the registry of indicator types (what the web menus offer).
#include "indicators/indicator_type.hpp"
#include "server/routes_internal.hpp"

namespace jamlik::server {

using nlohmann::json;

void AddMetaRoutes(std::vector<Route>& routes) {
  routes.push_back(
      {"GET", "/healthz", Access::kPublic, [](Context& context) {
         auto connection = context.state.store.Acquire();
         context.Json(200,
                      {{"status", "ok"},
                       {"database",
                        connection->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"},
                       {"schema", store::AppliedVersions(*connection)}});
       }});
  routes.push_back({"GET", "/api/openapi.json", Access::kPublic, [](Context& context) {
                      context.response.set_content(OpenApiDocument(), "application/json");
                    }});
  routes.push_back({"GET", "/api/indicator-types", Access::kPublic, [](Context& context) {
                      json types = json::array();
                      for (const auto& type : IndicatorTypes().types()) {
                        std::vector<std::string> methods(type.methods.begin(), type.methods.end());
                        types.push_back({{"id", type.id},
                                         {"label_sv", type.label_sv},
                                         {"label_en", type.label_en},
                                         {"description_sv", type.description_sv},
                                         {"description_en", type.description_en},
                                         {"reference", type.reference},
                                         {"methods", methods},
                                         {"default_multiplier", type.default_multiplier},
                                         {"needs_age", type.age_banding != AgeBanding::kNone},
                                         {"needs_value_column", type.needs_value_column}});
                      }
                      context.Json(200, {{"indicator_types", types}});
                    }});
}

}  // namespace jamlik::server
