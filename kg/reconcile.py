"""Scoring entities against a name someone typed: the rules behind the /reconcile endpoint.

A reconciliation query names an entity as a journalist's spreadsheet spells it. Every name
of every entity counts (legal, short, former, translations, aliases; traditional or
simplified; pinyin), compared by the match keys of kg.names. On top of those keys, the
scorer folds company forms (有限公司, 股份有限公司, 有限责任公司, 股份公司, 公司,
"Co., Ltd."...), so that "浙江阿里巴巴小额贷款有限公司" finds 浙江阿里巴巴小额贷款股份有限公司
as a candidate. The folding happens here only: the stored match keys stay as they are, so
name resolution elsewhere never takes a variant for the name itself.

========================  ==================================================  =====
how the name matched      which name                                          score
========================  ==================================================  =====
identifier                the query is the entity's IRI                       100
exact (match key equal)   a legal, short or former name                       100
exact                     a translation or an alias                            95
variant                   equal once company forms are folded                  85
pinyin                    the query's pinyin (or the query in letters) is      80
                          the name's
prefix                    one key starts with the other                      40-70
substring                 one key contains the other                         30-60
pinyin part               the query is part of the name's pinyin             20-50
========================  ==================================================  =====

Partial matches score by how much of the longer key the shorter covers. When the query
gives dates, a name counts only as it was valid on one of them (``Name.valid_at``); a name
that was not scores 10 less. An entity's score is that of its best name.

A candidate is a **match** only when its name's match key equals the query's, the name is
a legal, short or former name valid on the dates, and no other candidate has such a name;
or when the query is the entity's IRI. Variants, pinyin, translations and aliases raise the
score; they never make a match.

>>> form_key(match_key("浙江阿里巴巴小额贷款有限公司"))
'浙江阿里巴巴小额贷款'
>>> form_key(match_key("浙江阿里巴巴小额贷款股份有限公司"))
'浙江阿里巴巴小额贷款'
>>> form_key(match_key("Ant Consumer Finance Co., Ltd."))
'antconsumerfinance'
>>> form_key(match_key("公司"))
'公司'
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache

from kg.dates import PartialDate
from kg.model import Entity, EntityKind, Name, NameKind
from kg.names import match_key, pinyin_key

__all__ = [
    "Candidate",
    "MatchHow",
    "NameQuery",
    "form_key",
    "match_key",
    "pinyin_key",
    "score_entity",
]

COMPANY_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "股份公司",
    "公司",
    "companylimited",
    "colimited",
    "coltd",
    "limited",
    "ltd",
    "corporation",
    "incorporated",
    "company",
)
"""Company forms, as match keys (spaces and punctuation gone), longest first within each
language: the ending the scorer folds away. One is folded, never all of a name."""

STRONG_KINDS = frozenset({NameKind.LEGAL, NameKind.SHORT, NameKind.FORMER})
"""The kinds of name that can make a match: what the entity is or was called."""

DATE_PENALTY = 10
"""What a name loses when the query's dates fall outside its validity."""


def form_key(key: str) -> str:
    """A match key (kg.names.match_key) without its company form; the key itself when it
    is nothing but a form, or has none."""
    for form in COMPANY_FORMS:
        if key.endswith(form) and len(key) > len(form):
            return key[: -len(form)]
    return key


class MatchHow(Enum):
    """How a candidate's best name met the query (the table in the module docstring)."""

    IDENTIFIER = "identifier"
    EXACT = "exact"
    VARIANT = "variant"
    PINYIN = "pinyin"
    PREFIX = "prefix"
    SUBSTRING = "substring"
    PINYIN_PART = "pinyin part"


@dataclass(frozen=True)
class NameQuery:
    """One reconciliation query: a name, and what narrows it.

    ``kinds`` keeps the candidates to those kinds (all when empty); ``dates`` makes a name
    count only as it was valid on one of them; ``also_named`` keeps the candidates that
    also bear one of these names (any kind, variants folded). Without ``text``, the
    candidates are the entities that bear an ``also_named`` name, and none is a match; nor
    is any when ``may_match`` is False (the caller could not read all it was given).
    """

    text: str | None
    kinds: frozenset[EntityKind] = frozenset()
    dates: tuple[PartialDate, ...] = ()
    also_named: tuple[str, ...] = ()
    limit: int = 5
    may_match: bool = True


@dataclass(frozen=True)
class Candidate:
    """An entity proposed for a query, with its score (0-100) and whether it is a match."""

    entity: Entity
    score: int
    match: bool
    how: MatchHow
    name: Name | None = None
    """The name that scored best (None when the query was the entity's IRI)."""
    valid: bool = True
    """Whether that name was valid on the query's dates (True without dates)."""
    strong: bool = False
    """Whether that name is a legal, short or former name."""

    @property
    def counts(self) -> bool:
        """Whether this candidate could be the match: the query is its IRI, or its best
        name is a legal, short or former name with the query's key, valid on its dates."""
        return self.how is MatchHow.IDENTIFIER or (
            self.how is MatchHow.EXACT and self.strong and self.valid
        )


