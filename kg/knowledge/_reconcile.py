"""Reconciliation: many names scored against every entity at once, prefix suggestions, and
what the facts a data extension shows rest on.

A batch of queries costs one small round trip for the name index (kg.name_index) and one
for the candidates' names, however many queries it holds; the rules are kg.reconcile's.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from kg.knowledge._names import Names, SearchHit
from kg.model import Entity, EntityKind, Grounds
from kg.name_index import IndexedName
from kg.queries import grounds as grounds_queries
from kg.reconcile import (
    Candidate,
    NameQuery,
    bears,
    decide,
    form_key,
    identified,
    key_score,
    match_key,
    pinyin_key,
    score_entity,
)
from kg.vocab import DATA

SHORTLIST = 20
"""Candidates per query read from the store at least (more when a query's limit asks)."""


@dataclass(frozen=True)
class _Lookup:
    """The name index arranged for reconciliation: by match key, by company-form-folded key
    and by pinyin key (exact look-ups), and every name (the scan for partial matches)."""

    names: tuple[IndexedName, ...]
    by_key: dict[str, list[IndexedName]]
    by_form: dict[str, list[IndexedName]]
    by_pinyin: dict[str, list[IndexedName]]

    @classmethod
    def build(cls, names: tuple[IndexedName, ...]) -> _Lookup:
        by_key: dict[str, list[IndexedName]] = defaultdict(list)
        by_form: dict[str, list[IndexedName]] = defaultdict(list)
        by_pinyin: dict[str, list[IndexedName]] = defaultdict(list)
        for name in names:
            by_key[name.key].append(name)
            by_form[form_key(name.key)].append(name)
            if name.pinyin:
                by_pinyin[name.pinyin].append(name)
        return cls(names, dict(by_key), dict(by_form), dict(by_pinyin))

    def exact(self, keys: Collection[str]) -> list[IndexedName]:
        """Names whose match key, folded key or pinyin key is one of ``keys``."""
        found: list[IndexedName] = []
        for key in keys:
            found += self.by_key.get(key, [])
            found += self.by_form.get(form_key(key), [])
            found += self.by_pinyin.get(key, [])
        return found

    def partial(self, key: str, pinyin: str | None) -> list[IndexedName]:
        """Names whose keys contain the query's, or are contained in it (the cheap test
        first; kg.reconcile.key_score decides)."""
        typed = [t for t in (key, pinyin) if t]
        found = []
        for name in self.names:
            nk = name.key
            if (
                key in nk
                or (len(nk) >= 2 and 2 * len(nk) >= len(key) and nk in key)
                or (name.pinyin is not None and any(t in name.pinyin for t in typed))
            ):
                found.append(name)
        return found


class Reconciling(Names):
    """Names scored against what people typed, for the Reconciliation Service API."""

    _lookup: _Lookup | None = None
    _lookup_lock = threading.Lock()

    def _reconcile_lookup(self) -> _Lookup:
        names = self.name_index.names()  # one small round trip when nothing changed
        with self._lookup_lock:
            if self._lookup is None or self._lookup.names is not names:
                self._lookup = _Lookup.build(names)
            return self._lookup

    def reconcile(self, queries: Sequence[NameQuery]) -> list[list[Candidate]]:
        """The candidates for each query, best first, at most its ``limit`` (kg.reconcile
        gives the scores and when a candidate is the match). Two round trips for the whole
        batch: the name index's check, and the candidates' names."""
        lookup = self._reconcile_lookup()
        shortlists = [_shortlist(lookup, q) for q in queries]
        wanted = set().union(*shortlists) if shortlists else set()
        wanted |= {q.text for q in queries if q.text and _is_iri(q.text)}
        found = self.entities(wanted) if wanted else {}
        return [_answer(q, s, found) for q, s in zip(queries, shortlists, strict=True)]

    def suggest(
        self, prefix: str, kinds: Collection[EntityKind] = (), *, offset: int = 0, limit: int = 10
    ) -> tuple[list[SearchHit], bool]:
        """Entities with a name (or its pinyin) starting with ``prefix``, best first, from
        ``offset``; and whether there are more. An entity's IRI finds the entity itself.
        One small round trip (the name index's check)."""
        if _is_iri(prefix.strip()):
            entity = self.entity(prefix.strip())
            if entity is None or (kinds and entity.kind not in kinds):
                return [], False
            return [SearchHit(entity.iri, entity.kind, 100, prefix.strip())][offset:], False
        key = match_key(prefix)
        if not key:
            return [], False
        best: dict[str, SearchHit] = {}
        for name in self.name_index.names():
            if kinds and name.kind not in kinds:
                continue
            if name.key.startswith(key):
                score = 100 if name.key == key else 80
            elif name.pinyin is not None and name.pinyin.startswith(key):
                score = 90 if name.pinyin == key else 70
            else:
                continue
            score -= min(len(name.key), 60) // 6
            if name.iri not in best or best[name.iri].score < score:
                best[name.iri] = SearchHit(name.iri, name.kind, score, name.value)
        ranked = sorted(best.values(), key=lambda hit: (-hit.score, len(hit.matched), hit.iri))
        return ranked[offset : offset + limit], len(ranked) > offset + limit

    def grounds(self, iris: Collection[str]) -> dict[str, dict[str, Grounds]]:
        """For each fact among ``iris`` (events, relationships...), what each property it
        states or infers rests on, by the property's local name ("date", "notAfter"...):
        the sources that state it, and the editors' basis where it is inferred (one round
        trip)."""
        return grounds_queries.grounds(self._store, iris)


def _is_iri(text: str) -> bool:
    return text.startswith(str(DATA))


def _shortlist(lookup: _Lookup, query: NameQuery) -> set[str]:
    """The IRIs worth reading for ``query``: the best few by their names' keys alone."""
    texts = [query.text] if query.text else list(query.also_named)
    keep = max(SHORTLIST, 3 * query.limit)
    scores: dict[str, int] = {}
    for text in texts:
        key = match_key(text)
        if not key:
            continue
        pinyin = pinyin_key(text)
        seen = lookup.exact([k for k in (key, pinyin) if k])
        if query.text:
            seen += lookup.partial(key, pinyin)
        for name in seen:
            if query.kinds and name.kind not in query.kinds:
                continue
            met = key_score(key, pinyin, name.key, name.pinyin)
            if met is not None and met[0] > scores.get(name.iri, -1):
                scores[name.iri] = met[0]
    ranked = sorted(scores, key=lambda iri: (-scores[iri], iri))
    return set(ranked[:keep])


def _answer(query: NameQuery, shortlist: set[str], found: dict[str, Entity]) -> list[Candidate]:
    """The query's candidates among the entities read, scored, narrowed and decided."""
    if query.text and _is_iri(query.text):
        entity = found.get(query.text)
        if entity is None or (query.kinds and entity.kind not in query.kinds):
            return []
        if query.also_named and not bears(entity, query.also_named):
            return []
        return decide([identified(entity)], query.limit, may_match=query.may_match)
    texts = [query.text] if query.text else list(query.also_named)
    keys = [(key, pinyin_key(text)) for text in texts if (key := match_key(text))]
    best: dict[str, Candidate] = {}
    for iri in sorted(shortlist):
        entity = found.get(iri)
        if entity is None or (query.kinds and entity.kind not in query.kinds):
            continue
        if query.also_named and not bears(entity, query.also_named):
            continue
        for key, pinyin in keys:
            candidate = score_entity(entity, key, pinyin, query.dates)
            if candidate is not None and (iri not in best or best[iri].score < candidate.score):
                best[iri] = candidate
    may_match = query.text is not None and query.may_match
    return decide(best.values(), query.limit, may_match=may_match)
