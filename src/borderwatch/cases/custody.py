"""Chain of custody of seized items: append-only, hash-linked, continuity checked.

A seized item starts with the seizing officer; its genesis hash fingerprints what was
seized. Each transfer names who handed it to whom, when, where, under which seals and in
which condition, and carries the SHA-256 of its content and the previous hash. The hander
of a transfer must be the receiver of the one before (continuity). :func:`verify` recomputes
every hash and re-checks continuity and time order; :func:`custody_report` prints it all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import Connection, select

from borderwatch.cases.inputs import ActionIn, TransferIn, parse
from borderwatch.cases.ledger import Db, append, begin, now, transaction, utc
from borderwatch.cases.types import Actor, Event
from borderwatch.errors import Conflict, FieldError, InvalidInput, NotFound
from borderwatch.store.cases import custody_transfers, seized_items


def _digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()


def _item_fields(row: Any) -> dict[str, Any]:
    return {
        "label": row["label"], "commodity": row["commodity"], "description": row["description"],
        "quantity": float(row["quantity"]), "unit": row["unit"], "seized_by": row["seized_by"],
        "seized_at": utc(row["seized_at"]).isoformat(), "place": row["place"],
        "seals": list(row["seals"]),
    }  # fmt: skip


def _transfer_fields(row: Any) -> dict[str, Any]:
    return {
        "seq": int(row["seq"]), "handed_by": row["handed_by"], "received_by": row["received_by"],
        "at": utc(row["at"]).isoformat(), "place": row["place"], "seals": list(row["seals"]),
        "condition": row["condition"], "note": row["note"], "recorded_by": row["recorded_by"],
        "prev_hash": row["prev_hash"],
    }  # fmt: skip


def register_items(conn: Connection, case_id: int, action_id: int, action: ActionIn,
                   user: str) -> list[str]:  # fmt: skip
    """Register the items of a seizure, held by the seizing officer; returns their labels."""
    labels = []
    at = now()
    for n, item in enumerate(action.items, start=1):
        row = {
            "label": f"C{case_id}-A{action_id}-{n}", "commodity": item.commodity.value,
            "description": item.description, "quantity": item.quantity, "unit": item.unit.value,
            "seized_by": user, "seized_at": at, "place": action.place or "",
            "seals": list(action.seals),
        }  # fmt: skip
        conn.execute(seized_items.insert().values(
            case_id=case_id, action_id=action_id, genesis_hash=_digest(_item_fields(row)), **row
        ))  # fmt: skip
        labels.append(str(row["label"]))
    return labels


def _item(conn: Connection, label: str) -> Any:
    row = conn.execute(select(seized_items).where(seized_items.c.label == label)).first()
    if row is None:
        raise NotFound(f"no seized item {label!r}")
    return row._mapping


def _chain(conn: Connection, item_id: int) -> list[Any]:
    query = select(custody_transfers).where(custody_transfers.c.item_id == item_id)
    return [r._mapping for r in conn.execute(query.order_by(custody_transfers.c.seq))]


def _holder(item: Any, chain: list[Any]) -> tuple[str, dt.datetime, str, int]:
    """Who holds the item, since when, the last hash and the last sequence number."""
    if not chain:
        return str(item["seized_by"]), utc(item["seized_at"]), str(item["genesis_hash"]), 0
    last = chain[-1]
    return str(last["received_by"]), utc(last["at"]), str(last["hash"]), int(last["seq"])


def transfer(db: Db, label: str, data: TransferIn | dict[str, Any], actor: Actor,
             version: int) -> dict[str, Any]:  # fmt: skip
    """Record one custody transfer of item ``label``; returns the stored transfer."""
    move = parse(TransferIn, data, "custody transfer")
    with transaction(db) as conn:
        item = _item(conn, label)
        case, after = begin(conn, int(item["case_id"]), Event.TRANSFER_CUSTODY, actor, version)
        holder, since, prev_hash, seq = _holder(item, _chain(conn, int(item["id"])))
        if move.handed_by != holder:
            raise Conflict(f"custody continuity: {label} is held by {holder}, so "
                           f"{move.handed_by} cannot hand it over")  # fmt: skip
        if move.at < since:
            why = f"{move.at.isoformat()} is before the item came to {holder} ({since.isoformat()})"
            raise InvalidInput("custody transfer is invalid", [FieldError("at", why)])
        row = {
            "seq": seq + 1, "handed_by": move.handed_by, "received_by": move.received_by,
            "at": move.at, "place": move.place, "seals": list(move.seals),
            "condition": move.condition.value, "note": move.note, "recorded_by": actor.user,
            "prev_hash": prev_hash,
        }  # fmt: skip
        row["hash"] = _digest(_transfer_fields(row))
        conn.execute(custody_transfers.insert().values(
            item_id=item["id"], recorded_at=now(), **row
        ))  # fmt: skip
        summary = {"item": label, "seq": seq + 1, "to": move.received_by}
        append(conn, case, Event.TRANSFER_CUSTODY, after, actor, move.note, summary)
        return {**_transfer_fields(row), "hash": row["hash"], "item": label}


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """The verdict on one item's chain: ``problems`` is empty when it holds."""

    label: str
    transfers: int
    holder: str
    problems: list[str]

    @property
    def ok(self) -> bool:
        """True when every hash, link, hand-over and time order checks out."""
        return not self.problems


