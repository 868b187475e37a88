"""What the editors inferred, claims that disagree, figures as reported (comparators), bounded
ends, notice dates and sectors, through GraphQL (the test graph with its claims,
tests.api.graph.CLAIMS)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.conftest import Run
from tests.api.graph import NS

GONE = NS + "company/gone"
SECTOR = NS + "sector/microloan"
COMPANIES = NS + "metric/companies"


def data(run: Run, query: str, **variables: Any) -> dict[str, Any]:
    """Run a query that must succeed; return its data."""
    result = run(query, **variables)
    assert not result.errors, result.errors
    assert result.data is not None
    return result.data


def error_code(run: Run, query: str, **variables: Any) -> str:
    """Run a query that must fail; return its one error's code."""
    result = run(query, **variables)
    assert result.errors is not None
    (error,) = result.errors
    assert error.extensions is not None
    return str(error.extensions["code"])


EVENT = """query($id: ID!) { node(id: $id) { ... on Event {
    id date notAfter inferred basis en: basis(lang: "en")
    conflictsWith { id date sources { title } }
    citations { locator states source { title } }
} } }"""


def event(run: Run, slug: str) -> dict[str, Any]:
    """The event ``event/<slug>`` with the fields EVENT asks."""
    found = data(run, EVENT, id=NS + "event/" + slug)["node"]
    assert found is not None
    return found


def test_an_inferred_date_says_so_with_its_basis_in_both_languages(claims_run: Run) -> None:
    founded = event(claims_run, "gone-founded")
    assert founded["date"] == "2016"
    assert founded["inferred"] is True
    assert founded["basis"] == "日期：其牌照于2017年获批，成立应在此前一年"
    assert founded["en"] == "date: its licence was granted in 2017, a year after it was founded"
    # The source reports the founding, but states no date: its citation says so.
    assert founded["citations"] == [
        {"locator": None, "states": [], "source": {"title": "花呗换主体"}}
    ]


def test_a_wholly_inferred_event_gives_its_basis_without_a_property(claims_run: Run) -> None:
    ceased = event(claims_run, "gone-ceased")
    assert ceased["inferred"] is True
    assert ceased["en"] == "the report says only that it stopped lending, not trading"
    assert ceased["citations"] == [
        {"locator": "[8]", "states": ["notAfter"], "source": {"title": "花呗换主体"}}
    ]


def test_a_stated_event_is_not_inferred_and_its_citation_states_its_date(claims_run: Run) -> None:
    stated = event(claims_run, "gone-deregistered")
    assert stated["inferred"] is False
    assert stated["basis"] is None
    assert stated["citations"] == [
        {"locator": "[9]", "states": ["date"], "source": {"title": "花呗换主体"}}
    ]


def test_conflicting_claims_are_read_both_ways_each_with_its_sources(claims_run: Run) -> None:
    # Only gone-deregistered states fr:conflictsWith; the property is symmetric.
    stated = event(claims_run, "gone-deregistered")
    assert stated["conflictsWith"] == [
        {
            "id": NS + "event/gone-deregistered-later",
            "date": "2023-09",
            "sources": [{"title": "注销公告"}],
        }
    ]
    later = event(claims_run, "gone-deregistered-later")
    assert [e["id"] for e in later["conflictsWith"]] == [NS + "event/gone-deregistered"]
    assert later["conflictsWith"][0]["sources"] == [{"title": "花呗换主体"}]
    assert event(claims_run, "gone-founded")["conflictsWith"] == []


FIGURES = """query($metric: String) { entity(name: "全国小额贷款公司") {
    __typename kind name(lang: "en")
    figures(metric: $metric) {
        id amount unit date comparator summary en: summary(lang: "en") inferred basis
        subject { id kind } conflictsWith { id amount comparator sources { title } }
        citations { states source { title } }
    }
} }"""


def test_a_sector_is_served_with_its_figures_oldest_first(claims_run: Run) -> None:
    sector = data(claims_run, FIGURES)["entity"]
    assert (sector["__typename"], sector["kind"]) == ("Sector", "SECTOR")
    assert sector["name"] == "Microloan companies in China"
    ids = [f["id"].rsplit("/", 1)[1] for f in sector["figures"]]
    assert ids == [
        "microloan-count-2015",
        "microloan-count-2020",
        "microloan-count-inferred",
        "microloan-count-stated",
        "microloan-balance",
    ]
    assert all(f["subject"] == {"id": SECTOR, "kind": "SECTOR"} for f in sector["figures"])


