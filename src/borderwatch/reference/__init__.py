"""Reference data: HS nomenclatures, UN/LOCODE, countries, currencies, controlled goods.

The lowest layer: it imports nothing else from Borderwatch. Tables load lazily, once per
process, from the files shipped in ``reference/data`` (see its ``PROVENANCE.md``).
"""

from borderwatch.reference.codes import (
    is_country,
    is_currency,
    is_locode,
    locode_info,
)
from borderwatch.reference.files import data_path, read_csv
from borderwatch.reference.hs import (
    HS_2022_START,
    HsEdition,
    hs_codes,
    hs_description,
    hs_edition_for,
    hs_exists,
    hs_exists_any,
)

__all__ = [
    "HS_2022_START",
    "HsEdition",
    "data_path",
    "hs_codes",
    "hs_description",
    "hs_edition_for",
    "hs_exists",
    "hs_exists_any",
    "is_country",
    "is_currency",
    "is_locode",
    "locode_info",
    "read_csv",
]
