#!/usr/bin/env python3
"""Compute followup_cases.csv and followup_results.csv: the follow-up of one target per case
against a small result table, with the status, path and values the rule of issue 12 gives.

Independent of Jämlik's C++ code: plain Python from the rule as the issue states it, HEAT's D and R
(highest against lowest of two unordered subgroups; se from the 95 % limits; R's interval on the
log scale) and the time axis of src/followup/period.hpp (a period stands at its end, in months).
Each case is named for the status it is built to show, and the script stops if the rule gives
another. Run from this folder:
    python3 make_followup_cases.py
"""
import csv
import math
from statistics import NormalDist

Z = NormalDist().inv_cdf(0.975)
SEVERITY = {"reached": 0, "on_track": 1, "at_risk": 2, "no_data": 3, "off_track": 4}


def end_month(period):
    year, _, tertial = period.partition("-T")
    return 12 * int(year) + (4 * int(tertial) if tertial else 12)


def path(baseline, target, t0, t1, t):
    if end_month(t) >= end_month(t1):
        return target
    share = (end_month(t) - end_month(t0)) / (end_month(t1) - end_month(t0))
    return baseline + (target - baseline) * share


def status(higher_is_better, target, path_value, estimate, lower, upper):
    sign = 1 if higher_is_better else -1
    e = sign * estimate
    if lower is None:
        worse = better = e
    else:
        worse, better = min(sign * lower, sign * upper), max(sign * lower, sign * upper)
    if worse >= sign * target:
        return "reached"
    if e >= sign * path_value:
        return "on_track"
    if better >= sign * path_value:
        return "at_risk"
    return "off_track"


def row(period, dimension, subgroup, estimate, se=None, suppressed=False):
    if suppressed:
        return dict(period=period, dimension=dimension, subgroup=subgroup, estimate=None,
                    lower=None, upper=None, suppressed=1)
    lower = None if se is None else estimate - Z * se
    upper = None if se is None else estimate + Z * se
    return dict(period=period, dimension=dimension, subgroup=subgroup, estimate=estimate,
                lower=lower, upper=upper, suppressed=0)


def find(rows, period, dimension, subgroup):
    for r in rows:
        if (r["period"], r["dimension"], r["subgroup"]) == (period, dimension, subgroup):
            return r
    return None


# ---- what each kind follows ----

def subgroup_values(rows, period, dimension, subgroup):
    r = find(rows, period, dimension, subgroup)
    if r is None:
        return None, "missing"
    if r["suppressed"]:
        return None, "suppressed"
    return (r["estimate"], r["lower"], r["upper"]), ""


def pair_values(rows, period, dimension, measure):
    """HEAT's D or R of two unordered subgroups (highest against lowest), as a distance from no
    inequality: |D|, or |log R| for R."""
    subgroups = [r for r in rows if r["period"] == period and r["dimension"] == dimension]
    if not subgroups:
        return None, "missing"
    if any(r["suppressed"] for r in subgroups):
        return None, "undefined"
    high = max(subgroups, key=lambda r: r["estimate"])
    low = min(subgroups, key=lambda r: r["estimate"])
    se_high = (high["upper"] - high["lower"]) / (2 * Z)
    se_low = (low["upper"] - low["lower"]) / (2 * Z)
    if measure == "d":
        d = high["estimate"] - low["estimate"]
        half = Z * math.hypot(se_high, se_low)
        lo, hi = d - half, d + half
        near = 0.0 if lo <= 0 <= hi else min(abs(lo), abs(hi))
        return (abs(d), near, max(abs(lo), abs(hi))), ""
    r = high["estimate"] / low["estimate"]
    se_log = math.hypot(se_high / high["estimate"], se_low / low["estimate"])
    lo, hi = math.log(r) - Z * se_log, math.log(r) + Z * se_log
    near = 0.0 if lo <= 0 <= hi else min(abs(lo), abs(hi))
    return (abs(math.log(r)), near, max(abs(lo), abs(hi))), ""


