#!/usr/bin/python3
"""Write results.csv: a small multi-year result table shaped like Kolada's key figures by sex
(one county's municipalities, the county, the nation, 2019-2023, kon K/M and the total), for
the comparison tests. Deterministic: no random numbers, the counts are made from set rates with a
fixed wobble. Intervals: Wilson (proportions) and exact Poisson (rates) at 95 % and 99.8 %, as the
engine computes them. Run it again after a change: python3 make_results.py > results.csv"""
import csv
import math
import sys

from scipy import stats

YEARS = [2019, 2020, 2021, 2022, 2023]
# code, name, population, share with upper-secondary education (per cent, start and change a year)
MUNICIPALITIES = [
    ("1814", "Lekeberg", 3300, 71.0, +0.2),
    ("1860", "Laxå", 2200, 64.0, -2.5),      # falls clearly
    ("1861", "Hallsberg", 5600, 68.0, 0.0),
    ("1880", "Örebro", 60000, 80.0, +1.0),   # rises clearly (large n)
    ("1881", "Kumla", 7800, 74.0, +0.3),
    ("1883", "Karlskoga", 11000, 69.0, +2.0),  # catches up with the county
]
WOBBLE = [0.6, -0.4, 0.3, -0.5, 0.2]
SEX_SHIFT = {"K": +3.0, "M": -3.0}
# events per 100 000 and change a year, for the rate (low is good)
RATE = {"1814": (900, 0), "1860": (1400, 30), "1861": (1000, -10), "1880": (800, -40),
        "1881": (950, 5), "1883": (1100, 0)}


def wilson(x, n, conf):
    z = stats.norm.ppf(1 - (1 - conf) / 2)
    p = x / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - half) / (1 + z * z / n) * 100, (centre + half) / (1 + z * z / n) * 100


def exact_poisson(o, n, conf):
    a = 1 - conf
    lo = 0.0 if o == 0 else stats.chi2.ppf(a / 2, 2 * o) / 2
    hi = stats.chi2.ppf(1 - a / 2, 2 * o + 2) / 2
    return lo / n * 1e5, hi / n * 1e5


def fmt(x):
    return "" if x is None else f"{x:.10g}"


rows = []


def add(ind, name, typ, scale, favourable, level, area, area_name, year, sub, num, den, method):
    dimension = "total" if sub == "T" else "kon"
    if typ == "proportion":
        est = num / den * 100
        lo, hi = wilson(num, den, 0.95)
        lo2, hi2 = wilson(num, den, 0.998)
    else:
        est = num / den * 1e5
        lo, hi = exact_poisson(num, den, 0.95)
        lo2, hi2 = exact_poisson(num, den, 0.998)
    rows.append({
        "indicator": ind, "indicator_name": name, "indicator_type": typ, "area_level": level,
        "area": area, "area_name": area_name, "period": str(year), "dimension": dimension,
        "subgroup": sub, "subgroup_order": 0, "ordered_dimension": 0,
        "reference_subgroup": 1 if sub == "T" else 0, "favourable_indicator": favourable,
        "indicator_scale": scale, "estimate": fmt(est), "lower": fmt(lo), "upper": fmt(hi),
        "confidence": 0.95, "lower_2": fmt(lo2), "upper_2": fmt(hi2), "confidence_2": 0.998,
        "numerator": num, "denominator": den, "population": den, "method": method, "flag": ""})


def main():
    county = {}  # (indicator, year, sub) -> [num, den]
    for code, name, pop, share, change in MUNICIPALITIES:
        for i, year in enumerate(YEARS):
            for sub in ["T", "K", "M"]:
                den = pop if sub == "T" else pop // 2
                pct = share + change * i + WOBBLE[(i + int(code)) % 5]
                pct += SEX_SHIFT.get(sub, 0.0)
                num = round(den * pct / 100)
                add("U00001", "Andel med gymnasieutbildning, 20-24 år", "proportion", 100, 1,
                    "kommun", code, name, year, sub, num, den, "wilson")
                c = county.setdefault(("U00001", year, sub), [0, 0])
                c[0] += num
                c[1] += den
                base, step = RATE[code]
                rden = pop * 4
                rnum = round(rden * (base + step * i) / 1e5 * (1.1 if sub == "M" else 0.9 if sub == "K" else 1.0))
                add("R00002", "Sjukhusvårdade för fallskador per 100 000", "rate", 100000, 0,
                    "kommun", code, name, year, sub, rnum, rden, "exact")
                c = county.setdefault(("R00002", year, sub), [0, 0])
                c[0] += rnum
                c[1] += rden
    for (ind, year, sub), (num, den) in county.items():
        # the county holds more municipalities than these six
        num, den = num * 2 + (year % 7) * 3, den * 2
        if ind == "U00001":
            add(ind, "Andel med gymnasieutbildning, 20-24 år", "proportion", 100, 1, "lan", "18",
                "Örebro län", year, sub, num, den, "wilson")
            add(ind, "Andel med gymnasieutbildning, 20-24 år", "proportion", 100, 1, "riket",
                "00", "Sverige", year, sub, round(num * 40 * 1.02), den * 40, "wilson")
        else:
            add(ind, "Sjukhusvårdade för fallskador per 100 000", "rate", 100000, 0, "lan", "18",
                "Örebro län", year, sub, num, den, "exact")
            add(ind, "Sjukhusvårdade för fallskador per 100 000", "rate", 100000, 0, "riket",
                "00", "Sverige", year, sub, round(num * 40 * 0.97), den * 40, "exact")
    # A Kolada key figure as imported: estimates only (no counts, no intervals), one missing.
    for code, name, pop, share, change in MUNICIPALITIES + [("18", "Örebro län", 0, 70.5, 0.1),
                                                           ("00", "Sverige", 0, 72.0, 0.1)]:
        level = "lan" if code == "18" else "riket" if code == "00" else "kommun"
        for i, year in enumerate(YEARS):
            for sub in ["T", "K", "M"]:
                value = round(share - 5 + change * i + SEX_SHIFT.get(sub, 0) / 2, 1)
                missing = code == "1860" and year == 2023 and sub == "K"
                rows.append({
                    "indicator": "N00945", "indicator_name": "N00945", "indicator_type": "published",
                    "area_level": level, "area": code, "area_name": name, "period": str(year),
                    "dimension": "total" if sub == "T" else "kon", "subgroup": sub,
                    "subgroup_order": 0, "ordered_dimension": 0,
                    "reference_subgroup": 1 if sub == "T" else 0, "favourable_indicator": 0,
                    "indicator_scale": 1, "estimate": "" if missing else fmt(value), "lower": "",
                    "upper": "", "confidence": 0.95, "lower_2": "", "upper_2": "",
                    "confidence_2": "", "numerator": "", "denominator": "", "population": "",
                    "method": "", "flag": "missing_in_source" if missing else ""})
    writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0].keys()), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


main()
