"""A small graph for what the seeds do not have: two entities sharing a name at different
times, a company and a product sharing a name, a name to escape, a deregistration dated to
the year, and one whose bound the editors inferred."""

from __future__ import annotations

from tests.conftest import PREFIXES, stated_by

GRAPH = (
    PREFIXES
    + """
source:s a fr:Source ; dcterms:title "测试报道"@zh ; dcterms:publisher "测试报"@zh ;
    dcterms:issued "2025-10-24"^^xsd:date .
source:t a fr:Source ; dcterms:title "另一篇报道"@zh ; dcterms:publisher "另一报"@zh ;
    dcterms:issued "2025-11-01"^^xsd:date ; fr:url "https://example.org/t"^^xsd:anyURI .

company:ding-old a fr:Company ;
    fr:name [ a fr:Name ; fr:value "丁小额贷款有限公司"@zh ; fr:nameKind fr:FormerName ;
              fr:validTo "2019"^^xsd:gYear ; prov:wasDerivedFrom source:s ;
              """
    + stated_by("source:s", "fr:validTo")
    + """ ] ,
            [ a fr:Name ; fr:value "丁壹小额贷款有限公司"@zh ; fr:nameKind fr:LegalName ;
              fr:validFrom "2019"^^xsd:gYear ; prov:wasDerivedFrom source:s ;
              """
    + stated_by("source:s", "fr:validFrom")
    + """ ] .
company:ding-new a fr:Company ;
    fr:name [ a fr:Name ; fr:value "丁小额贷款有限公司"@zh ; fr:nameKind fr:LegalName ;
              fr:validFrom "2020-03"^^xsd:gYearMonth ; prov:wasDerivedFrom source:t ;
              """
    + stated_by("source:t", "fr:validFrom", locator="[2]")
    + """ ] .

company:wu a fr:Company ;
    fr:name [ a fr:Name ; fr:value "戊付"@zh ; fr:nameKind fr:ShortName ;
              prov:wasDerivedFrom source:s ] .
product:wu a fr:Product ;
    fr:name [ a fr:Name ; fr:value "戊付"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:s ] .

company:escaped a fr:Company ;
    fr:name [ a fr:Name ; fr:value "<script>alert(1)</script>己公司"@zh ; fr:nameKind fr:LegalName ;
              prov:wasDerivedFrom source:s ] .

event:ding-old-gone a fr:Deregistration ; fr:subject company:ding-old ;
    fr:date "2021"^^xsd:gYear ; fr:summary "丁壹注销"@zh ;
    prov:wasDerivedFrom source:s , source:t ;
    """
    + stated_by("source:s", "fr:date", locator="[4]")
    + """ ,
        [ a prov:Derivation ; prov:entity source:t ; fr:locator "[9]" ] .

event:wu-gone a fr:Deregistration ; fr:subject company:wu ;
    fr:notAfter "2024-12"^^xsd:gYearMonth ; fr:summary "戊注销"@zh ;
    prov:wasDerivedFrom source:s ;
    fr:inference [ a fr:Inference ; fr:inferredProperty fr:notAfter ;
                   fr:basis "报道称其已于年底前退出"@zh ,
                            "the report says it had left by the end of the year"@en ] .
"""
)

DING_OLD = "https://w3id.org/finreg/id/company/ding-old"
DING_NEW = "https://w3id.org/finreg/id/company/ding-new"
WU_COMPANY = "https://w3id.org/finreg/id/company/wu"
WU_PRODUCT = "https://w3id.org/finreg/id/product/wu"
ESCAPED = "https://w3id.org/finreg/id/company/escaped"
