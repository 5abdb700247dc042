#include "stats/distributions.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>

#include "core/i18n.hpp"
#include "stats/check_internal.hpp"

namespace jamlik {
namespace {

void RequireProbability(double p) {
  // Negated so that NaN is refused; 0 and 1 give infinite quantiles for most distributions.
  if (!(p > 0 && p < 1)) {
    stats_internal::ThrowInvalid("p", p,
                                 Tr("Sannolikheten måste ligga strikt mellan 0 och 1",
                                    "The probability must lie strictly between 0 and 1"));
  }
}

}  // namespace

double NormalQuantile(double p) {
  RequireProbability(p);
  return boost::math::quantile(boost::math::normal_distribution<double>(), p);
}

double TwoSidedNormalQuantile(double confidence) {
  if (!(confidence > 0 && confidence < 1)) {  // negated so that NaN is refused
    stats_internal::ThrowInvalid("confidence", confidence,
                                 Tr("Konfidensnivån måste ligga mellan 0 och 1",
                                    "The confidence level must lie between 0 and 1"));
  }
  // The upper tail α/2 is passed as a complement so that no precision is lost in 1 − α/2.
  return boost::math::quantile(
      boost::math::complement(boost::math::normal_distribution<double>(), (1 - confidence) / 2));
}

double StudentTQuantile(double p, double degrees_of_freedom) {
  RequireProbability(p);
  stats_internal::RequirePositive(degrees_of_freedom, "degrees_of_freedom");
  return boost::math::quantile(boost::math::students_t_distribution<double>(degrees_of_freedom), p);
}

double ChiSquaredQuantile(double p, double degrees_of_freedom) {
  RequireProbability(p);
  stats_internal::RequirePositive(degrees_of_freedom, "degrees_of_freedom");
  return boost::math::quantile(boost::math::chi_squared_distribution<double>(degrees_of_freedom),
                               p);
}

double GammaQuantile(double p, double shape, double scale) {
  RequireProbability(p);
  stats_internal::RequirePositive(shape, "shape");
  stats_internal::RequirePositive(scale, "scale");
  return boost::math::quantile(boost::math::gamma_distribution<double>(shape, scale), p);
}

double BetaQuantile(double p, double a, double b) {
  RequireProbability(p);
  stats_internal::RequirePositive(a, "a");
  stats_internal::RequirePositive(b, "b");
  return boost::math::quantile(boost::math::beta_distribution<double>(a, b), p);
}

}  // namespace jamlik
