#!/usr/bin/env python3
"""Reference values for the `median` indicator type (src/indicators/median.cpp), computed
independently of jamlik: the median by Python's statistics.median, the order-statistic interval
from exact binomial tail sums in Python integers (no floating point in the rank choice).

Method (Conover 1999, Practical Nonparametric Statistics, 3rd ed., section 3.2): for the sorted
sample x_(1) <= ... <= x_(n) and B ~ Binomial(n, 1/2), take the largest k >= 0 with
P(B <= k) <= alpha/2; the interval is [x_(k+1), x_(n-k)] and covers the median with probability
1 - 2 P(B <= k) >= 1 - alpha. No such k (0.5^n > alpha/2): the interval is undefined.

Writes persons.csv (the microdata: four municipalities in two counties, with ties, an even and
an odd count, a group too small for an interval and missing values) and expected.csv (one row
per area level, area, dimension and subgroup). Deterministic; run from anywhere:
    python3 tests/data/median/reference.py
"""
import csv
import os
import random
import statistics
from fractions import Fraction
from math import comb

HERE = os.path.dirname(os.path.abspath(__file__))
LEVELS = [0.95, 0.998]


def persons():
    rng = random.Random(2026)
    rows = []
    # (kommun, persons, how the income is drawn)
    for kommun, count, kind in [("0180", 2400, "lognormal"), ("0181", 37, "hundreds"),
                                ("1880", 5, "lognormal"), ("1881", 64, "lognormal")]:
        for _ in range(count):
            kon = rng.choice(["K", "M"])
            if kind == "hundreds":
                value = str(100 * rng.randint(1, 6))  # many ties
            else:
                value = "%.2f" % rng.lognormvariate(12.5, 0.6)
            if kommun == "1881" and rng.random() < 0.1:
                value = ""  # missing: not in the population
            rows.append((kommun, kon, value))
    return rows


def interval(sorted_values, confidence):
    n = len(sorted_values)
    tail = (1 - Fraction(str(confidence))) / 2
    total = 2 ** n
    cumulative = 0
    k = -1
    for i in range(n + 1):
        cumulative += comb(n, i)
        if Fraction(cumulative, total) <= tail:
            k = i
        else:
            break
    if k < 0:
        return None
    return sorted_values[k], sorted_values[n - 1 - k]


def main():
    rows = persons()
    with open(os.path.join(HERE, "persons.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["kommun", "kon", "inkomst"])
        writer.writerows(rows)
    cells = {}
    for kommun, kon, value in rows:
        if value == "":
            continue
        # The data spans two counties, so the whole ("riket" in the definition) is all of the data.
        for level, area in [("kommun", kommun), ("lan", kommun[:2]), ("alla", "alla")]:
            for dimension, subgroup in [("total", "T"), ("kon", kon)]:
                cells.setdefault((level, area, dimension, subgroup), []).append(float(value))
    with open(os.path.join(HERE, "expected.csv"), "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["area_level", "area", "dimension", "subgroup", "n", "median", "lower",
                         "upper", "lower_2", "upper_2"])
        for key in sorted(cells):
            values = sorted(cells[key])
            limits = []
            for confidence in LEVELS:
                found = interval(values, confidence)
                limits += [repr(found[0]), repr(found[1])] if found else ["", ""]
            writer.writerow(list(key) + [len(values), repr(statistics.median(values))] + limits)


if __name__ == "__main__":
    main()
