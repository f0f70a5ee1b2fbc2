"""Reader of the Korea Customs Service synthetic import declarations (Jeong et al. 2022).

Maps the 22 KCS columns into the flat feature-table schema, checking the header and every
row: a missing or extra column, an empty file, an unparsable date or number, or a missing
required value is an :class:`~borderwatch.errors.InvalidInput` naming file, line and column.
``Fraud`` becomes the label; the revenue proxy of a fraudulent row is
``Item Price x Tax Rate / 100`` (the duty at stake), zero otherwise.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from borderwatch.errors import FieldError, InvalidInput, SourceUnreadable
from borderwatch.scoring.table import SCHEMA

COLUMNS: dict[str, str] = {
    "Declaration ID": "declaration_id",
    "Date": "date",
    "Office ID": "office",
    "Process Type": "process_type",
    "Import Type": "import_type",
    "Import Use": "import_use",
    "Payment Type": "payment_type",
    "Mode of Transport": "mode",
    "Declarant ID": "declarant",
    "Importer ID": "importer",
    "Seller ID": "seller",
    "Courier ID": "courier",
    "HS6 Code": "hs6",
    "Country of Departure": "departure",
    "Country of Origin": "origin",
    "Tax Rate": "tax_rate",
    "Tax Type": "tax_type",
    "Country of Origin Indicator": "origin_indicator",
    "Net Mass": "net_mass",
    "Item Price": "value",
}
LABELS = ("Fraud", "Critical Fraud")
REQUIRED = ("declaration_id", "date", "office", "mode", "declarant", "importer", "hs6", "origin")
NUMERIC = ("tax_rate", "net_mass", "value")
MAX_ERRORS = 20


def _read_raw(path: Path) -> pl.DataFrame:
    try:
        if path.stat().st_size == 0:
            raise SourceUnreadable(f"{path}: the file is empty", path=str(path))
        return pl.read_csv(path, infer_schema_length=0)
    except (OSError, pl.exceptions.PolarsError) as exc:
        raise SourceUnreadable(f"{path}: cannot read as CSV: {exc}", path=str(path)) from exc


def _check_header(path: Path, header: list[str], labelled: bool) -> None:
    wanted = list(COLUMNS) + (list(LABELS[:1]) if labelled else [])
    allowed = set(COLUMNS) | set(LABELS)
    errors = [FieldError(f"{path}:1", f"missing column {c!r}") for c in wanted if c not in header]
    errors += [
        FieldError(f"{path}:1", f"unexpected column {c!r}") for c in header if c not in allowed
    ]
    if errors:
        raise InvalidInput(f"{path}: the header is not the KCS layout", errors)


def _row_errors(path: Path, raw: pl.DataFrame, parsed: pl.DataFrame) -> list[FieldError]:
    errors: list[FieldError] = []
    checks = [(c, "is required") for c in REQUIRED] + [(c, "is not a number >= 0") for c in NUMERIC]
    checks += [("hs6", "is not a 6-digit HS code"), ("date", "is not a date YYYY-MM-DD")]
    for column, reason in checks:
        source = next(k for k, v in COLUMNS.items() if v == column)
        bad = parsed[column].is_null() | (raw[column].is_null() if column in REQUIRED else False)
        if column in NUMERIC:
            bad = bad | (parsed[column] < 0).fill_null(True)
        for index in bad.arg_true().head(MAX_ERRORS).to_list():
            errors.append(FieldError(f"{path}:{index + 2}:{source}", reason))
    return errors[:MAX_ERRORS]


def _parse(raw: pl.DataFrame) -> pl.DataFrame:
    text = pl.col
    return raw.with_columns(
        text("date").str.strptime(pl.Date, "%Y-%m-%d", strict=False),
        *(text(c).str.strip_chars().cast(pl.Float64, strict=False) for c in NUMERIC),
        pl.when(text("hs6").str.contains(r"^\d{6}$")).then(text("hs6")).alias("hs6"),
    )


def read_kcs(path: Path, labelled: bool = False) -> pl.DataFrame:
    """One KCS CSV as a flat feature table, rows in file order (stable-sorted by date).

    ``labelled``: the ``Fraud`` column is required (training, evaluation).
    """
    raw = _read_raw(path)
    _check_header(path, raw.columns, labelled)
    if raw.height == 0:
        raise SourceUnreadable(f"{path}: the file has a header but no rows", path=str(path))
    raw = raw.rename(COLUMNS)
    parsed = _parse(raw)
    errors = _row_errors(path, raw, parsed)
    if "Fraud" in parsed.columns:
        bad = ~parsed["Fraud"].is_in(["0", "1"]).fill_null(False)
        errors += [FieldError(f"{path}:{i + 2}:Fraud", "is not 0 or 1") for i in bad.arg_true()]
    if errors:
        raise InvalidInput(f"{path}: {len(errors)} bad value(s)", errors[:MAX_ERRORS])
    return _to_flat(parsed)


def _to_flat(parsed: pl.DataFrame) -> pl.DataFrame:
    has_label = "Fraud" in parsed.columns
    label = pl.col("Fraud").cast(pl.Int8) if has_label else pl.lit(None, pl.Int8)
    revenue = (
        pl.when(label == 1).then(pl.col("value") * pl.col("tax_rate") / 100).otherwise(0.0)
        if has_label
        else pl.lit(None, pl.Float64)
    )
    flat = parsed.with_columns(
        day=pl.col("date").cast(pl.Int32).cast(pl.Float64),
        label=label,
        revenue=revenue,
    )
    return flat.select([pl.col(n).cast(t) for n, t in SCHEMA.items()]).sort(
        "day", maintain_order=True
    )


def read_kcs_files(paths: list[Path], labelled: bool = False) -> pl.DataFrame:
    """Several KCS CSVs as one flat table, in lodging order."""
    if not paths:
        raise InvalidInput("no input file given", [FieldError("--data", "is required")])
    frames = [read_kcs(p, labelled) for p in paths]
    return pl.concat(frames).sort("day", maintain_order=True)
