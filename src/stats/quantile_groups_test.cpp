#include "stats/quantile_groups.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <vector>

#include "core/error.hpp"
#include "stats/testing_internal.hpp"

namespace jamlik {
namespace {

using stats_internal::ExpectUndefined;
using Groups = std::vector<std::optional<int>>;

std::vector<std::optional<double>> OneToTen() {
  std::vector<std::optional<double>> values;
  for (int i = 1; i <= 10; ++i) values.emplace_back(i);
  return values;
}

TEST(QuantileGroups, SplitsDistinctValuesEvenly) {
  const auto lowest_first = AssignQuantileGroups(OneToTen(), 5, QuantileOrder::kLowestFirst);
  ASSERT_TRUE(lowest_first);
  EXPECT_EQ(*lowest_first, (Groups{1, 1, 2, 2, 3, 3, 4, 4, 5, 5}));
  const auto highest_first = AssignQuantileGroups(OneToTen(), 5, QuantileOrder::kHighestFirst);
  ASSERT_TRUE(highest_first);
  EXPECT_EQ(*highest_first, (Groups{5, 5, 4, 4, 3, 3, 2, 2, 1, 1}));
}

TEST(QuantileGroups, TiesShareTheGroupOfTheirLowestRank) {
  const std::vector<std::optional<double>> values = {1, 1, 1, 2};
  const auto groups = AssignQuantileGroups(values, 2, QuantileOrder::kLowestFirst);
  ASSERT_TRUE(groups);
  EXPECT_EQ(*groups, (Groups{1, 1, 1, 2}));
}

TEST(QuantileGroups, MissingValuesGetNoGroupAndDoNotCount) {
  std::vector<std::optional<double>> values = OneToTen();
  values.insert(values.begin() + 3, std::nullopt);
  const auto groups = AssignQuantileGroups(values, 5, QuantileOrder::kLowestFirst);
  ASSERT_TRUE(groups);
  EXPECT_EQ(*groups, (Groups{1, 1, 2, std::nullopt, 2, 3, 3, 4, 4, 5, 5}));
}

TEST(QuantileGroups, FewerValuesThanGroupsIsUndefined) {
  const std::vector<std::optional<double>> values = {1, 2, std::nullopt, 3};
  ExpectUndefined(AssignQuantileGroups(values, 4, QuantileOrder::kLowestFirst),
                  UndefinedReason::kTooFewObservations);
  ExpectUndefined(AssignQuantileGroups({}, 1, QuantileOrder::kLowestFirst),
                  UndefinedReason::kTooFewObservations);
}

TEST(QuantileGroups, EveryGroupLiesInOneToQ) {
  for (int n = 1; n <= 60; ++n) {
    for (int q = 1; q <= std::min(n, 12); ++q) {
      std::vector<std::optional<double>> values;
      for (int i = 0; i < n; ++i) values.emplace_back((i * 7919) % n);
      const auto groups = AssignQuantileGroups(values, q, QuantileOrder::kHighestFirst);
      ASSERT_TRUE(groups);
      for (const std::optional<int>& group : *groups) {
        ASSERT_TRUE(group);
        EXPECT_GE(*group, 1) << n << " values, " << q << " groups";
        EXPECT_LE(*group, q) << n << " values, " << q << " groups";
      }
    }
  }
}

TEST(QuantileGroups, RefusesInvalidInputs) {
  EXPECT_THROW(AssignQuantileGroups(OneToTen(), 0, QuantileOrder::kLowestFirst), Error);
  const std::vector<std::optional<double>> not_a_number = {1, std::nan("")};
  EXPECT_THROW(AssignQuantileGroups(not_a_number, 1, QuantileOrder::kLowestFirst), Error);
}

}  // namespace
}  // namespace jamlik
