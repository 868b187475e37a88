"""Pictures of lineages and timelines, and the timeline CSV: what a reader sees in them."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from api.present.csv_export import COLUMNS, timeline_csv
from api.present.lineage_picture import lineage_dot, lineage_svg, timeline_svg
from api.present.phrases import event_date
from kg.dates import PartialDate
from kg.knowledge import KnowledgeGraph
from kg.loaders import load_files
from kg.model import (
    Direction,
    Entity,
    EntityKind,
    Event,
    EventKind,
    Name,
    NameKind,
    Participation,
    Transfer,
)
from kg.store import GraphStore
from kg.vocab import DATA
from tests.conftest import PREFIXES, Files, stated_by

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = "A <b> & \"c\" 'd'"


def svg_root(text: str) -> ET.Element:
    """The picture parsed as XML, checked to be a standalone, accessible SVG document."""
    root = ET.fromstring(text)  # noqa: S314 (finreg's own output, parsed to check it)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    assert root.find(f"{SVG}desc") is not None
    return root


def texts(element: ET.Element) -> list[str]:
    """Every <text> inside ``element``."""
    return [t.text or "" for t in element.iter(f"{SVG}text")]


def groups(root: ET.Element, kind: str) -> list[ET.Element]:
    """The <g> elements of one class (node, handover, event)."""
    return [g for g in root.iter(f"{SVG}g") if kind in (g.get("class") or "").split()]


def huabei(seed_graph: KnowledgeGraph) -> tuple[Entity, tuple[Transfer, ...], dict[str, Entity]]:
    """Huabei, its hand-overs and the entities they name."""
    product = seed_graph.resolve("花呗")
    assert product is not None
    transfers = seed_graph.lineage(product, Direction.DOWNSTREAM).transfers
    return product, transfers, seed_graph.lineage_names(product, transfers)


def test_huabei_lineage_svg_shows_ant_consumer_finance_and_the_dated_hand_over(
    seed_graph: KnowledgeGraph,
) -> None:
    product, transfers, names = huabei(seed_graph)
    assert transfers
    root = svg_root(lineage_svg(transfers, names, focus=product.iri, lang="zh"))
    assert "蚂蚁消费金融有限公司" in [t for n in groups(root, "node") for t in texts(n)]
    handover = next(
        t for t in transfers if t.transferee == str(DATA["company/ant-consumer-finance"])
    )
    arrows = {g.get("data-event"): texts(g) for g in groups(root, "handover")}
    assert len(arrows) == len(transfers)
    label = arrows[handover.event.iri]
    assert event_date(handover.event) in label  # the date at its own precision, "≤2024-12-30"
    assert "花呗" in label
    assert "花呗" in (root.findtext(f"{SVG}title") or "")


def test_english_lineage_svg_names_entities_in_english(seed_graph: KnowledgeGraph) -> None:
    product, transfers, names = huabei(seed_graph)
    root = svg_root(lineage_svg(transfers, names, focus=product.iri, lang="en"))
    assert "Ant Consumer Finance" in [t for n in groups(root, "node") for t in texts(n)]
    assert any("Huabei" in texts(g) for g in groups(root, "handover"))
    assert root.findtext(f"{SVG}title") == "Hand-overs of Huabei"


def test_lineage_svg_links_every_box_when_asked(seed_graph: KnowledgeGraph) -> None:
    product, transfers, names = huabei(seed_graph)

    def link(iri: str) -> str:
        return "/page/" + iri.removeprefix(str(DATA)) + "?lang=en&x=1"

    root = svg_root(lineage_svg(transfers, names, focus=product.iri, link=link))
    anchors = list(root.iter(f"{SVG}a"))
    assert len(anchors) == len(groups(root, "node")) == 2
    assert {a.get("href") for a in anchors} == {
        "/page/company/ant-consumer-finance?lang=en&x=1",
        "/page/company/chongqing-ant-xiaowei-microloan?lang=en&x=1",
    }


def test_empty_lineage_is_a_small_valid_picture_saying_so() -> None:
    root = svg_root(lineage_svg([], {}, focus="urn:x", lang="zh"))
    assert "无业务承接" in texts(root)
    root = svg_root(lineage_svg([], {}, focus="urn:x", lang="en"))
    assert "no hand-overs" in texts(root)


def entity(iri: str, name: str, lang: str = "zh") -> Entity:
    """An entity with one legal name."""
    return Entity(iri, EntityKind.COMPANY, (Name(name, lang, NameKind.LEGAL),))


def handover(
    iri: str, a: str, b: str, when: str | None = None, *, by: str | None = None
) -> Transfer:
    """A hand-over from ``a`` to ``b``, dated ``when`` or known only to be done ``by``."""
    event = Event(
        iri,
        EventKind.BUSINESS_TRANSFER,
        PartialDate.parse(when) if when else None,
        not_after=PartialDate.parse(by) if by else None,
        participants=(Participation("transferor", a), Participation("transferee", b)),
    )
    return Transfer(event, a, b, (), 1)


def overlaps(a: ET.Element, b: ET.Element) -> bool:
    """Whether two <rect>s overlap."""
    ax, ay, aw, ah = (float(a.get(k) or 0) for k in ("x", "y", "width", "height"))
    bx, by, bw, bh = (float(b.get(k) or 0) for k in ("x", "y", "width", "height"))
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def test_cycles_forks_and_long_hand_overs_are_all_drawn_without_overlapping_boxes() -> None:
    transfers = [
        handover("e:ab", "A", "B", "2015"),
        handover("e:bc", "B", "C", "2020-03"),
        handover("e:ca", "C", "A", "2021-05-04"),  # closes a cycle
        handover("e:ac", "A", "C", by="2019"),  # skips a column
        handover("e:ad", "A", "D", "2016"),  # a fork
        handover("e:dc", "D", "C", "2017"),
        handover("e:bc2", "B", "C", "2022"),  # a second hand-over between the same two
    ]
    names = {i: entity(i, f"公司{i}") for i in "ABCD"}
    svg = lineage_svg(transfers, names, focus="A")
    assert svg == lineage_svg(transfers, names, focus="A")  # deterministic
    root = svg_root(svg)
    boxes = [n.find(f"{SVG}rect") for n in groups(root, "node")]
    assert len(boxes) == 4
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert a is not None
            assert b is not None
            assert not overlaps(a, b)
    arrows = {g.get("data-event"): g for g in groups(root, "handover")}
    assert set(arrows) == {t.event.iri for t in transfers}
    assert all(g.find(f"{SVG}path") is not None for g in arrows.values())
    assert "≤2019" in texts(arrows["e:ac"])
    assert "2021-05-04" in texts(arrows["e:ca"])
    focus = [n for n in groups(root, "node") if "focus" in (n.get("class") or "")]
    assert [texts(n) for n in focus] == [["公司A"]]


def test_hostile_names_are_escaped_in_svg_and_dot() -> None:
    names = {"A": entity("A", HOSTILE), "B": entity("B", "x\\y\nz")}
    transfers = [handover("e:1", "A", "B", "2015")]
    svg = lineage_svg(transfers, names, focus="A")
    assert "<b>" not in svg
    root = svg_root(svg)
    assert HOSTILE in texts(root)
    dot = lineage_dot(transfers, names, focus="A")
    assert 'label="A <b> & \\"c\\" \'d\'"' in dot
    assert 'label="x\\\\y\\nz"' in dot
    assert_dot_well_formed(dot)


def assert_dot_well_formed(dot: str) -> None:
    """Every statement line is a node or an edge of double-quoted strings, and Graphviz (when
    installed) renders the source."""
    lines = dot.splitlines()
    assert lines[0] == "digraph lineage {"
    assert lines[-1] == "}"
    string = r'"(?:[^"\\]|\\.)*"'
    value = rf'(?:{string}|[A-Za-z0-9.#"]+)'
    attrs = rf"\[(?:[a-zA-Z]+={value})(?:, [a-zA-Z]+={value})*\];"
    statement = re.compile(rf"^  (?:(?:graph|node|edge) |{string} (?:-> {string} )?){attrs}$")
    for line in lines[1:-1]:
        assert statement.match(line), line
    if shutil.which("dot"):
        rendered = subprocess.run(
            ["dot", "-Tsvg"], input=dot, capture_output=True, text=True, check=True, timeout=60
        )
        svg = rendered.stdout.split("?>", 1)[-1].split("-->", 1)[-1].strip()
        ET.fromstring(svg)  # noqa: S314 (Graphviz's output of our own source)


def test_huabei_lineage_dot_has_both_companies_and_the_labelled_edge(
    seed_graph: KnowledgeGraph,
) -> None:
    product, transfers, names = huabei(seed_graph)
    dot = lineage_dot(transfers, names, focus=product.iri, lang="en")
    assert_dot_well_formed(dot)
    ant = str(DATA["company/ant-consumer-finance"])
    assert f'"{ant}" [label="Ant Consumer Finance"' in dot
    edge = next(line for line in dot.splitlines() if f'-> "{ant}"' in line)
    assert "≤2024-12-30\\nHuabei" in edge


def load_small_graph(files: Files, store: GraphStore) -> KnowledgeGraph:
    """The conftest graph (甲 hands over to 乙 in 2015, 乙 hands 花花 to 丙 by 2023-06)."""
    load_files(store, [files.entities, files.events])
    return KnowledgeGraph(store)


def test_timeline_svg_marks_each_date_at_its_precision(files: Files, store: GraphStore) -> None:
    graph = load_small_graph(files, store)
    for name, expected in (("甲小额贷款有限公司", {"year", "day"}), ("乙银行", {"year", "by"})):
        found = graph.resolve(name)
        assert found is not None
        events = graph.timeline(found.iri)
        names, _ = graph.timeline_context(found, events)
        root = svg_root(timeline_svg(events, names, lang="zh", focus=found.iri))
        marks = groups(root, "event")
        assert len(marks) == len(events) == 2
        shapes = {
            cls
            for g in marks
            for el in g
            if (cls := el.get("class")) in {"year", "month", "day", "by", "from"}
        }
        assert shapes == expected
        labels = [t for g in marks for t in texts(g)]
        assert any("2015" in t and "业务承接" in t for t in labels)


def test_a_year_spans_twelve_months_and_a_bound_is_open() -> None:
    events = [
        Event("e:y", EventKind.ESTABLISHMENT, PartialDate.parse("2015")),
        Event("e:m", EventKind.RENAME, PartialDate.parse("2016-02")),
        Event("e:d", EventKind.DEREGISTRATION, PartialDate.parse("2017-03-01")),
        Event("e:b", EventKind.LIQUIDATION, not_after=PartialDate.parse("2018")),
        Event("e:u", EventKind.OTHER),
    ]
    svg = timeline_svg(events, {}, lang="en")
    assert svg == timeline_svg(events, {}, lang="en")
    root = svg_root(svg)
    marks = {g.get("data-event"): g for g in groups(root, "event")}
    year = marks["e:y"].find(f"{SVG}rect")
    month = marks["e:m"].find(f"{SVG}rect")
    assert year is not None
    assert month is not None
    ratio = float(year.get("width") or 0) / float(month.get("width") or 1)
    assert 11 < ratio < 14  # February is shorter than a twelfth of 2015
    assert marks["e:d"].find(f"{SVG}circle") is not None
    dashed = [p for p in marks["e:b"].iter(f"{SVG}path") if p.get("stroke-dasharray")]
    assert dashed
    assert dashed[0].get("class") == "by"
    assert "≤2018 liquidation" in texts(marks["e:b"])
    assert "undated other event" in texts(marks["e:u"])
    assert "no events" in texts(svg_root(timeline_svg([], {}, lang="en")))


def test_timeline_csv_round_trips_with_dates_as_written_and_sources_named(
    files: Files, store: GraphStore
) -> None:
    graph = load_small_graph(files, store)
    found = graph.resolve("乙银行")
    assert found is not None
    events = graph.timeline(found.iri)
    names, sources = graph.timeline_context(found, events)
    text = timeline_csv(events, names, sources, lang="zh")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert tuple(rows[0]) == COLUMNS
    table = [dict(zip(COLUMNS, row, strict=True)) for row in rows[1:]]
    assert [(r["date"], r["precision"], r["not_after"]) for r in table] == [
        ("2015", "year", ""),
        ("", "", "2023-06"),
    ]
    first, second = table
    assert first["kind"] == "BUSINESS_TRANSFER"
    assert first["kind_label"] == "业务承接"
    assert first["summary"] == "甲把业务交给乙"
    assert first["participants"] == "转出方: 甲小额贷款有限公司; 承接方: 乙银行"
    assert first["sources"] == "测试报道 — 测试报 — 2025-10-24"
    assert "测试报道 — 测试报 — 2025-10-24 [7]" in second["sources"]
    assert "转移范围: 花花" in second["participants"]
    assert second["event"] == str(DATA["event/b-to-c"])
    english = list(csv.DictReader(io.StringIO(timeline_csv(events, names, sources, lang="en"))))
    assert english[0]["summary"] == "A hands over to B"
    assert english[0]["participants"].startswith("transferor: Jia Microloan;")


@pytest.mark.parametrize("bom", [False, True])
def test_timeline_csv_quotes_hostile_text(bom: bool) -> None:
    event = Event(
        "e:1",
        EventKind.OTHER,
        PartialDate.parse("2024-12-30"),
        summaries=(("zh", 'a,b "c"\nd'),),
        participants=(Participation("subject", "A"),),
    )
    text = timeline_csv([event], {"A": entity("A", HOSTILE)}, {}, bom=bom)
    assert text.startswith("\ufeff") is bom
    row = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))[1]
    assert row[0:2] == ["2024-12-30", "day"]
    assert row[COLUMNS.index("summary")] == 'a,b "c"\nd'
    assert row[COLUMNS.index("participants")] == f"主体: {HOSTILE}"


def test_hostile_names_from_a_loaded_file_are_escaped(tmp_path: Path, store: GraphStore) -> None:
    path = tmp_path / "hostile.ttl"
    path.write_text(
        PREFIXES
        + f"""
