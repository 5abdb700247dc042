#pragma once
// The input checks the proportion intervals share.
namespace jamlik::stats_internal {

// Throw kInvalidArgument unless the confidence lies in [0.9, 1] (1 allowed: a proportion's 100%
// interval is [0, 1]).
void RequireProportionConfidence(double confidence);

// Throw kInvalidArgument unless 0 <= successes <= trials, both finite, and the confidence is valid.
void CheckProportionInputs(double successes, double trials, double confidence);

}  // namespace jamlik::stats_internal
