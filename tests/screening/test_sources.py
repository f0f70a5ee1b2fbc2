from __future__ import annotations

from pathlib import Path

import pytest

from borderwatch.errors import InvalidInput, SourceUnreadable
from borderwatch.screening import ScreeningList, fixture_path, load_list


def by_name(lists: list[ScreeningList], name: str) -> ScreeningList:
    return next(lst for lst in lists if lst.name == name)


def test_un_extract_has_entities_individuals_and_original_script(lists: list[ScreeningList]):
    un = by_name(lists, "un")
    assert len(un.entries) == 275
    saddam = un.entries["IQi.001"]
    assert saddam.schema == "Person"
    assert "صدام حسين التكريتي" in saddam.names
    assert "IQ" in saddam.countries
    assert any(e.schema == "Organization" for e in un.entries.values())
    assert any(k.startswith("KPe.") for k in un.entries)


def test_ofac_reads_aliases_from_alt_csv_and_imo_from_remarks(lists: list[ScreeningList]):
    ofac = by_name(lists, "ofac")
    artavil = ofac.entries["15036"]
    assert artavil.schema == "Vessel"
    assert artavil.identifiers["imo"] == {"9187629"}
    assert sum(len(e.names) for e in ofac.entries.values()) > len(ofac.entries) * 3
    assert ofac.entries["2676"].birth_dates == {"1951-06-19"}


def test_ftm_skips_non_party_schemas_and_reads_identifiers(lists: list[ScreeningList]):
    ftm = by_name(lists, "opensanctions")
    assert len(ftm.entries) == 9
    assert ftm.entries["bw-ftm-0005"].identifiers["imo"] == {"9354521"}
    assert "박철수" in ftm.entries["bw-ftm-0001"].names


def test_lookout_reads_aliases_and_identifiers(lists: list[ScreeningList]):
    lookout = by_name(lists, "lookout")
    entry = lookout.entries["NL-0005"]
    assert entry.schema == "Vessel" and entry.identifiers["imo"] == {"9234567"}
    assert "Severnaya Zvezda" in entry.names


def test_version_is_content_hash(tmp_path: Path):
    src = fixture_path("national_lookout_sample.csv").read_text(encoding="utf-8")
    path = tmp_path / "l.csv"
    path.write_text(src, encoding="utf-8")
    first = load_list(path).version
    assert load_list(path).version == first
    path.write_text(src + "NL-9,New Name,Person,,,,\n", encoding="utf-8")
    assert load_list(path).version != first


def test_broken_xml_names_file_and_line(tmp_path: Path):
    path = tmp_path / "un.xml"
    path.write_text("<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n<INDIVIDUAL>\n</CONSOLIDATED_LIST>\n")
    with pytest.raises(SourceUnreadable, match=r"un\.xml, line 4"):
        load_list(path)


def test_wrong_encoding_names_file_and_line(tmp_path: Path):
    path = tmp_path / "lookout.csv"
    path.write_bytes(b"id,name\nA1,Good Name\nA2,Bad \xff Name\n")
    with pytest.raises(SourceUnreadable, match=r"lookout\.csv, line 3: not valid utf-8"):
        load_list(path)


def test_missing_columns_are_reported(tmp_path: Path):
    path = tmp_path / "lookout.csv"
    path.write_text("id,label\nA1,x\n")
    with pytest.raises(SourceUnreadable, match="missing column"):
        load_list(path, "lookout")
    sdn = tmp_path / "sdn.csv"
    sdn.write_text('1,"A NAME",individual\n')
    with pytest.raises(SourceUnreadable, match=r"sdn\.csv, line 1: 3 columns, expected 12"):
        load_list(sdn, "ofac")


def test_lookout_collects_every_bad_row(tmp_path: Path):
    path = tmp_path / "lookout.csv"
    path.write_text("id,name,schema\nA1,,Person\nA2,Name,Spaceship\n")
    with pytest.raises(InvalidInput) as err:
        load_list(path)
    assert [e.reason for e in err.value.errors] == ["required", "unknown schema 'Spaceship'"]
    assert err.value.errors[0].path.endswith(":2.name")


def test_bad_ftm_line_is_named(tmp_path: Path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a", "schema": "Person", "properties": {"name": ["A B"]}}\n{oops\n')
    with pytest.raises(SourceUnreadable, match=r"x\.jsonl, line 2"):
        load_list(path)


def test_country_fast_path_agrees_with_rigour():
    from rigour.territories import lookup_territory

    from borderwatch.screening.sources.common import LIST_SPELLINGS, _strong_names, country_code

    for text in [*LIST_SPELLINGS, "Iraq", "Syrian Arab Republic", "DE", "Afghanistan"]:
        territory = lookup_territory(text)
        assert country_code(text) == (territory.code.upper()[:2] if territory else None)
    assert _strong_names()["germany"] == "de"


def test_un_name_part_not_available_is_not_a_word(tmp_path: Path):
    path = tmp_path / "un.xml"
    path.write_text(
        "<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL>"
        "<FIRST_NAME>FAIZULLAH</FIRST_NAME><SECOND_NAME>KHAN</SECOND_NAME>"
        "<THIRD_NAME>NOORZAI</THIRD_NAME><FOURTH_NAME>na</FOURTH_NAME>"
        "<UN_LIST_TYPE>Taliban</UN_LIST_TYPE><REFERENCE_NUMBER>TAi.153</REFERENCE_NUMBER>"
        "<INDIVIDUAL_ALIAS><ALIAS_NAME>Haji Faizullah Noor</ALIAS_NAME></INDIVIDUAL_ALIAS>"
        "</INDIVIDUAL></INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>"
    )
    entry = load_list(path, "un").entries["TAi.153"]
    assert entry.names == ["FAIZULLAH KHAN NOORZAI", "Haji Faizullah Noor"]
