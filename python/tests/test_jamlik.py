"""The Python module against the command line: the same rows, columns and numbers as `jamlik
indicators`, `jamlik inequality` and `jamlik measures` on the build's demo data (ctest python.module
sets JAMLIK_BIN, JAMLIK_DEMO_CSV, JAMLIK_SPEC and PYTHONPATH)."""

import io
import math
import os
import subprocess
import warnings

import pandas as pd
import pytest

import jamlik

JAMLIK = os.environ["JAMLIK_BIN"]
DEMO_CSV = os.environ["JAMLIK_DEMO_CSV"]
SPEC = os.environ["JAMLIK_SPEC"]


def cli_csv(*args):
    """Run the CLI and read its CSV output as text (empty fields as "")."""
    run = subprocess.run([JAMLIK, *args, "--format", "csv"], capture_output=True, check=True)
    return pd.read_csv(io.BytesIO(run.stdout), dtype=str, keep_default_na=False)


def is_missing(value):
    return value is None or (isinstance(value, float) and math.isnan(value))


def assert_same_as_cli(frame, cli):
    """Every column of the CLI's output, in order, with the same value in every row: numbers
    exactly (the CSV writes the shortest round-trip form), text as written."""
    assert list(frame.columns) == list(cli.columns)
    assert len(frame) == len(cli)
    for name in cli.columns:
        for row, (ours, theirs) in enumerate(zip(frame[name].tolist(), cli[name].tolist())):
            if is_missing(ours):
                assert theirs == "", f"{name} row {row}: None, CLI {theirs!r}"
            elif isinstance(ours, str):
                assert ours == theirs, f"{name} row {row}: {ours!r}, CLI {theirs!r}"
            else:
                assert float(ours) == float(theirs), f"{name} row {row}: {ours!r}, CLI {theirs!r}"


@pytest.fixture(scope="module")
def cli_results():
    return cli_csv("indicators", "--spec", SPEC, "--data", DEMO_CSV)


@pytest.fixture(scope="module")
def results():
    return jamlik.indicators(DEMO_CSV, spec=SPEC)


def test_indicators_from_a_path_match_the_cli(results, cli_results):
    assert len(results) > 100
    assert results["estimate"].notna().sum() > 100
    assert_same_as_cli(results, cli_results)


def test_a_data_frame_gives_the_same_as_the_path(results, tmp_path):
    frame = pd.read_csv(DEMO_CSV)
    audit = tmp_path / "audit.jsonl"
    from_frame = jamlik.indicators(frame, spec=SPEC, audit_log=audit)
    pd.testing.assert_frame_equal(from_frame, results)
    assert "(pandas DataFrame)" in audit.read_text(encoding="utf-8")  # the release is recorded


def test_read_csv_table_and_spec_text_give_the_same(results):
    table = jamlik.read_csv(DEMO_CSV)
    assert len(table) == 300000
    assert "kommun" in table.columns
    with open(SPEC, encoding="utf-8") as spec:
        text = spec.read()
    pd.testing.assert_frame_equal(jamlik.indicators(table, spec=text), results)


def bad_spec():
    """The example spec with its first indicator's key "typ" misspelt, and that line's number."""
    with open(SPEC, encoding="utf-8") as spec:
        lines = spec.read().split("\n")
    line = next(i for i, text in enumerate(lines) if text.startswith("typ = "))
    lines[line] = lines[line].replace("typ = ", "tyyp = ")
    return "\n".join(lines), line + 1


def test_a_bad_spec_raises_the_cli_message(tmp_path):
    text, line = bad_spec()
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    run = subprocess.run([JAMLIK, "indicators", "--spec", str(path), "--data", DEMO_CSV],
                         capture_output=True, text=True)
    assert run.returncode != 0
    cli_message = run.stderr.strip().removeprefix("jamlik: ")
    with pytest.raises(jamlik.Error) as raised:
        jamlik.indicators(DEMO_CSV, spec=path)
    assert str(raised.value) == cli_message
    assert str(raised.value).startswith(f"{path}:{line}:"), str(raised.value)
    assert "tyyp" in str(raised.value)
    assert isinstance(raised.value, ValueError)


def test_a_bad_spec_text_is_located_in_the_text():
    text, line = bad_spec()
    with pytest.raises(jamlik.Error, match=rf"^<spec>:{line}:.*'tyyp'"):
        jamlik.indicators(DEMO_CSV, spec=text)
    with pytest.raises(jamlik.Error, match="no_such_file.toml"):
        jamlik.indicators(DEMO_CSV, spec="no_such_file.toml")


def test_unsuppressed_warns_and_shows_suppressed_rows(results):
    suppressed = results["suppressed"] == 1
    assert suppressed.any(), "the demo data should have suppressed rows"
    assert results.loc[suppressed, "estimate"].isna().all()
    with pytest.warns(jamlik.UnsuppressedWarning, match="unsuppressed"):
        raw = jamlik.indicators(DEMO_CSV, spec=SPEC, unsuppressed=True)
    assert len(raw) == len(results)
    assert (raw["suppressed"] == 0).all()
    assert raw.loc[suppressed, "estimate"].notna().any()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        jamlik.indicators(DEMO_CSV, spec=SPEC)  # no warning with disclosure control


def test_inequality_matches_the_cli(results, cli_results, tmp_path):
    path = tmp_path / "results.csv"
    path.write_bytes(subprocess.run(
        [JAMLIK, "indicators", "--spec", SPEC, "--data", DEMO_CSV, "--format", "csv"],
        capture_output=True, check=True).stdout)
    cli = cli_csv("inequality", "--results", str(path), "--measures", "d,r,sii,rci")
    assert len(cli) > 10
    ours = jamlik.inequality(results, measures=["d", "r", "sii", "rci"])
    assert_same_as_cli(ours, cli)
    assert_same_as_cli(jamlik.inequality(str(path), measures="d,r,sii,rci"), cli)
    assert ours["estimate"].notna().sum() > 10


