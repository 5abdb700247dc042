// The one list of indicator types. Adding a type: write its file with RegisterXxx, declare it in
// indicator_type.hpp, call it here, and add its conformance cases.
#include <fmt/format.h>

#include "core/error.hpp"
#include "core/i18n.hpp"
#include "indicators/indicator_type.hpp"

namespace jamlik {

void IndicatorRegistry::Add(IndicatorType type) {
  if (Find(type.id) != nullptr) {
    throw Error(ErrorCode::kInternal, fmt::format("indicator type '{}' registered twice", type.id));
  }
  types_.push_back(std::move(type));
}

const IndicatorType* IndicatorRegistry::Find(std::string_view id) const {
  for (const auto& type : types_) {
    if (type.id == id) return &type;
  }
  return nullptr;
}

const IndicatorType& IndicatorRegistry::Get(std::string_view id) const {
  if (const IndicatorType* type = Find(id)) return *type;
  std::string known;
  for (const auto& type : types_) known += (known.empty() ? "" : ", ") + std::string(type.id);
  throw Error(ErrorCode::kInvalidArgument,
              fmt::format(fmt::runtime(Tr("okänd indikatortyp '{}' (kända: {})",
                                          "unknown indicator type '{}' (known: {})")),
                          id, known),
              {}, "typ", std::string(id));
}

const IndicatorRegistry& IndicatorTypes() {
  static const IndicatorRegistry registry = [] {
    IndicatorRegistry all;
    RegisterCount(all);
    RegisterProportion(all);
    RegisterRate(all);
    RegisterMean(all);
    RegisterMedian(all);
    RegisterDsr(all);
    RegisterIsr(all);
    RegisterLifeExpectancy(all);
    return all;
  }();
  return registry;
}

}  // namespace jamlik
