"""The checks of seed facts against the article text, one function per rule; each returns what
is wrong (nothing when the fact passes), so a test can name every problem of a fact at once."""

from __future__ import annotations

from functools import cache

from pyoxigraph import Literal, NamedNode

from tests.seeds.articles import CONVERSIONS, Article, markers, shared_run, written
from tests.seeds.seedgraph import Derivation, Node, Seeds


def article(seeds: Seeds, source: str) -> Article | None:
    """The article a seed source is (None: an unknown source, or no single article)."""
    known = seeds.sources.get(source)
    return known.article() if known else None


def name_problems(seeds: Seeds, name: Node, value: str) -> list[str]:
    """A Chinese legal, short or former name must be written, exactly so, in every article
    cited for it."""
    problems = []
    for source in sorted(seeds.cited.get(name, set())):
        text = article(seeds, source)
        if text is None:
            problems.append(f"{source} is no single article")
        elif value not in text.title + "\n" + text.body:
            problems.append(
                f"{value!r} is not written in {text.publisher} {text.issued} {text.time}"
            )
    if not seeds.cited.get(name):
        problems.append(f"{value!r} cites no source")
    return problems


def locator_problems(seeds: Seeds, derivation: Derivation) -> list[str]:
    """Each citation marker of a locator is in the article, and the locator finds a passage."""
    text = article(seeds, derivation.source)
    if text is None:
        return [f"{derivation.source} is no single article"]
    if derivation.locator is None:
        return []
    problems = [
        f"[{m}] is not in {text.publisher} {text.issued} {text.time}"
        for m in sorted(markers(derivation.locator))
        if f"[{m}]" not in text.body
    ]
    if not markers(derivation.locator):
        problems.append(f"{derivation.locator!r} has no citation marker")
    elif not problems and not text.passage(derivation.locator):
        problems.append(f"no bullet carries only markers of {derivation.locator}")
    return problems


def date_problems(seeds: Seeds, node: Node, prop: str, value: str) -> list[str]:
    """A date is stated by a derivation (``fr:states``) of an article that writes it at the
    locator (as ``written`` gives it, or by a conversion in the closed table), or it is the
    first reporting article's own day for ``fr:notAfter``; else the editors mark it inferred.
    Every derivation that claims to state it must pass."""
    stating = [d for d in seeds.derivations.get(node, []) if prop in d.states]
    inferred = seeds.inferred.get(node, {})
    problems: list[str] = []
    if not stating and prop not in inferred:
        problems.append(f"fr:{prop} {value} is neither stated by a source nor marked inferred")
    if prop in inferred and not {"zh", "en"} <= set(inferred[prop]):
        problems.append(f"the inference of fr:{prop} lacks a zh and an en basis")
    first = min(
        (seeds.sources[s].issued for s in seeds.cited.get(node, set()) if s in seeds.sources),
        default=None,
    )
    for derivation in stating:
        text = article(seeds, derivation.source)
        if text is None:
            problems.append(f"{derivation.source} is no single article")
            continue
        passage = text.passage(derivation.locator)
        if written(value) in passage:
            continue
        if any(c.applies(value, passage, text.issued) for c in CONVERSIONS):
            continue
        if prop == "notAfter" and value == text.issued == first:
            continue
        where = f"{text.publisher} {text.issued} {text.time} {derivation.locator or ''}".strip()
        problems.append(f"{where} does not write fr:{prop} {value} ({written(value)})")
    return problems


@cache
def exempt(seeds: Seeds) -> list[str]:
    """Names and titles: the runs a summary may share with an article."""
    names = seeds.values("SELECT ?v WHERE { ?e fr:name/fr:value ?v FILTER(lang(?v) = 'zh') }")
    return [r["v"] for r in names] + [s.title for s in seeds.sources.values()]


def sources_of(seeds: Seeds, node: Node) -> set[str]:
    """The articles a node cites: its own sources, else (a notice, a licence) its names'."""
    own = seeds.cited.get(node, set())
    names = {n for n, e in seeds.owner.items() if isinstance(node, NamedNode) and e == node.value}
    return set(own) or set().union(*(seeds.cited.get(n, set()) for n in names))


def copied(seeds: Seeds, node: Node, text: Literal) -> str | None:
    """The run of at least RUN characters a text about ``node`` shares with one of the
    articles the node cites (names and titles excepted), or None."""
    bodies = [
        a.title + "\n" + a.body for s in sorted(sources_of(seeds, node)) if (a := article(seeds, s))
    ]
    return shared_run(text.value, bodies, exempt(seeds))
