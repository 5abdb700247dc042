#!/usr/bin/env python3
"""Derive lan_alder_kon.csv from SCB table TAB6471 (JSON-stat 2.0, CC0).

Usage: derive_lan_alder_kon.py ../../shared/fixtures/scb/pxwebpy__TAB6471_data.json > lan_alder_kon.csv

Keeps the latest month in the file, men and women separately (the noise-protected total is
dropped, so county totals are the sums of the parts), and writes the open band "100+" as "100+".
"""
import json
import sys


def main(path):
    data = json.load(open(path, encoding="utf-8"))
    dims = data["id"]
    sizes = data["size"]
    if dims != ["Region", "Alder", "Kon", "ContentsCode", "Tid"]:
        sys.exit(f"unexpected dimensions {dims}")

    def codes(dim):
        index = data["dimension"][dim]["category"]["index"]
        return sorted(index, key=index.get)

    regions, ages, sexes, _, months = (codes(d) for d in dims)
    latest = len(months) - 1
    sex_label = {"1": "M", "2": "K"}
    print("lan,alder,kon,folkmangd")
    for r, region in enumerate(regions):
        for a, age in enumerate(ages):
            label = "100+" if age.startswith("100+") else age
            for s, sex in enumerate(sexes):
                if sex not in sex_label:
                    continue
                flat = (((r * sizes[1] + a) * sizes[2] + s) * sizes[3]) * sizes[4] + latest
                print(f"{region},{label},{sex_label[sex]},{data['value'][flat]}")


if __name__ == "__main__":
    main(sys.argv[1])
