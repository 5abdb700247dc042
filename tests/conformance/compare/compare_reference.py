#!/usr/bin/python3
"""Conformance of `jamlik compare` with an independent computation from first principles.

For each comparator (the county, the nation, a Kolada municipality group, a user's group, a named
area) the script runs the real binary on tests/data/compare/results.csv and recomputes every row
with scipy/numpy:
  - the comparator's value (a group's: the unweighted mean of its members, as Kolada computes it);
  - Fingertips' marks: the row's 95 % / 99.8 % interval wholly above the comparator → higher,
    wholly below → lower, else similar; better/worse by the polarity (favourable_indicator for
    computed rows, none for published figures → higher/lower); not_compared without a value;
  - funnel limits: scipy.stats.binom / poisson ppf with Spiegelhalter's (2005) interpolation;
  - rank (1 = best) and PHE's quartile rule among the areas of the row's level;
  - the recent trend over the last five periods: Armitage's chi-squared test for linear trend on
    the counts (proportions), else numpy's weighted least squares on se = (upper-lower)/(2*1.96),
    at 99.8 % (chi2.ppf(0.998, 1));
  - the gap to the comparator's trend: weighted least squares of (area - comparator), narrowing
    when significant towards zero.
Then it checks the binary's output value by value, and that the data shows each mark it should.
Usage: compare_reference.py JAMLIK DATA_DIR"""
import csv
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict

import numpy as np
from scipy import stats

JAMLIK, DATA = sys.argv[1], sys.argv[2]
Z95 = stats.norm.ppf(0.975)
CRIT = stats.chi2.ppf(0.998, 1)
COUNTY = {"1814": "18", "1860": "18", "1861": "18", "1880": "18", "1881": "18", "1883": "18"}
failures = []


def num(text):
    return None if text in ("", None) else float(text)