@dataclass(frozen=True)
class _Scored:
    score: int
    how: MatchHow
    name: Name
    valid: bool
    strong: bool
    rank: tuple[int, int, int, str] = field(default=(0, 0, 0, ""))


def _ratio(short: str, long: str) -> float:
    return len(short) / max(len(long), 1)


def key_score(
    key: str, pinyin: str | None, name_key: str, name_pinyin: str | None
) -> tuple[int, MatchHow] | None:
    """How a query's keys (match key, pinyin key) meet one name's keys, before the name's
    kind and validity count: the base score and how, or None when they do not meet.

    >>> key_score("huabei", None, "花呗", "huabei")
    (80, <MatchHow.PINYIN: 'pinyin'>)
    >>> key_score("花呗", "huabei", "花呗", "huabei")
    (100, <MatchHow.EXACT: 'exact'>)
    """
    if not key or not name_key:
        return None
    if key == name_key:
        return 100, MatchHow.EXACT
    if form_key(key) == form_key(name_key):
        return 85, MatchHow.VARIANT
    if name_pinyin and name_pinyin in (key, pinyin):
        return 80, MatchHow.PINYIN
    if name_key.startswith(key) or key.startswith(name_key):
        short, long = sorted((key, name_key), key=len)
        return 40 + round(30 * _ratio(short, long)), MatchHow.PREFIX
    if key in name_key or (
        len(name_key) >= 2 and 2 * len(name_key) >= len(key) and name_key in key
    ):
        short, long = sorted((key, name_key), key=len)
        return 30 + round(30 * _ratio(short, long)), MatchHow.SUBSTRING
    if name_pinyin:
        for typed in (key, pinyin):
            if typed and len(typed) >= 2 and typed in name_pinyin:
                return 20 + round(30 * _ratio(typed, name_pinyin)), MatchHow.PINYIN_PART
    return None


def score_entity(
    entity: Entity, key: str, pinyin: str | None, dates: Collection[PartialDate]
) -> Candidate | None:
    """The entity scored by its best name against a query's keys (``match`` is left False:
    whether it is a match depends on the other candidates, see :func:`decide`)."""
    best: _Scored | None = None
    for name in entity.names:
        met = key_score(key, pinyin, *name_keys(name.value))
        if met is None:
            continue
        base, how = met
        strong = name.kind in STRONG_KINDS
        valid = not dates or any(name.valid_at(d) for d in dates)
        score = base - (0 if how is not MatchHow.EXACT or strong else 5)
        score -= 0 if valid else DATE_PENALTY
        rank = (score, int(strong), int(valid), name.value)
        scored = _Scored(max(score, 1), how, name, valid, strong, rank)
        if best is None or scored.rank > best.rank:
            best = scored
    if best is None:
        return None
    return Candidate(entity, best.score, False, best.how, best.name, best.valid, best.strong)


@lru_cache(maxsize=65536)
def name_keys(text: str) -> tuple[str, str | None]:
    """The match key and pinyin key of a name (kg.names), remembered: a batch scores the
    same names again for every query that finds them."""
    return match_key(text), pinyin_key(text)


def identified(entity: Entity) -> Candidate:
    """The candidate for a query that is the entity's own IRI."""
    return Candidate(entity, 100, False, MatchHow.IDENTIFIER, None, True, True)


def bears(entity: Entity, names: Iterable[str]) -> bool:
    """Whether the entity bears one of ``names`` (any kind), company forms folded."""
    wanted = {form_key(k) for k in (match_key(n) for n in names) if k}
    return any(form_key(name_keys(n.value)[0]) in wanted for n in entity.names)


def decide(
    candidates: Iterable[Candidate], limit: int, *, may_match: bool = True
) -> list[Candidate]:
    """The best ``limit`` candidates, best first, the one that :attr:`Candidate.counts`
    marked as the match if it is the only one (and ``may_match``)."""
    ranked = sorted(
        candidates,
        key=lambda c: (
            -c.score,
            not c.counts,
            len(c.name.value) if c.name else 0,
            c.entity.iri,
        ),
    )
    counting = [c for c in ranked if c.counts]
    chosen = ranked[:limit]
    if may_match and len(counting) == 1:
        only = counting[0]
        chosen = [
            Candidate(c.entity, c.score, True, c.how, c.name, c.valid, c.strong) if c is only else c
            for c in chosen
        ]
    return chosen
