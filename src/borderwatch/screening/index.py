"""In-memory candidate index over every alias of every loaded list.

Each alias token is indexed under several keys: the token itself, its consonant skeleton,
its one-letter deletions (typos, SymSpell style), its first three letters (names cut by
fixed-width fields, ``Abd`` / ``Abdul``) and the joins of neighbouring tokens
(``Jian Min`` / ``Jianmin``).
A query collects, per token, the aliases sharing any key; a multi-token query keeps the
aliases found by at least two of its tokens. :func:`brute_force_candidates` is the slow,
obviously complete reference the tests hold the index against.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from borderwatch.screening.compare import token_set_score
from borderwatch.screening.normalise import name_tokens, skeleton


@dataclass(frozen=True, slots=True)
class Alias:
    """One indexed name of one list entry."""

    list_pos: int
    entity_id: str
    name: str
    tokens: tuple[str, ...]


def _deletes(token: str) -> set[str]:
    return {token[:i] + token[i + 1 :] for i in range(len(token))}


def token_keys(token: str) -> set[str]:
    """The index keys of one token; a query token looks up the same keys."""
    keys = {token}
    skel = skeleton(token)
    if len(skel) >= 2:
        keys.add("~" + skel)
    if len(token) >= 4:
        keys.add("-" + token)
        keys.update("-" + d for d in _deletes(token))
    if len(token) >= 3:
        keys.add("^" + token[:3])
    return keys


def alias_keys(tokens: tuple[str, ...]) -> set[str]:
    """Every index key of an alias: its tokens' keys and the joins of neighbouring tokens."""
    keys: set[str] = set()
    for tok in tokens:
        if len(tok) >= 2:
            keys.update(token_keys(tok))
    for i in range(len(tokens) - 1):
        keys.add(tokens[i] + tokens[i + 1])
        if i < len(tokens) - 2:
            keys.add(tokens[i] + tokens[i + 1] + tokens[i + 2])
    return keys


class NameIndex:
    """Aliases and their postings; built once, queried many times."""

    def __init__(self) -> None:
        self.aliases: list[Alias] = []
        self._postings: dict[str, set[int]] = defaultdict(set)

    def add(self, list_pos: int, entity_id: str, name: str) -> None:
        """Index one name of one entry (names without tokens are skipped)."""
        tokens = name_tokens(name)
        if not tokens:
            return
        idx = len(self.aliases)
        self.aliases.append(Alias(list_pos, entity_id, name, tokens))
        for key in alias_keys(tokens):
            self._postings[key].add(idx)

    def freeze(self) -> None:
        """Finish building: postings become frozen sets for fast set algebra."""
        self._postings = {k: frozenset(v) for k, v in self._postings.items()}  # type: ignore[misc]

    def _token_set(self, token: str) -> set[int]:
        found: set[int] = set()
        get = self._postings.get
        for key in token_keys(token):
            hit = get(key)
            if hit:
                found |= hit
        return found

    def candidates(self, tokens: tuple[str, ...]) -> set[int]:
        """Alias positions that could match a name with these tokens."""
        groups = [t for t in tokens if len(t) >= 2]
        groups += [tokens[i] + tokens[i + 1] for i in range(len(tokens) - 1)]
        sets = [s for s in (self._token_set(t) for t in groups) if s]
        if not sets:
            return set()
        if len(sets) == 1 or len([t for t in tokens if len(t) >= 2]) <= 1:
            return set().union(*sets)
        out: set[int] = set()
        for i in range(len(sets)):
            for j in range(i + 1, len(sets)):
                out |= sets[i] & sets[j]
        return out


def brute_force_candidates(index: NameIndex, tokens: tuple[str, ...], floor: float) -> set[int]:
    """Reference: every alias whose name scores at least ``floor`` against the query, found
    by scoring the whole list pairwise (slow, obviously complete)."""
    return {
        idx
        for idx, alias in enumerate(index.aliases)
        if token_set_score(tokens, alias.tokens, "Person") >= floor
    }