def _check(item: Any, chain: list[Any]) -> list[str]:
    problems = []
    if _digest(_item_fields(item)) != item["genesis_hash"]:
        problems.append("the seized item's record does not match its genesis hash")
    holder, since, prev = str(item["seized_by"]), utc(item["seized_at"]), item["genesis_hash"]
    for expected_seq, t in enumerate(chain, start=1):
        where = f"transfer {t['seq']}"
        if int(t["seq"]) != expected_seq:
            problems.append(f"{where}: expected sequence number {expected_seq}")
        if t["prev_hash"] != prev:
            problems.append(f"{where}: does not link to the previous record's hash")
        if _digest(_transfer_fields(t)) != t["hash"]:
            problems.append(f"{where}: content does not match its hash (altered)")
        if t["handed_by"] != holder:
            problems.append(f"{where}: handed by {t['handed_by']}, but {holder} held the item")
        if utc(t["at"]) < since:
            problems.append(f"{where}: dated before the previous transfer")
        holder, since, prev = str(t["received_by"]), utc(t["at"]), t["hash"]
    return problems


def verify(db: Db, label: str) -> ChainCheck:
    """Recompute and check the chain of custody of item ``label``."""
    with transaction(db) as conn:
        item = _item(conn, label)
        chain = _chain(conn, int(item["id"]))
    holder = chain[-1]["received_by"] if chain else item["seized_by"]
    return ChainCheck(label, len(chain), str(holder), _check(item, chain))


def items_of(db: Db, case_id: int) -> list[str]:
    """Labels of the items seized in the case."""
    query = select(seized_items.c.label).where(seized_items.c.case_id == case_id)
    with transaction(db) as conn:
        return [str(x) for x in conn.execute(query.order_by(seized_items.c.id)).scalars()]


def custody_report(db: Db, case_id: int) -> str:
    """A printable Markdown report of every seized item of the case and its custody."""
    out = [f"# Chain of custody: case {case_id}", ""]
    labels = items_of(db, case_id)
    if not labels:
        out.append("No items were seized in this case.")
    with transaction(db) as conn:
        for label in labels:
            item = _item(conn, label)
            out += _item_section(item, _chain(conn, int(item["id"])))
    return "\n".join(out) + "\n"


def _item_section(item: Any, chain: list[Any]) -> list[str]:
    problems = _check(item, chain)
    verdict = "verified" if not problems else "FAILED: " + "; ".join(problems)
    lines = [
        f"## Item {item['label']}", "",
        f"- Commodity: {item['commodity']} ({item['description']})",
        f"- Quantity: {float(item['quantity']):g} {item['unit']}",
        f"- Seized by {item['seized_by']} at {item['place']}, "
        f"{utc(item['seized_at']):%Y-%m-%d %H:%M} UTC; seals {', '.join(item['seals']) or '-'}",
        f"- Chain: {verdict}", "",
        "| # | when (UTC) | handed by | received by | place | seals | condition | hash |",
        "|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for t in chain:
        lines.append(
            f"| {t['seq']} | {utc(t['at']):%Y-%m-%d %H:%M} | {t['handed_by']} | "
            f"{t['received_by']} | {t['place']} | {', '.join(t['seals']) or '-'} | "
            f"{t['condition']} | {str(t['hash'])[:12]} |"
        )
    return [*lines, ""]
