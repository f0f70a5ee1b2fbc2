"""Closed sets of the customs domain, each member's meaning in its class docstring."""

from __future__ import annotations

from enum import IntEnum, StrEnum


class DeclarationType(StrEnum):
    """What a declaration is for.

    ``import`` and ``export``: goods declarations for release; ``transit``: movement under
    customs control; ``entry_summary``: the pre-loading / pre-arrival safety and security
    filing (EU ICS2 ENS), on which a do-not-load decision is possible.
    """

    IMPORT = "import"
    EXPORT = "export"
    TRANSIT = "transit"
    ENTRY_SUMMARY = "entry_summary"


class TransportMode(IntEnum):
    """Mode of transport at the border, UN/ECE Recommendation 19 (as in the WCO Data Model)."""

    SEA = 1
    RAIL = 2
    ROAD = 3
    AIR = 4
    POST = 5
    MULTIMODAL = 6
    FIXED_INSTALLATION = 7
    INLAND_WATERWAY = 8
    OWN_PROPULSION = 9


class PartyRole(StrEnum):
    """The part a party plays on a declaration (WCO Data Model party functions)."""

    CONSIGNOR = "consignor"
    CONSIGNEE = "consignee"
    DECLARANT = "declarant"
    CARRIER = "carrier"
    NOTIFY = "notify"
    SELLER = "seller"
    BUYER = "buyer"


class PartySchema(StrEnum):
    """FollowTheMoney schema of a party, so list data and declarations speak one language."""

    PERSON = "Person"
    COMPANY = "Company"
    ORGANIZATION = "Organization"
    VESSEL = "Vessel"
    LEGAL_ENTITY = "LegalEntity"


class AeoStatus(StrEnum):
    """Authorised Economic Operator certificate: customs simplification, security, or both."""

    AEOC = "AEOC"
    AEOS = "AEOS"
    AEOF = "AEOF"


class Finding(StrEnum):
    """Result of a control: ``none`` (nothing wrong), ``irregularity`` (wrong duty, paperwork,
    classification or value, regularised), ``seizure`` (goods seized)."""

    NONE = "none"
    IRREGULARITY = "irregularity"
    SEIZURE = "seizure"
