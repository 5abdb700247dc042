#include "indicators/interval_methods.hpp"

#include <gtest/gtest.h>

#include <set>

#include "indicators/indicator_type.hpp"
#include "stats/poisson.hpp"

namespace jamlik {
namespace {

bool Labelled(std::string_view id) {
  for (const IntervalMethodLabel& method : IntervalMethodLabels()) {
    if (method.id == id) return !method.label_sv.empty() && !method.label_en.empty();
  }
  return false;
}

// A method an indicator type declares, or one a row can carry, without both labels fails here.
TEST(IntervalMethodsTest, EveryMethodOfEveryTypeAndEveryRowsMethodHasBothLabels) {
  for (const IndicatorType& type : IndicatorTypes().types()) {
    for (std::string_view method : type.methods) EXPECT_TRUE(Labelled(method)) << method;
  }
  EXPECT_TRUE(Labelled(PoissonMethodId(PoissonMethod::kByars)));
  EXPECT_TRUE(Labelled(PoissonMethodId(PoissonMethod::kExact)));
  std::set<std::string_view> ids;
  for (const IntervalMethodLabel& method : IntervalMethodLabels()) {
    EXPECT_TRUE(ids.insert(method.id).second) << "duplicate " << method.id;
  }
}

TEST(IntervalMethodsTest, LabelsInEachLanguageAndUnknownIdsAsTheyAre) {
  EXPECT_EQ(MethodLabel("wilson", Language::kSwedish), "Wilson");
  EXPECT_EQ(MethodLabel("clopper_pearson", Language::kEnglish), "Clopper–Pearson (exact)");
  EXPECT_EQ(MethodLabel("byars", Language::kSwedish), "Byar");
  EXPECT_EQ(MethodLabel("agresti_coull", Language::kSwedish), "agresti_coull");
  EXPECT_EQ(MethodLabel("", Language::kEnglish), "");
}

}  // namespace
}  // namespace jamlik
