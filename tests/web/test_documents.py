"""The documents behind the pages: each entity's RDF description, its pictures and timeline
CSV, and the whole graph as Turtle, TriG, N-Quads and JSON-LD."""

from __future__ import annotations

import csv
import io
import warnings
import xml.etree.ElementTree as ET

import httpx
import pytest
from rdflib import RDF, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from kg.store import GraphStore
from kg.vocab import DATA, FR

ACF = DATA["company/ant-consumer-finance"]
HUABEI_TRANSFER = DATA["event/huabei-transfer-to-ant-consumer-finance"]
JIEBEI_TRANSFER = DATA["event/jiebei-transfer-to-ant-consumer-finance"]


def rdf(data: str | bytes, fmt: str) -> Graph:
    """Parse a graph with rdflib (whose JSON-LD parser calls rdflib's own deprecated APIs,
    warning about them: those warnings are rdflib's business, not the document's)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        return Graph().parse(data=data, format=fmt)


def rdf_dataset(data: str | bytes, fmt: str) -> Dataset:
    """Parse a dataset with rdflib (see ``rdf`` for the warnings left aside)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        dataset = Dataset()
        dataset.parse(data=data, format=fmt)
        return dataset


def fetch(client: httpx.Client, path: str, media_type: str) -> httpx.Response:
    """A 200 response of ``media_type`` at ``path``."""
    response = client.get(path)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["content-type"].split(";")[0] == media_type
    return response


def test_the_turtle_description_has_the_names_events_and_sources(client: httpx.Client) -> None:
    body = fetch(client, "/data/company/ant-consumer-finance.ttl", "text/turtle").text
    assert "@prefix fr: <https://w3id.org/finreg/ontology#>" in body
    graph = rdf(body, "turtle")
    assert (ACF, RDF.type, URIRef(FR.Company)) in graph
    values = {graph.value(n, URIRef(FR.value)) for n in graph.objects(ACF, URIRef(FR.name))}
    assert Literal("蚂蚁消费金融有限公司", lang="zh") in values
    assert Literal("Ant Consumer Finance", lang="en") in values
    for event in (HUABEI_TRANSFER, JIEBEI_TRANSFER):
        assert (event, URIRef(FR.transferee), ACF) in graph
        assert (event, URIRef(FR.notAfter), None) in graph
    source = DATA["source/jingjiwang-2025-11-13-microloan-shakeout"]
    titles = set(graph.objects(source, URIRef("http://purl.org/dc/terms/title")))
    assert Literal("小贷行业深度洗牌", lang="zh") in titles
    assert (DATA["operation/ant-consumer-finance-huabei"], URIRef(FR.operator), ACF) in graph


def test_the_json_ld_description_is_the_same_graph(client: httpx.Client) -> None:
    turtle = fetch(client, "/data/company/ant-consumer-finance.ttl", "text/turtle").text
    json_ld = fetch(client, "/data/company/ant-consumer-finance.jsonld", "application/ld+json")
    from_turtle = rdf(turtle, "turtle")
    from_json_ld = rdf(json_ld.text, "json-ld")
    assert len(from_json_ld) == len(from_turtle) > 50
    assert isomorphic(from_turtle, from_json_ld)


def test_a_product_description_has_the_hand_over_that_moved_it(client: httpx.Client) -> None:
    body = fetch(client, "/data/product/huabei.ttl", "text/turtle").text
    graph = rdf(body, "turtle")
    assert (HUABEI_TRANSFER, URIRef(FR.transferredScope), DATA["product/huabei"]) in graph
    assert (HUABEI_TRANSFER, URIRef(FR.transferee), ACF) in graph


EXPORTS = [
    ("ttl", "text/turtle", "turtle"),
    ("trig", "application/trig", "trig"),
    ("nq", "application/n-quads", "nquads"),
    ("jsonld", "application/ld+json", "json-ld"),
]


@pytest.mark.parametrize(("fmt", "media_type", "parser"), EXPORTS)
def test_the_whole_graph_exports_parse_with_every_seed_triple(
    client: httpx.Client, seeded_store: GraphStore, fmt: str, media_type: str, parser: str
) -> None:
    response = fetch(client, f"/export/finreg.{fmt}", media_type)
    disposition = response.headers["content-disposition"]
    assert disposition == f'attachment; filename="finreg.{fmt}"'
    quads = seeded_store.count_triples()
    if fmt == "ttl":
        graph = rdf(response.content, parser)
        every = rdf_dataset(seeded_store.export("nq"), "nquads")
        assert len(graph) == len({(s, p, o) for s, p, o, _ in every.quads()})
        assert len(graph) > 1000
    else:
        dataset = rdf_dataset(response.content, parser)
        assert len(list(dataset.quads())) == quads


def test_the_turtle_export_is_turtle_not_trig(client: httpx.Client) -> None:
    body = fetch(client, "/export/finreg.ttl", "text/turtle").text
    rdf(body, "turtle")  # a TriG graph block would not parse
    assert "@prefix company: <https://w3id.org/finreg/id/company/>" in body


@pytest.mark.parametrize("picture", ["lineage.svg", "timeline.svg"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pictures_are_svg_documents(client: httpx.Client, picture: str, lang: str) -> None:
    path = f"/page/company/ant-consumer-finance/{picture}?lang={lang}"
    body = fetch(client, path, "image/svg+xml").text
    root = ET.fromstring(body)  # noqa: S314 (finreg's own output, parsed to check it)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    name = "蚂蚁消费金融有限公司" if lang == "zh" else "Ant Consumer Finance"
    assert name in body


def test_the_lineage_picture_links_to_the_pages(client: httpx.Client) -> None:
    body = fetch(client, "/page/product/huabei/lineage.svg?lang=en", "image/svg+xml").text
    assert "/page/company/ant-consumer-finance?lang=en" in body


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_timeline_csv_is_a_download_with_one_row_per_event(
    client: httpx.Client, lang: str
) -> None:
    path = f"/page/company/zhejiang-alibaba-microloan/timeline.csv?lang={lang}"
    response = fetch(client, path, "text/csv")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        f'attachment; filename="finreg-company-zhejiang-alibaba-microloan-timeline-{lang}.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    page = client.get(f"/page/company/zhejiang-alibaba-microloan?lang={lang}").text
    assert len(rows) == page.count('<tr class="event">') > 5
    assert {"2022-11", "2010-03-05", "2024-02"} <= {row["date"] for row in rows}
