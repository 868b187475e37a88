"""Every seed fact against the text of the articles it cites: sources are articles, names are
written as recorded, locators exist, dates are written where a source is said to state them,
and no summary copies an article.

One test case per fact, so that a run counts the facts that fail (seeds/README.md records the
counts for the seeds before and after issue #12). $FINREG_CHECK_SEEDS checks another seeds
folder; without the articles every case skips with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest
from pyoxigraph import Literal

from tests.seeds.articles import CONVERSIONS, MISSING, Conversion, articles_folder
from tests.seeds.checks import (
    article,
    copied,
    date_problems,
    locator_problems,
    name_problems,
)
from tests.seeds.seedgraph import DATES, Derivation, Node, Seeds, as_node, seeds

Case = tuple[str, tuple[object, ...]]
"""A test case: its id and its arguments."""


def _cases(make: Callable[[Seeds], Iterable[Case]], width: int = 1) -> list[object]:
    """The test cases ``make`` finds in the seeds, in the order of their ids (an id that
    repeats gets #2, #3...); without the articles, one case that skips with the reason."""
    if articles_folder() is None:
        skip = pytest.mark.skip(reason=MISSING)
        return [pytest.param(*([None] * width), id="articles-missing", marks=skip)]
    found: dict[str, tuple[object, ...]] = {}
    for base, args in make(seeds()):
        key, n = base, 1
        while key in found:
            n += 1
            key = f"{base}#{n}"
        found[key] = args
    return [pytest.param(*found[k], id=k) for k in sorted(found)]


def _sources(found: Seeds) -> Iterable[Case]:
    return ((found.sources[s].slug, (s,)) for s in found.sources)


@pytest.mark.parametrize("source", _cases(_sources))
def test_each_source_is_one_article(source: str) -> None:
    assert article(seeds(), source) is not None, (
        f"{source}: no single article has its title, publisher, day (and time in the slug)"
    )


def _names(found: Seeds) -> Iterable[Case]:
    rows = found.select(
        "SELECT ?n ?v WHERE { ?e fr:name ?n . ?n fr:value ?v ; fr:nameKind ?k "
        "FILTER(lang(?v) = 'zh' && ?k IN (fr:LegalName, fr:ShortName, fr:FormerName)) }"
    )
    return ((found.label(as_node(r["n"])), (r["n"], r["v"].value)) for r in rows)


@pytest.mark.parametrize(("name", "value"), _cases(_names, 2))
def test_names_are_written_in_every_article_cited_for_them(name: Node, value: str) -> None:
    assert not name_problems(seeds(), name, value), name_problems(seeds(), name, value)


def _derivations(found: Seeds) -> Iterable[Case]:
    for node, derivations in found.derivations.items():
        for d in derivations:
            slug = found.sources[d.source].slug if d.source in found.sources else d.source
            yield f"{found.label(node)}@{slug}{d.locator or ''}", (d,)


@pytest.mark.parametrize("derivation", _cases(_derivations))
def test_every_locator_is_in_its_article(derivation: Derivation) -> None:
    assert not locator_problems(seeds(), derivation), locator_problems(seeds(), derivation)


def _dates(found: Seeds) -> Iterable[Case]:
    listed = " ".join(f"fr:{p}" for p in DATES)
    for r in found.select(f"SELECT ?x ?p ?v WHERE {{ VALUES ?p {{ {listed} }} ?x ?p ?v }}"):
        prop = r["p"].value.rsplit("#", 1)[-1]
        yield f"{found.label(as_node(r['x']))}:{prop}", (r["x"], prop, r["v"].value)


@pytest.mark.parametrize(("node", "prop", "value"), _cases(_dates, 3))
def test_dates_are_written_where_a_source_is_said_to_state_them(
    node: Node, prop: str, value: str
) -> None:
    problems = date_problems(seeds(), node, prop, value)
    assert not problems, f"{seeds().label(node)}: {problems}"


def _texts(found: Seeds) -> Iterable[Case]:
    rows = found.select(
        "SELECT ?x ?t WHERE { { ?x fr:summary ?t } UNION { ?x fr:inference/fr:basis ?t } "
        "FILTER(lang(?t) = 'zh') }"
    )
    return ((found.label(as_node(r["x"])), (as_node(r["x"]), r["t"])) for r in rows)


@pytest.mark.parametrize(("node", "text"), _cases(_texts, 2))
def test_no_summary_copies_an_article_it_cites(node: Node, text: Literal) -> None:
    run = copied(seeds(), node, text)
    assert run is None, f"{seeds().label(node)}: shares {run!r} with an article it cites"


def _conversions(found: Seeds) -> Iterable[Case]:
    return ((f"{c.value}:{'+'.join(c.phrases)}", (c,)) for c in CONVERSIONS)


@pytest.mark.parametrize("conversion", _cases(_conversions))
def test_every_conversion_in_the_table_is_used(conversion: Conversion) -> None:
    """The table stays closed: an entry no seed date needs goes."""
    found = seeds()
    listed = " ".join(f"fr:{p}" for p in DATES)
    for r in found.select(f"SELECT ?x ?p ?v WHERE {{ VALUES ?p {{ {listed} }} ?x ?p ?v }}"):
        prop = r["p"].value.rsplit("#", 1)[-1]
        for d in found.derivations.get(as_node(r["x"]), []):
            text = article(found, d.source)
            if (
                prop in d.states
                and text is not None
                and conversion.applies(r["v"].value, text.passage(d.locator), text.issued)
            ):
                return
    pytest.fail(f"no seed date uses {conversion}")
