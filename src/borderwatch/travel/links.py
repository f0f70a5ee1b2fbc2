"""Link analysis: a graph of travellers, bookings, phones, e-mails, payment cards,
addresses and documents (networkx), and the network around any node to a chosen depth.

Nodes are ``kind:value`` strings (``person:DOE/JANE/1985-02-02``, ``booking:BW:QWE123``,
``phone:0031201234567``); a person links to its bookings and documents, a booking to its
contacts and cards. Masked bookings link through their pseudonyms, so analysis still works
on depersonalised data.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from sqlalchemy import Engine, select

from borderwatch.errors import NotFound
from borderwatch.store.travel import travel_bookings, travel_travellers


def add_booking(graph: nx.Graph, payload: dict[str, Any]) -> None:
    """Add one booking (its JSON payload) and everything it links."""
    node = f"booking:{payload['owner']}:{payload['locator']}"
    graph.add_node(node, kind="booking")
    for kind, key in (
        ("phone", "phones"),
        ("email", "emails"),
        ("card", "cards"),
        ("address", "addresses"),
    ):
        for value in payload.get(key) or []:
            graph.add_edge(node, f"{kind}:{value}", relation=kind)
    for person in payload.get("travellers") or []:
        add_person(graph, person, node)


def add_person(graph: nx.Graph, person: dict[str, Any], booking: str | None = None) -> None:
    """Add one traveller (its JSON payload), linked to ``booking`` and its documents."""
    born = person.get("birth_date") or "?"
    node = f"person:{str(person['surname']).upper()}/{str(person['given_names']).upper()}/{born}"
    graph.add_node(node, kind="person")
    if booking is not None:
        graph.add_edge(node, booking, relation="booked")
    for doc in person.get("documents") or []:
        graph.add_edge(node, f"document:{doc['number']}", relation="document")


def build_graph(
    bookings: Iterable[dict[str, Any]], travellers: Iterable[dict[str, Any]] = ()
) -> nx.Graph:
    """The link graph of booking payloads and (API) traveller payloads."""
    graph = nx.Graph()
    for payload in bookings:
        add_booking(graph, payload)
    for person in travellers:
        add_person(graph, person)
    return graph


def graph_from_store(engine: Engine) -> nx.Graph:
    """The link graph of every live booking and every API traveller in the store."""
    with engine.connect() as conn:
        live = conn.execute(
            select(travel_bookings.c.payload).where(travel_bookings.c.superseded_at.is_(None))
        )
        bookings = [row[0] for row in live]
        api = conn.execute(
            select(travel_travellers.c.payload).where(travel_travellers.c.booking_id.is_(None))
        )
        travellers = [row[0] for row in api]
    return build_graph(bookings, travellers)


def network(graph: nx.Graph, node: str, depth: int = 2) -> nx.Graph:
    """The sub-graph within ``depth`` links of ``node``."""
    if node not in graph:
        raise NotFound(f"{node!r} is not in the link graph")
    sub: nx.Graph = nx.ego_graph(graph, node, radius=depth)
    return sub


def describe(sub: nx.Graph, node: str) -> dict[str, Any]:
    """JSON-ready form of a network: nodes with their distance, and edges with relations."""
    distance = nx.single_source_shortest_path_length(sub, node)
    return {
        "root": node,
        "nodes": [
            {"id": n, "distance": distance[n]} for n in sorted(sub, key=lambda n: (distance[n], n))
        ],
        "edges": [
            {"a": a, "b": b, "relation": d.get("relation")}
            for a, b, d in sorted(sub.edges(data=True))
        ],
    }
