#!/usr/bin/python3
"""Conformance of `jamlik effect` with an independent computation.

The script makes persons (a seeded numpy generator), writes their counts as a long result table,
runs the real binary and recomputes each assessment without any of its code:
  - proportions from counts: the difference in differences is the interaction of an OLS linear
    probability model y ~ 1 + treated + post + treated·post on the persons of the two periods
    compared (statsmodels, cov_type="HC0"): with a saturated model its HC0 variance is the sum of
    p(1 − p)/n over the four cells, the delta method's on independent estimates;
  - figures with intervals (rates, other areas pooled by population): the interaction of a WLS fit
    to the four cells with weights 1/se², se = (upper − lower)/(2·1.96), cov_type="fixed scale";
  - the gap's trend over the five periods before the start: WLS of the gap on 1…5 with its
    variances known, χ² = (b/se_b)², significant above scipy's chi2.ppf(0.998, 1);
  - the verdict: the interval wholly above or below 0, judged by the indicator's polarity;
    otherwise cannot_tell.
Usage: effect_reference.py JAMLIK"""
import csv
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import statsmodels.api as sm
from scipy import stats

JAMLIK = sys.argv[1]
Z = stats.norm.ppf(0.975)
CRIT = stats.chi2.ppf(0.998, 1)
failures = []
COLUMNS = ["indicator", "indicator_type", "area_level", "area", "period", "dimension", "subgroup",
           "favourable_indicator", "indicator_scale", "estimate", "lower", "upper", "confidence",
           "numerator", "denominator", "population"]


def check(what, got, expected, tolerance=1e-7):
    if expected is None or got is None:
        if expected != got:
            failures.append(f"{what}: {got} != {expected}")
    elif not isinstance(expected, (int, float)):
        if got != expected:
            failures.append(f"{what}: {got!r} != {expected!r}")
    elif abs(got - expected) > tolerance * max(1.0, abs(expected)):
        failures.append(f"{what}: {got!r} != {expected!r}")


def run(folder, rows, *arguments):
    path = os.path.join(folder, "results.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    done = subprocess.run([JAMLIK, "effect", "--results", path, "--format", "json", *arguments],
                          capture_output=True, text=True, env={**os.environ, "JAMLIK_LANG": "en"})
    if done.returncode != 0:
        failures.append(f"jamlik effect {' '.join(arguments)}: {done.stderr}")
        return None
    return json.loads(done.stdout)


def verdict(lower, upper, polarity):
    if lower <= 0 <= upper:
        return "cannot_tell"
    above = lower > 0
    if polarity == "none":
        return "rose_more" if above else "fell_more"
    return "improved_more" if above == (polarity == "high") else "worsened_more"


def wls_trend(gaps, ses):
    fit = sm.WLS(np.array(gaps), sm.add_constant(np.arange(1.0, len(gaps) + 1)),
                 weights=1 / np.array(ses) ** 2).fit(cov_type="fixed scale")
    return fit.params[1], (fit.params[1] / fit.bse[1]) ** 2


def proportions(folder):
    """Eligibility by parents' education, 2017–2025; the target group kort and mellan pooled
    against lang; the measure starts 2022-07-01, so 2022 is the transition."""
    rng = np.random.default_rng(2026)
    years = list(range(2017, 2026))
    sizes = {"kort": 180, "mellan": 260, "lang": 420}
    base = {"kort": 0.48, "mellan": 0.62, "lang": 0.86}
    persons = {}  # (subgroup, year) -> 0/1 array
    rows = []
    for year in years:
        for subgroup, n in sizes.items():
            lift = 0.05 * max(0, year - 2022) if subgroup != "lang" else 0.0
            y = (rng.random(n) < base[subgroup] + lift).astype(float)
            persons[(subgroup, year)] = y
            r = int(y.sum())
            rows.append({"indicator": "behorighet", "indicator_type": "proportion",
                         "area_level": "kommun", "area": "1880", "period": str(year),
                         "dimension": "utb", "subgroup": subgroup, "favourable_indicator": 1,
                         "indicator_scale": 100, "estimate": 100 * r / n,
                         "lower": "", "upper": "", "confidence": 0.95, "numerator": r,
                         "denominator": n, "population": ""})
    got = run(folder, rows, "--indicator", "behorighet", "--area", "1880", "--dimension", "utb",
              "--subgroup", "kort,mellan", "--start", "2022-07-01")
    if got is None:
        return
    check("proportions: periods", [got["before_period"], got["after_period"]], ["2021", "2025"])
    check("proportions: comparison", got["comparison"]["members"], ["lang"])
    y, treated, post = [], [], []
    for year, after in ((2021, 0), (2025, 1)):
        for subgroup in sizes:
            values = persons[(subgroup, year)] * 100
            y.append(values)
            treated.append(np.full(len(values), subgroup != "lang", float))
            post.append(np.full(len(values), after, float))
    y, treated, post = map(np.concatenate, (y, treated, post))
    fit = sm.OLS(y, sm.add_constant(np.column_stack([treated, post, treated * post]))).fit(
        cov_type="HC0")
    did = got["difference_in_differences"]
    check("proportions: did", did["estimate"], fit.params[3])
    check("proportions: se", did["standard_error"], fit.bse[3])
    check("proportions: lower", did["lower"], fit.params[3] - Z * fit.bse[3])
    check("proportions: upper", did["upper"], fit.params[3] + Z * fit.bse[3])
    check("proportions: verdict", got["verdict"],
          verdict(fit.params[3] - Z * fit.bse[3], fit.params[3] + Z * fit.bse[3], "high"))
    phases = {p["period"]: p["phase"] for p in got["series"]}
    check("proportions: 2022", phases["2022"], "transition")
    # The gap before the start, 2017–2021: pooled proportions, se from p(1 − p)/n.
    gaps, ses = [], []
    for year in range(2017, 2022):
        t = np.concatenate([persons[("kort", year)], persons[("mellan", year)]])
        c = persons[("lang", year)]
        gaps.append(100 * (t.mean() - c.mean()))
        ses.append(100 * np.sqrt(t.mean() * (1 - t.mean()) / len(t) +
                                 c.mean() * (1 - c.mean()) / len(c)))
    slope, chi2 = wls_trend(gaps, ses)
    check("proportions: trend slope", got["gap_trend_before"]["slope"], slope)
    check("proportions: trend chi2", got["gap_trend_before"]["chi_squared"], chi2)
    mean = np.average(gaps, weights=1 / np.array(ses) ** 2)
    marker = ("no_significant_change" if chi2 <= CRIT
              else "narrowing" if (mean > 0) == (slope < 0) else "widening")
    check("proportions: trend marker", got["gap_trend_before"]["marker"], marker)
    check("proportions: trend after", got["gap_trend_after"]["reason"], "fewer_than_five_periods")


