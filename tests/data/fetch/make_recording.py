#!/usr/bin/env python3
"""Write the recorded responses that `jamlik fetch --replay` tests read (tests/cli/fetch_cli_test.sh).

Each response is written where `jamlik fetch --record DIR` would put it: DIR/<key>.json, <key> being
FNV-1a 64 of the request's URL in 16 hex digits (published::UrlKey), with the URLs in DIR/urls.tsv.
The key is computed here independently of the C++ code, so a test that replays these files also
checks that jamlik builds exactly these URLs.

The shapes follow Kolada's API v3 (values → values with gender/count/status/value, next_url and
previous_url paging) and SCB's PxWeb API v2 (JSON-stat 2.0 metadata with an empty value, data with
`status` beside a null). The figures are made up: no Kolada or SCB figure is reproduced.

    python3 tests/data/fetch/make_recording.py tests/data/fetch/recording
"""
import json
import os
import sys


def url_key(url: str) -> str:
    h = 0xCBF29CE484222325
    for byte in url.encode("utf-8"):
        h ^= byte
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return f"{h:016x}"


def write(out, url, document):
    with open(os.path.join(out, url_key(url) + ".json"), "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=1)
        f.write("\n")
    with open(os.path.join(out, "urls.tsv"), "a", encoding="utf-8") as f:
        f.write(f"{url_key(url)}\t{url}\n")


def kolada(out):
    base = "https://api.kolada.se/v3"
    write(out, f"{base}/kpi/N00945", {
        "count": 1,
        "values": [{"id": "N00945", "title": "Testnyckeltal, dagar (påhittade värden)",
                    "is_divided_by_gender": True, "municipality_type": "K",
                    "operating_area": "Test", "has_ou_data": False}],
        "next_url": None, "previous_url": None})
    query = f"{base}/data/kpi/N00945/municipality/1814,1880/year/2020,2021,2022,2023,2024"
    # 2 municipalities × 5 years = 10 entries, 5 a page (--per-page 5): two pages.
    entries = []
    for municipality, level in (("1814", 20.0), ("1880", 16.0)):
        for year in range(2020, 2025):
            values = []
            for gender, shift in (("K", 3.1), ("M", -2.7), ("T", 0.2)):
                value = round(level + shift - 0.4 * (year - 2020), 1)
                status = ""
                if municipality == "1880" and year == 2021 and gender == "K":
                    value, status = None, "Missing"
                values.append({"count": 1, "gender": gender, "status": status, "value": value})
            entries.append({"kpi": "N00945", "municipality": municipality, "period": year,
                            "values": values})
    write(out, f"{query}?per_page=5", {
        "count": 5, "values": entries[:5],
        "next_url": f"{query}?page=2&per_page=5", "previous_url": None})
    write(out, f"{query}?page=2&per_page=5", {
        "count": 5, "values": entries[5:],
        "next_url": None, "previous_url": f"{query}?page=1&per_page=5"})


def dimension(label, codes, labels, elimination):
    return {"label": label,
            "category": {"index": {c: i for i, c in enumerate(codes)},
                         "label": dict(zip(codes, labels))},
            "extension": {"elimination": elimination, "show": "value"}}


REGIONS = (["00", "18", "1814", "1880"], ["Riket", "Örebro län", "Lekeberg", "Örebro"])
SEXES = (["1", "2"], ["män", "kvinnor"])
CONTENTS = (["BE0101N1", "BE0101N2"], ["Folkmängd", "Folkökning"])
YEARS = [str(y) for y in range(2020, 2025)]


def scb(out):
    base = "https://statistikdatabasen.scb.se/api/v2/tables/TAB638"
    metadata = {
        "version": "2.0", "class": "dataset",
        "label": "Folkmängden efter region, civilstånd, kön och år (testtabell)",
        "source": "SCB", "updated": "2025-02-21T07:00:00Z",
        "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
        "id": ["Region", "Civilstand", "Kon", "ContentsCode", "Tid"],
        "size": [4, 4, 2, 2, 5],
        "dimension": {
            "Region": dimension("region", *REGIONS, True),
            "Civilstand": dimension("civilstånd", ["OG", "G", "SK", "ÄNKL"],
                                    ["ogifta", "gifta", "skilda", "änkor/änklingar"], True),
            "Kon": dimension("kön", *SEXES, True),
            "ContentsCode": dimension("tabellinnehåll", *CONTENTS, False),
            "Tid": dimension("år", YEARS, YEARS, False),
        },
        "value": [],
        "extension": {"px": {"tableid": "TAB638", "language": "sv"}},
    }
    write(out, f"{base}/metadata?lang=sv", metadata)
    # --query Region=1814,1880 --query Kon=* --query ContentsCode=BE0101N1
    # --query 'Tid=range(2022,2024)' --max-cells 6: 2 × 2 × 1 × 3 = 12 cells, one call a year.
    population = {"1814": 7900, "1880": 157000}
    for year in ("2022", "2023", "2024"):
        values, status = [], {}
        for region in ("1814", "1880"):
            for sex in ("1", "2"):
                value = population[region] // 2 + (40 if sex == "1" else -40) + 10 * (int(year) - 2022)
                if region == "1814" and sex == "2" and year == "2023":
                    status[str(len(values))] = ".."
                    value = None
                values.append(value)
        data = {
            "version": "2.0", "class": "dataset",
            "label": "Folkmängden efter region, kön och år (testtabell)",
            "source": "SCB", "updated": "2025-02-21T07:00:00Z",
            "role": {"time": ["Tid"], "metric": ["ContentsCode"]},
            "id": ["Region", "Kon", "ContentsCode", "Tid"],
            "size": [2, 2, 1, 1],
            "dimension": {
                "Region": dimension("region", ["1814", "1880"], ["Lekeberg", "Örebro"], False),
                "Kon": dimension("kön", *SEXES, False),
                "ContentsCode": dimension("tabellinnehåll", ["BE0101N1"], ["Folkmängd"], False),
                "Tid": dimension("år", [year], [year], False),
            },
            "value": values,
            "extension": {"px": {"tableid": "TAB638", "language": "sv"}},
        }
        if status:
            data["status"] = status
        url = (f"{base}/data?lang=sv&outputFormat=json-stat2&valueCodes%5BRegion%5D=1814,1880"
               f"&valueCodes%5BKon%5D=1,2&valueCodes%5BContentsCode%5D=BE0101N1"
               f"&valueCodes%5BTid%5D={year}")
        write(out, url, data)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    if os.path.exists(os.path.join(out, "urls.tsv")):
        os.remove(os.path.join(out, "urls.tsv"))
    kolada(out)
    scb(out)


if __name__ == "__main__":
    main()
