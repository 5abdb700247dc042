#!/usr/bin/env python3
"""Compute jamlik_cases.csv: reference values for measures the shared cases do not cover, in the
split convention (PercentileMethod::kSplit; the Eurostat default is in eurostat_cases.csv).

Independent of Jämlik's C++ code: plain Python from the textbook definitions, on the vectors of
../shared/conformance/inequality/distribution_vectors.csv. Run from this folder:
    python3 make_jamlik_cases.py > jamlik_cases.csv
"""
import csv
import os

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "..", "..", "shared",
                      "conformance", "inequality", "distribution_vectors.csv")


def expand(rows):
    # Frequency weights of the shared vectors are whole numbers: expand to persons.
    values = []
    for value, weight in rows:
        values += [value] * int(weight)
    return sorted(values)


def share_of_bottom(values, count):
    return sum(values[:count]) / sum(values)


def quantile_type1(values, p):
    # The smallest value whose cumulative count reaches p * n.
    n = len(values)
    for i, value in enumerate(values, start=1):
        if i >= p * n - 1e-12:
            return value
    return values[-1]


def main():
    cases = {}
    with open(SHARED) as handle:
        for row in csv.DictReader(handle):
            cases.setdefault(row["case"], []).append((float(row["value"]), float(row["weight"])))
    print("case,measure,estimate,note")
    for name in ("twenty",):
        values = expand(cases[name])
        n = len(values)
        s80 = (1 - share_of_bottom(values, 4 * n // 5)) / share_of_bottom(values, n // 5)
        print(f"{name},s80_s20_split,{s80!r},top fifth's share / bottom fifth's (n divisible by 5)")
        p9010 = quantile_type1(values, 0.9) / quantile_type1(values, 0.1)
        print(f"{name},p90_p10_split,{p9010!r},inverse empirical distribution (R quantile type 1)")
    values = expand(cases["five_weighted"])
    p9010 = quantile_type1(values, 0.9) / quantile_type1(values, 0.1)
    print(f"five_weighted,p90_p10_split,{p9010!r},weights expanded to 8 persons")


main()
