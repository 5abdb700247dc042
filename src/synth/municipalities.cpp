#include "synth/municipalities.hpp"

#include <algorithm>

#include "synth/reference_data_internal.hpp"

namespace jamlik {
namespace {

// Binary search a list sorted by code.
template <typename T>
const T* FindByCode(const std::vector<T>& items, std::string_view code) {
  const auto found =
      std::lower_bound(items.begin(), items.end(), code,
                       [](const T& item, std::string_view c) { return item.code < c; });
  return found != items.end() && found->code == code ? &*found : nullptr;
}

}  // namespace

const std::vector<Municipality>& Municipalities() { return internal::Reference().municipalities; }

const std::vector<County>& Counties() { return internal::Reference().counties; }

const Municipality* FindMunicipality(std::string_view code) {
  return FindByCode(Municipalities(), code);
}

const County* FindCounty(std::string_view code) { return FindByCode(Counties(), code); }

}  // namespace jamlik
