"""One typed settings object, read from the environment with the prefix ``BORDERWATCH_``.

Every field is documented in ``docs/settings.md``; a test keeps the two in step.
Read settings through :func:`get_settings`, never at import time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "borderwatch-demo-secret-change-me"

Mode = Literal["production", "development", "demo"]


class Settings(BaseSettings):
    """Borderwatch configuration. Each field maps to ``BORDERWATCH_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="BORDERWATCH_", extra="ignore")

    mode: Mode = Field(
        "development",
        description="`production`, `development` or `demo`. Demo users and default secrets are "
        "refused in production.",
    )
    data_dir: Path = Field(
        Path("borderwatch-data"),
        description="Directory for the embedded SQLite store, models, lists and reports.",
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL of the store. Unset: a SQLite file `borderwatch.db` in "
        "`data_dir`. Production: `postgresql+psycopg://user@host:5432/db`.",
    )
    secret_key: str = Field(
        DEFAULT_SECRET,
        description="Secret for signing session tokens. The default is refused in production.",
    )
    ingest_batch_size: int = Field(
        2000, ge=1, le=100_000, description="Declarations written per ingest transaction."
    )
    ingest_workers: int = Field(
        2,
        ge=0,
        le=64,
        description="Worker processes validating ingest batches while the main process "
        "writes (used when the input spans more than one batch); 0 validates in the main "
        "process.",
    )
    max_record_bytes: int = Field(
        1_048_576,
        ge=1024,
        description="Largest accepted input record (one JSON line or CSV row), in bytes; a "
        "longer one is quarantined without being held in memory.",
    )
    log_level: str = Field("INFO", description="Logging level of the `borderwatch` logger.")

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        if self.mode == "production" and self.secret_key == DEFAULT_SECRET:
            raise ValueError("BORDERWATCH_SECRET_KEY must be set in production mode")
        return self

    @property
    def store_url(self) -> str:
        """The database URL in force: the configured one, or the embedded SQLite file."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'borderwatch.db').as_posix()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process settings, read once from the environment."""
    return Settings()
