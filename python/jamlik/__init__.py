"""Jämlik from Python: indicators with confidence intervals, released through disclosure control,
and inequality measures over them — the same engine and the same numbers as the `jamlik` command.

    import jamlik
    results = jamlik.indicators("persons.csv", spec="examples/indicators.toml")
    gaps = jamlik.inequality(results, measures=["d", "r", "sii"])

Every computation runs in C++ through the pipeline facade (src/pipeline); this package only turns
pandas columns into the engine's and back. Errors are raised as jamlik.Error (a ValueError) with the
message the command line prints.
"""

import os
import warnings

from . import _jamlik
from ._jamlik import Error, Table

__all__ = ["Error", "Table", "UnsuppressedWarning", "read_csv", "to_pandas", "indicators",
           "inequality", "measures", "distribution", "import_kolada", "import_scb", "import_heat"]


class UnsuppressedWarning(UserWarning):
    """Results were released without disclosure control (unsuppressed=True)."""


def read_csv(path, delimiter=None, encoding=None, types=None, raw=False):
    """Read a CSV file the way `jamlik indicators --data` does.

    The delimiter (, ; or tab), encoding (UTF-8 or Windows-1252), decimal mark and column types
    are detected; give delimiter=";" or "tab", encoding="utf-8" or "windows-1252", or
    types={"column": "int" | "double" | "category" | "text"} to decide them yourself. Headers as
    Swedish offices write them (Kommun, Kön, Ålder, …) are the known dimensions, which get their
    category order and area codes their zero padding unless raw=True. Returns a jamlik.Table
    (len() rows, .columns names) to pass to indicators(), or turn into pandas with to_pandas().
    Raises jamlik.Error naming file:line:column on a bad file, e.g. a text among numbers, which
    types={column: "text"} reads as text.
    """
    return _jamlik.read_csv(os.fspath(path), delimiter, encoding, types or {}, raw)


def to_pandas(table):
    """Return a jamlik.Table as a pandas DataFrame: numbers as int64 or float64 (nulls as NaN;
    integers with nulls as float64), categories as pandas categoricals, text as objects."""
    import numpy as np
    import pandas as pd

    data = {}
    for name, kind, values, extra, ordered in table.column_data():
        if kind == "categorical":
            data[name] = pd.Categorical.from_codes(values, categories=pd.Index(extra, dtype=object),
                                                   ordered=ordered)
        elif kind == "string":
            data[name] = pd.Series(values, dtype=object)
        elif extra.any():
            column = values.astype(np.float64)
            column[extra] = np.nan
            data[name] = column
        else:
            data[name] = values
    return pd.DataFrame(data, columns=table.columns)


def _from_pandas(frame):
    """Return a pandas DataFrame as a jamlik.Table: integers and booleans as int64, other numbers
    as double (NaN is null), everything else as categories; the known-dimension catalogue applies
    to columns that are not ordered pandas categoricals (those keep their order)."""
    import numpy as np
    import pandas as pd
    from pandas.api import types

    columns, declared = [], []
    for name in frame.columns:
        series = frame[name]
        if not isinstance(name, str):
            raise Error(f"column {name!r}: column names must be text")
        nulls = series.isna().to_numpy()
        if types.is_bool_dtype(series.dtype) or types.is_integer_dtype(series.dtype):
            values = series.fillna(0).to_numpy(dtype=np.int64)
            columns.append((name, "int64", values, nulls, False))
        elif types.is_float_dtype(series.dtype):
            columns.append((name, "double", series.to_numpy(dtype=np.float64, na_value=np.nan),
                            nulls, False))
        else:
            if isinstance(series.dtype, pd.CategoricalDtype):
                categorical = series.cat
                categories, codes = categorical.categories, categorical.codes.to_numpy()
                ordered = bool(categorical.ordered)
                if ordered:
                    declared.append(name)
            else:
                codes, categories = pd.factorize(series, sort=True)
                ordered = False
            columns.append((name, "categorical", np.asarray(codes, dtype=np.int64),
                            [str(category) for category in categories], ordered))
    return _jamlik.table_from_columns(columns, declared)