def test_more_than_5500_is_never_served_as_exactly_5500(claims_run: Run) -> None:
    figures = data(claims_run, FIGURES, metric="companies")["entity"]["figures"]
    stated = next(f for f in figures if f["id"].endswith("count-stated"))
    assert (stated["amount"], stated["comparator"]) == ("5500", "MORE_THAN")
    assert stated["summary"] == "机构数量：超过 5500 家（2023）"
    assert stated["en"] == "number of companies: more than 5500 家 (2023)"
    exact = next(f for f in figures if f["id"].endswith("count-2020"))
    assert exact["comparator"] is None
    assert exact["en"] == "number of companies: 7118 家 (2020)"


def test_conflicting_figures_stand_side_by_side_one_of_them_inferred(claims_run: Run) -> None:
    figures = data(claims_run, FIGURES, metric="companies")["entity"]["figures"]
    stated = next(f for f in figures if f["id"].endswith("count-stated"))
    inferred = next(f for f in figures if f["id"].endswith("count-inferred"))
    assert (stated["inferred"], stated["basis"]) == (False, None)
    assert stated["citations"] == [{"states": ["date"], "source": {"title": "花呗换主体"}}]
    assert stated["conflictsWith"] == [
        {
            "id": inferred["id"],
            "amount": "5300",
            "comparator": "ABOUT",
            "sources": [{"title": "注销公告"}],
        }
    ]
    assert inferred["inferred"] is True
    assert inferred["basis"] == "日期：公告发表于2023年，所说的是当年的数字"
    assert [f["id"] for f in inferred["conflictsWith"]] == [stated["id"]]


@pytest.mark.parametrize("metric", ["companies", "metric:companies", COMPANIES])
def test_a_metric_is_named_by_its_iri_or_its_slug(claims_run: Run, metric: str) -> None:
    figures = data(claims_run, FIGURES, metric=metric)["entity"]["figures"]
    assert len(figures) == 4
    assert {f["unit"] for f in figures} == {"家"}


@pytest.mark.parametrize("metric", ["no-such-metric", "not an iri at all", ""])
def test_an_unknown_metric_has_no_figures(claims_run: Run, metric: str) -> None:
    assert data(claims_run, FIGURES, metric=metric)["entity"]["figures"] == []


def test_every_entity_type_has_figures(claims_run: Run) -> None:
    found = data(
        claims_run,
        """{ company: entity(name: "重庆阿里小贷") { figures { amount } }
            product: entity(name: "花呗") { figures { amount } }
            regulator: entity(name: "NFRA") { figures { amount } } }""",
    )
    assert found == {
        "company": {"figures": [{"amount": "1234.5"}]},
        "product": {"figures": []},
        "regulator": {"figures": []},
    }


LIST = """query($subject: String, $metric: String, $from: PartialDate, $to: PartialDate,
                $first: Int!, $after: String) {
    figures(subject: $subject, metric: $metric, from: $from, to: $to, first: $first,
            after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id date subject { id } } }
    } }"""


def ids(connection: dict[str, Any]) -> list[str]:
    """The slugs of the figures on a page."""
    return [e["node"]["id"].rsplit("/", 1)[1] for e in connection["edges"]]


def test_figures_list_newest_first_across_the_graph(claims_run: Run) -> None:
    everything = data(claims_run, LIST, first=50)["figures"]
    assert everything["totalCount"] == 6
    assert ids(everything) == [
        "microloan-balance",
        "microloan-count-inferred",
        "microloan-count-stated",
        "chongqing-balance",
        "microloan-count-2020",
        "microloan-count-2015",
    ]
    assert everything["pageInfo"]["hasNextPage"] is False


def test_figures_list_filtered_by_subject_metric_and_dates(claims_run: Run) -> None:
    sector = data(claims_run, LIST, subject="Microloan companies in China", first=50)["figures"]
    assert sector["totalCount"] == 5
    assert {e["node"]["subject"]["id"] for e in sector["edges"]} == {SECTOR}
    balance = data(claims_run, LIST, metric="metric:balance", first=50)["figures"]
    assert ids(balance) == ["microloan-balance", "chongqing-balance"]
    window = data(claims_run, LIST, metric="companies", first=50, **{"from": "2016", "to": "2022"})
    assert ids(window["figures"]) == ["microloan-count-2020"]
    year = data(claims_run, LIST, first=50, **{"from": "2015-12", "to": "2015-12-31"})
    assert ids(year["figures"]) == ["microloan-count-2015"]


