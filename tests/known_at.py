"""A small graph for reading the graph as known on a date (``knownAt``): four sources
published on 2025-10-23, on 2025-10-24, in October 2025 (dated to the month only) and on
2025-11-18, and facts each first reported by one of them.

What a reader could know, by the end of:

========================  =============================================================
2025-10-22                nothing
2025-10-23 (first)        老公司 (its founding, undated: only the later source gives the
                          year), 集团 owning it
2025-10-24 (second)       新公司, and 老公司 handing business over to it (dated 2025-09)
2025-10-31, or "2025-10"  月报公司, and 老公司's loan balance (the monthly source)
2025-11-18 (later)        后来公司 and 新公司's hand-over to it, 老公司's English and former
                          names (旧称), the year of its founding (2010) and a second claim
                          that disagrees (2011), 集团 owning 新公司
========================  =============================================================
"""

from __future__ import annotations

from pathlib import Path

from tests.api.graph import API_PREFIXES
from tests.conftest import stated_by

GRAPH = (
    API_PREFIXES
    + f"""
source:first a fr:Source ; dcterms:title "第一篇报道"@zh ; dcterms:publisher "甲报"@zh ;
    dcterms:issued "2025-10-23"^^xsd:date .
source:second a fr:Source ; dcterms:title "第二篇报道"@zh ; dcterms:publisher "乙报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .
source:monthly a fr:Source ; dcterms:title "十月月刊"@zh ; dcterms:publisher "月刊"@zh ;
    dcterms:issued "2025-10"^^xsd:gYearMonth .
source:later a fr:Source ; dcterms:title "后来的报道"@zh ; dcterms:publisher "丙报"@zh ;
    dcterms:issued "2025-11-18"^^xsd:date .

company:old a fr:Company ;
    fr:name [ a fr:Name ; fr:value "老公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:first , source:later ] ,
            [ a fr:Name ; fr:value "Old Co"@en ; fr:nameKind fr:Translation ;
              prov:wasDerivedFrom source:later ] ,
            [ a fr:Name ; fr:value "旧称"@zh ; fr:nameKind fr:FormerName ;
              fr:validTo "2020"^^xsd:gYear ; prov:wasDerivedFrom source:later ;
              {stated_by("source:later", "fr:validTo")} ] .
company:new a fr:Company ;
    fr:name [ a fr:Name ; fr:value "新公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:second ] .
company:monthly a fr:Company ;
    fr:name [ a fr:Name ; fr:value "月报公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:monthly ] .
company:late a fr:Company ;
    fr:name [ a fr:Name ; fr:value "后来公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:later ] .
group:g a fr:Group ;
    fr:name [ a fr:Name ; fr:value "集团"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:first ] .
metric:balance a fr:Metric ; rdfs:label "贷款余额"@zh , "loan balance"@en .

event:old-founded a fr:Establishment ; fr:subject company:old ; fr:date "2010"^^xsd:gYear ;
    fr:summary "老公司成立"@zh , "Old Co is founded"@en ;
    prov:wasDerivedFrom source:first , source:later ;
    {stated_by("source:first", locator="[1]")} ;
    {stated_by("source:later", "fr:date", locator="[5]")} .
event:old-founded-other a fr:Establishment ; fr:subject company:old ;
    fr:date "2011"^^xsd:gYear ; fr:conflictsWith event:old-founded ;
    fr:summary "另说老公司成立于2011年"@zh ; prov:wasDerivedFrom source:later ;
    {stated_by("source:later", "fr:date")} .
event:old-to-new a fr:BusinessTransfer ; fr:transferor company:old ;
    fr:transferee company:new ; fr:date "2025-09"^^xsd:gYearMonth ;
    fr:summary "老公司把业务交给新公司"@zh ; prov:wasDerivedFrom source:second ;
    {stated_by("source:second", "fr:date")} .
event:new-to-late a fr:BusinessTransfer ; fr:transferor company:new ;
    fr:transferee company:late ; fr:date "2025-11"^^xsd:gYearMonth ;
    fr:summary "新公司把业务交给后来公司"@zh ; prov:wasDerivedFrom source:later ;
    {stated_by("source:later", "fr:date")} .

relationship:g-old a fr:Stake ; fr:owner group:g ; fr:owned company:old ;
    prov:wasDerivedFrom source:first .
relationship:g-new a fr:Stake ; fr:owner group:g ; fr:owned company:new ;
    prov:wasDerivedFrom source:later .

figure:old-balance a fr:Figure ; fr:figureOf company:old ; fr:metric metric:balance ;
    fr:amount "100"^^xsd:decimal ; fr:unit "亿元" ; fr:date "2025-09-30"^^xsd:date ;
    prov:wasDerivedFrom source:monthly ; {stated_by("source:monthly", "fr:date")} .
"""
)

DATES = {
    "before": "2025-10-22",
    "first": "2025-10-23",
    "second": "2025-10-24",
    "month_end": "2025-10-31",
    "month": "2025-10",
    "later": "2025-11-18",
}
"""The knownAt dates the tests read the graph at, by what they are."""


def write_known_at_graph(folder: Path) -> list[Path]:
    """Write the graph as one Turtle file in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "known-at.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return [path]