def _table(data, what):
    """The engine's table of a path, a jamlik.Table or a pandas DataFrame, and its file's path."""
    if isinstance(data, Table):
        return data, ""
    if isinstance(data, (str, os.PathLike)):
        path = os.fspath(data)
        return read_csv(path), path
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        return _from_pandas(data), ""
    raise TypeError(f"{what}: a path, a jamlik.Table or a pandas DataFrame, not "
                    f"{type(data).__name__}")


def _looks_like_toml(spec):
    return "\n" in spec or "[[" in spec or ("=" in spec and not os.path.exists(spec))


def indicators(data, spec, unsuppressed=False, disclosure_rules=None, audit_log=None):
    """Compute indicators with their confidence intervals and release them, like `jamlik
    indicators --spec SPEC --data DATA --format csv`.

    data: a CSV path, a table from read_csv() or a pandas DataFrame (numbers become int64 or
    double, other columns categories, and the known dimensions their order and area codes).
    spec: the indicator definitions, a TOML file's path or TOML text (see examples/indicators.toml).
    unsuppressed: release without disclosure control (only for those entitled to the microdata);
    warns with jamlik.UnsuppressedWarning. disclosure_rules: the dataset's rules (TOML path);
    audit_log: a JSON-lines file each release is appended to (default: JAMLIK_AUDIT_LOG).

    Returns a pandas DataFrame with the CLI's result columns (indicator, indicator_name, …,
    estimate, lower, upper, …, suppressed, suppression_reason); missing values are NaN or None.
    Raises jamlik.Error with the CLI's message (e.g. the spec's file:line:column).
    """
    table, path = _table(data, "data")
    spec = os.fspath(spec)
    is_text = _looks_like_toml(spec)
    results, controlled = _jamlik.indicators(
        table, spec, is_text, path, "" if path else "(pandas DataFrame)", bool(unsuppressed),
        os.fspath(disclosure_rules) if disclosure_rules else "",
        os.fspath(audit_log) if audit_log else "")
    if not controlled:
        warnings.warn(_jamlik.unsuppressed_warning(), UnsuppressedWarning, stacklevel=2)
    return to_pandas(results)


def inequality(results, measures="all", confidence=None, draws=None, seed=None, force=False,
               include_total=False, crossed=False):
    """Compute inequality measures per indicator × area × period × dimension, like `jamlik
    inequality --results RESULTS --measures MEASURES --format csv`.

    results: the DataFrame indicators() returned, a results CSV's path (or a HEAT Plus template),
    or a jamlik.Table. measures: "all", a comma list "d,r,sii" or a list ["d", "r", "sii"] (see
    measures()). confidence, draws, seed: of the intervals (defaults as the CLI's); force: compute
    even when HEAT's minimum-data rules are not met; include_total, crossed: also the total and
    crossed dimensions. Returns a pandas DataFrame with the CLI's columns (indicator, …, measure,
    measure_label, estimate, se, se_scale, lower, upper, confidence, reason).
    """
    table, _ = _table(results, "results")
    if not isinstance(measures, str):
        measures = ",".join(measures)
    defaults = _jamlik.measure_defaults()
    return to_pandas(_jamlik.inequality(
        table, measures, defaults["confidence"] if confidence is None else confidence,
        defaults["draws"] if draws is None else draws,
        defaults["seed"] if seed is None else seed, force, include_total, crossed))