def read(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def groups_json():
    import json
    with open(os.path.join(DATA, "groups.json"), encoding="utf-8") as f:
        return {g["id"]: [m["id"] for m in g["members"]] for g in json.load(f)["values"]}


def groups_csv():
    groups = defaultdict(list)
    for row in read(os.path.join(DATA, "groups.csv")):
        groups[row["group"]].append(row["area"])
    return groups


POLARITY = None  # --polarity for every indicator, when a case gives it


def polarity(row):
    if POLARITY:
        return POLARITY
    if row["indicator_type"] == "published":
        return "none"
    return "high" if row["favourable_indicator"] in ("1", "true") else "low"


def interval(row, level):
    if num(row["estimate"]) is None:
        return None
    if level == 0.95 and num(row["lower"]) is not None:
        return num(row["lower"]), num(row["upper"])
    if level == 0.998 and num(row["lower_2"]) is not None:
        return num(row["lower_2"]), num(row["upper_2"])
    return None


def mark(lo, hi, value, pol):
    side = 1 if lo > value else -1 if hi < value else 0
    if side == 0:
        return "similar"
    if pol == "none":
        return "higher" if side > 0 else "lower"
    good = side > 0 if pol == "high" else side < 0
    return "better" if good else "worse"


def spiegelhalter(dist, p):
    r = dist.ppf(p)
    return max(r - (dist.cdf(r) - p) / dist.pmf(r), 0.0)


def funnel(row, value, conf):
    scale = num(row["indicator_scale"])
    target = value / scale
    p = (1 - conf) / 2
    if row["indicator_type"] == "proportion":
        n = round(num(row["denominator"]))
        d = stats.binom(n, target)
        return spiegelhalter(d, p) / n * scale, spiegelhalter(d, 1 - p) / n * scale
    if row["indicator_type"] == "rate":
        e = num(row["denominator"])
        d = stats.poisson(e * target)
        return spiegelhalter(d, p) / e * scale, spiegelhalter(d, 1 - p) / e * scale
    return None


def se_of(row):
    ci = interval(row, 0.95)
    return None if ci is None else (ci[1] - ci[0]) / (2 * Z95)


def wls(y, se):
    x = np.arange(1, len(y) + 1, dtype=float)
    w = 1 / np.asarray(se) ** 2
    X = np.column_stack([np.ones(len(y)), x])
    cov = np.linalg.inv(X.T @ np.diag(w) @ X)
    b = cov @ X.T @ np.diag(w) @ np.asarray(y)
    return b[1], (b[1] / math.sqrt(cov[1, 1])) ** 2


def chi2_trend(r, n):
    r, n = np.asarray(r, float), np.asarray(n, float)
    x = np.arange(1, len(r) + 1, dtype=float)
    N, R = n.sum(), r.sum()
    p, xbar = R / N, (n * x).sum() / N
    T = (r * x).sum() - R * xbar
    V = p * (1 - p) * ((n * x * x).sum() - N * xbar ** 2)
    return T, T * T / V


def quartiles(values):
    """PHEindicatormethods' phe_quantile rule, lowest values first."""
    n = len(values)
    out = []
    for v in values:
        rank = 1 + sum(1 for w in values if w < v)
        g = math.floor(5 - math.ceil(((n + 1) - rank) / (n / 4)))
        out.append(max(g, 1))
    return out


def expected(rows, against, groups):
    key = lambda r, area: (r["indicator"], r["period"], r["dimension"], r["subgroup"], area)
    by = {key(r, r["area"]): r for r in rows}

    def comparator(r):
        if against == "lan":
            if r["area_level"] != "kommun":
                return None
            c = by.get(key(r, COUNTY[r["area"]]))
            return COUNTY[r["area"]], num(c["estimate"]) if c else None, c
        if against == "riket":
            c = by.get(key(r, "00"))
            return "00", num(c["estimate"]) if c else None, c
        if against.startswith("group:"):
            gid = against[6:]
            vals = [num(by[key(r, m)]["estimate"]) for m in groups[gid] if key(r, m) in by]
            vals = [v for v in vals if v is not None]
            return gid, (sum(vals) / len(vals) if vals else None), None
        c = by.get(key(r, against))
        return against, num(c["estimate"]) if c else None, c

    out = []
    for r in rows:
        e = {"comparison": "not_compared", "comparison_2": "not_compared", "comparator_area": "",
             "comparator_value": None, "funnel_lower": None, "funnel_upper": None,
             "funnel_lower_2": None, "funnel_upper_2": None}
        c = comparator(r)
        if c is not None:
            area, value, crow = c
            e["comparator_area"] = area
            e["comparator_value"] = value
            if value is not None and area != r["area"]:
                pol = polarity(r)
                for level, name in ((0.95, "comparison"), (0.998, "comparison_2")):
                    ci = interval(r, level)
                    if ci:
                        e[name] = mark(ci[0], ci[1], value, pol)
                for conf, suffix in ((0.95, ""), (0.998, "_2")):
                    f = funnel(r, value, conf)
                    if f:
                        e["funnel_lower" + suffix], e["funnel_upper" + suffix] = f
        out.append(e)

    # Ranks and quartiles among the areas of a level.
    peers = defaultdict(list)
    for i, r in enumerate(rows):
        if num(r["estimate"]) is not None:
            peers[(r["indicator"], r["period"], r["dimension"], r["subgroup"], r["area_level"])].append(i)
    for members in peers.values():
        values = [num(rows[i]["estimate"]) for i in members]
        qs = quartiles(values) if len(values) >= 4 else [None] * len(values)
        for i, v, q in zip(members, values, qs):
            low_best = polarity(rows[i]) == "low"
            out[i]["rank"] = 1 + sum(1 for w in values if (w < v if low_best else w > v))
            out[i]["rank_of"] = len(values)
            out[i]["quartile"] = q

    # Trends over the last five periods up to each row's.
    series = defaultdict(list)
    for i, r in enumerate(rows):
        series[(r["indicator"], r["area_level"], r["area"], r["dimension"], r["subgroup"])].append(i)
    for members in series.values():
        members.sort(key=lambda i: rows[i]["period"])
        for k, i in enumerate(members):
            window = [rows[j] for j in members[max(0, k - 4):k + 1]]
            t, chi, reason = "could_not_be_calculated", None, ""
            if len(window) < 5:
                reason = "fewer_than_five_periods"
            elif any(num(w["estimate"]) is None for w in window):
                reason = "missing_value"
            elif all(w["indicator_type"] == "proportion" for w in window):
                T, chi = chi2_trend([num(w["numerator"]) for w in window],
                                    [num(w["denominator"]) for w in window])
                t = ("increasing" if T > 0 else "decreasing") if chi > CRIT else "no_significant_change"
            elif all(se_of(w) for w in window):
                b, chi = wls([num(w["estimate"]) for w in window], [se_of(w) for w in window])
                t = ("increasing" if b > 0 else "decreasing") if chi > CRIT else "no_significant_change"
            else:
                reason = "no_counts_or_intervals"
            out[i]["trend"], out[i]["trend_reason"], out[i]["trend_chi_squared"] = t, reason, chi
            g, gchi, greason = "could_not_be_calculated", None, ""
            gaps, ses = [], []
            for w in window:
                c = comparator(w)
                if c is None or c[1] is None or c[0] == w["area"] or num(w["estimate"]) is None:
                    greason = "no_comparator_value"
                    break
                if se_of(w) is None:
                    greason = "no_standard_error"
                    break
                cse = se_of(c[2]) if c[2] is not None else None
                gaps.append(num(w["estimate"]) - c[1])
                ses.append(math.sqrt(se_of(w) ** 2 + (cse or 0.0) ** 2))
            if len(window) < 5:
                greason = "fewer_than_five_periods"
            elif not greason:
                b, gchi = wls(gaps, ses)
                if gchi > CRIT:
                    w = 1 / np.asarray(ses) ** 2
                    mean = (w * np.asarray(gaps)).sum() / w.sum()
                    g = "narrowing" if (mean > 0) == (b < 0) else "widening"
                else:
                    g = "no_significant_change"
            out[i]["gap_trend"], out[i]["gap_trend_reason"] = g, greason
            out[i]["gap_trend_chi_squared"] = gchi
    return out


def check(label, rows, got, want):
    if len(got) != len(rows):
        failures.append(f"{label}: {len(got)} rows, expected {len(rows)}")
        return
    for r, g, w in zip(rows, got, want):
        where = f"{label} {r['indicator']} {r['area']} {r['period']} {r['subgroup']}"
        for name, value in w.items():
            have = g[name]
            if isinstance(value, str):
                if have != value:
                    failures.append(f"{where}: {name} = {have!r}, expected {value!r}")
            elif value is None:
                if have != "":
                    failures.append(f"{where}: {name} = {have!r}, expected empty")
            else:
                if have == "" or not math.isclose(float(have), value, rel_tol=1e-6, abs_tol=1e-6):
                    failures.append(f"{where}: {name} = {have!r}, expected {value!r}")


def run(against, groups_file=None, polarity_option=None):
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "out.csv")
        cmd = [JAMLIK, "compare", "--results", os.path.join(DATA, "results.csv"),
               "--against", against, "--out", out]
        if groups_file:
            cmd += ["--groups", os.path.join(DATA, groups_file)]
        if polarity_option:
            cmd += ["--polarity", polarity_option]
        done = subprocess.run(cmd, capture_output=True, text=True,
                              env=dict(os.environ, LC_ALL="C.UTF-8", JAMLIK_LANG="en"))
        if done.returncode != 0:
            failures.append(f"{against}: exit {done.returncode}: {done.stderr}")
            return []
        return read(out)