def evaluate(case):
    rows, t = case["rows"], case["period"]
    higher = case.get("higher_is_better", True)
    kind = case["kind"]
    if kind == "gap":
        def values(period):
            return pair_values(rows, period, case["dimension"], case["measure"])
        ratio = case["measure"] == "r"
        target = abs(math.log(case["target_value"])) if ratio else abs(case["target_value"])
        show = (lambda x: math.exp(x)) if ratio else (lambda x: x)
        tracks = [("", values, False)]
    else:
        dimension = "total" if kind == "total" else case["dimension"]
        names = [case["subgroup"]] if kind == "level" else ["T"] if kind == "total" else \
            [r["subgroup"] for r in rows if r["period"] == case["baseline_period"]]
        tracks = [(name, (lambda period, name=name: subgroup_values(rows, period, dimension, name)),
                   higher) for name in names]
        target = case["target_value"]
        show = lambda x: x  # noqa: E731
    results = []
    for name, values, track_higher in tracks:
        base, base_reason = values(case["baseline_period"])
        now, now_reason = values(t)
        out = dict(subgroup=name, estimate=None, lower=None, upper=None, path=None)
        if now is not None:
            out.update(estimate=show(now[0]), lower=None if now[1] is None else show(now[1]),
                       upper=None if now[2] is None else show(now[2]))
        if base is None:
            out.update(status="no_data", reason="baseline_missing")
        else:
            p = path(base[0], target, case["baseline_period"], case["target_period"], t)
            out["path"] = show(p)
            if now is None:
                out.update(status="no_data", reason=now_reason)
            else:
                out.update(status=status(track_higher, target, p, *now),
                           reason="no_interval" if now[1] is None else "")
        results.append(out)
    worst = results[0]
    for r in results[1:]:
        if SEVERITY[r["status"]] > SEVERITY[worst["status"]]:
            worst = r
    if worst["status"] == "no_data" and len(results) > 1 and \
            any(r["status"] != "no_data" for r in results):
        worst = dict(worst, reason="subgroup_without_data")
    return worst


def cases():
    out = []

    def level(name, now, higher=True, periods=("2024", "2028", "2026"), base=60.0, target=80.0):
        rows = [row(periods[0], "utbildning", "förgymnasial", base, 2.0)]
        if now is not None:
            rows.append(now)
        out.append(dict(name=name, kind="level", dimension="utbildning", subgroup="förgymnasial",
                        higher_is_better=higher, baseline_period=periods[0], target_value=target,
                        target_period=periods[1], period=periods[2], rows=rows))

    # Higher is better: 60 in 2024 → 80 by 2028; the path is 70 in 2026. se 2: ±3.92.
    level("level_reached", row("2026", "utbildning", "förgymnasial", 80 + Z * 2, 2.0))
    level("level_on_track", row("2026", "utbildning", "förgymnasial", 70.0, 2.0))
    level("level_at_risk", row("2026", "utbildning", "förgymnasial", 70 - Z * 2, 2.0))
    level("level_off_track", row("2026", "utbildning", "förgymnasial", 65.0, 2.0))
    level("level_no_data_suppressed", row("2026", "utbildning", "förgymnasial", 0, suppressed=True))
    level("level_no_data_missing", None)
    level("level_on_track_no_interval", row("2026", "utbildning", "förgymnasial", 71.0))
    # Lower is better, tertials: 30 in 2025-T1 → 20 by 2027-T1; the path is 25 in 2026-T1.
    low = dict(higher=False, periods=("2025-T1", "2027-T1", "2026-T1"), base=30.0, target=20.0)
    level("tertial_low_reached", row("2026-T1", "utbildning", "förgymnasial", 20 - Z, 1.0), **low)
    level("tertial_low_on_track", row("2026-T1", "utbildning", "förgymnasial", 24.0, 1.0), **low)
    level("tertial_low_at_risk", row("2026-T1", "utbildning", "förgymnasial", 25.5, 1.0), **low)
    level("tertial_low_off_track", row("2026-T1", "utbildning", "förgymnasial", 28.0, 1.0), **low)

    def total(name, now, base=row("2024", "total", "T", 80.0, 1.0)):
        rows = [base] + ([now] if now else [])
        out.append(dict(name=name, kind="total", baseline_period="2024", target_value=90.0,
                        target_period="2029", period="2027", rows=rows))

    # 80 in 2024 → 90 by 2029: the path is 86 in 2027.
    total("total_reached", row("2027", "total", "T", 92.0, 1.0))
    total("total_on_track", row("2027", "total", "T", 87.0, 1.0))
    total("total_at_risk", row("2027", "total", "T", 85.0, 1.0))
    total("total_off_track", row("2027", "total", "T", 83.0, 1.0))
    total("total_no_data_baseline", row("2027", "total", "T", 87.0, 1.0),
          base=row("2024", "total", "T", 0, suppressed=True))

    def floor(name, now):
        rows = [row("2024", "utbildning", s, v, 1.0)
                for s, v in (("förgymnasial", 60.0), ("gymnasial", 70.0), ("eftergymnasial", 80.0))]
        rows += [row("2026", "utbildning", s, v, 1.0, suppressed=v is None)
                 for s, v in now]
        out.append(dict(name=name, kind="floor", dimension="utbildning", baseline_period="2024",
                        target_value=75.0, target_period="2028", period="2026", rows=rows))

    # Every subgroup at least 75 by 2028; the paths in 2026 are 67.5, 72.5 and 77.5.
    floor("floor_reached", (("förgymnasial", 78.0), ("gymnasial", 77.0), ("eftergymnasial", 85.0)))
    floor("floor_on_track", (("förgymnasial", 68.0), ("gymnasial", 73.0), ("eftergymnasial", 85.0)))
    floor("floor_at_risk", (("förgymnasial", 67.0), ("gymnasial", 73.0), ("eftergymnasial", 85.0)))
    floor("floor_off_track", (("förgymnasial", 62.0), ("gymnasial", None),
                              ("eftergymnasial", 85.0)))
    floor("floor_no_data", (("förgymnasial", 67.0), ("gymnasial", None), ("eftergymnasial", 85.0)))

    def gap(name, measure, base, now, target):
        rows = [row("2024", "kon", s, v, se) for s, v, se in base]
        rows += [row("2026", "kon", s, v, se, suppressed=v is None) for s, v, se in now]
        out.append(dict(name=name, kind="gap", measure=measure, dimension="kon",
                        baseline_period="2024", target_value=target, target_period="2028",
                        period="2026", rows=rows))

    # D: 10 in 2024 → 4 by 2028, the path is 7 in 2026; se 1 a subgroup: D ± 2.77.
    d0 = (("K", 80.0, 1.0), ("M", 70.0, 1.0))
    gap("gap_d_reached", "d", d0, (("K", 74.0, 1.0), ("M", 73.0, 1.0)), 4.0)
    gap("gap_d_on_track", "d", d0, (("K", 76.0, 1.0), ("M", 70.0, 1.0)), 4.0)
    gap("gap_d_at_risk", "d", d0, (("K", 79.0, 1.0), ("M", 70.0, 1.0)), 4.0)
    gap("gap_d_off_track", "d", d0, (("K", 80.5, 1.0), ("M", 70.0, 1.0)), 4.0)
    gap("gap_d_no_data", "d", d0, (("K", 80.0, 1.0), ("M", None, 1.0)), 4.0)
    # R: 1.6 in 2024 → 1.2 by 2028, the path is √(1.6 · 1.2) in 2026.
    r0 = (("K", 80.0, 1.0), ("M", 50.0, 1.0))
    gap("gap_r_reached", "r", r0, (("K", 62.0, 0.5), ("M", 60.0, 0.5)), 1.2)
    gap("gap_r_on_track", "r", r0, (("K", 80.0, 1.0), ("M", 60.0, 1.0)), 1.2)
    gap("gap_r_at_risk", "r", r0, (("K", 85.0, 1.0), ("M", 60.0, 1.0)), 1.2)
    gap("gap_r_off_track", "r", r0, (("K", 90.0, 1.0), ("M", 60.0, 1.0)), 1.2)
    # A target below 1 is as far from equality as its inverse.
    gap("gap_r_inverse_target_on_track", "r", r0, (("K", 80.0, 1.0), ("M", 60.0, 1.0)), 1 / 1.2)
    return out


