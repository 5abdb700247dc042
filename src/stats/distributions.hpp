#pragma once
// Quantiles of the continuous distributions the intervals need, at full double precision
// (Boost.Math behind this header, so that callers do not compile Boost). The peer's reference
// values were made with accurate quantiles (R, Excel's NORMSINV); short rational approximations
// would miss them by far more than the conformance tolerances.
//
// Each function throws kInvalidArgument when p is outside (0, 1) or a parameter is not positive.

namespace jamlik {

// Return x with P(Z <= x) = p for the standard normal Z.
double NormalQuantile(double p);
// Return the two-sided normal critical value z = Φ⁻¹(1 − α/2), α = 1 − confidence (1.959964 for
// 0.95). Throws kInvalidArgument naming the level unless it lies strictly between 0 and 1.
double TwoSidedNormalQuantile(double confidence);
// Return the p-quantile of Student's t with `degrees_of_freedom` (> 0, not necessarily integer).
double StudentTQuantile(double p, double degrees_of_freedom);
// Return the p-quantile of the chi-square distribution with `degrees_of_freedom` (> 0).
double ChiSquaredQuantile(double p, double degrees_of_freedom);
// Return the p-quantile of the gamma distribution with `shape` and `scale` (both > 0).
double GammaQuantile(double p, double shape, double scale);
// Return the p-quantile of the beta distribution with shape parameters `a` and `b` (both > 0).
double BetaQuantile(double p, double a, double b);

}  // namespace jamlik
