"""Every seed fact against the text of the articles it cites: sources are articles, names are
written as recorded, locators exist, dates are written where a source is said to state them,
and no summary copies an article.

One test case per fact, so that a run counts the facts that fail (seeds/README.md records the
counts for the seeds before and after issue #12). $FINREG_CHECK_SEEDS checks another seeds
folder; without the articles every case skips with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from _pytest.mark.structures import ParameterSet
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


def _cases(make: Callable[[Seeds], list[ParameterSet]]) -> list[ParameterSet]:
    """The test cases ``make`` finds in the seeds; one skipped case without the articles."""
    if articles_folder() is None:
        return [pytest.param(None, id="articles-missing", marks=pytest.mark.skip(reason=MISSING))]
    return make(seeds())


def _sources(found: Seeds) -> list[ParameterSet]:
    return [pytest.param(s, id=found.sources[s].slug) for s in sorted(found.sources)]


@pytest.mark.parametrize("source", _cases(_sources))
def test_each_source_is_one_article(source: str) -> None:
    assert article(seeds(), source) is not None, (
        f"{source}: no single article has its title, publisher, day (and time in the slug)"
    )


def _names(found: Seeds) -> list[ParameterSet]:
    rows = found.select(
        "SELECT ?n ?v WHERE { ?e fr:name ?n . ?n fr:value ?v ; fr:nameKind ?k "
        "FILTER(lang(?v) = 'zh' && ?k IN (fr:LegalName, fr:ShortName, fr:FormerName)) }"
    )
    cases = {found.label(as_node(r["n"])): (r["n"], r["v"].value) for r in rows}
    return [pytest.param(*cases[k], id=k) for k in sorted(cases)]


@pytest.mark.parametrize(("name", "value"), _cases(_names))
def test_names_are_written_in_every_article_cited_for_them(name: Node, value: str) -> None:
    assert not name_problems(seeds(), name, value), name_problems(seeds(), name, value)


def _derivations(found: Seeds) -> list[ParameterSet]:
    cases = {}
    for node, derivations in found.derivations.items():
        for d in derivations:
            slug = found.sources[d.source].slug if d.source in found.sources else d.source
            cases[f"{found.label(node)}@{slug}{d.locator or ''}"] = d
    return [pytest.param(cases[k], id=k) for k in sorted(cases)]


@pytest.mark.parametrize("derivation", _cases(_derivations))
def test_every_locator_is_in_its_article(derivation: Derivation) -> None:
    assert not locator_problems(seeds(), derivation), locator_problems(seeds(), derivation)


def _dates(found: Seeds) -> list[ParameterSet]:
    listed = " ".join(f"fr:{p}" for p in DATES)
    rows = found.select(f"SELECT ?x ?p ?v WHERE {{ VALUES ?p {{ {listed} }} ?x ?p ?v }}")
    cases = {}
    for r in rows:
        prop = r["p"].value.rsplit("#", 1)[-1]
        cases[f"{found.label(as_node(r['x']))}:{prop}"] = (r["x"], prop, r["v"].value)
    return [pytest.param(*cases[k], id=k) for k in sorted(cases)]


@pytest.mark.parametrize(("node", "prop", "value"), _cases(_dates))
def test_dates_are_written_where_a_source_is_said_to_state_them(
    node: Node, prop: str, value: str
) -> None:
    problems = date_problems(seeds(), node, prop, value)
    assert not problems, f"{seeds().label(node)}: {problems}"


def _texts(found: Seeds) -> list[ParameterSet]:
    rows = found.select(
        "SELECT ?x ?t WHERE { { ?x fr:summary ?t } UNION { ?x fr:inference/fr:basis ?t } "
        "FILTER(lang(?t) = 'zh') }"
    )
    cases: dict[str, tuple[Node, Literal]] = {}
    for r in rows:
        base = found.label(as_node(r["x"]))
        key = base
        n = 1
        while key in cases:
            n += 1
            key = f"{base}#{n}"
        text = r["t"]
        assert isinstance(text, Literal)
        cases[key] = (as_node(r["x"]), text)
    return [pytest.param(*cases[k], id=k) for k in sorted(cases)]


@pytest.mark.parametrize(("node", "text"), _cases(_texts))
def test_no_summary_copies_an_article_it_cites(node: Node, text: Literal) -> None:
    run = copied(seeds(), node, text)
    assert run is None, f"{seeds().label(node)}: shares {run!r} with an article it cites"


def _conversions(found: Seeds) -> list[ParameterSet]:
    return [pytest.param(c, id=f"{c.value}:{'+'.join(c.phrases)}") for c in CONVERSIONS]


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