def main():
    rows = read(os.path.join(DATA, "results.csv"))
    global POLARITY
    cases = [("lan", None, {}, None), ("riket", None, {}, None),
             ("group:G100001", "groups.json", groups_json(), None),
             ("group:egna", "groups.csv", groups_csv(), None), ("1880", None, {}, None),
             ("riket", None, {}, "none")]
    marks = defaultdict(int)
    for against, file, groups, pol in cases:
        POLARITY = pol
        got = run(against, file, pol)
        want = expected(rows, against, groups)
        label = against + (f" --polarity {pol}" if pol else "")
        check(label, rows, got, want)
        for w in want:
            marks[(label, w["comparison"])] += 1
            marks[("trend", w["trend"])] += 1
            marks[("gap", w["gap_trend"])] += 1
    # The data must exercise what is checked: every mark of the county comparison, both trend
    # directions, the gap trends and the published figures' no-judgement marks.
    for needed in [("lan", "better"), ("lan", "similar"), ("lan", "worse"), ("lan", "not_compared"),
                   ("riket --polarity none", "higher"), ("riket --polarity none", "lower"), ("trend", "increasing"),
                   ("trend", "decreasing"), ("trend", "no_significant_change"),
                   ("trend", "could_not_be_calculated"), ("gap", "narrowing"), ("gap", "widening"),
                   ("group:G100001", "similar")]:
        if marks[needed] == 0:
            failures.append(f"the data shows no {needed}")
    print({k: v for k, v in sorted(marks.items())})
    if failures:
        print("\n".join(failures[:40]), file=sys.stderr)
        print(f"{len(failures)} differences", file=sys.stderr)
        sys.exit(1)
    print("jamlik compare agrees with the independent computation")


main()