def number(value):
    return "" if value is None else repr(float(value))


def main():
    with open("followup_cases.csv", "w", newline="") as cases_file, \
            open("followup_results.csv", "w", newline="") as results_file:
        case_writer = csv.writer(cases_file, lineterminator="\n")
        result_writer = csv.writer(results_file, lineterminator="\n")
        case_writer.writerow(["case", "kind", "measure", "dimension", "subgroup",
                              "higher_is_better", "baseline_period", "target_value",
                              "target_period", "period", "status", "reason", "shown_subgroup",
                              "path_value", "estimate", "lower", "upper"])
        result_writer.writerow(["case", "period", "dimension", "subgroup", "higher_is_better",
                                "estimate", "lower", "upper", "suppressed"])
        for case in cases():
            result = evaluate(case)
            intent = next(s for s in SEVERITY if f"_{s}" in case["name"])
            if result["status"] != intent:
                raise SystemExit(f"{case['name']}: the rule gives {result['status']}")
            higher = int(case.get("higher_is_better", True))
            case_writer.writerow([case["name"], case["kind"], case.get("measure", ""),
                                  case.get("dimension", ""), case.get("subgroup", ""), higher,
                                  case["baseline_period"], number(case["target_value"]),
                                  case["target_period"], case["period"], result["status"],
                                  result["reason"], result["subgroup"], number(result["path"]),
                                  number(result["estimate"]), number(result["lower"]),
                                  number(result["upper"])])
            for r in case["rows"]:
                result_writer.writerow([case["name"], r["period"], r["dimension"], r["subgroup"],
                                        higher, number(r["estimate"]), number(r["lower"]),
                                        number(r["upper"]), r["suppressed"]])


if __name__ == "__main__":
    main()