def test_unknown_measure_raises():
    with pytest.raises(jamlik.Error, match="nope"):
        jamlik.inequality(pd.DataFrame({"indicator": ["x"]}), measures="nope")


def test_measures_match_the_cli():
    cli = cli_csv("measures")
    ours = jamlik.measures()
    assert_same_as_cli(ours, cli)
    assert {"d", "r", "sii", "rci"} <= set(ours["id"])


def test_read_csv_to_pandas_and_docstrings():
    table = jamlik.read_csv(DEMO_CSV)
    frame = jamlik.to_pandas(table)
    assert list(frame.columns) == table.columns and len(frame) == len(table)
    assert list(frame["kon"].cat.categories[:2]) == ["K", "M"]  # the known dimension's order
    for name in jamlik.__all__:
        assert getattr(jamlik, name).__doc__, f"jamlik.{name} has no docstring"


def test_median_matches_pandas_and_names_the_areas():
    """The median indicator type from Python, checked against pandas' own median of the same
    persons; the one-county demo's whole is Örebro county, named, and there is no "riket"."""
    spec = """
[[indicator]]
id = "median_inkomst"
namn = "Medianinkomst"
typ = "median"
varde = "inkomst"
urval = "alder >= 20"
gynnsamt = "hög"
omraden = ["kommun", "riket"]
"""
    frame = jamlik.indicators(DEMO_CSV, spec=spec)
    persons = pd.read_csv(DEMO_CSV, dtype={"kommun": str})
    adults = persons[(persons["alder"] >= 20) & persons["inkomst"].notna()]
    county = frame[(frame["area_level"] == "lan") & (frame["dimension"] == "total")]
    assert len(county) == 1
    assert county["area"].iloc[0] == "18"
    assert county["area_name"].iloc[0] == "Örebro län"
    assert county["estimate"].iloc[0] == pytest.approx(adults["inkomst"].median(), rel=1e-12)
    assert county["denominator"].iloc[0] == len(adults)
    lekeberg = frame[(frame["area"] == "1814") & (frame["dimension"] == "total")]
    assert lekeberg["area_name"].iloc[0] == "Lekeberg"
    assert lekeberg["estimate"].iloc[0] == pytest.approx(
        adults[adults["kommun"] == "1814"]["inkomst"].median(), rel=1e-12)
    assert "riket" not in set(frame["area_level"])


def test_read_csv_reports_a_typo_and_reads_it_as_declared(tmp_path):
    """An office's file: Swedish headers, ';' with decimal points, and "sjuttio" among the ages:
    an error naming its line, until the column is declared as text."""
    path = tmp_path / "kontor.csv"
    lines = ["Kommun;Ålder;Timmar"] + [f"1880;{age};{age / 4}" for age in range(40)]
    lines.append("1881;sjuttio;2.5")
    path.write_text("\n".join(lines) + "\n", encoding="windows-1252")
    with pytest.raises(jamlik.Error, match="(rad|line) 42"):
        jamlik.read_csv(str(path))
    table = jamlik.read_csv(str(path), encoding="windows-1252", types={"Ålder": "text"})
    frame = jamlik.to_pandas(table)
    assert list(frame.columns) == ["kommun", "alder", "Timmar"]
    assert frame["Timmar"].iloc[2] == 0.5  # decimal points in a ';' file
    assert frame["kommun"].iloc[0] == "1880"
    with pytest.raises(jamlik.Error, match="int, double, category, text"):
        jamlik.read_csv(str(path), types={"alder": "tal"})


def test_distribution_matches_the_cli():
    args = ["--value", "inkomst", "--by", "kommun,kon", "--filter", "alder >= 20",
            "--measures", "gini,s80_s20,atkinson:0.5", "--draws", "50", "--seed", "9"]
    cli = cli_csv("distribution", "--data", DEMO_CSV, *args)
    ours = jamlik.distribution(DEMO_CSV, value="inkomst", by=["kommun", "kon"],
                               filter="alder >= 20", measures=["gini", "s80_s20", "atkinson:0.5"],
                               draws=50, seed=9)
    assert_same_as_cli(ours, cli)
    assert ours.loc[0, "kommun"] == "total" and ours.loc[0, "measure"] == "gini"


def test_distribution_of_a_data_frame_by_hand():
    # The Gini of 1..30 is 29/90; Eurostat's S80/S20 of 1..30 is (25 + … + 30)/(1 + … + 6); the
    # five persons of 1881 are fewer than the minimum and get no value.
    frame = pd.DataFrame({"kommun": ["1880"] * 30 + ["1881"] * 5,
                          "inkomst": [float(i) for i in range(1, 31)] + [10.0, 20, 30, 40, 50]})
    result = jamlik.distribution(frame, value="inkomst", by="kommun",
                                 measures="gini,s80_s20", draws=50)
    row = result[(result.kommun == "1880") & (result.measure == "gini")].iloc[0]
    assert row.estimate == pytest.approx(29 / 90, abs=1e-12)
    assert row.lower < row.estimate < row.upper
    s80 = result[(result.kommun == "1880") & (result.measure == "s80_s20")].iloc[0]
    assert s80.estimate == pytest.approx(165 / 21, abs=1e-12)
    small = result[(result.kommun == "1881") & (result.measure == "gini")].iloc[0]
    assert is_missing(small.estimate)
    assert small.suppression_reason == "denominator_below_minimum"
    with pytest.raises(jamlik.Error, match="rci"):
        jamlik.distribution(frame, value="inkomst", measures="rci")