def distribution(data, value, by=None, weight=None, filter=None, measures=None,
                 percentile_method="eurostat", confidence=None, draws=None, seed=None,
                 unsuppressed=False, disclosure_rules=None, audit_log=None):
    """Compute distribution measures of a continuous outcome per group, with bootstrap intervals,
    and release them, like `jamlik distribution --data DATA --value VALUE --format csv`.

    data: a CSV path, a table from read_csv() or a pandas DataFrame. value: the outcome's numeric
    column (e.g. "inkomst"); weight: a column of frequency weights. by: grouping columns, a list
    or a comma list ("kommun,kon"); every combination and the whole are reported. filter: which
    persons ("alder >= 20"). measures: a comma list or a list of ids ("gini", "s80_s20",
    "atkinson:0.5", "ge:2"; "all"); default gini, s80_s20, p90_p10, palma. percentile_method:
    "eurostat" (whole persons, EU-SILC) or "split". confidence, draws, seed: of the bootstrap
    (defaults as the CLI's). unsuppressed, disclosure_rules, audit_log: as for indicators().

    Returns a pandas DataFrame: the by columns ("total" where not grouped), measure, estimate,
    se, lower, upper, n, reason, suppressed, suppression_reason; a group of too few persons has
    no figures.
    """
    table, path = _table(data, "data")
    if isinstance(by, str):
        by = [column for column in by.split(",") if column]
    defaults = _jamlik.measure_defaults()
    if measures is None:
        measures = defaults["distribution_measures"]
    elif not isinstance(measures, str):
        measures = ",".join(measures)
    result, controlled = _jamlik.distribution(
        table, value, weight or "", list(by or []), filter or "", measures, percentile_method,
        defaults["confidence"] if confidence is None else confidence,
        defaults["bootstrap_draws"] if draws is None else draws,
        defaults["seed"] if seed is None else seed, path, "" if path else "(pandas DataFrame)",
        bool(unsuppressed), os.fspath(disclosure_rules) if disclosure_rules else "",
        os.fspath(audit_log) if audit_log else "")
    if not controlled:
        warnings.warn(_jamlik.unsuppressed_warning(), UnsuppressedWarning, stacklevel=2)
    return to_pandas(result)


def measures():
    """Return the registry of inequality measures as a pandas DataFrame, like `jamlik measures
    --format csv`: id, input, label_sv, label_en, applicability, scale, no_inequality, interval,
    interpretation, reference."""
    return to_pandas(_jamlik.measures())


def _imported(imported):
    """A DataFrame of an import's (table, notes), the notes in frame.attrs["notes"]."""
    table, notes = imported
    frame = to_pandas(table)
    frame.attrs["notes"] = list(notes)
    return frame


def import_kolada(paths, kpis=None, groups=None):
    """Import Kolada API v3 data pages into the long result table, like `jamlik import kolada
    PAGE… --format csv`.

    paths: one page's path or a list of them (all pages of a response, linked by next_url, or
    several responses). kpis: the KPI metadata (/v3/kpi), which gives the indicators their titles;
    groups: municipality groups (/v3/municipality_groups), which name group values. A null value
    is missing (NaN, flag missing_in_source), never zero. Returns a pandas DataFrame with the CLI's
    result columns; what the source said beside its values (status symbols) is in
    frame.attrs["notes"]. Raises jamlik.Error naming the file and the JSON pointer.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _imported(_jamlik.import_kolada([os.fspath(path) for path in paths],
                                           os.fspath(kpis) if kpis else "",
                                           os.fspath(groups) if groups else ""))


def import_scb(path):
    """Import an SCB PxWeb response (API v2 JSON-stat 2.0, API v1 json or json-stat) into the long
    result table, like `jamlik import scb FILE --format csv`: codes are the keys, sex 1/2/1+2
    becomes kon M/K/T, region codes areas; no part is derived from a total. Returns a pandas
    DataFrame (notes in frame.attrs["notes"]); raises jamlik.Error naming the file and place."""
    return _imported(_jamlik.import_scb(os.fspath(path)))


def import_heat(path):
    """Import a WHO HEAT Plus template (CSV or xlsx) into the long result table, like `jamlik
    import heat FILE --format csv`: the setting average becomes the total row, ci_lb/ci_ub the
    interval (else estimate ± 1.96·se). Returns a pandas DataFrame (notes in
    frame.attrs["notes"]); raises jamlik.Error naming the row and column."""
    return _imported(_jamlik.import_heat(os.fspath(path)))
