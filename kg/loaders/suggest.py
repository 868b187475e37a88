""" "Did you mean …": the existing IRIs closest to a misspelt finreg IRI.

A slug is compared, letters and digits only, with every existing IRI of the same kind and
with the pinyin and match keys of their names, so ``company:mayi-xiaofei`` finds 蚂蚁消费金融
(pinyin "mayixiaofeijinrong") as well as ``company:ant-consumer-finanse`` finds
``company:ant-consumer-finance``.

>>> candidates = [Candidate("https://w3id.org/finreg/id/company/ant-consumer-finance",
...                         "蚂蚁消费金融", ("mayixiaofeijinrong", "antconsumerfinance"))]
>>> [s.iri.rsplit("/", 1)[1] for s in closest(
...     "https://w3id.org/finreg/id/company/ant-consumer-finanse", candidates)]
['ant-consumer-finance']
>>> [s.name for s in closest("https://w3id.org/finreg/id/company/mayi-xiaofei", candidates)]
['蚂蚁消费金融']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from kg.names import has_chinese, match_key, pinyin_key

THRESHOLD = 0.72
"""How alike (difflib's ratio, 0 to 1) a candidate must be to be suggested. Keys of up to
``SHORT`` letters are suggested when one edit apart, which their ratio undervalues ("cc"
and "c" are 0.67 alike)."""

SHORT = 6

_FOLD = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True)
class Candidate:
    """An existing IRI, one of its names (for showing), and the keys to compare with."""

    iri: str
    name: str | None
    keys: tuple[str, ...]


def fold(text: str) -> str:
    """Lower-case letters and digits only: ``Ant-Consumer_Finance`` -> ``antconsumerfinance``."""
    return _FOLD.sub("", text.lower())


def slug(iri: str) -> str:
    """The last path segment of an IRI."""
    return iri.rstrip("/").rsplit("/", 1)[-1]


def closest(iri: str, candidates: Iterable[Candidate], limit: int = 3) -> list[Candidate]:
    """The candidates most like ``iri`` (at least ``THRESHOLD`` alike), best first."""
    wanted = fold(slug(iri))
    if not wanted:
        return []
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    scored: dict[str, tuple[float, Candidate]] = {}
    for candidate in candidates:
        if candidate.iri == iri:
            continue
        best = 0.0
        for key in (fold(slug(candidate.iri)), *candidate.keys):
            if len(wanted) <= SHORT and one_edit(wanted, key):
                best = max(best, THRESHOLD)
                continue
            matcher.set_seq1(key)
            if matcher.real_quick_ratio() >= THRESHOLD and matcher.quick_ratio() >= THRESHOLD:
                best = max(best, matcher.ratio())
        if best >= THRESHOLD and best > scored.get(candidate.iri, (0.0, candidate))[0]:
            scored[candidate.iri] = (best, candidate)
    ranked = sorted(scored.values(), key=lambda item: (-item[0], item[1].iri))
    return [candidate for _, candidate in ranked[:limit]]


def one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter added, removed, changed, or two neighbours
    swapped.

    >>> one_edit("cc", "c"), one_edit("ab", "ba"), one_edit("ab", "cd")
    (True, True, False)
    """
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )  # fmt: skip
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def candidate(
    iri: str, names: Iterable[tuple[str, str | None]], label: str | None = None
) -> Candidate:
    """A candidate from an IRI and its names, each with its pinyin key if known (computed
    when None); the name shown is ``label`` if given, else a Chinese name if there is one."""
    listed = [(value, pinyin or pinyin_key(value) or "") for value, pinyin in names]
    folded = (fold(k) for value, pinyin in listed for k in (pinyin, match_key(value)))
    keys = tuple(dict.fromkeys(k for k in folded if k))
    values = [v for v, _ in listed]
    shown = label or next((v for v in values if has_chinese(v)), values[0] if values else None)
    return Candidate(iri, shown, keys)