source:s a fr:Source ; dcterms:title "报道"@zh ; dcterms:publisher "报"@zh ;
    dcterms:issued "2025"^^xsd:gYear .
company:x a fr:Company ; fr:name [ a fr:Name ; fr:value "X <script>&amp; \\"公司\\""@zh ;
    fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .
company:y a fr:Company ; fr:name [ a fr:Name ; fr:value "Y ]] --> <!--"@zh ;
    fr:nameKind fr:LegalName ; prov:wasDerivedFrom source:s ] .
event:xy a fr:BusinessTransfer ; fr:transferor company:x ; fr:transferee company:y ;
    fr:date "2020-01"^^xsd:gYearMonth ; fr:summary "X & Y <交接>"@zh ;
    prov:wasDerivedFrom source:s ; {stated_by("source:s", "fr:date")} .
""",
        encoding="utf-8",
    )
    load_files(store, [path])
    graph = KnowledgeGraph(store)
    start = graph.entity(str(DATA["company/x"]))
    assert start is not None
    transfers = graph.lineage(start, Direction.DOWNSTREAM).transfers
    names = graph.lineage_names(start, transfers)
    root = svg_root(lineage_svg(transfers, names, focus=start.iri))
    assert {'X <script>&amp; "公司"', "Y ]] --> <!--"} <= set(texts(root))
    assert_dot_well_formed(lineage_dot(transfers, names, focus=start.iri))


def test_pictures_inlined_in_one_page_can_keep_their_ids_apart() -> None:
    transfers = [handover("e:1", "A", "B", "2015")]
    names = {"A": entity("A", "甲"), "B": entity("B", "乙")}
    pictures = [
        lineage_svg(transfers, names, focus="A", id_prefix="one"),
        lineage_svg(transfers, names, focus="B", id_prefix="two"),
        timeline_svg([t.event for t in transfers], names, id_prefix="three"),
    ]
    ids = [[el.get("id") or "" for el in svg_root(p).iter() if el.get("id")] for p in pictures]
    assert all(ids)
    assert all(
        i.startswith(prefix + "-")
        for prefix, found in zip(["one", "two", "three"], ids, strict=True)
        for i in found
    )
    assert len({i for found in ids for i in found}) == sum(len(found) for found in ids)
    with pytest.raises(ValueError, match="not an XML id prefix"):
        lineage_svg(transfers, names, focus="A", id_prefix='x" onload="alert(1)')
