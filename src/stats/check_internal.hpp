#pragma once
// Argument checks shared by the statistics in src/stats. A failed check throws kInvalidArgument
// naming the field and value, because a negative count or a NaN is a bug in the caller's data
// preparation, not an undefined statistic.
#include <string_view>

namespace jamlik::stats_internal {

// Throw kInvalidArgument: "<message>: <field> = <value>"; `message` is already translated.
[[noreturn]] void ThrowInvalid(std::string_view field, double value, std::string_view message);

// Throw unless `value` is finite.
void RequireFinite(double value, std::string_view field);
// Throw unless `value` is finite and >= 0.
void RequireNonNegative(double value, std::string_view field);
// Throw unless `value` is finite and > 0.
void RequirePositive(double value, std::string_view field);

}  // namespace jamlik::stats_internal
