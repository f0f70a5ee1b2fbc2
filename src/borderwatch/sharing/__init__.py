"""Interagency sharing under data-sharing agreements, with privacy safeguards.

Agencies and agreements (:mod:`registry`) govern every message; outbound messages are
checked clause by clause, minimised and signed with Ed25519 JWS (:func:`share`); inbound
ones are verified and recorded, accepted or rejected (:func:`receive`); partner lookouts
feed screening as lookout CSV (:func:`export_lookouts`); personal data is filtered by role
and purpose and purged after its retention period (:mod:`privacy`). Everything is audited.
"""

from borderwatch.sharing.fields import FIELDS, filter_view, pseudonym, readable
from borderwatch.sharing.inbound import InboundMessage, receive
from borderwatch.sharing.keys import generate_key, load_private_key, public_key_of
from borderwatch.sharing.lookouts import export_lookouts
from borderwatch.sharing.outbound import OutboundMessage, share, sign
from borderwatch.sharing.privacy import CaseHolds, PurgeReport, purge, read_view
from borderwatch.sharing.registry import (
    get_agency,
    get_agreement,
    local_agency,
    parse_terms,
    record_agreement,
    register_agency,
)
from borderwatch.sharing.transport import (
    PartnerCredential,
    authenticate,
    export_messages,
    import_messages,
    issue_credential,
    messages_for_partner,
    require_scope,
    revoke_credential,
    submit_message,
)
from borderwatch.sharing.types import (
    Agency,
    Agreement,
    AgreementTerms,
    DataCategory,
    Direction,
    MessageKind,
    MessageRejected,
    SharingRefused,
)

__all__ = [
    "FIELDS",
    "Agency",
    "Agreement",
    "AgreementTerms",
    "CaseHolds",
    "DataCategory",
    "Direction",
    "InboundMessage",
    "MessageKind",
    "MessageRejected",
    "OutboundMessage",
    "PartnerCredential",
    "PurgeReport",
    "SharingRefused",
    "authenticate",
    "export_lookouts",
    "export_messages",
    "filter_view",
    "generate_key",
    "get_agency",
    "get_agreement",
    "import_messages",
    "issue_credential",
    "load_private_key",
    "local_agency",
    "messages_for_partner",
    "parse_terms",
    "pseudonym",
    "public_key_of",
    "purge",
    "read_view",
    "readable",
    "receive",
    "record_agreement",
    "register_agency",
    "require_scope",
    "revoke_credential",
    "share",
    "sign",
    "submit_message",
]
