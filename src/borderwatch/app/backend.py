"""The web's :class:`~borderwatch.web.ports.Backend`, implemented over the API's services
(the app is the one layer allowed to import both)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Engine

from borderwatch.api import Services
from borderwatch.api.deps import PageParams
from borderwatch.api.routers.audit import audit_page
from borderwatch.api.routers.declarations import declaration_detail
from borderwatch.api.routers.queue import claim_item, queue_page
from borderwatch.api.routers.rules import backtest, validation
from borderwatch.api.routers.screening import review
from borderwatch.api.schemas import ReviewIn
from borderwatch.model.decisions import Basis, Lane
from borderwatch.rules.backtest import Window
from borderwatch.screening.review import ReviewedScreener
from borderwatch.store.users import Principal


class ApiBackend:
    """Login, identity and read models of the API, for the web pages."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.engine: Engine = services.engine

    def login(self, username: str, password: str, client: str) -> str:
        return self.services.authenticator.login(username, password, client).access_token

    def principal(self, token: str) -> Principal:
        return self.services.authenticator.principal(token)

    def queue(self, user: Principal, limit: int, offset: int, office: str | None,
              lane: str | None, basis: str | None) -> Any:  # fmt: skip
        page = PageParams(limit=limit, offset=offset)
        return queue_page(self.engine, user, page, office, Lane(lane) if lane else None,
                          Basis(basis) if basis else None)  # fmt: skip

    def claim(self, user: Principal, source_id: str) -> None:
        claim_item(self.engine, user, source_id)

    def declaration(self, user: Principal, source_id: str) -> Any:
        return declaration_detail(self.engine, user, source_id)

    def validate_rule(self, expression: str) -> Any:
        return validation(expression)

    def backtest(self, rule_id: str | None, expression: str | None, start: Any, end: Any
                 ) -> Any:  # fmt: skip
        window = Window(dt.date.fromisoformat(str(start)), dt.date.fromisoformat(str(end)))
        return backtest(self.engine, rule_id, expression, window)

    def audit(self, limit: int, offset: int, subject_type: str | None) -> Any:
        return audit_page(self.engine, PageParams(limit=limit, offset=offset), subject_type)

    def screen(self, name: str, schema: str, country: str | None) -> list[Any]:
        screener = ReviewedScreener(self.services.screener, self.engine)
        return screener.screen_party(name, schema, country=country)

    def review_hit(self, user: Principal, party: dict[str, Any]) -> None:
        review(self.services, user, ReviewIn.model_validate(party))
