"""The model registry: register model directories, activate and roll back with who and
when. Activations are append-only: the live row is superseded, a new one inserted."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import Connection, Engine, insert, select, update

from borderwatch.errors import Conflict, NotFound
from borderwatch.scoring.artefact import Manifest, read_manifest
from borderwatch.store.scoring import scoring_activations as acts
from borderwatch.store.scoring import scoring_models as models_table


def register(engine: Engine, directory: Path, metrics: dict[str, float] | None = None) -> Manifest:
    """Record the model in ``directory`` (checked) in the registry."""
    manifest = read_manifest(directory)
    with engine.begin() as conn:
        if conn.execute(
            select(models_table.c.id).where(models_table.c.version == manifest.version)
        ).first():
            raise Conflict(f"model {manifest.version} is already registered")
        conn.execute(
            insert(models_table).values(
                version=manifest.version,
                path=str(directory.resolve()),
                fingerprint=manifest.fingerprint,
                features=manifest.features,
                params=manifest.params,
                metrics=metrics or manifest.metrics,
                training_rows=manifest.training_rows,
                created_at=dt.datetime.fromisoformat(manifest.created_at),
                created_by=manifest.created_by,
            )
        )
    return manifest


def _switch(conn: Connection, version: str, action: str, who: str) -> None:
    now = dt.datetime.now(dt.UTC)
    live = acts.c.superseded_at.is_(None)
    conn.execute(update(acts).where(live).values(superseded_at=now))
    conn.execute(
        insert(acts).values(version=version, action=action, recorded_at=now, recorded_by=who)
    )


def activate(engine: Engine, version: str, who: str) -> None:
    """Make ``version`` the active model."""
    with engine.begin() as conn:
        if not conn.execute(
            select(models_table.c.id).where(models_table.c.version == version)
        ).first():
            raise NotFound(f"model {version} is not registered")
        _switch(conn, version, "activate", who)


def rollback(engine: Engine, who: str) -> str:
    """Re-activate the model that was active before the current one; returns its version."""
    with engine.begin() as conn:
        history = conn.execute(select(acts.c.version).order_by(acts.c.id.desc())).scalars().all()
        if len(history) < 2:
            raise Conflict("no earlier active model to roll back to")
        current = history[0]
        previous = next((v for v in history[1:] if v != current), None)
        if previous is None:
            raise Conflict("no earlier active model to roll back to")
        _switch(conn, previous, "rollback", who)
    return str(previous)


def active(engine: Engine) -> str | None:
    """The active model version, if any."""
    with engine.connect() as conn:
        query = select(acts.c.version).where(acts.c.superseded_at.is_(None))
        return conn.execute(query).scalar_one_or_none()


def history(engine: Engine) -> list[dict[str, object]]:
    """Every activation, oldest first: version, action, who, when, superseded."""
    with engine.connect() as conn:
        rows = conn.execute(select(acts).order_by(acts.c.id)).mappings().all()
    return [dict(r) for r in rows]


def models(engine: Engine) -> list[dict[str, object]]:
    """Registered models, newest first: version, created_at/by, training rows, fingerprint
    (shortened), whether active, and the directory."""
    current = active(engine)
    with engine.connect() as conn:
        rows = conn.execute(select(models_table).order_by(models_table.c.id.desc())).mappings()
        return [
            {
                "version": r["version"],
                "active": "yes" if r["version"] == current else "",
                "created_at": str(r["created_at"])[:19],
                "created_by": r["created_by"],
                "training_rows": r["training_rows"],
                "fingerprint": str(r["fingerprint"])[:12],
                "path": r["path"],
            }
            for r in rows
        ]
