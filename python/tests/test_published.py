"""Published statistics from Python (jamlik.import_kolada, import_scb, import_heat) against the
command line's `jamlik import`: the same rows, columns and numbers, missing values missing, and the
real SCB responses of ../shared/fixtures/scb with the value counts and sums their README states."""

import math
import os
import pathlib

import pytest

import jamlik
from test_jamlik import assert_same_as_cli, cli_csv

DATA = pathlib.Path(__file__).resolve().parents[2] / "tests" / "data"
KOLADA = DATA / "kolada"
SHARED = os.environ.get("JAMLIK_SHARED_DIR", "")
SCB = pathlib.Path(SHARED) / "fixtures" / "scb"
PAGES = [KOLADA / "page_1.json", KOLADA / "page_2.json"]


def test_kolada_pages_match_the_cli_and_a_null_stays_missing():
    frame = jamlik.import_kolada(PAGES, kpis=KOLADA / "kpi.json")
    assert_same_as_cli(frame, cli_csv("import", "kolada", *map(str, PAGES), "--kpis",
                                      str(KOLADA / "kpi.json")))
    # 9 values on page 1 and 3 on page 2: one row each.
    assert len(frame) == 12
    missing = frame[(frame["area"] == "1814") & (frame["period"] == "2022")
                    & (frame["subgroup"] == "K")]
    assert len(missing) == 1
    assert math.isnan(missing["estimate"].iloc[0])  # null in Kolada: missing, not 0
    assert missing["flag"].iloc[0] == "missing_in_source"
    assert frame["estimate"].isna().sum() == 1
    woman_1814_2023 = frame[(frame["area"] == "1814") & (frame["period"] == "2023")
                            & (frame["subgroup"] == "K")]
    assert woman_1814_2023["estimate"].iloc[0] == 24.6
    assert set(frame["area"]) == {"1814", "1880", "18", "00", "G124009"}
    assert any("Missing" in note for note in frame.attrs["notes"])


def test_kolada_one_path_and_errors_name_the_file_and_pointer(tmp_path):
    # Page 1 alone is a paged response without its page 2: refused, nothing returned.
    with pytest.raises(jamlik.Error, match="page_1.json"):
        jamlik.import_kolada(KOLADA / "page_1.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"values": [{"kpi": "N1", "municipality": "1814", "period": 2023, '
                   '"values": [{"gender": "X", "value": 1}]}]}')
    with pytest.raises(jamlik.Error, match=r"bad.json.*/values/0/values/0/gender"):
        jamlik.import_kolada(str(bad))


@pytest.mark.skipif(not (SCB / "README.md").exists(), reason="needs JAMLIK_SHARED_DIR")
def test_scb_real_responses_import_exactly():
    tab6471 = SCB / "pxwebpy__TAB6471_data.json"
    frame = jamlik.import_scb(tab6471)
    assert_same_as_cli(frame, cli_csv("import", "scb", str(tab6471)))
    assert len(frame) == 2772
    assert frame["estimate"].sum() == 84837753
    assert frame["estimate"].notna().all()
    v1 = jamlik.import_scb(SCB / "pxweb__v1_BefolkningNy-21059a-POST.json")
    assert len(v1) == 12
    assert jamlik.import_scb(SCB / "pxwebpy__v1_TAB3554_jsonstat2.json").shape[0] == 9
    with pytest.raises(jamlik.Error):
        jamlik.import_scb(SCB / "pxwebpy__tables.json")  # a table list, no data


def test_heat_template_matches_the_cli():
    template = DATA / "heat" / "template.csv"
    frame = jamlik.import_heat(template)
    assert_same_as_cli(frame, cli_csv("import", "heat", str(template)))
    women = frame[(frame["dimension"] == "kon") & (frame["subgroup"] == "K")
                  & (frame["indicator"] == "bmi30")]
    assert women["estimate"].iloc[0] == 18.4
    assert women["lower"].iloc[0] == 15.1 and women["upper"].iloc[0] == 21.7
