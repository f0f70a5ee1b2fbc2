"""What the web pages need from the rest of the application, as a port: the application
factory (:mod:`borderwatch.app`) plugs the API's services in, so ``web`` never imports
``api`` (they are siblings)."""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Engine

from borderwatch.store.users import Principal


class Backend(Protocol):
    """Login, identity and the read models shared with the API."""

    engine: Engine

    def login(self, username: str, password: str, client: str) -> str:
        """A session token for valid credentials (raises on bad ones or when throttled)."""
        ...

    def principal(self, token: str) -> Principal:
        """The user of a session token (raises when it is not valid)."""
        ...

    def queue(self, user: Principal, limit: int, offset: int, office: str | None,
              lane: str | None, basis: str | None) -> Any:  # fmt: skip
        """A page of the targeting queue (``items``, ``total``, ``limit``, ``offset``)."""
        ...

    def claim(self, user: Principal, source_id: str) -> None:
        """Claim a queue item."""
        ...

    def declaration(self, user: Principal, source_id: str) -> Any:
        """A declaration with versions and decisions (office checked, read audited)."""
        ...

    def validate_rule(self, expression: str) -> Any:
        """``valid``, ``columns`` and ``errors`` of a rule expression."""
        ...

    def backtest(self, rule_id: str | None, expression: str | None, start: Any, end: Any
                 ) -> Any:  # fmt: skip
        """A backtest result (figures and ``weekly``)."""
        ...

    def audit(self, limit: int, offset: int, subject_type: str | None) -> Any:
        """A page of the audit trail."""
        ...

    def screen(self, name: str, schema: str, country: str | None) -> list[Any]:
        """Current hits of a party, dismissed ones marked ``suppressed``."""
        ...

    def review_hit(self, user: Principal, party: dict[str, Any]) -> None:
        """Confirm or dismiss one hit (``name``, ``schema``, ``country``, ``list_name``,
        ``entity_id``, ``decision``, ``reason``)."""
        ...