def rates(folder):
    """Hospital admissions per 100 000 by tertial, low is good: Örebro's total against Kumla and
    Nora pooled by population; the measure starts 2024-01-01."""
    rng = np.random.default_rng(7)
    periods = [f"{y}-T{t}" for y in (2023, 2024) for t in (1, 2, 3)]
    population = {"1880": 150000, "1881": 21000, "1882": 10000}
    cells = {}
    rows = []
    for period in periods:
        for area, pop in population.items():
            rate = 900 - (120 if area == "1880" and period.startswith("2024") else 0)
            events = rng.poisson(rate * pop / 100000 / 3)
            estimate = events / (pop / 3) * 100000
            # Byar's interval, as the engine writes for rates (only its width matters here).
            lower = stats.chi2.ppf(0.025, 2 * events) / 2 / (pop / 3) * 100000
            upper = stats.chi2.ppf(0.975, 2 * events + 2) / 2 / (pop / 3) * 100000
            cells[(area, period)] = (estimate, (upper - lower) / (2 * Z), pop)
            rows.append({"indicator": "inlagda", "indicator_type": "rate", "area_level": "kommun",
                         "area": area, "period": period, "dimension": "total", "subgroup": "T",
                         "favourable_indicator": 0, "indicator_scale": 100000,
                         "estimate": estimate, "lower": lower, "upper": upper, "confidence": 0.95,
                         "numerator": events, "denominator": pop / 3, "population": pop})
    got = run(folder, rows, "--indicator", "inlagda", "--area", "1880", "--start", "2024-01-01",
              "--areas", "1881,1882")
    if got is None:
        return
    check("rates: periods", [got["before_period"], got["after_period"]], ["2023-T3", "2024-T3"])
    y, weights, design = [], [], []
    for period, after in (("2023-T3", 0), ("2024-T3", 1)):
        e, se, _ = cells[("1880", period)]
        y.append(e)
        weights.append(1 / se ** 2)
        design.append([1, 1, after, after])
        members = [cells[(a, period)] for a in ("1881", "1882")]
        w = np.array([m[2] for m in members], float)
        w /= w.sum()
        y.append(float(np.dot(w, [m[0] for m in members])))
        weights.append(1 / float(np.sum((w * np.array([m[1] for m in members])) ** 2)))
        design.append([1, 0, after, 0])
    fit = sm.WLS(np.array(y), np.array(design, float), weights=np.array(weights)).fit(
        cov_type="fixed scale")
    did = got["difference_in_differences"]
    check("rates: did", did["estimate"], fit.params[3])
    check("rates: se", did["standard_error"], fit.bse[3])
    check("rates: verdict", got["verdict"],
          verdict(fit.params[3] - Z * fit.bse[3], fit.params[3] + Z * fit.bse[3], "low"))
    check("rates: polarity", got["polarity"], "low")
    check("rates: caveat", [c["id"] for c in got["caveats"]], ["pre_trend_not_tested"])
    # The same with the CLI's explicit periods.
    got = run(folder, rows, "--indicator", "inlagda", "--area", "1880", "--start", "2024-01-01",
              "--areas", "1881,1882", "--before", "2023-T1", "--after", "2024-T1")
    if got is not None:
        check("rates: chosen periods", [got["before_period"], got["after_period"]],
              ["2023-T1", "2024-T1"])


def errors(folder):
    path = os.path.join(folder, "results.csv")
    for arguments, words in ((["--indicator", "behorighet", "--area", "1880"], "--start"),
                             (["--indicator", "behorighet", "--area", "1880", "--start",
                               "2022-13-01"], "2022-13-01"),
                             (["--plan", path], "--measure")):
        done = subprocess.run([JAMLIK, "effect", "--results", path, *arguments],
                              capture_output=True, text=True,
                              env={**os.environ, "JAMLIK_LANG": "en"})
        if done.returncode == 0 or words not in done.stderr:
            failures.append(f"jamlik effect {' '.join(arguments)}: exit {done.returncode}, "
                            f"{done.stderr!r} should name {words}")


with tempfile.TemporaryDirectory() as folder:
    proportions(folder)
    rates(folder)
    errors(folder)

for failure in failures:
    print(failure)
print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
