"""What the API works with, made once per application: the store, the settings, the
authenticator, and (on first use) the assessor and the party screener."""

from __future__ import annotations

import threading

from sqlalchemy import Engine

from borderwatch.api.security import Authenticator
from borderwatch.memory import settle
from borderwatch.screening import Screener, default_lists
from borderwatch.selectivity import Assessor, build_assessor
from borderwatch.settings import Settings


class Services:
    """The application's components; the costly ones are built on first use, once."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.authenticator = Authenticator(
            engine, settings.secret_key, allow_demo=settings.mode == "demo"
        )
        self._lock = threading.Lock()
        self._assessor: Assessor | None = None
        self._screener: Screener | None = None

    @property
    def assessor(self) -> Assessor:
        """The real-time assessor over the installed lists, rules, model and policy."""
        with self._lock:
            if self._assessor is None:
                self._assessor = build_assessor(self.engine)
                settle()  # a full collection over them would pause a request for a second
            return self._assessor

    @property
    def built_assessor(self) -> Assessor | None:
        """The assessor if it is built already (no waiting, no building)."""
        return self._assessor

    @property
    def screener(self) -> Screener:
        """A screener over the shipped watchlists."""
        with self._lock:
            if self._screener is None:
                self._screener = Screener(default_lists())
                settle()  # a full collection over them would pause a request for a second
            return self._screener

    def reload(self) -> None:
        """Forget the built components (after rules or lists change)."""
        with self._lock:
            self._assessor = None
            self._screener = None
