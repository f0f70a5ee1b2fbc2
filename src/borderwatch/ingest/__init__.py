"""Ingest: readers for canonical JSON Lines, mapped CSV and the KCS data set, and
:func:`ingest`, which validates, quarantines and writes in idempotent, crash-safe batches."""

from borderwatch.ingest.csvfile import MappedCsvReader
from borderwatch.ingest.jsonl import JsonlReader
from borderwatch.ingest.mapping import CsvMapping, builtin_mapping, load_mapping
from borderwatch.ingest.quarantine import QuarantinedRecord, list_quarantine
from borderwatch.ingest.runner import ingest
from borderwatch.ingest.sources import open_reader
from borderwatch.ingest.types import IngestReport, RawRecord, Reader

__all__ = [
    "CsvMapping",
    "IngestReport",
    "JsonlReader",
    "MappedCsvReader",
    "QuarantinedRecord",
    "RawRecord",
    "Reader",
    "builtin_mapping",
    "ingest",
    "list_quarantine",
    "load_mapping",
    "open_reader",
]