def test_figures_list_pages_with_opaque_cursors_and_an_exact_total(claims_run: Run) -> None:
    first = data(claims_run, LIST, first=4)["figures"]
    assert first["totalCount"] == 6
    assert first["pageInfo"]["hasNextPage"] is True
    second = data(claims_run, LIST, first=4, after=first["pageInfo"]["endCursor"])["figures"]
    assert second["totalCount"] == 6
    assert second["pageInfo"]["hasNextPage"] is False
    assert ids(first) + ids(second) == ids(data(claims_run, LIST, first=50)["figures"])
    assert error_code(claims_run, LIST, first=2, after="bm90LW91cnM=") == "BAD_USER_INPUT"
    events_cursor = data(claims_run, "{ events(first: 1) { pageInfo { endCursor } } }")
    cursor = events_cursor["events"]["pageInfo"]["endCursor"]
    assert error_code(claims_run, LIST, first=2, after=cursor) == "BAD_USER_INPUT"
    assert error_code(claims_run, LIST, first=0) == "BAD_USER_INPUT"


def test_figures_list_of_an_unknown_or_ambiguous_subject(claims_run: Run) -> None:
    assert error_code(claims_run, LIST, subject="没有这家公司", first=5) == "NOT_FOUND"
    assert error_code(claims_run, LIST, subject="同名公司", first=5) == "AMBIGUOUS"


def test_notices_give_their_dates_and_what_they_supersede(claims_run: Run) -> None:
    found = data(
        claims_run,
        """{ new: entity(name: "小额贷款公司监督管理办法") { ... on Notice {
                effectiveFrom deadline supersedes { id name } supersededBy { id } } }
            old: entity(name: "小额贷款公司暂行办法") { ... on Notice {
                effectiveFrom deadline supersedes { id } supersededBy { id name } } } }""",
    )
    assert found["new"] == {
        "effectiveFrom": "2025-01-01",
        "deadline": "2026",
        "supersedes": [{"id": NS + "notice/old-measures", "name": "小额贷款公司暂行办法"}],
        "supersededBy": [],
    }
    assert found["old"] == {
        "effectiveFrom": "2008",
        "deadline": None,
        "supersedes": [],
        "supersededBy": [{"id": NS + "notice/new-measures", "name": "小额贷款公司监督管理办法"}],
    }


def test_a_stake_past_its_end_bound_is_no_longer_a_holding(claims_run: Run) -> None:
    found = data(
        claims_run,
        """{ ant: entity(name: "Ant Group") { ... on Group {
                now: members { id } then: members(asOf: "2020") { id }
                after: members(asOf: "2023-10") { id } atBound: members(asOf: "2023-09") { id } } }
            gone: entity(name: "消失小额贷款有限公司") { ... on Company {
                owners { id } then: owners(asOf: "2020") { id } } } }""",
    )
    assert {"id": GONE} not in found["ant"]["now"]
    assert {"id": GONE} in found["ant"]["then"]
    assert {"id": GONE} not in found["ant"]["after"]
    assert {"id": GONE} in found["ant"]["atBound"]  # it may have held until the bound's end
    assert found["gone"] == {"owners": [], "then": [{"id": NS + "group/ant"}]}


def test_an_operation_past_its_end_bound_is_no_longer_current(claims_run: Run) -> None:
    found = data(
        claims_run,
        """{ loan: entity(name: "消失贷") { ... on Product {
                operators { id } then: operators(asOf: "2020") { id }
                after: operators(asOf: "2023") { id } } }
            gone: entity(name: "消失小额贷款有限公司") { ... on Company {
                products { id } then: products(asOf: "2020") { id } } } }""",
    )
    assert found["loan"] == {"operators": [], "then": [{"id": GONE}], "after": []}
    assert found["gone"] == {"products": [], "then": [{"id": NS + "product/gone-loan"}]}


def test_a_licence_past_its_end_bound_is_not_active(claims_run: Run) -> None:
    found = data(
        claims_run,
        """{ entity(name: "消失小贷网络小贷牌照") { ... on Licence {
            endNotAfter status granted: status(asOf: "2020") ended: status(asOf: "2023-01")
        } } }""",
    )["entity"]
    assert found == {
        "endNotAfter": "2022-12",
        "status": "EXPIRED",  # its holder has since been deregistered, which says how
        "granted": "ACTIVE",
        "ended": "ENDED",  # past the bound, before the holder's deregistration
    }


def test_search_and_node_serve_sectors(claims_run: Run) -> None:
    found = data(
        claims_run,
        """query($id: ID!) {
            search(text: "小额贷款", kinds: [SECTOR]) { totalCount edges { node { id } } }
            node(id: $id) { __typename ... on Sector { figures(metric: "balance") { amount } } }
        }""",
        id=SECTOR,
    )
    assert found["search"] == {"totalCount": 1, "edges": [{"node": {"id": SECTOR}}]}
    assert found["node"] == {"__typename": "Sector", "figures": [{"amount": "7629"}]}
